"""The report: the pipeline that runs the notebooks, the notebook runner, rendering to one
self-contained HTML file, the web font subset, and the exports.

Imports: any other folder; nothing imports this one except the CLI (``__main__``) and ``bench``.
"""
