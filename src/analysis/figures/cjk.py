"""Which characters are Chinese: the CJK Unified Ideographs (with Extension A) and the
compatibility ideographs, the range every gloss and lexicon check reads."""

import re

CJK_RANGE = "\u3400-\u9fff\uf900-\ufaff"
CJK = re.compile(f"[{CJK_RANGE}]")
CJK_RUN = re.compile(f"[{CJK_RANGE}]+")
