"""Which measures of one list reappear in another: for every item of every list, its closest
items in each other list, with the score, a label and the evidence a reader can check.

The score is the cosine of the two items' vectors in one representation fitted on the items of
all the lists compared (``text.similarity``: the same vocabulary and weights for every list).
The evidence is twofold: the features behind the score (``similarity.shared_terms``), and the
passages the two texts share, found by aligning them character by character (rapidfuzz's
longest-common-subsequence opcodes): the runs both texts hold in the same order, which a reader
sees marked in both texts side by side.

The label says what a reader should make of the score. ``SAME_MEASURE`` and ``RELATED`` are
thresholds on the score, calibrated on lists other than the judged fixture (``docs/compare.md``
gives the scores they were read from, with examples on each side). Only an item's nearest item
in a list can be its "same measure" there: a list rarely states one measure twice.

Many lists: ``nearest_in_other_lists`` finds each item's top k matches without the dense
all-pairs matrix (see its docstring and ``docs/compare.md`` for the measurement behind the
method).
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz.distance import LCSseq
from scipy import sparse

from . import similarity

# Calibrated in docs/compare.md on Shenzhen against the Binhai calibration list, the Qinghe
# district list, the tiny town list and itself.
SAME_MEASURE = 0.19
RELATED = 0.08
LABEL_SAME = "same measure"
LABEL_RELATED = "related"
LABEL_NONE = "none"
LABELS = (LABEL_SAME, LABEL_RELATED, LABEL_NONE)
# Above this many items the exact all-pairs search (n² scores, in blocks) gives way to the
# cell search; probes: the cells each item is compared with (docs/compare.md).
EXACT_MAX_ROWS = 20_000
PER_LIST_MAX = 10
PROBES = 3
SAMPLE_PER_CELL = 20
# The projected dimensions, and the candidates per match kept for exact scoring.
PROJECTED = 128
CANDIDATES_PER_MATCH = 2
RESCORE_CHUNK = 20_000
KMEANS_ROUNDS = 10
SEED = 20210726
# A shared run shorter than this is a common word, not a passage.
MIN_RUN = 2
ALIGNMENT_COLUMNS = [
    "list_a",
    "item_a",
    "section_a",
    "name_a",
    "list_b",
    "item_b",
    "section_b",
    "name_b",
    "rank",
    "score",
    "label",
    "reciprocal",
    "shared_terms",
    "shared_passages",
    "longest_passage",
]


class AlignmentError(ValueError):
    """Fewer than two lists to align, or a list with no items or no text."""


def label_for(score: float, rank: int) -> str:
    """``same measure`` (the nearest item, at or above ``SAME_MEASURE``), ``related`` (at or
    above ``RELATED``), else ``none``."""
    if rank == 1 and score >= SAME_MEASURE:
        return LABEL_SAME
    if score >= RELATED:
        return LABEL_RELATED
    return LABEL_NONE


def shared_runs(
    text_a: str, text_b: str, min_run: int = MIN_RUN
) -> list[tuple[int, int, int, int]]:
    """The runs of characters both texts hold in the same order (a longest common
    subsequence, by rapidfuzz's opcodes), as ``(start_a, end_a, start_b, end_b)``, in text
    order, each at least ``min_run`` characters long."""
    runs = []
    for tag, a_start, a_end, b_start, b_end in LCSseq.opcodes(text_a, text_b):
        if tag == "equal" and a_end - a_start >= min_run:
            runs.append((a_start, a_end, b_start, b_end))
    return runs


def passages_of(text: str, runs: list[tuple[int, int, int, int]]) -> list[str]:
    """The text of each run (as it stands in the first text)."""
    return [text[a_start:a_end] for a_start, a_end, _, _ in runs]


def top_k_in_groups(
    vectors: sparse.csr_matrix,
    groups: np.ndarray,
    k: int,
    *,
    per_group: bool = True,
    block_rows: int = 512,
    progress: bool = False,
) -> pd.DataFrame:
    """For each row of ``vectors`` (l2-normalised), its ``k`` most similar rows outside its own
    group (list): ``k`` in every other group (``per_group``) or ``k`` over all of them.

    The scores come block of rows by block of rows (a sparse product, made dense one block at a
    time and pruned to the top k at once), so memory grows with ``block_rows`` × rows, never
    with rows². Columns: ``row``, ``match``, ``rank`` (1 = nearest; per group when
    ``per_group``), ``score``; ties are broken by the lower row number.
    """
    from tqdm.auto import tqdm

    vectors = sparse.csr_matrix(vectors, dtype=np.float32)
    groups = np.asarray(groups)
    n = vectors.shape[0]
    transposed = vectors.T.tocsc()
    names = np.unique(groups)
    out_rows, out_match, out_rank, out_score = [], [], [], []
    starts = range(0, n, block_rows)
    for start in tqdm(starts, desc="nearest items", disable=not progress, unit="block"):
        stop = min(start + block_rows, n)
        scores = (vectors[start:stop] @ transposed).toarray()
        rows = np.arange(start, stop)
        scores[groups[rows][:, None] == groups[None, :]] = -np.inf
        columns_of = [np.flatnonzero(groups == g) for g in names] if per_group else [None]
        for columns in columns_of:
            block = scores if columns is None else scores[:, columns]
            keep = min(k, block.shape[1])
            if keep == 0:
                continue
            # The k-th best score of each row, then every column at or above it (ties at the
            # k-th place included), sorted by (-score, column): ties go to the lower row number.
            kth = -np.partition(-block, keep - 1, axis=1)[:, keep - 1]
            for r in range(len(rows)):
                candidates = np.flatnonzero((block[r] >= kth[r]) & np.isfinite(block[r]))
                values = block[r, candidates]
                order = np.lexsort((candidates, -values))[:keep]
                chosen = candidates[order]
                matches = chosen if columns is None else columns[chosen]
                out_rows.extend([rows[r]] * len(matches))
                out_match.extend(matches.tolist())
                out_rank.extend(range(1, len(matches) + 1))
                out_score.extend(values[order].tolist())
    return pd.DataFrame(
        {
            "row": np.asarray(out_rows, dtype=np.int64),
            "match": np.asarray(out_match, dtype=np.int64),
            "rank": np.asarray(out_rank, dtype=np.int64),
            "score": np.asarray(out_score, dtype=np.float64),
        }
    )


def _exact_scores(vectors: sparse.csr_matrix, rows: np.ndarray, matches: np.ndarray) -> np.ndarray:
    """The exact cosine of each (row, match) pair, a chunk of pairs at a time."""
    out = np.empty(len(rows), dtype=np.float32)
    for start in range(0, len(rows), RESCORE_CHUNK):
        stop = start + RESCORE_CHUNK
        products = vectors[rows[start:stop]].multiply(vectors[matches[start:stop]])
        out[start:stop] = np.asarray(products.sum(axis=1)).ravel()
    return out


def top_k_by_cells(
    vectors: sparse.csr_matrix,
    groups: np.ndarray,
    k: int,
    *,
    probes: int = PROBES,
    candidates: int | None = None,
    cells: int | None = None,
    seed: int = SEED,
    progress: bool = False,
) -> pd.DataFrame:
    """``top_k_in_groups`` over all other groups for many rows, without scoring every pair.

    1. Every row is projected to ``PROJECTED`` dimensions (scikit-learn's
       ``GaussianRandomProjection``, which keeps dot products on average) and l2-normalised.
    2. The projected rows are clustered into about √n cells (SciPy's ``kmeans2``, learnt on a
       sample); each row goes to the cell with the nearest centre.
    3. Each row is scored, in the projected space, against the members of its ``probes``
       nearest cells only, outside its own group, and keeps its best ``candidates``.
    4. The candidates are scored exactly (the sparse dot product) and the top ``k`` kept.

    So the scores returned are exact; what is approximate is which rows get scored: a true
    match that is not among a row's candidates is missed. The cost grows as about n^1.5
    instead of n². The recall against the exact search is measured in
    ``benchmarks/compare_bench.py`` and recorded in ``docs/compare.md``. Same columns as
    ``top_k_in_groups``."""
    from scipy.cluster.vq import kmeans2
    from sklearn.preprocessing import normalize
    from sklearn.random_projection import GaussianRandomProjection
    from tqdm.auto import tqdm

    vectors = sparse.csr_matrix(vectors, dtype=np.float32)
    groups = np.asarray(groups)
    n = vectors.shape[0]
    cells = cells or max(1, round(np.sqrt(n)))
    probes = min(probes, cells)
    keep = candidates or max(CANDIDATES_PER_MATCH * k, k)
    projection = GaussianRandomProjection(n_components=PROJECTED, random_state=seed)
    projected = normalize(projection.fit_transform(vectors)).astype(np.float32)
    rng = np.random.default_rng(seed)
    sample = np.sort(rng.choice(n, size=min(n, SAMPLE_PER_CELL * cells), replace=False))
    # SciPy's k-means: scikit-learn's MiniBatchKMeans took seconds of thread start-up on this
    # sample size on a shared two-core machine (docs/compare.md).
    centres, _ = kmeans2(projected[sample], cells, iter=KMEANS_ROUNDS, minit="points", seed=seed)
    centres = normalize(centres).astype(np.float32)
    affinity = projected @ centres.T
    labels = affinity.argmax(axis=1)
    probed = np.argpartition(-affinity, probes - 1, axis=1)[:, :probes]
    del affinity
    best_scores = np.full((n, keep), -np.inf, dtype=np.float32)
    best_rows = np.full((n, keep), n, dtype=np.int64)  # n: no candidate yet
    for cell in tqdm(range(cells), desc="nearest items", disable=not progress, unit="cell"):
        members = np.flatnonzero(labels == cell)
        queries = np.flatnonzero((probed == cell).any(axis=1))
        if members.size == 0 or queries.size == 0:
            continue
        scores = projected[queries] @ projected[members].T
        scores[groups[queries][:, None] == groups[members][None, :]] = -np.inf
        merged_scores = np.hstack([best_scores[queries], scores])
        merged_rows = np.hstack([best_rows[queries], np.broadcast_to(members, scores.shape)])
        width = min(keep, merged_scores.shape[1])
        top = np.argpartition(-merged_scores, width - 1, axis=1)[:, :width]
        best_scores[queries, :width] = np.take_along_axis(merged_scores, top, axis=1)
        best_rows[queries, :width] = np.take_along_axis(merged_rows, top, axis=1)
    found = np.isfinite(best_scores) & (best_rows < n)
    rows = np.broadcast_to(np.arange(n)[:, None], best_rows.shape)[found]
    matches = best_rows[found]
    exact = _exact_scores(vectors, rows, matches)
    table = pd.DataFrame({"row": rows, "match": matches, "score": exact})
    table = table.sort_values(["row", "score", "match"], ascending=[True, False, True])
    table = table.groupby("row", sort=False).head(k)
    table["rank"] = table.groupby("row", sort=False).cumcount() + 1
    return pd.DataFrame(
        {
            "row": table["row"].to_numpy(np.int64),
            "match": table["match"].to_numpy(np.int64),
            "rank": table["rank"].to_numpy(np.int64),
            "score": table["score"].to_numpy(np.float64),
        }
    )


def nearest_in_other_lists(
    vectors: sparse.csr_matrix, groups: np.ndarray, k: int, *, progress: bool = False
) -> pd.DataFrame:
    """Each row's top ``k`` in all other groups: the exact blocked search up to
    ``EXACT_MAX_ROWS`` rows, the cell search above (see ``docs/compare.md`` for the
    measurements behind the switch)."""
    if vectors.shape[0] <= EXACT_MAX_ROWS:
        return top_k_in_groups(vectors, groups, k, per_group=False, progress=progress)
    return top_k_by_cells(vectors, groups, k, progress=progress)


@dataclass(frozen=True)
class Aligned:
    """What ``align_lists`` returns: the table, and the representation the scores come from."""

    table: pd.DataFrame
    representation: object


def _stacked(lists: list[pd.DataFrame], names: list[str]) -> pd.DataFrame:
    if len(lists) < 2:
        raise AlignmentError(f"at least two lists are needed to compare, not {len(lists)}")
    if len(set(names)) != len(names):
        raise AlignmentError(f"two lists have the same name: {names}")
    frames = []
    for name, items in zip(names, lists, strict=True):
        missing = {"item_id", "section_id", "name", "content"} - set(items.columns)
        if missing:
            raise AlignmentError(f"list {name!r} lacks the columns {sorted(missing)}")
        if items.empty:
            raise AlignmentError(f"list {name!r} has no items")
        frame = items[["item_id", "section_id", "name", "content"]].copy()
        frame.insert(0, "list", name)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def align_lists(
    lists: list[pd.DataFrame],
    names: list[str],
    k: int = 3,
    *,
    representation=None,
    progress: bool = False,
) -> Aligned:
    """Every item of every list against each other list: its ``k`` nearest items there (with
    more than ``PER_LIST_MAX`` lists: its ``k`` nearest in all the other lists together, with
    the evidence for the nearest one only, so the table grows with the items, not with the
    lists squared).

    ``lists``: items tables (``load_items``); ``names``: one distinct name per list. One row per
    item and match (``ALIGNMENT_COLUMNS``): the two items (list, number, section, name), the
    ``rank`` of the match within the other list, the cosine ``score``, the ``label``, whether
    the match is ``reciprocal`` (each is the other's nearest), the ``shared_terms`` behind the
    score and the ``shared_passages`` (runs of at least ``MIN_RUN`` characters both texts hold
    in the same order, ``…``-joined) with the ``longest_passage``.
    """
    stacked = _stacked(lists, names)
    texts = similarity.representation_texts(stacked)
    if representation is None:
        representation = similarity.fit_representation(texts)
    vectors = similarity.item_vectors(texts, representation)
    groups = stacked["list"].to_numpy()
    many = len(lists) > PER_LIST_MAX
    if many:
        # k per other list would be k × (lists - 1) rows per item: keep the k best overall.
        nearest = nearest_in_other_lists(vectors, groups, k, progress=progress)
    else:
        nearest = top_k_in_groups(vectors, groups, k, per_group=True, progress=progress)
    best = nearest[nearest["rank"] == 1]
    best_of = {
        (int(r), stacked.at[int(m), "list"]): int(m)
        for r, m in zip(best["row"], best["match"], strict=True)
    }
    rows = []
    rows_with_evidence = nearest if not many else nearest[nearest["rank"] == 1]
    evidence_for = set(zip(rows_with_evidence["row"], rows_with_evidence["match"], strict=True))
    from tqdm.auto import tqdm

    for row, match, rank, score in tqdm(
        nearest.itertuples(index=False), total=len(nearest), desc="evidence", disable=not progress
    ):
        a, b = stacked.iloc[row], stacked.iloc[match]
        if (row, match) in evidence_for:
            passages = passages_of(texts[row], shared_runs(texts[row], texts[match]))
            terms = similarity.shared_terms(texts[row], texts[match], representation)
        else:
            passages, terms = [], []
        rows.append(
            {
                "list_a": a["list"],
                "item_a": int(a["item_id"]),
                "section_a": int(a["section_id"]),
                "name_a": a["name"],
                "list_b": b["list"],
                "item_b": int(b["item_id"]),
                "section_b": int(b["section_id"]),
                "name_b": b["name"],
                "rank": int(rank),
                "score": round(float(score), 4),
                "label": label_for(float(score), int(rank)),
                "reciprocal": rank == 1 and best_of.get((int(match), a["list"])) == int(row),
                "shared_terms": "、".join(terms),
                "shared_passages": "…".join(p.replace("\n", " ") for p in passages),
                "longest_passage": max(passages, key=len).replace("\n", " ") if passages else "",
            }
        )
    table = pd.DataFrame(rows, columns=ALIGNMENT_COLUMNS)
    return Aligned(table=table, representation=representation)


def aligned_texts(text_a: str, text_b: str) -> list[tuple[str, str, bool]]:
    """Both texts cut at the shared runs, for display: ``(piece_a, piece_b, shared)`` in order,
    where a shared piece is the same in both and the pieces between are each text's own."""
    pieces = []
    a_pos = b_pos = 0
    for a_start, a_end, b_start, b_end in shared_runs(text_a, text_b):
        if a_start > a_pos or b_start > b_pos:
            pieces.append((text_a[a_pos:a_start], text_b[b_pos:b_start], False))
        pieces.append((text_a[a_start:a_end], text_b[b_start:b_end], True))
        a_pos, b_pos = a_end, b_end
    if a_pos < len(text_a) or b_pos < len(text_b):
        pieces.append((text_a[a_pos:], text_b[b_pos:], False))
    return pieces
