"""Extraction, each row with its exact span: regulations and other cited documents,
quantities, coined terms and first-mover claims, and the headline numbers.

Imports: ``source`` and ``text`` (for ``text.spans``). Never ``figures`` or ``report``.
"""
