"""The type × section test of ``instrument_tables`` against values known without it: a
permutation p-value counted by hand and by full enumeration, and Holm's adjusted p-values from
a worked example."""

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis.extract.instrument_tables import _holm, independence_test


def _items_and_codes(sections: list[int], bundles: list[set[str]]):
    """Items 1…n in the given sections, item i coded with the types in ``bundles[i - 1]``."""
    items = pd.DataFrame(
        {
            "item_id": range(1, len(sections) + 1),
            "section_id": sections,
            "section_numeral": [f"s{s}" for s in sections],
            "section_title": [f"section {s}" for s in sections],
        }
    )
    codes = pd.DataFrame(
        [
            {"item_id": i, "section_id": s, "instrument_type": kind}
            for i, (s, bundle) in enumerate(zip(sections, bundles, strict=True), start=1)
            for kind in sorted(bundle)
        ]
    )
    return items, codes


def test_perfect_separation_of_six_items_has_p_two_in_twenty():
    """Three items of section 1 are all supply, three of section 2 all environment. Shuffling
    the sections among the six items, a table as extreme arises only when section 1 gets exactly
    the three supply items or exactly the three environment items: 2 of the C(6, 3) = 20 equally
    likely splits, p = 0.1. 6! = 720 orders are fewer than the resamples asked for, so SciPy
    enumerates them all and the p-value is exact."""
    items, codes = _items_and_codes([1, 1, 1, 2, 2, 2], [{"supply"}] * 3 + [{"environment"}] * 3)
    summary, _ = independence_test(codes, items)
    assert summary.iloc[0]["dof"] == 1
    assert summary.iloc[0]["chi2"] == pytest.approx(6.0)  # n·φ² with φ = 1
    assert summary.iloc[0]["p_permutation"] == pytest.approx(2 / math.comb(6, 3))


def _pearson(table: np.ndarray) -> float:
    kept = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    if min(kept.shape) < 2:
        return 0.0
    return stats.chi2_contingency(kept, correction=False)[0]


def test_permutation_p_equals_full_enumeration_with_bundles_of_types():
    """Seven items, some coded with two or three types (an item keeps its bundle when the
    sections are shuffled): the p-value is the share of all 7! orders of the section labels
    whose chi-square reaches the observed one, counted here one by one with SciPy's chi2."""
    sections = [1, 1, 1, 2, 2, 3, 3]
    bundles = [
        {"supply", "environment"},
        {"supply"},
        {"supply", "demand"},
        {"environment"},
        {"environment", "demand"},
        {"demand"},
        {"supply", "environment", "demand"},
    ]
    items, codes = _items_and_codes(sections, bundles)
    types = ["supply", "environment", "demand"]
    has_type = np.array([[kind in bundle for kind in types] for bundle in bundles], dtype=int)

    def chi2_of(labels) -> float:
        table = np.zeros((3, 3))
        for label, row in zip(labels, has_type, strict=True):
            table[label - 1] += row
        return _pearson(table)

    observed = chi2_of(sections)
    assert math.factorial(7) < 9999  # so SciPy enumerates all orders too
    # Each distinct arrangement of the labels stands for the same number (3!·2!·2!) of orders.
    arrangements = set(itertools.permutations(sections))
    assert len(arrangements) == math.factorial(7) // (6 * 2 * 2)
    at_least = sum(chi2_of(order) >= observed * (1 - 1e-12) for order in arrangements)
    orders = arrangements
    summary, _ = independence_test(codes, items)
    assert summary.iloc[0]["chi2"] == pytest.approx(observed)
    assert summary.iloc[0]["p_permutation"] == pytest.approx(at_least / len(orders))
    assert 0 < at_least < len(orders)  # neither trivially 0 nor 1


def test_holm_adjusted_values_of_a_worked_example():
    """Holm (1979), a sequentially rejective Bonferroni test: sorted p(1) ≤ … ≤ p(m) become
    max over j ≤ i of (m − j + 1)·p(j), capped at 1. Worked example (the one in Wikipedia's
    "Holm–Bonferroni method"): p = 0.01, 0.04, 0.03, 0.005 with m = 4. Sorted: 0.005·4 = 0.02,
    0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → 0.06 (monotone). In the input's order:
    0.03, 0.06, 0.06, 0.02. Holm rejects at α = 0.05 the two hypotheses with adjusted p < 0.05."""
    adjusted = _holm(np.array([0.01, 0.04, 0.03, 0.005]))
    assert adjusted == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert (adjusted < 0.05).tolist() == [True, False, False, True]


def test_holm_of_r_p_adjust_example_caps_at_one():
    """R's ``p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "holm")`` gives 0.05, 0.08, 0.09, 0.09,
    0.09; and a p-value times its multiplier above 1 is cut to 1."""
    assert _holm(np.array([0.01, 0.02, 0.03, 0.04, 0.05])) == pytest.approx(
        [0.05, 0.08, 0.09, 0.09, 0.09]
    )
    assert _holm(np.array([0.3, 0.6, 0.9])) == pytest.approx([0.9, 1.0, 1.0])
