"""`make lab` starts for root and for a normal user, without the Jupyter news pop-up."""

import json
import os
import subprocess
import sys
from pathlib import Path

from analysis.paths import RESOURCES, ROOT

OVERRIDES = RESOURCES / "jupyterlab_overrides.json"
NOTIFICATION_PLUGIN = "@jupyterlab/apputils-extension:notification"
INSTALLED_SCHEMAS = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"


def _lab_command(**environment: str) -> str:
    """The command `make lab` would run (dry run: nothing starts)."""
    env = dict(os.environ, **environment)
    dry_run = subprocess.run(
        ["make", "-n", "lab"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    (command,) = [line for line in dry_run.stdout.splitlines() if "jupyter lab" in line]
    return command


def test_overrides_switch_off_the_news_prompt():
    overrides = json.loads(OVERRIDES.read_text(encoding="utf-8"))
    assert overrides[NOTIFICATION_PLUGIN]["fetchNews"] == "false"


def test_the_news_setting_exists_in_the_installed_jupyterlab():
    """A misspelt plugin or key would be ignored without a word: check it against the
    schema of the JupyterLab this project installs."""
    plugin, _, schema_name = NOTIFICATION_PLUGIN.partition(":")
    schema = json.loads((INSTALLED_SCHEMAS / plugin / f"{schema_name}.json").read_text("utf-8"))
    fetch_news = schema["properties"]["fetchNews"]
    assert {"const": "false", "title": "Never"} in fetch_news["oneOf"]


def test_the_makefile_installs_the_overrides_where_jupyterlab_reads_them():
    installed = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert json.loads(installed.read_text("utf-8")) == json.loads(OVERRIDES.read_text("utf-8"))


def test_lab_allows_root_only_for_root():
    assert ("--allow-root" in _lab_command()) == (os.geteuid() == 0)


def _as_user(tmp_path, uid: int) -> str:
    """A PATH on which `id -u` answers ``uid``, whoever runs the tests."""
    (tmp_path / "id").write_text(f"#!/bin/sh\necho {uid}\n")
    (tmp_path / "id").chmod(0o755)
    return f"{tmp_path}:{os.environ['PATH']}"


def test_lab_as_a_normal_user_has_no_allow_root(tmp_path):
    command = _lab_command(PATH=_as_user(tmp_path, 1000))
    assert "--allow-root" not in command
    assert "--notebook-dir=notebooks" in command


def test_lab_as_root_has_allow_root(tmp_path):
    assert "--allow-root" in _lab_command(PATH=_as_user(tmp_path, 0))


def test_lab_passes_extra_arguments():
    assert "--no-browser --port=8899" in _lab_command(LAB_ARGS="--no-browser --port=8899")
