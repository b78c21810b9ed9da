"""Running the command line as a new user does, for the tests that run the whole pipeline on a
list of their own."""

import os
import subprocess
import sys
from pathlib import Path

from analysis.paths import ROOT


def report_on(
    list_file: Path, tmp_path_factory, name: str, timeout: int, options: tuple[str, ...] = ()
):
    """``python -m analysis report --input list_file [options]`` into a fresh folder, with its
    own empty cache so that every figure is really drawn. Returns the folder and the finished
    process, which must have exited 0."""
    out = tmp_path_factory.mktemp(name)
    env = {**os.environ, "ANALYSIS_CACHE_DIR": str(tmp_path_factory.mktemp(f"{name}_cache"))}
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "report",
            "--input",
            str(list_file),
            "--out",
            str(out),
            *options,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
    )
    assert completed.returncode == 0, completed.stderr
    return out, completed
