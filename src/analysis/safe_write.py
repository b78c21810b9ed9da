"""Every output file is written whole or not at all.

A writer writes to a temporary name in the target's own folder and renames it into place
(``os.replace``, atomic on one file system). A run that is killed, or two runs writing into the
same folder at once, can never leave a half-written CSV, PNG or workbook under a real name; at
worst a temporary file is left behind, named ``.<name>.<random>.partial`` so that no reader's
pattern (``*.png``, ``*.csv``) matches it and ``.gitignore`` ignores it.
"""

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

PARTIAL_SUFFIX = ".partial"


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


_UMASK = _umask()


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` for a writer that wants a file name (matplotlib,
    pandas, python-pptx); it replaces ``path`` when the block ends without an error, and is
    removed when it raises."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=PARTIAL_SUFFIX
    )
    os.close(handle)
    temporary = Path(temporary)
    try:
        yield temporary
        # mkstemp makes the file readable by its owner only; a result is as readable as any
        # file the user makes.
        os.chmod(temporary, 0o666 & ~_UMASK)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_bytes(path: Path, data: bytes) -> Path:
    with replacing(path) as temporary:
        temporary.write_bytes(data)
    return Path(path)


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    return write_bytes(path, text.encode(encoding))
