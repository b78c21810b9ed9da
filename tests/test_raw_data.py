import hashlib
import json
from pathlib import Path

from analysis.paths import RAW, ROOT, SOURCE, SOURCE_METADATA

SEED = ROOT.parent / "shared" / "seeds" / "000_d47d7dfe0cfcc86e.txt"


def test_source_hash_matches_its_metadata_and_readme(source_bytes):
    digest = hashlib.sha256(source_bytes).hexdigest()
    metadata = json.loads(SOURCE_METADATA.read_text(encoding="utf-8"))
    assert digest == metadata["sha256"]
    assert len(source_bytes) == metadata["bytes"]
    assert digest in (RAW / "README.md").read_text(encoding="utf-8")


def test_source_is_the_seed_byte_for_byte(source_bytes):
    if not SEED.exists():  # the shared folder sits beside the clone on the team's machines
        import pytest

        pytest.skip(f"{SEED} is not on this machine")
    assert source_bytes == SEED.read_bytes()


def test_raw_folder_holds_only_the_source_and_its_sidecars():
    assert sorted(p.name for p in Path(RAW).iterdir()) == sorted(
        [SOURCE.name, SOURCE_METADATA.name, "README.md"]
    )
