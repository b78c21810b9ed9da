"""Keep the pipeline's start-up short.

nbformat validates notebooks with jsonschema, and jsonschema imports ``rfc3987_syntax`` (present
because JupyterLab's jupyter-events asks for it) for an optional URI format checker that notebook
validation never uses. Importing it builds a grammar and costs about 3 s per process. Marking it
absent before jsonschema loads makes jsonschema skip that one checker; nothing else changes.

It changes ``sys.modules``, so only the processes the kit owns call it: the command line
(``__main__.run``) and the kernels the report's runner starts (``notebook_run``), never
``import analysis``, which must leave its host as it found it.
"""

import sys


def skip_unused_uri_checker() -> None:
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)
