"""Which extracted quantities a briefing leads with: the key numbers and the forecast ladder."""

import pandas as pd

from .quantities import BEFORE, TARGET
from .units import LENGTH, TIME, dimension_of, factor_of

# Distances and durations describe how a measure works (500米可达, 提前3天); the key numbers
# are what the list reports as counted or achieved: counts, shares, areas, money, energy, ….
_NOT_HEADLINE_DIMENSIONS = (TIME, LENGTH)
_SECONDS_PER_HOUR = 3600
# 达 says the figure was reached: a result, where 以上, 不低于 or 最高 set a bound or a rule
# (and 最高可达, 可达 a cap). A target (目标: 到2025年…达到2.5%) is not reached, whatever verb
# it uses, and is ranked with the bounds.
REACHED = frozenset(["达", "达到", "多达"])
LEAD_TIME_QUALIFIER = "提前"


def readable(quantities: pd.DataFrame) -> pd.DataFrame:
    """The quantities table as ``extract_quantities`` makes it, also when read back from a CSV
    with plain ``pd.read_csv`` or with ``keep_default_na=False``: empty text cells (qualifier,
    change_id, role) become ``""`` instead of NaN or <NA>, empty numbers NaN, and a table that
    lacks ``dimension`` or ``value_base`` gets them from ``resources/units.csv``."""
    table = quantities.copy()
    for column in ("qualifier", "subject", "change_id", "role"):
        if column not in table.columns:
            table[column] = ""
        table[column] = table[column].astype("object").where(table[column].notna(), "")
        table[column] = table[column].astype(str)
    if "dimension" not in table.columns:
        table["dimension"] = table["unit"].map(dimension_of)
    if "value_base" not in table.columns:
        table["value_base"] = table["value"] * table["unit"].map(factor_of)
    if "value_high" not in table.columns:
        table["value_high"] = float("nan")
    for column in ("value", "value_base", "value_high"):
        # Read with keep_default_na=False, an empty number is "": it is no number, not zero.
        table[column] = table[column].replace("", float("nan")).astype("float64")
    return table


def headline_quantities(quantities: pd.DataFrame) -> pd.DataFrame:
    """Amounts (not slogans) of things counted, shared or measured (area, money, energy, …;
    not durations or distances), in document order, grouped by ``dimension``.

    The same figure stated for several subjects in one item (item 7's four 90%以上) is one row,
    its subjects joined with 、. The ``before`` of a change is not a headline of its own: the
    ``after`` row carries it (``before_text``, ``before_value``, ``before_unit``; empty for a
    figure that is no change).
    """
    table = readable(quantities)
    keep = (
        (table["kind"] == "amount")
        & ~table["dimension"].isin(_NOT_HEADLINE_DIMENSIONS)
        & (table["role"] != BEFORE)
    )
    chosen = table[keep]
    grouped = chosen.groupby(["item_id", "text"], sort=False).agg(
        section_id=("section_id", "first"),
        span_start=("span_start", "min"),
        value=("value", "first"),
        value_high=("value_high", "first"),
        unit=("unit", "first"),
        dimension=("dimension", "first"),
        value_base=("value_base", "first"),
        qualifier=("qualifier", "first"),
        subject=("subject", "、".join),
        mentions=("text", "size"),
        change_id=("change_id", "first"),
    )
    headlines = grouped.reset_index().sort_values(["item_id", "span_start"], ignore_index=True)
    befores = table[table["role"] == BEFORE].set_index("change_id")
    linked = headlines["change_id"].where(headlines["change_id"].isin(befores.index), None)
    for column in ("text", "value", "unit"):
        headlines[f"before_{column}"] = linked.map(befores[column]) if len(befores) else None
    headlines["before_text"] = headlines["before_text"].fillna("").astype(str)
    headlines["before_unit"] = headlines["before_unit"].fillna("").astype(str)
    headlines["before_value"] = headlines["before_value"].astype("float64")
    return headlines.drop(columns="change_id")


def measure_of(unit: str) -> str:
    """The dimension a recorded unit measures: ``share`` (a percentage, however it was
    written), ``area`` (km²), ``money`` (元), … or ``count`` (a counter word: 人, 个, 场…)."""
    return dimension_of(unit)


def lead_quantities(quantities: pd.DataFrame) -> pd.DataFrame:
    """The numbers a summary leads with: one per dimension (count, share, area, money, …), from
    the headline quantities, compared by ``value_base`` (the dimension's base unit). In each,
    the figure the list says was reached (达…) comes first, then one stated without a bound,
    then the largest. The rows of ``headline_quantities`` with a ``measure`` column (the
    dimension), in document order; empty when the list states no headline quantity. The table
    may come straight from a CSV: empty qualifiers read back as NaN are empty."""
    headlines = headline_quantities(quantities)
    if headlines.empty:
        return headlines.assign(measure=pd.Series(dtype="str"))
    words = headlines["qualifier"].str.split("+")
    ranked = headlines.assign(
        measure=headlines["dimension"],
        reached=~words.map(REACHED.isdisjoint) & ~words.map(lambda w: TARGET in w),
        unbounded=headlines["qualifier"] == "",
        size=headlines["value_base"].fillna(headlines["value"]),
    ).sort_values(
        ["reached", "unbounded", "size", "item_id", "span_start"],
        ascending=[False, False, False, True, True],
    )
    leads = ranked.drop_duplicates("measure").sort_values(["item_id", "span_start"])
    return leads.drop(columns=["reached", "unbounded", "size"]).reset_index(drop=True)


def forecast_ladder(quantities: pd.DataFrame) -> pd.DataFrame:
    """The lead times (提前3天 … 提前1小时) of the item that states the most of them.

    Columns: ``item_id``, ``text``, ``subject``, ``value``, ``unit``, ``hours``; longest first.
    Empty when no item states two or more.
    """
    quantities = readable(quantities)
    leads = quantities[
        quantities["qualifier"].str.contains(LEAD_TIME_QUALIFIER, regex=False)
        & (quantities["dimension"] == TIME)
    ]
    columns = ["item_id", "text", "subject", "value", "unit", "hours", "span_start"]
    if leads.empty or leads["item_id"].value_counts().max() < 2:
        return pd.DataFrame(columns=columns)
    item_id = leads["item_id"].value_counts().idxmax()
    ladder = leads[leads["item_id"] == item_id].copy()
    ladder["hours"] = ladder["value_base"] / _SECONDS_PER_HOUR
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
