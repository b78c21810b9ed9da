"""Many list files as one corpus: a Dask DataFrame of their items, and an account of every file.

``load_corpus(paths)`` parses each file with ``load_items``, as one Dask task per file, so on a
cluster the files are read and parsed by the workers. A file that cannot be read or parsed
does not stop the others: it gets a row in ``Corpus.errors`` with its name, the 1-based line
``ListFormatError`` names (when the problem has a line) and the message. ``Corpus.files``
accounts for every file asked for, loaded or not, so no file is dropped without a trace.

Dask is imported when ``load_corpus`` is called, never when this module is imported.
"""

import glob
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate, pairwise
from pathlib import Path

import pandas as pd

from .errors import ListFormatError
from .load import COLUMNS, load_items

SOURCE_COLUMN = "source"
FILE_COLUMNS = ["source", "loaded", "items", "line", "message", "sha256", "encoding", "repairs"]
ERROR_COLUMNS = ["source", "line", "message"]
FILE_DTYPES = {"source": "str", "loaded": "bool", "items": "int64", "line": "Int64",
               "message": "str", "sha256": "str", "encoding": "str",
               "repairs": "int64"}  # fmt: skip
NO_MATCH = "no file matches this path or pattern"


@dataclass(frozen=True)
class Corpus:
    """What ``load_corpus`` returns.

    - ``items``: a Dask DataFrame, one row per item of every file that loaded: ``source`` (the
      file's path as given or as the pattern expanded it), then ``load_items``' columns.
      ``item_id`` restarts in each file: ``(source, item_id)`` names an item. One partition
      per file, in the order of ``files``; the index runs 0 … N-1 across them.
    - ``files``: a pandas table, one row per file asked for (and one per pattern that matched
      nothing): ``source``, ``loaded``, ``items``, ``line`` and ``message`` (why it did not
      load), ``sha256``, ``encoding`` and ``repairs`` (how many repairs ``load_items`` made;
      ``load_items(source)`` lists them).
    """

    items: object
    files: pd.DataFrame

    @property
    def errors(self) -> pd.DataFrame:
        """The files that did not load: ``source``, ``line`` (1-based, or missing when the
        problem is the whole file) and ``message`` (``ListFormatError``'s, naming both)."""
        failed = self.files.loc[~self.files["loaded"], ERROR_COLUMNS]
        return failed.reset_index(drop=True)


def expand_paths(paths: str | Path | Iterable[str | Path]) -> tuple[list[str], list[str]]:
    """The files ``paths`` names, in order, each once, and the patterns that matched nothing.

    ``paths`` is one path or glob pattern, or several. A pattern (``*``, ``?``, ``[``; ``**``
    recurses) gives its matches sorted by name; a plain path is kept as given, even when it does
    not exist, so that loading it reports why.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    files: list[str] = []
    unmatched: list[str] = []
    for entry in paths:
        entry = str(entry)
        if glob.has_magic(entry):
            matches = sorted(m for m in glob.glob(entry, recursive=True) if Path(m).is_file())
            if not matches:
                unmatched.append(entry)
            files.extend(matches)
        else:
            files.append(entry)
    seen: set[Path] = set()
    unique = []
    for file in files:
        key = Path(file).resolve()
        if key not in seen:
            seen.add(key)
            unique.append(file)
    return unique, unmatched


def _file_row(source: str, **values) -> dict:
    row = {"source": source, "loaded": False, "items": 0, "line": None, "message": "",
           "sha256": "", "encoding": "", "repairs": 0}  # fmt: skip
    row.update(values)
    return row


def load_file(source: str) -> tuple[pd.DataFrame | None, dict]:
    """One file: its items with a ``source`` column (None if it did not load), and its row of
    ``Corpus.files``. Runs on a worker."""
    try:
        items = load_items(source)
    except ListFormatError as error:
        return None, _file_row(source, line=error.line, message=str(error))
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return None, _file_row(source, message=f"{source}: cannot be read: {reason}")
    row = _file_row(
        source,
        loaded=True,
        items=len(items),
        sha256=items.attrs["sha256"],
        encoding=items.attrs["encoding"],
        repairs=len(items.attrs["repairs"]),
    )
    items.insert(0, SOURCE_COLUMN, pd.Series([source] * len(items), dtype="str"))
    items.attrs = {}
    return items, row


def _frame(loaded: tuple, start: int) -> pd.DataFrame:
    """A file's items, numbered on from the files before it."""
    frame = loaded[0]
    return frame.set_axis(pd.RangeIndex(start, start + len(frame)))


