"""A run killed part-way leaves no half-written file: every output is written to a temporary
name and renamed into place (``analysis.safe_write``). Slow: it starts a whole report."""

import ast
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pandas as pd
import psutil
import pytest
from openpyxl import load_workbook
from PIL import Image
from pptx import Presentation

from analysis.paths import ROOT
from analysis.safe_write import PARTIAL_SUFFIX, replacing, write_text

# Enough finished files that the kill lands while notebooks are writing, not before the first.
FILES_BEFORE_THE_KILL = 12
WAIT_SECONDS = 300


def _whole(path: Path) -> None:
    """Raise unless ``path`` is a complete file of its kind."""
    suffix = path.suffix
    if suffix == ".csv":
        pd.read_csv(path)
    elif suffix == ".png":
        with Image.open(path) as image:
            image.load()
    elif suffix == ".svg":
        assert ET.parse(path).getroot().tag.endswith("svg")
    elif suffix == ".xlsx":
        load_workbook(path).close()
    elif suffix == ".pptx":
        Presentation(path)
    elif suffix in {".json", ".ipynb"}:
        json.loads(path.read_text(encoding="utf-8"))
    elif suffix == ".html":
        assert path.read_text(encoding="utf-8").rstrip().endswith("</html>")
    elif suffix == ".md":
        assert path.read_text(encoding="utf-8").endswith("\n")
    else:
        raise AssertionError(f"an output of an unexpected kind: {path}")
    if suffix in {".xlsx", ".pptx"}:
        assert zipfile.ZipFile(path).testzip() is None


def _outputs(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.is_file()]


def _kill_everything(process: subprocess.Popen) -> None:
    """SIGKILL the run's process group and every process it started: the kernels have
    sessions of their own, so the group alone would leave them writing."""
    family = psutil.Process(process.pid).children(recursive=True)
    os.killpg(process.pid, signal.SIGKILL)
    for child in family:
        with contextlib.suppress(psutil.NoSuchProcess):
            child.kill()
    process.wait()
    psutil.wait_procs(family, timeout=30)


@pytest.mark.slow
def test_a_killed_run_leaves_only_whole_files(tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    # An empty cache: every PNG is really drawn, so writes are in flight when the kill comes.
    # The killed kernels cannot remove their sockets: they are left in a folder of the test's
    # own (short, as a socket's path must be).
    runtime = tempfile.mkdtemp(prefix="rt")
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(cache), "JUPYTER_RUNTIME_DIR": runtime}
    process = subprocess.Popen(
        [sys.executable, "-m", "analysis", "report", "--out", str(out)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        while len(_outputs(out)) < FILES_BEFORE_THE_KILL and process.poll() is None:
            assert time.monotonic() < deadline, "the run wrote too little to interrupt"
            time.sleep(0.2)
        assert process.poll() is None, "the run finished before it could be interrupted"
    finally:
        _kill_everything(process)
        shutil.rmtree(runtime)

    left = _outputs(out)
    partial = [p for p in left if p.name.endswith(PARTIAL_SUFFIX)]
    # A temporary file is named so that no reader takes it for an output.
    assert all(p.name.startswith(".") for p in partial)
    finished = [p for p in left if p not in partial]
    assert len(finished) >= FILES_BEFORE_THE_KILL
    for path in finished:
        _whole(path)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "table.csv"
    write_text(target, "a,b\n1,2\n")
    with pytest.raises(RuntimeError), replacing(target) as temporary:
        temporary.write_text("a,b\n1,")
        raise RuntimeError("cut short")
    assert target.read_text() == "a,b\n1,2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


def test_a_replaced_file_is_as_readable_as_any_the_user_makes(tmp_path):
    target = write_text(tmp_path / "notes.md", "# Notes\n")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


# Writers that take a file name write to the temporary one ``safe_write.replacing`` gives, or to
# a buffer that ``safe_write.write_bytes`` then puts in place.
_IN_PLACE_NAMES = {"temporary", "buffer", "svg", "handle", "writer"}
_WRITERS = {"to_csv", "to_excel", "savefig", "save", "to_parquet", "dump"}


def _unsafe_writes(tree: ast.AST) -> list[int]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func, args = node.func, node.args
        first = args[0].id if args and isinstance(args[0], ast.Name) else None
        if isinstance(func, ast.Attribute) and func.attr in {"write_bytes", "write_text"}:
            owner = func.value.id if isinstance(func.value, ast.Name) else None
            if owner not in {"safe_write", "temporary"}:
                found.append(node.lineno)
        elif isinstance(func, ast.Attribute) and func.attr in _WRITERS:
            if first not in _IN_PLACE_NAMES:
                found.append(node.lineno)
        elif isinstance(func, ast.Name) and func.id == "open":
            mode = args[1] if len(args) > 1 else None
            modes = [k.value for k in node.keywords if k.arg == "mode"] + [mode]
            writes = any(
                isinstance(m, ast.Constant) and set(str(m.value)) & set("wax") for m in modes
            )
            if writes and first != "temporary":
                found.append(node.lineno)
    return found


def test_every_output_is_written_through_safe_write():
    package = ROOT / "src" / "analysis"
    unsafe = {
        (path.relative_to(package).as_posix(), line)
        for path in sorted(package.rglob("*.py"))
        if path.name != "safe_write.py"
        for line in _unsafe_writes(ast.parse(path.read_text(encoding="utf-8")))
    }
    assert unsafe == set()


def test_the_guard_sees_a_direct_write():
    source = "path.write_text('x')\ntable.to_csv(path)\nopen(path, 'w')\nfig.savefig(buffer)\n"
    assert _unsafe_writes(ast.parse(source)) == [1, 2, 3]
