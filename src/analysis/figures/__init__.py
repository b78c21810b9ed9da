"""Figures: the theme, the CJK font, labels in Chinese and English, saving (PNG and SVG with
their captions), and one module per family of charts.

Imports: ``source``, ``text`` and ``extract``. Never ``report``.
"""
