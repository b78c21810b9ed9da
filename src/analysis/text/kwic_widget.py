"""An interactive KWIC view for JupyterLab: a term box and a section menu over ``kwic``.

A widget only makes sense with a live frontend. The rendered report is executed headless
(nbclient), where a widget would show as an empty placeholder, so the notebook always shows a
static table and adds the widget only when ``has_widget_frontend()`` is true.
"""

import pandas as pd

from ..interactive import in_jupyter_frontend
from ..source.sections import per_section
from .kwic import kwic

ALL_SECTIONS = 0


def has_widget_frontend() -> bool:
    """True in a kernel that a Jupyter server started (JupyterLab, Notebook): the server sets
    ``JPY_SESSION_NAME`` in the kernel's environment, nbclient and nbconvert do not."""
    return in_jupyter_frontend()


def section_options(items: pd.DataFrame) -> list[tuple[str, int]]:
    """``[("全部方面", 0), ("一、…", 1), …]`` for the section menu."""
    sections = per_section(items)
    options = [("全部方面", ALL_SECTIONS)]
    options += [
        (f"{r.section_numeral}、{r.section_title}", int(r.section_id))
        for r in sections.itertuples()
    ]
    return options


def kwic_explorer(items: pd.DataFrame, term: str = "率先", window: int = 10):
    """A box with a term field, a section menu, a window slider and the KWIC table below."""
    import ipywidgets as widgets
    from IPython.display import display

    term_box = widgets.Text(value=term, description="词语", continuous_update=False)
    section_menu = widgets.Dropdown(
        options=section_options(items),
        value=ALL_SECTIONS,
        description="方面",
        layout=widgets.Layout(width="60%"),
    )
    window_slider = widgets.IntSlider(value=window, min=2, max=40, description="上下文")
    output = widgets.Output()

    def refresh(_=None) -> None:
        section = section_menu.value or None
        hits = kwic(items, term_box.value.strip(), window_slider.value, section_id=section)
        output.clear_output(wait=True)
        with output:
            print(f"{len(hits)} 处，分布在 {hits['item_id'].nunique()} 项举措中")
            display(hits.drop(columns="section_title"))

    for control in (term_box, section_menu, window_slider):
        control.observe(refresh, names="value")
    refresh()
    return widgets.VBox([widgets.HBox([term_box, window_slider]), section_menu, output])
