"""Cross-tables of the policy-instrument codes by section, and a test of independence.

The unit counted is the item: an item counts once for a tool (or a type) however many pieces
of evidence it has, and an item may count for several tools and types. So the cells of a
type × section table are codes, not items, and their total exceeds the number of coded items.

The test asks whether the mix of instrument types differs between sections. Its statistic is
Pearson's chi-square on the type × section table of codes. Because one item can add to
several cells, the cells are not independent observations and the chi-square distribution is
only an approximation; the p-value that counts is a permutation test that shuffles the
sections among the items, each item keeping all its codes (``scipy.stats.permutation_test``).
For each cell, the adjusted (standardised) residual says where the table departs from
independence, and Fisher's exact test on the 2 × 2 table of items (in this section or not ×
coded with this type or not) gives an exact p-value, with Holm's correction over the cells.
"""

import numpy as np
import pandas as pd
from scipy import stats

from ..source.sections import per_section
from .codebook import TYPES, Codebook

PERMUTATIONS = 9999
SEED = 20210726  # fixed: the same list gives the same p-value, byte for byte
# Cochran's rule of thumb for the chi-square approximation.
SMALL_EXPECTED = 5
# The level below which the report and the deck call the permutation test significant.
SIGNIFICANCE = 0.05


def sections_of(items: pd.DataFrame) -> pd.DataFrame:
    """``section_id``, ``section_numeral``, ``section_title``, ``items``, in document order."""
    return per_section(items, items=("item_id", "size"))


def _item_codes(codes: pd.DataFrame, level: str) -> pd.DataFrame:
    return codes[["item_id", "section_id", level]].drop_duplicates()


def _by_section(
    codes: pd.DataFrame, items: pd.DataFrame, level: str, categories: pd.DataFrame
) -> pd.DataFrame:
    sections = sections_of(items)
    counts = _item_codes(codes, level).groupby(["section_id", level]).size().rename("coded_items")
    grid = sections.merge(categories, how="cross")
    table = grid.merge(counts.reset_index(), on=["section_id", level], how="left")
    table["coded_items"] = table["coded_items"].fillna(0).astype("int64")
    table["share_of_items"] = table["coded_items"] / table["items"]
    section_codes = table.groupby("section_id")["coded_items"].transform("sum")
    table["share_of_codes"] = (
        table["coded_items"] / section_codes.where(section_codes > 0)
    ).fillna(0.0)
    return table


