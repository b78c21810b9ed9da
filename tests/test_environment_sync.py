"""environment.yml (conda) and pyproject.toml (pip) list the same packages, and both agree
with the versions pinned in requirements.lock."""

import re
import tomllib

from analysis.paths import ROOT

# conda-forge names that differ from PyPI names (none so far); extend when one is added.
CONDA_NAME = {}


def _pyproject_packages() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = project["dependencies"] + project["optional-dependencies"]["dev"]
    return {re.split(r"[<>=!~\[ ]", name)[0].lower() for name in names}


def _environment_packages() -> dict[str, str]:
    """name → pinned version, from both the conda list and its pip section."""
    found = {}
    for line in (ROOT / "environment.yml").read_text().splitlines():
        match = re.match(r"^\s+- ([A-Za-z0-9_.-]+)\s*(==?)\s*([^\s#]+)", line)
        if match and match.group(1) not in ("python",):
            found[match.group(1).lower()] = match.group(3)
    return found


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line)
        if match:
            pins[match.group(1).lower()] = match.group(2)
    return pins


def test_same_packages():
    conda = {CONDA_NAME.get(n, n) for n in _pyproject_packages()}
    assert set(_environment_packages()) == conda


def test_same_versions_as_the_lock():
    lock = _lock()
    for name, version in _environment_packages().items():
        assert lock[name] == version, name


def test_lock_covers_every_declared_package():
    assert _pyproject_packages() <= set(_lock())


def test_environment_installs_the_project_itself():
    assert re.search(r"^\s+- -e \.$", (ROOT / "environment.yml").read_text(), re.M)
