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


def item_similarity(items, k=None, **options):
    """Each item's neighbours with score and shared terms (``text.similarity.item_similarity``).

    Imported on first use: scikit-learn is slow to import and most runs never compare items.
    """
    from .text.similarity import item_similarity as compute

    return compute(items, k, **options)


def compare_lists(lists, names=None, **options):
    """Two or more lists side by side: which measures reappear, and what each does alone
    (``extract.comparison.compare_lists``; ``docs/compare.md``). Imported on first use, as
    ``item_similarity`` is."""
    from .extract.comparison import compare_lists as compare

    return compare(lists, names, **options)


def similar_items(items, item_id, k=5, **options):
    """One item's ``k`` nearest neighbours (``text.similarity.similar_items``)."""
    from .text.similarity import similar_items as compute

    return compute(items, item_id, k, **options)


__all__ = [
    "CodebookError",
    "ListFormatError",
    "code_items",
    "coined_terms",
    "compare_lists",
    "extract_quantities",
    "extract_regulations",
    "first_mover_claims",
    "item_similarity",
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
    "similar_items",
    "tokenize",
]
