"""A finished result table read back as ``write.write_csv`` wrote it."""

from pathlib import Path

import pandas as pd


def read_table(path: Path) -> pd.DataFrame:
    """The result CSV at ``path``: empty cells are missing values, integer columns with gaps
    stay integers (``Int64``), and a term such as ``NA`` stays text. A missing file says to run
    the notebooks first; a file that is not a table says so, with its path."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run the notebooks first")
    try:
        return pd.read_csv(path, keep_default_na=False, na_values=[""]).convert_dtypes()
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path} cannot be read as a table: {exc}") from None
