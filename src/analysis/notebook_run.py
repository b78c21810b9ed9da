"""Execute a jupytext notebook headless and refuse any cell that errs or warns."""

import os
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

KERNEL = "python3"
TIMEOUT_SECONDS = 600


class NotebookFailed(RuntimeError):
    """A notebook raised, or wrote to stderr (a warning, a missing glyph, a log line)."""


def read_notebook(path: Path) -> nbformat.NotebookNode:
    notebook = jupytext.read(path)
    notebook.metadata["kernelspec"] = {
        "name": KERNEL,
        "display_name": "Python 3",
        "language": "python",
    }
    return notebook


def stderr_outputs(notebook: nbformat.NotebookNode) -> list[tuple[int, str]]:
    """``(cell index, text)`` of everything a run wrote to stderr."""
    found = []
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                found.append((index, output.get("text", "")))
    return found


def execute_notebook(path: Path, env: dict[str, str] | None = None, cwd: Path | None = None):
    """Run every cell of ``path`` in a fresh kernel with ``env`` added to the environment."""
    notebook = read_notebook(path)
    saved = {key: os.environ.get(key) for key in (env or {})}
    os.environ.update(env or {})
    try:
        client = NotebookClient(
            notebook,
            kernel_name=KERNEL,
            timeout=TIMEOUT_SECONDS,
            resources={"metadata": {"path": str(cwd or path.parent)}},
            # The kernel binds to localhost only; its warning about unencrypted TCP is noise.
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
        )
        client.execute()
    except CellExecutionError as exc:
        raise NotebookFailed(f"{path.name} failed:\n{exc}") from None
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    problems = stderr_outputs(notebook)
    if problems:
        details = "\n".join(f"  cell {index}: {text.strip()[:500]}" for index, text in problems)
        raise NotebookFailed(f"{path.name} wrote warnings or errors to stderr:\n{details}")
    return notebook
