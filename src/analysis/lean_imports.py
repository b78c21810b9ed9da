"""Keep the pipeline's start-up short.

nbformat validates notebooks with jsonschema, and jsonschema imports ``rfc3987_syntax`` (present
because JupyterLab's jupyter-events asks for it) for an optional URI format checker that notebook
validation never uses. Importing it builds a grammar and costs about 3 s per process. Marking it
absent before jsonschema loads makes jsonschema skip that one checker; nothing else changes.
"""

import sys


def skip_unused_uri_checker() -> None:
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)
