"""Analysis kit for Chinese policy lists: the Shenzhen SEZ list of innovation measures first.

The public functions below load on first use, so ``python -m analysis report`` can start the
notebooks' kernels before pandas and jieba are imported in its own process.
"""

import importlib

from .lean_imports import skip_unused_uri_checker

# First, before anything can import jsonschema: see lean_imports.
skip_unused_uri_checker()

_PUBLIC = {
    "ListFormatError": "errors",
    "coined_terms": "claims",
    "extract_quantities": "quantities",
    "extract_regulations": "regulations",
    "first_mover_claims": "claims",
    "keyness": "keyness",
    "keyword_counts": "keywords",
    "kwic": "kwic",
    "load_items": "load",
    "parse_list_bytes": "load",
    "repairs_table": "load",
    "sections_table": "load",
    "tokenize": "segment",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name in _PUBLIC:
        value = getattr(importlib.import_module(f".{_PUBLIC[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
