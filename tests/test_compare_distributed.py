"""The nearest items in other lists on a Dask LocalCluster: the same table as in one process."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import load_corpus, load_items
from analysis.paths import SOURCE
from analysis.text import similarity
from analysis.text.alignment import top_k_in_groups

FIXTURES = Path(__file__).parent / "fixtures"
FILES = [
    SOURCE,
    FIXTURES / "songxi_district_list.txt",
    FIXTURES / "binhai_calibration_list.txt",
    FIXTURES / "qinghe_district_list.txt",
]

pytestmark = pytest.mark.cluster


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def test_nearest_on_dask_equals_the_one_process_search(client):
    from analysis.text.alignment_distributed import nearest_on_dask

    corpus = load_corpus([str(f) for f in FILES], client=client)
    assert corpus.errors.empty
    local = pd.concat([load_items(f).assign(source=str(f)) for f in FILES], ignore_index=True)
    texts = similarity.representation_texts(local)
    representation = similarity.fit_representation(texts)
    vectors = similarity.item_vectors(texts, representation)
    expected = top_k_in_groups(vectors, local["source"].to_numpy(), 5, per_group=False)
    got = nearest_on_dask(corpus.items, 5, client=client)
    assert got[["row", "match", "rank"]].equals(expected[["row", "match", "rank"]])
    assert np.allclose(got["score"], expected["score"], atol=1e-6)
    # Read off the fixtures: Songxi's item 12 (waste sorting) is nearest Shenzhen's item 40.
    songxi_12 = int(local.index[(local["source"] == str(FILES[1])) & (local["item_id"] == 12)][0])
    top = got[(got["row"] == songxi_12) & (got["rank"] == 1)]
    assert local.at[int(top["match"].iloc[0]), "item_id"] == 40
