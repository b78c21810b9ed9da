"""The project's errors for input that cannot be used as it stands: a list, a codebook, a
glossary, a lexicon. Each names the file and the 1-based line (and, for a codebook, the entry),
so a user can open the file where it fails."""


class InputFileError(ValueError):
    """An input file that cannot be used as it stands, with where it fails: ``path``, the
    1-based ``line`` and, where the format has named entries, the ``entry``."""

    def __init__(
        self,
        message: str,
        line: int | None = None,
        path: str | None = None,
        entry: str | None = None,
    ):
        self.line = line
        self.path = path
        self.entry = entry
        where = f"{path}: " if path is not None else ""
        if line is not None:
            where += f"line {line}: "
        if entry is not None:
            where += f"[{entry}] "
        super().__init__(f"{where}{message}")


class ListFormatError(InputFileError):
    """A policy list that cannot be read as numbered sections of numbered items."""
