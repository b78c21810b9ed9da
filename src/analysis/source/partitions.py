"""Item tables in partitions, for Dask: a pandas table is cut into partitions, a Dask table
already is one, and a function of one partition runs on each, its results kept in partition
order.

Text analysis and extraction both use this, so that every function that runs on a cluster
splits, schedules and gathers its work the same way. Nothing here imports Dask until a function
is called: ``import analysis`` stays free of it (see docs/scaling.md).

Scheduling: with a ``dask.distributed.Client`` the tasks run on its cluster; without one they
run on Dask's default scheduler, which is the active client if there is one, else threads.
"""

import sys
from collections.abc import Callable, Sequence

import pandas as pd

# Several partitions per thread let a fast worker take more of them, so none sits idle at the end.
PARTITIONS_PER_THREAD = 4
MIN_PARTITION_ITEMS = 50
# Partial results are combined in groups of this size, in a tree, not all in one task.
FAN_IN = 8


def is_dask_frame(items) -> bool:
    """True for a Dask DataFrame. Never imports Dask: if it is not loaded, ``items`` is not one."""
    dd = sys.modules.get("dask.dataframe")
    return dd is not None and isinstance(items, dd.DataFrame)


def cluster_threads(client) -> int:
    """The threads the client's workers run tasks on, or this machine's cores without one."""
    if client is None:
        import os

        return os.cpu_count() or 1
    return max(1, sum(client.nthreads().values()))


def as_dask_frame(items, client=None, columns: Sequence[str] | None = None):
    """``items`` (only ``columns``, when given) as a Dask DataFrame.

    A Dask DataFrame is used as it is. A pandas table is cut into ``PARTITIONS_PER_THREAD``
    partitions per thread of the cluster, each of at least ``MIN_PARTITION_ITEMS`` items, in the
    table's order; with a client they are sent straight to its workers (``scatter``), where
    every pass over them reads them.
    """
    if is_dask_frame(items):
        return items if columns is None else items[list(columns)]
    import dask.dataframe as dd

    if columns is not None:
        items = items[list(columns)]
    wanted = cluster_threads(client) * PARTITIONS_PER_THREAD
    npartitions = max(1, min(wanted, len(items) // MIN_PARTITION_ITEMS))
    if client is None:
        # sort=False: the rows keep their order whatever the index holds.
        return dd.from_pandas(items, npartitions=npartitions, sort=False)
    size = max(1, -(-len(items) // npartitions))
    parts = [items.iloc[start : start + size] for start in range(0, len(items), size)]
    # Scattered, not put in the task graph: the data goes to the workers once, directly.
    futures = client.scatter(parts or [items])
    return dd.from_delayed(futures, meta=items.iloc[:0], verify_meta=False)


def per_partition(function: Callable, frame, *args) -> list:
    """One delayed ``function(partition, *args)`` per partition of ``frame``, in order."""
    from dask import delayed

    task = delayed(function, pure=True)
    return [task(partition, *args) for partition in frame.to_delayed()]


def tree_combine(parts: Sequence, combine: Callable):
    """One delayed result: ``combine`` applied to ``FAN_IN`` parts at a time, level by level.
    ``combine`` must be associative; parts keep their order, so it need not be commutative."""
    from dask import delayed

    task = delayed(combine, pure=True)
    parts = list(parts)
    if not parts:
        raise ValueError("nothing to combine: the table has no partitions")
    while len(parts) > 1:
        parts = [task(*parts[i : i + FAN_IN]) for i in range(0, len(parts), FAN_IN)]
    return parts[0]


def compute(objects: Sequence, client=None) -> list:
    """The values of delayed ``objects``, on the client's cluster or Dask's default scheduler."""
    if client is not None:
        return client.gather(client.compute(list(objects)))
    import dask

    return list(dask.compute(*objects))


def _per_source(partition: pd.DataFrame, function: Callable, *args) -> pd.DataFrame:
    from .corpus import per_source

    return per_source(function, partition, *args)


def concat_per_partition(
    function: Callable, items, client=None, *args, columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """``function(partition, *args)`` on every partition of ``items``, concatenated in order.

    For a ``function`` that treats each row on its own and returns a table with a fresh index,
    the result is the table ``function(items, *args)`` returns in one process: the same rows in
    the same order, with the same dtypes (each partition's table has them already).
    ``columns``: the ones ``function`` reads, so that only they are sent to the workers.
    """
    from .corpus import SOURCE_COLUMN

    if columns is not None and SOURCE_COLUMN in items.columns:
        columns = [SOURCE_COLUMN, *columns]
    frame = as_dask_frame(items, client, columns)
    tables = compute(per_partition(_per_source, frame, function, *args), client)
    return pd.concat(tables, ignore_index=True)
