"""Is a person watching? Decides progress bars, widgets and whether a saved figure stays open,
in one place.

Nobody watches a notebook that the report's runner executes: its kernel has no terminal and no
Jupyter server. A person watches a terminal, or a notebook that a Jupyter server started (the
server sets ``JPY_SESSION_NAME`` in the kernel's environment; nbclient does not). That variable
is the kernel's own setting, given by the process that started it, so it is read here.
"""

import os
import sys


def in_jupyter_frontend() -> bool:
    return bool(os.environ.get("JPY_SESSION_NAME"))


def headless() -> bool:
    """True when no person watches: neither JupyterLab nor a terminal."""
    return not in_jupyter_frontend() and not sys.stderr.isatty()


def show_progress(progress: bool | None = None) -> bool:
    """``progress`` when given; otherwise True on a terminal or in JupyterLab, never headless."""
    if progress is not None:
        return progress
    return not headless()
