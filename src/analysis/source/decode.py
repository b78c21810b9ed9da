"""Turn the bytes of a list file into text, whatever encoding and line endings it arrived in."""

from dataclasses import dataclass
from pathlib import PurePath

import charset_normalizer

from .errors import ListFormatError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Control characters other than tab, LF and CR do not occur in text exports;
# a file with many of them is binary even when it happens to decode.
_OTHER_CONTROLS = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0D))


# East Asian encodings the kit does not read. Their bytes mostly decode as GB18030 too, as
# nonsense, so a file that is not UTF-8 is first shown to charset-normalizer, and one that looks
# like any of these is refused with the iconv command that converts it (names as iconv spells
# them). A GB18030 file is never refused for looking like UTF-16 or a Western code page, which
# the detector can say of a very short one.
_FOREIGN = {
    "big5": ("Big5 (traditional Chinese)", "BIG5"),
    "cp950": ("Big5 (traditional Chinese, Windows code page 950)", "CP950"),
    "big5hkscs": ("Big5-HKSCS (traditional Chinese, Hong Kong)", "BIG5-HKSCS"),
    "shift_jis": ("Shift-JIS (Japanese)", "SHIFT_JIS"),
    "cp932": ("Shift-JIS (Japanese, Windows code page 932)", "CP932"),
    "shift_jis_2004": ("Shift-JIS (Japanese)", "SHIFT_JISX0213"),
    "shift_jisx0213": ("Shift-JIS (Japanese)", "SHIFT_JISX0213"),
    "euc_jp": ("EUC-JP (Japanese)", "EUC-JP"),
    "euc_jis_2004": ("EUC-JP (Japanese)", "EUC-JISX0213"),
    "euc_jisx0213": ("EUC-JP (Japanese)", "EUC-JISX0213"),
    "iso2022_jp": ("ISO-2022-JP (Japanese)", "ISO-2022-JP"),
    "euc_kr": ("EUC-KR (Korean)", "EUC-KR"),
    "cp949": ("EUC-KR (Korean, Windows code page 949)", "CP949"),
    "johab": ("Johab (Korean)", "JOHAB"),
}

_GB = frozenset(["gb18030", "gbk", "gb2312", "hz"])


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

    Raises ListFormatError for an empty, binary or undecodable file, naming the 1-based line,
    and for a file in another East Asian encoding (Big5, Shift-JIS, EUC-KR, …), naming the
    encoding and the iconv command that converts it.
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
        _refuse_foreign_encoding(data, path)
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


def _refuse_foreign_encoding(data: bytes, path: str | None) -> None:
    """A ListFormatError naming the encoding a non-UTF-8 file looks like, when that is one the
    kit does not read (Big5, Shift-JIS, …), with the one-line iconv command that converts it."""
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None or best.encoding not in _FOREIGN:
        return
    # A few lines of GB text fit several encodings equally well: GB is then the reading.
    if any(m.encoding in _GB and m.chaos <= best.chaos for m in matches):
        return
    name, iconv_name = _FOREIGN[best.encoding]
    # Bytes with no file behind them (``<bytes>``) get a placeholder name safe in a shell.
    source = PurePath(path).name if path and not path.startswith("<") else "list.txt"
    stem = PurePath(source).stem
    raise ListFormatError(
        f"the file looks like {name}, an encoding this kit does not read (it reads UTF-8, "
        f"UTF-16 and GB18030/GBK); read as GB18030 it would be nonsense. Convert it to UTF-8 "
        f"first: iconv -f {iconv_name} -t UTF-8 {source} > {stem}-utf8.txt",
        1,
        path,
    )


def _normalise(text: str, encoding: str, had_bom: bool) -> DecodedText:
    if "\r\n" in text:
        newline = "\r\n"
    elif "\r" in text:
        newline = "\r"
    else:
        newline = "\n"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(text=text, encoding=encoding, had_bom=had_bom, newline=newline)
