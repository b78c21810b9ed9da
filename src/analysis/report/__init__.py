"""The report: the pipeline that runs the notebooks, the notebook runner, the report's
sentences (``paragraphs``) and tables (``shown_tables``), rendering to one self-contained HTML
file, the web font subset, and the take-away outputs: the analyst's workbook (``workbook``) and
the briefing deck (``deck``, with ``talking_points``). The analysis notebooks write their
tables through ``tables``, below every folder, never through this one.

Imports: any other folder; nothing imports this one except the CLI (``__main__``).
"""
