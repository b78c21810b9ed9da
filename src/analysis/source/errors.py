"""The one exception a malformed list raises."""


class ListFormatError(ValueError):
    """A policy list that cannot be read as numbered sections of numbered items.

    ``line`` is 1-based, so a user can open the file at the line the message names.
    """

    def __init__(self, message: str, line: int | None = None, path: str | None = None):
        self.line = line
        self.path = path
        where = ""
        if path is not None:
            where = f"{path}: "
        if line is not None:
            where += f"line {line}: "
        super().__init__(f"{where}{message}")
