"""Text analysis: segmentation, keyword counts, keyness, KWIC and its widget, co-occurrence,
counts per section, and text spans (titles and quoted terms cut out before segmenting).

Imports: ``source`` only (and the top-level ``paths`` and ``interactive``). ``extract`` may use
``text.spans``; nothing here imports ``extract``, ``figures`` or ``report``.
"""
