"""What a figure is drawn with besides its data: the language of its text, the list it names in
its source line, and the researcher's own glossary. Every public plot function takes one
:class:`FigureSettings` as its ``settings`` argument; a notebook gets it from ``run.start_run``.
"""

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .glossary import checked_glossary, drawing_with_glossary
from .identity import ListIdentity
from .labels import check_language, language_set, set_language


@dataclass(frozen=True)
class FigureSettings:
    """``lang``: ``"zh"`` or ``"en"``; ``identity``: the list every figure names in its source
    line (``identity.list_identity``); ``glossary``: the user's glossary CSV, or None for the
    curated glossary only. A malformed glossary raises ``glossary.GlossaryError`` here, before
    any figure is drawn."""

    lang: str
    identity: ListIdentity
    glossary: Path | None = None

    def __post_init__(self) -> None:
        check_language(self.lang)
        object.__setattr__(self, "glossary", checked_glossary(self.glossary))

    @property
    def source_line(self) -> str:
        """The line under every figure, naming the list in the figure's language."""
        return self.identity.source_line(self.lang)


@contextmanager
def drawing_with(settings: FigureSettings) -> Iterator[FigureSettings]:
    """Draw in ``settings``' language and with its glossary for the duration of the block, then
    restore what was in force before, also when drawing fails.

    A scope rather than an argument: the language and the glossary reach the figure's text
    through dozens of small helpers (``labels.label``, the glosses and section names read
    through ``glossary.drawing_glossary``, the number words of the cards), several of them in
    modules shared with the report, which passes both as arguments instead. The source line,
    which only ``theme.new_figure`` reads, is passed to it as an argument."""
    language = language_set()
    set_language(settings.lang)
    try:
        with drawing_with_glossary(settings.glossary):
            yield settings
    finally:
        set_language(language)


def draws_with_settings(plot: Callable) -> Callable:
    """Make ``plot`` a public plot function: it takes ``settings`` as a required keyword and runs
    inside :func:`drawing_with` them, so a figure drawn in English never leaks its language or
    glossary into the next one."""

    @functools.wraps(plot)
    def draw(*args, **kwargs):
        settings = kwargs.get("settings")
        if not isinstance(settings, FigureSettings):
            raise TypeError(
                f"{plot.__name__}() needs settings=FigureSettings(lang, identity, glossary), "
                f"not {settings!r}"
            )
        with drawing_with(settings):
            return plot(*args, **kwargs)

    return draw
