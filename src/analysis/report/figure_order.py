"""The order in which the report shows the figures, read from the report notebook itself.

The report (``notebooks/06_report.py``) shows the figures section by section, with
``cells.show_figures(figures, "<notebook prefix>")``; each call shows that notebook's figures
sorted by name. The deck reads the prefixes from those calls rather than assuming the report
walks the notebooks in run order, so moving a section of the report moves its slides too.
"""

import ast
from pathlib import Path

SHOW_FIGURES = "show_figures"


def shown_prefixes(report_notebook: Path) -> list[str]:
    """The notebook prefixes the report passes to ``show_figures``, in the order of the calls.
    A call whose prefix is not written out as a string cannot be read: ValueError names its
    line."""
    report_notebook = Path(report_notebook)
    tree = ast.parse(report_notebook.read_text(encoding="utf-8"), str(report_notebook))
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Attribute) and node.func.attr == SHOW_FIGURES)
            or (isinstance(node.func, ast.Name) and node.func.id == SHOW_FIGURES)
        )
    ]
    prefixes = []
    # ast.walk goes breadth first; the report's order is the order of the source.
    for call in sorted(calls, key=lambda c: (c.lineno, c.col_offset)):
        given = call.args[1:2] + [k.value for k in call.keywords if k.arg == "notebook_prefix"]
        if len(given) != 1 or not (
            isinstance(given[0], ast.Constant) and isinstance(given[0].value, str)
        ):
            raise ValueError(
                f"{report_notebook.name} line {call.lineno}: {SHOW_FIGURES} needs its notebook "
                "prefix as a string, so that the deck can follow the report's order"
            )
        prefixes.append(given[0].value)
    if not prefixes:
        raise ValueError(f"{report_notebook.name} shows no figures: no call to {SHOW_FIGURES}")
    return prefixes


def report_order(captions: dict[str, dict], prefixes: list[str]) -> list[str]:
    """The figures in the order the report shows them: by the first of ``prefixes`` their
    notebook starts with, then by name. Figures of a notebook the report does not show come
    last, by notebook and name, so that no figure is left out."""

    def position(name: str) -> tuple[int, str, str]:
        notebook = captions[name]["notebook"]
        shown = [i for i, prefix in enumerate(prefixes) if notebook.startswith(prefix)]
        return (shown[0] if shown else len(prefixes), "" if shown else notebook, name)

    return sorted(captions, key=position)
