"""Several list files for a comparison: each loaded on its own, and every one that fails named
with its line, so the others go on.

Paths may be files, glob patterns or folders (a folder stands for the ``*.txt`` files in it);
they are expanded as ``load_corpus`` expands them (``corpus.expand_paths``), so both read the
same files in the same order.
"""

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .corpus import NO_MATCH, expand_paths
from .errors import ListFormatError
from .load import load_items

ERROR_COLUMNS = ["source", "line", "message"]


def _entries(paths: Iterable[str | Path]) -> list[str]:
    entries = []
    for entry in paths:
        entry = str(entry)
        entries.append(str(Path(entry) / "*.txt") if Path(entry).is_dir() else entry)
    return entries


def load_lists(paths: Iterable[str | Path]) -> tuple[list[pd.DataFrame], pd.DataFrame]:
    """``(lists, errors)``: the items table of every file that loaded, in order, and one row
    per file (or pattern) that did not: ``source``, ``line`` (1-based, missing when the problem
    is the whole file) and ``message``."""
    files, unmatched = expand_paths(_entries(paths))
    lists, errors = [], []
    for source in files:
        try:
            lists.append(load_items(source))
        except ListFormatError as error:
            errors.append({"source": source, "line": error.line, "message": str(error)})
        except OSError as error:
            reason = error.strerror or type(error).__name__
            errors.append(
                {"source": source, "line": None, "message": f"{source}: cannot be read: {reason}"}
            )
    errors += [{"source": p, "line": None, "message": f"{p}: {NO_MATCH}"} for p in unmatched]
    table = pd.DataFrame(errors, columns=ERROR_COLUMNS).astype({"line": "Int64"})
    return lists, table
