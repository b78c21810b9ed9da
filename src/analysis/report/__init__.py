"""The report: the pipeline that runs the notebooks, the notebook runner, rendering to one
self-contained HTML file, the web font subset, the exports, and the take-away outputs: the
analyst's workbook (``workbook``) and the briefing deck (``deck``, with ``talking_points``).

Imports: any other folder; nothing imports this one except the CLI (``__main__``).
"""
