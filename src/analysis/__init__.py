"""Analysis kit for Chinese policy lists: the Shenzhen SEZ list of innovation measures first."""

from .extract.claims import coined_terms, first_mover_claims
from .extract.codebook import CodebookError, load_codebook
from .extract.instruments import code_items, items_for_review
from .extract.quantities import extract_quantities
from .extract.regulations import extract_regulations
from .source.corpus import load_corpus
from .source.errors import ListFormatError
from .source.load import (
    absent_items_table,
    load_items,
    parse_list_bytes,
    repairs_table,
    sections_table,
)
from .text.keyness import keyness
from .text.keywords import keyword_counts
from .text.kwic import kwic
from .text.segment import tokenize

__all__ = [
    "CodebookError",
    "ListFormatError",
    "code_items",
    "coined_terms",
    "extract_quantities",
    "extract_regulations",
    "first_mover_claims",
    "items_for_review",
    "keyness",
    "keyword_counts",
    "kwic",
    "load_codebook",
    "load_corpus",
    "load_items",
    "parse_list_bytes",
    "repairs_table",
    "sections_table",
    "absent_items_table",
    "tokenize",
]
