"""Is a person watching? Decides progress bars and widgets, in one place.

The pipeline sets ``ANALYSIS_HEADLESS=1`` for the notebooks it renders into the report: no bars,
no widgets there. Elsewhere a bar shows on a terminal or in a notebook that a Jupyter server
started (the server sets ``JPY_SESSION_NAME`` in the kernel's environment; nbclient does not).
"""

import os
import sys


def headless() -> bool:
    return os.environ.get("ANALYSIS_HEADLESS") == "1"


def in_jupyter_frontend() -> bool:
    return bool(os.environ.get("JPY_SESSION_NAME"))


def show_progress(progress: bool | None = None) -> bool:
    """``progress`` when given; otherwise True on a terminal or in JupyterLab, never headless."""
    if progress is not None:
        return progress
    if headless():
        return False
    return in_jupyter_frontend() or sys.stderr.isatty()