def _row(loaded: tuple) -> dict:
    return loaded[1]


def _empty_head(loaded: tuple) -> pd.DataFrame:
    return loaded[0].iloc[:0]


def _divisions(starts: list[int]) -> tuple[int, ...] | None:
    """Each partition's first index, then the last partition's last; unknown if one is empty."""
    if any(b <= a for a, b in pairwise(starts)):
        return None
    return (*starts[:-1], starts[-1] - 1)


def load_corpus(paths: str | Path | Iterable[str | Path], *, client=None) -> Corpus:
    """Many policy lists, one file per list: ``paths`` is a path, a glob pattern
    (``"lists/*.txt"``) or a list of either. Returns a ``Corpus`` (``items``, ``files``,
    ``errors``); a file that fails is reported in ``errors``, the others load.

    Each file is parsed by ``load_items`` in a Dask task: on ``client``'s cluster when given,
    else on Dask's default scheduler. The files must be readable by the workers under the same
    paths (a shared file system, on a cluster). The parsed items stay where they were parsed
    (``persist``), so later passes over ``items`` do not read the files again.
    """
    import dask
    import dask.dataframe as dd
    from dask import delayed

    files, unmatched = expand_paths(paths)
    loads = [delayed(load_file, pure=True)(source) for source in files]
    loads = client.persist(loads) if client is not None else list(dask.persist(*loads))
    row_tasks = [delayed(_row, pure=True)(loaded) for loaded in loads]
    rows = client.gather(client.compute(row_tasks)) if client else list(dask.compute(*row_tasks))
    loaded = [(load, row["items"]) for load, row in zip(loads, rows, strict=True) if row["loaded"]]
    rows += [_file_row(pattern, message=f"{pattern}: {NO_MATCH}") for pattern in unmatched]
    table = pd.DataFrame(rows, columns=FILE_COLUMNS).astype(FILE_DTYPES)

    if loaded:
        # The loader's own empty table, so the frame's columns and dtypes are the loader's.
        meta = delayed(_empty_head, pure=True)(loaded[0][0])
        meta = client.compute(meta).result() if client is not None else meta.compute()
        # The index runs on across files (0 … N-1), so the partitions' bounds are known.
        starts = list(accumulate((n for _, n in loaded), initial=0))
        frames = [
            delayed(_frame, pure=True)(load, start)
            for (load, _), start in zip(loaded, starts[:-1], strict=True)
        ]
        items = dd.from_delayed(frames, meta=meta, divisions=_divisions(starts))
    else:
        items = dd.from_pandas(pd.DataFrame(columns=[SOURCE_COLUMN, *COLUMNS]), npartitions=1)
    return Corpus(items=items, files=table)


def per_source(function, items: pd.DataFrame, *args) -> pd.DataFrame:
    """``function(items, *args)`` run file by file when ``items`` come from several lists.

    ``item_id`` restarts in each file, so a table of many files' items is traced back to its
    file by ``source`` alone: each file's rows go through ``function`` on their own and the
    result gets ``source`` as its first column, files in the order they first appear. Items
    without a ``source`` column go straight through."""
    if SOURCE_COLUMN not in items.columns:
        return function(items, *args)
    tables = []
    for source, rows in items.groupby(SOURCE_COLUMN, sort=False):
        table = function(rows.drop(columns=SOURCE_COLUMN), *args)
        table.insert(0, SOURCE_COLUMN, pd.Series([source] * len(table), dtype="str"))
        tables.append(table)
    if not tables:
        empty = function(items.drop(columns=SOURCE_COLUMN), *args)
        empty.insert(0, SOURCE_COLUMN, pd.Series([], dtype="str"))
        return empty
    return pd.concat(tables, ignore_index=True)
