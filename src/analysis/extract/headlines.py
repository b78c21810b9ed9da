"""Which extracted quantities a briefing leads with: the key numbers and the forecast ladder."""

import pandas as pd

from .quantities import TARGET, is_time

# Distances and durations describe how a measure works (500米可达, 提前3天); the key numbers
# are what the list reports as counted or achieved: counts, shares and areas.
_NOT_HEADLINE_UNITS = ("m", "km")
HOURS_PER_UNIT = {"h": 1.0, "天": 24.0}
# The kinds of measure a headline number can be; every other unit left is a counter (人, 个, 场…).
# Every share is a percentage whatever its written form (42%, 1/3 → 33.33; see quantities).
MEASURES = {"%": "share", "km2": "area"}
COUNT = "count"
# 达 says the figure was reached: a result, where 以上, 不低于 or 最高 set a bound or a rule
# (and 最高可达, 可达 a cap). A target (目标: 到2025年…达到2.5%) is not reached, whatever verb
# it uses, and is ranked with the bounds.
REACHED = frozenset(["达", "达到", "多达"])
LEAD_TIME_QUALIFIER = "提前"


def headline_quantities(quantities: pd.DataFrame) -> pd.DataFrame:
    """Amounts (not slogans) of things counted, shared or measured in area, in document order.

    The same figure stated for several subjects in one item (item 7's four 90%以上) is one row,
    its subjects joined with 、.
    """
    keep = (
        (quantities["kind"] == "amount")
        & ~quantities["unit"].map(is_time)
        & ~quantities["unit"].isin(_NOT_HEADLINE_UNITS)
    )
    chosen = quantities[keep]
    grouped = chosen.groupby(["item_id", "text"], sort=False).agg(
        section_id=("section_id", "first"),
        span_start=("span_start", "min"),
        value=("value", "first"),
        unit=("unit", "first"),
        qualifier=("qualifier", "first"),
        subject=("subject", "、".join),
        mentions=("text", "size"),
    )
    return grouped.reset_index().sort_values(["item_id", "span_start"], ignore_index=True)


def measure_of(unit: str) -> str:
    """``share`` (a percentage, however it was written), ``area`` (km²) or ``count`` (a counter
    word: 人, 个, 场…)."""
    return MEASURES.get(unit, COUNT)


def lead_quantities(quantities: pd.DataFrame) -> pd.DataFrame:
    """The numbers a summary leads with: one per kind of measure (count, share, area), from the
    headline quantities. In each, the figure the list says was reached (达…) comes first, then
    one stated without a bound, then the largest. The rows of ``headline_quantities`` with a
    ``measure`` column, in document order; empty when the list states no headline quantity."""
    headlines = headline_quantities(quantities)
    if headlines.empty:
        return headlines.assign(measure=pd.Series(dtype="str"))
    words = headlines["qualifier"].str.split("+")
    ranked = headlines.assign(
        measure=headlines["unit"].map(measure_of),
        reached=~words.map(REACHED.isdisjoint) & ~words.map(lambda w: TARGET in w),
        unbounded=headlines["qualifier"] == "",
    ).sort_values(
        ["reached", "unbounded", "value", "item_id", "span_start"],
        ascending=[False, False, False, True, True],
    )
    leads = ranked.drop_duplicates("measure").sort_values(["item_id", "span_start"])
    return leads.drop(columns=["reached", "unbounded"]).reset_index(drop=True)


def forecast_ladder(quantities: pd.DataFrame) -> pd.DataFrame:
    """The lead times (提前3天 … 提前1小时) of the item that states the most of them.

    Columns: ``item_id``, ``text``, ``subject``, ``value``, ``unit``, ``hours``; longest first.
    Empty when no item states two or more.
    """
    leads = quantities[
        quantities["qualifier"].str.contains(LEAD_TIME_QUALIFIER, regex=False)
        & quantities["unit"].isin(list(HOURS_PER_UNIT))
    ]
    columns = ["item_id", "text", "subject", "value", "unit", "hours", "span_start"]
    if leads.empty or leads["item_id"].value_counts().max() < 2:
        return pd.DataFrame(columns=columns)
    item_id = leads["item_id"].value_counts().idxmax()
    ladder = leads[leads["item_id"] == item_id].copy()
    ladder["hours"] = ladder["value"] * ladder["unit"].map(HOURS_PER_UNIT)
    return ladder[columns].sort_values(
        ["hours", "span_start"], ascending=[False, True], ignore_index=True
    )


def ladder_code(ladder: pd.DataFrame, terms: pd.DataFrame) -> str | None:
    """The quoted code (“31631”) of the ladder's item whose digits spell its lead times."""
    if ladder.empty:
        return None
    digits = "".join(f"{v:g}" for v in ladder["value"])
    codes = terms[(terms["item_id"] == ladder["item_id"].iloc[0]) & (terms["kind"] == "code")]
    matching = codes[codes["term"] == digits]
    return matching["term"].iloc[0] if not matching.empty else None
