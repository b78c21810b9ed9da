"""Result tables on disk: ``write`` (CSV, JSON and Excel, byte for byte the same on every run),
``sheets`` (how a table looks in Excel) and ``read`` (a finished table read back with its
types). The analysis notebooks write through it, and the report, workbook and deck read
through it, so it sits below every other folder.

Imports: nothing else of the package.
"""
