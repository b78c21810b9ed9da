"""Turn the bytes of a list file into text, whatever encoding and line endings it arrived in."""

from dataclasses import dataclass

from .errors import ListFormatError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Control characters other than tab, LF and CR do not occur in text exports;
# a file with many of them is binary even when it happens to decode.
_OTHER_CONTROLS = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0D))


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    had_bom: bool
    newline: str


def _line_of(data: bytes, offset: int) -> int:
    """The 1-based line of a byte offset in ASCII-compatible bytes (UTF-8, GB18030: neither
    uses the bytes of CR or LF inside a character), counted as ``_normalise`` will split."""
    head = data[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return head.count(b"\n") + 1


def _line_of_text(text: str) -> int:
    """The 1-based line on which ``text`` ends."""
    return text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


def _cut_short(encoding: str, line: int, path: str | None) -> ListFormatError:
    return ListFormatError(
        f"the file ends in the middle of a {encoding} character: it was cut short, and its "
        "last line is incomplete",
        line,
        path,
    )


def _check_not_binary(data: bytes, path: str | None) -> None:
    nul = data.find(b"\x00")
    if nul != -1:
        raise ListFormatError(
            "the file is binary (it contains a NUL byte), not a text list; UTF-16 text without "
            "a byte-order mark looks the same: save it as UTF-8",
            _line_of(data, nul),
            path,
        )
    sample = data[:4096]
    controls = len(sample) - len(sample.translate(None, _OTHER_CONTROLS))
    if controls > max(8, len(sample) // 100):
        raise ListFormatError(
            f"the file looks binary ({controls} control bytes in its first {len(sample)} bytes)",
            1,
            path,
        )


def decode_list_bytes(data: bytes, path: str | None = None) -> DecodedText:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK; normalise newlines.

    Raises ListFormatError for an empty, binary or undecodable file, naming the 1-based line.
    """
    if not data.strip():
        raise ListFormatError("the file is empty", 1, path)

    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            if not body.strip():
                raise ListFormatError("the file is empty (only a byte-order mark)", 1, path)
            try:
                text = body.decode(encoding)
            except UnicodeDecodeError as exc:
                # Everything before the bad bytes decodes; UTF-16 is not ASCII-compatible, so
                # lines are counted in the text, not in the bytes.
                line = _line_of_text(body[: exc.start].decode(encoding))
                if exc.reason in ("truncated data", "unexpected end of data"):
                    raise _cut_short(encoding, line, path) from None
                raise ListFormatError(
                    f"the file starts with a {encoding} byte-order mark but is not {encoding}",
                    line,
                    path,
                ) from None
            return _normalise(text, encoding, had_bom=True)

    _check_not_binary(data, path)
    try:
        return _normalise(data.decode("utf-8"), "utf-8", had_bom=False)
    except UnicodeDecodeError as utf8_error:
        cut_in_half = utf8_error.reason == "unexpected end of data"
        if cut_in_half and not data[: utf8_error.start].isascii():
            # Valid UTF-8 with Chinese in it up to a character cut in half at the very end;
            # read as GB18030 it would come out as nonsense.
            raise _cut_short("UTF-8", _line_of(data, utf8_error.start), path) from None
        try:
            # GB18030 is a superset of GBK and GB2312, so one attempt covers all three.
            return _normalise(data.decode("gb18030"), "gb18030", had_bom=False)
        except UnicodeDecodeError as gb_error:
            # A GB18030 file (it decoded further as GB18030 than as UTF-8) cut in half.
            cut_in_half = gb_error.reason == "incomplete multibyte sequence"
            if cut_in_half and gb_error.start > utf8_error.start:
                raise _cut_short("GB18030", _line_of(data, gb_error.start), path) from None
            raise ListFormatError(
                "the file is neither UTF-8 nor GB18030/GBK text "
                f"(byte 0x{data[utf8_error.start]:02x} cannot be decoded)",
                _line_of(data, utf8_error.start),
                path,
            ) from None


def _normalise(text: str, encoding: str, had_bom: bool) -> DecodedText:
    if "\r\n" in text:
        newline = "\r\n"
    elif "\r" in text:
        newline = "\r"
    else:
        newline = "\n"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(text=text, encoding=encoding, had_bom=had_bom, newline=newline)
