"""Execute jupytext notebooks headless, several at once, and refuse any cell that errs or warns."""

import asyncio
import os
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbclient.util import ensure_async

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


SETUP_TAG = "setup"


async def execute_notebook_async(
    path: Path,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    inputs_ready: asyncio.Event | None = None,
) -> nbformat.NotebookNode:
    """Run every cell of ``path`` in a fresh kernel whose environment is ours plus ``env``.

    With ``inputs_ready``, the kernel starts and runs the cells tagged ``setup`` (imports) at
    once, then waits for the event before the first cell that reads other notebooks' outputs.
    """
    notebook = read_notebook(path)
    client = NotebookClient(
        notebook,
        kernel_name=KERNEL,
        timeout=TIMEOUT_SECONDS,
        resources={"metadata": {"path": str(cwd or path.parent)}},
        # The kernel binds to localhost only; its warning about unencrypted TCP is noise.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    client.reset_execution_trackers()
    try:
        async with client.async_setup_kernel(env={**os.environ, **(env or {})}):
            info = await client.async_wait_for_reply(await ensure_async(client.kc.kernel_info()))
            notebook.metadata["language_info"] = info["content"]["language_info"]
            for index, cell in enumerate(notebook.cells):
                if inputs_ready is not None and SETUP_TAG not in cell.metadata.get("tags", []):
                    await inputs_ready.wait()
                    inputs_ready = None
                await client.async_execute_cell(cell, index)
    except CellExecutionError as exc:
        raise NotebookFailed(f"{path.name} failed:\n{exc}") from None
    problems = stderr_outputs(notebook)
    if problems:
        details = "\n".join(f"  cell {index}: {text.strip()[:500]}" for index, text in problems)
        raise NotebookFailed(f"{path.name} wrote warnings or errors to stderr:\n{details}")
    return notebook


def execute_notebook(path: Path, env: dict[str, str] | None = None, cwd: Path | None = None):
    return asyncio.run(execute_notebook_async(path, env, cwd))


async def execute_notebooks(paths, env=None, cwd=None, parallel: int = 2, on_done=None):
    """Run independent notebooks ``parallel`` at a time; results in the order given.
    ``on_done(path, seconds)`` is called as each one finishes."""
    slots = asyncio.Semaphore(parallel)
    loop = asyncio.get_running_loop()

    async def run(path):
        async with slots:
            started = loop.time()
            notebook = await execute_notebook_async(path, env, cwd)
            if on_done is not None:
                on_done(path, loop.time() - started)
            return notebook

    return await asyncio.gather(*(run(path) for path in paths))