def type_by_section(codes: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """One row per section and type: ``coded_items`` (items of the section with at least one
    code of the type), ``share_of_items`` (of the section's items) and ``share_of_codes`` (of
    the section's item × type codes: the three shares of a section sum to 1)."""
    categories = pd.DataFrame({"instrument_type": list(TYPES), "type_zh": list(TYPES.values())})
    return _by_section(codes, items, "instrument_type", categories)


def tool_by_section(codes: pd.DataFrame, items: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """One row per section and sub-tool of the codebook (tools never coded included, with 0),
    tools in the codebook's order; shares as in ``type_by_section`` (item × tool codes)."""
    categories = pd.DataFrame(
        {
            "instrument_type": [t.type for t in codebook.tools],
            "tool": [t.zh for t in codebook.tools],
            "tool_en": [t.en for t in codebook.tools],
        }
    )
    return _by_section(codes, items, "tool", categories)


def tool_totals(codes: pd.DataFrame, items: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Per sub-tool: the items coded with it, and their share of all items."""
    counted = _item_codes(codes, "tool").groupby("tool").size()
    table = pd.DataFrame(
        {
            "instrument_type": [t.type for t in codebook.tools],
            "tool": [t.zh for t in codebook.tools],
            "tool_en": [t.en for t in codebook.tools],
        }
    )
    table["coded_items"] = table["tool"].map(counted).fillna(0).astype("int64")
    table["share_of_items"] = table["coded_items"] / len(items)
    return table


def _chi_square(observed: np.ndarray) -> np.ndarray:
    """Pearson's statistic over the last two axes; rows or columns that are all zero add 0."""
    total = observed.sum(axis=(-2, -1), keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = (
            observed.sum(axis=-1, keepdims=True) * observed.sum(axis=-2, keepdims=True) / total
        )
        terms = np.where(expected > 0, (observed - expected) ** 2 / expected, 0.0)
    return terms.sum(axis=(-2, -1))


def _holm(p_values: np.ndarray) -> np.ndarray:
    order = np.argsort(p_values, kind="stable")
    m = len(p_values)
    adjusted = np.empty(m)
    running = 0.0
    for rank, index in enumerate(order):
        running = max(running, (m - rank) * p_values[index])
        adjusted[index] = min(running, 1.0)
    return adjusted


def independence_test(
    codes: pd.DataFrame,
    items: pd.DataFrame,
    *,
    permutations: int = PERMUTATIONS,
    seed: int = SEED,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Type × section: ``(summary, cells)``.

    ``summary`` has one row: the codes and items counted, the chi-square statistic, its degrees
    of freedom and asymptotic p-value, the permutation p-value, the smallest expected count and
    the share of cells expected below 5. ``cells`` has one row per section and type: observed
    and expected codes, the adjusted residual, and Fisher's exact p-value (two-sided) for that
    cell's 2 × 2 table of items, raw and Holm-corrected over all cells."""
    sections = sections_of(items)
    section_ids = sections["section_id"].to_numpy()
    types = list(TYPES)
    # Items × types indicator: each item keeps its bundle of types under the permutation.
    coded = _item_codes(codes, "instrument_type")
    has_type = (
        pd.crosstab(coded["item_id"], coded["instrument_type"])
        .reindex(index=items["item_id"], columns=types, fill_value=0)
        .clip(upper=1)
        .to_numpy()
    )
    item_sections = items["section_id"].to_numpy()
    position = {s: i for i, s in enumerate(section_ids)}
    section_index = np.array([position[s] for s in item_sections])
    one_hot = np.eye(len(section_ids))[section_index]
    observed = one_hot.T @ has_type

    def statistic(labels, axis=-1):
        labels = np.asarray(labels)
        tables = np.einsum("...ns,nt->...st", np.eye(len(section_ids))[labels], has_type)
        return _chi_square(tables)

    kept_rows = observed.sum(axis=1) > 0
    kept_columns = observed.sum(axis=0) > 0
    reduced = observed[np.ix_(kept_rows, kept_columns)]
    expected = np.zeros_like(observed)
    residuals = np.full_like(observed, np.nan)
    p_permutation = float("nan")
    if min(reduced.shape) >= 2:
        chi2, p_asymptotic, dof, _ = stats.chi2_contingency(reduced, correction=False)
        expected[np.ix_(kept_rows, kept_columns)] = stats.contingency.expected_freq(reduced)
        p_permutation = stats.permutation_test(
            (section_index,),
            statistic,
            permutation_type="pairings",
            vectorized=True,
            n_resamples=permutations,
            alternative="greater",
            rng=np.random.default_rng(seed),
        ).pvalue
        total = observed.sum()
        row_share = observed.sum(axis=1, keepdims=True) / total
        column_share = observed.sum(axis=0, keepdims=True) / total
        with np.errstate(divide="ignore", invalid="ignore"):
            residuals = (observed - expected) / np.sqrt(
                expected * (1 - row_share) * (1 - column_share)
            )
    else:
        # No codes, one type only, or codes in one section only: nothing to compare, no test.
        chi2, p_asymptotic, dof = float("nan"), float("nan"), 0

    rows = []
    n_items = len(items)
    for i, section in sections.iterrows():
        in_section = section_index == i
        for j, kind in enumerate(types):
            with_type = has_type[:, j] == 1
            table = [
                [int((in_section & with_type).sum()), int((in_section & ~with_type).sum())],
                [int((~in_section & with_type).sum()), int((~in_section & ~with_type).sum())],
            ]
            rows.append(
                {
                    "section_id": section["section_id"],
                    "section_numeral": section["section_numeral"],
                    "instrument_type": kind,
                    "type_zh": TYPES[kind],
                    "observed": int(observed[i, j]),
                    "expected": float(expected[i, j]),
                    "adjusted_residual": float(residuals[i, j])
                    if expected[i, j] > 0
                    else float("nan"),
                    "fisher_p": float(stats.fisher_exact(table).pvalue),
                }
            )
    cells = pd.DataFrame(rows)
    cells["fisher_p_holm"] = _holm(cells["fisher_p"].to_numpy())
    used = expected[np.ix_(kept_rows, kept_columns)] if dof else np.array([np.nan])
    summary = pd.DataFrame(
        [
            {
                "items": n_items,
                "coded_items": int((has_type.sum(axis=1) > 0).sum()),
                "codes": int(observed.sum()),
                "chi2": float(chi2),
                "dof": int(dof),
                "p_asymptotic": float(p_asymptotic),
                "p_permutation": float(p_permutation),
                "permutations": permutations,
                "seed": seed,
                "min_expected": float(used.min()),
                "share_expected_below_5": float((used < SMALL_EXPECTED).mean())
                if dof
                else float("nan"),
            }
        ]
    )
    return summary, cells
