"""Correspondence analysis: sections (or items) and terms on one map.

The table is counts: rows are sections, columns the terms that carry the keyness analysis
(every term ``keyness`` lists for some section), each cell how often the term occurs in the
section. Correspondence analysis (Greenacre, *Correspondence Analysis in Practice*, 3rd ed.,
2017, ch. 4 and the computational appendix) decomposes the table's departure from
independence:

    P = N / n,   r = row sums of P,   c = column sums of P
    S = D_r^(-1/2) (P − r cᵀ) D_c^(-1/2)              (standardised residuals)
    S = U Σ Vᵀ                                          (singular value decomposition)

The principal inertias are the squared singular values (their sum is χ²/n); row principal
coordinates are ``D_r^(-1/2) U Σ``, column principal coordinates ``D_c^(-1/2) V Σ``; a point's
contribution to an axis is its mass times its squared coordinate over the axis's inertia. The
map drawn is the symmetric map (both sets in principal coordinates), KH Coder's and quanteda's
usual display: distances between sections, and between terms, can be read, and a term lies
toward the sections where it is more common than average.

Written with numpy's SVD rather than a package: the computation is the dozen lines above, and
``tests/test_structure.py`` checks it against an eigen-decomposition written independently.
"""

import numpy as np
import pandas as pd

from .counting import section_column


class CorrespondenceError(ValueError):
    """A table too small for a map, or one with an empty row or column."""


def keyness_terms(keyness_table: pd.DataFrame) -> list[str]:
    """The terms the keyness analysis lists, each once, in the order first listed."""
    return list(dict.fromkeys(keyness_table["term"]))


def section_term_table(counts: pd.DataFrame, terms: list[str]) -> pd.DataFrame:
    """Sections × terms: how often each term occurs in each section (index ``section_id``)."""
    section_ids = [
        int(c.removeprefix("section_")) for c in counts.columns if c.startswith("section_")
    ]
    table = counts.set_index("term").reindex(terms).fillna(0)
    matrix = table[[section_column(s) for s in section_ids]].T.astype("int64")
    matrix.index = pd.Index(section_ids, name="section_id")
    matrix.columns.name = "term"
    return matrix


def correspondence_analysis(table: pd.DataFrame) -> dict:
    """CA of a non-negative count table. Returns ``inertia`` (one row per axis: principal
    inertia, share, cumulative share), ``rows`` and ``columns`` (principal coordinates
    ``dim_1``…, ``mass``, ``ctr_1``…: contribution to each axis), indexed like the table."""
    n = table.to_numpy(dtype=float)
    if (n < 0).any():
        raise CorrespondenceError("a count table has no negative cells")
    empty_rows = table.index[n.sum(axis=1) == 0].tolist()
    empty_columns = table.columns[n.sum(axis=0) == 0].tolist()
    if empty_rows or empty_columns:
        raise CorrespondenceError(f"empty rows {empty_rows} or columns {empty_columns}")
    axes = min(n.shape) - 1
    if axes < 1:
        raise CorrespondenceError(
            f"a {n.shape[0]} × {n.shape[1]} table has no axis: it needs two rows and two columns"
        )
    p = n / n.sum()
    r = p.sum(axis=1)
    c = p.sum(axis=0)
    s = (p - np.outer(r, c)) / np.sqrt(np.outer(r, c))
    u, sv, vt = np.linalg.svd(s, full_matrices=False)
    u, sv, v = u[:, :axes], sv[:axes], vt[:axes].T
    # An axis's sign is arbitrary: fix it so the heaviest row lies on the positive side.
    signs = np.sign(u[np.argmax(r)])
    signs[signs == 0] = 1
    u, v = u * signs, v * signs
    rows = u * sv / np.sqrt(r)[:, None]
    columns = v * sv / np.sqrt(c)[:, None]
    eig = sv**2
    share = eig / eig.sum() if eig.sum() > 0 else np.zeros_like(eig)
    inertia = pd.DataFrame(
        {
            "axis": np.arange(1, axes + 1),
            "principal_inertia": eig,
            "singular_value": sv,
            "share": share,
            "cumulative_share": np.cumsum(share),
        }
    )
    return {
        "inertia": inertia,
        "rows": _points(rows, r, eig, table.index),
        "columns": _points(columns, c, eig, table.columns),
        "total_inertia": float(eig.sum()),
    }


def _points(coords: np.ndarray, mass: np.ndarray, eig: np.ndarray, index) -> pd.DataFrame:
    out = pd.DataFrame(index=index)
    out["mass"] = mass
    for k in range(coords.shape[1]):
        out[f"dim_{k + 1}"] = coords[:, k]
    with np.errstate(divide="ignore", invalid="ignore"):
        for k in range(coords.shape[1]):
            ctr = mass * coords[:, k] ** 2 / eig[k] if eig[k] > 0 else np.zeros(len(mass))
            out[f"ctr_{k + 1}"] = ctr
    return out


def coordinates_table(result: dict, kinds=("section", "term"), axes: int = 2) -> pd.DataFrame:
    """Rows then columns in one tidy table: ``kind``, ``label``, ``mass``, ``dim_1``…,
    ``ctr_1``… (up to ``axes`` axes)."""
    frames = []
    for kind, key in zip(kinds, ("rows", "columns"), strict=True):
        points = result[key]
        keep = ["mass"] + [
            c for c in points.columns if c[-1].isdigit() and int(c.split("_")[1]) <= axes
        ]
        frame = points[keep].reset_index(names="label")
        frame.insert(0, "kind", kind)
        frames.append(frame)
    table = pd.concat(frames, ignore_index=True)
    table["label"] = table["label"].astype(str)
    return table


def top_contributing(points: pd.DataFrame, n: int, axes: int = 2) -> pd.DataFrame:
    """The ``n`` points with the largest contribution to the first ``axes`` axes (summed,
    each axis weighted by its own inertia share being equal: the plain sum of contributions)."""
    total = sum(points[f"ctr_{k}"] for k in range(1, axes + 1) if f"ctr_{k}" in points)
    return points.assign(ctr_map=total).sort_values("ctr_map", ascending=False).head(n)
