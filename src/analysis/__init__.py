"""Analysis kit for Chinese policy lists: the Shenzhen SEZ list of innovation measures first."""

from .errors import ListFormatError
from .load import load_items, parse_list_bytes, repairs_table, sections_table

__all__ = [
    "ListFormatError",
    "load_items",
    "parse_list_bytes",
    "repairs_table",
    "sections_table",
]
