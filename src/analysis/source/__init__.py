"""The list file becomes a tidy table: decoding, cleaning, the line classifier, invariants,
numerals and ``ListFormatError``.

Imports: nothing else of the package but ``paths``. Every other folder may import this one.
"""
