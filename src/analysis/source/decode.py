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
_TEXT_CONTROLS = {0x09, 0x0A, 0x0D}


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    had_bom: bool
    newline: str


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


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
    controls = sum(1 for b in sample if b < 0x20 and b not in _TEXT_CONTROLS)
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
                raise ListFormatError(
                    f"the file starts with a {encoding} byte-order mark but is not {encoding}",
                    _line_of(body, exc.start),
                    path,
                ) from None
            return _normalise(text, encoding, had_bom=True)

    _check_not_binary(data, path)
    try:
        return _normalise(data.decode("utf-8"), "utf-8", had_bom=False)
    except UnicodeDecodeError as utf8_error:
        try:
            # GB18030 is a superset of GBK and GB2312, so one attempt covers all three.
            return _normalise(data.decode("gb18030"), "gb18030", had_bom=False)
        except UnicodeDecodeError:
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
