"""Execute jupytext notebooks headless, several at once, and refuse any cell that errs or warns."""

import asyncio
import contextlib
import os
import re
import uuid
from pathlib import Path

import jupytext
import nbformat
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.paths import jupyter_runtime_dir
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbclient.util import ensure_async

KERNEL = "python3"
TIMEOUT_SECONDS = 600


class NotebookFailed(RuntimeError):
    """A notebook raised, or wrote to stderr (a warning, a missing glyph, a log line).

    The message's first line names the notebook, the cell and the cause; the traceback
    follows, as plain text."""


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _first_line(source: str) -> str:
    lines = [line for line in source.splitlines() if line.strip() and not line.startswith("#")]
    return lines[0].strip() if lines else ""


def cell_failure(path: Path, index: int, cell, exc: CellExecutionError) -> NotebookFailed:
    """``04_extraction.py, cell 6 (quantities = …): ValueError: …``, then the traceback.
    Cells are counted from 1, markdown cells included, as JupyterLab shows them."""
    cause = f"{exc.ename}: {exc.evalue}" if exc.ename else str(exc).splitlines()[0]
    code = _first_line(cell.source)
    where = f"{path.name}, cell {index + 1}" + (f" ({code})" if code else "")
    traceback = _ANSI.sub("", exc.traceback if isinstance(exc.traceback, str) else "")
    return NotebookFailed(f"{where}: {cause}\n{traceback}".rstrip())


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
PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"
# Cells that run at once in a notebook whose inputs are not ready yet (``inputs_ready``).
_EARLY_TAGS = {SETUP_TAG, PARAMETERS_TAG, INJECTED_TAG}
# Run in each kernel as it starts, before any cell: the start-up speed-up of ``lean_imports``,
# for the kernels the runner owns and nowhere else.
_KERNEL_STARTUP = (
    "--IPKernelApp.exec_lines="
    "from analysis.lean_imports import skip_unused_uri_checker; skip_unused_uri_checker()"
)
# Kernels talk over Unix sockets where there are any: a TCP port picked free can be taken by
# another process before the kernel binds it ("Address already in use"), most often when many
# kernels start at once.
# The sockets' path is absolute: the kernel runs in the notebooks' folder, its client here.
TRANSPORT = "ipc" if os.name == "posix" else "tcp"


# A Unix socket's path holds at most 107 bytes (Linux; 103 on macOS); the kernel appends "-5".
_SOCKET_PATH_MAX = 100


def _connection() -> dict[str, str]:
    """How the runner and a kernel talk: Unix sockets in Jupyter's runtime folder, or TCP
    where there are none or the folder's path is too long for a socket."""
    if TRANSPORT != "ipc":
        return {}
    folder = Path(jupyter_runtime_dir())
    socket = folder / f"analysis-{uuid.uuid4().hex[:12]}"
    if len(os.fsencode(socket)) + 2 > _SOCKET_PATH_MAX:
        return {}
    folder.mkdir(parents=True, exist_ok=True)
    return {"transport": TRANSPORT, "ip": str(socket)}


# Settings a Jupyter server gives the kernels it starts: a kernel this runner starts has no
# person watching it, whatever the environment it was started from.
_SERVER_SETTINGS = ("JPY_SESSION_NAME",)


def parameters_source(parameters: dict) -> str:
    """The code of an ``injected-parameters`` cell: one assignment per parameter."""
    return "\n".join(
        ["# Parameters"] + [f"{name} = {value!r}" for name, value in parameters.items()]
    )


def inject_parameters(notebook: nbformat.NotebookNode, parameters: dict) -> nbformat.NotebookNode:
    """Papermill's convention: a cell tagged ``injected-parameters`` holding ``parameters``
    goes right after the cell tagged ``parameters`` (at the top when there is none), replacing
    any injected before. The executed notebook keeps it: it records what the run was given."""
    cells = [c for c in notebook.cells if INJECTED_TAG not in c.metadata.get("tags", [])]
    tagged = [i for i, c in enumerate(cells) if PARAMETERS_TAG in c.metadata.get("tags", [])]
    cell = nbformat.v4.new_code_cell(parameters_source(parameters))
    cell.metadata["tags"] = [INJECTED_TAG]
    at = tagged[0] + 1 if tagged else 0
    notebook.cells = cells[:at] + [cell] + cells[at:]
    return notebook


def _kernel_environment(env: dict[str, str] | None) -> dict[str, str]:
    """The kernel's environment: ours plus ``env``, without a Jupyter server's settings."""
    merged = {**os.environ, **(env or {})}
    for name in _SERVER_SETTINGS:
        merged.pop(name, None)
    return merged


async def execute_notebook_async(
    path: Path,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    inputs_ready: asyncio.Event | None = None,
    *,
    parameters: dict | None = None,
) -> nbformat.NotebookNode:
    """Run every cell of ``path`` in a fresh kernel whose environment is ours plus ``env``.

    ``parameters`` are injected after the cell tagged ``parameters`` (``inject_parameters``).
    With ``inputs_ready``, the kernel starts and runs the cells tagged ``setup`` (imports) and
    the parameters at once, then waits for the event before the first cell that reads other
    notebooks' outputs.
    """
    notebook = read_notebook(path)
    if parameters is not None:
        inject_parameters(notebook, parameters)
    manager = AsyncKernelManager(kernel_name=KERNEL, **_connection())
    client = NotebookClient(
        notebook,
        km=manager,
        kernel_name=KERNEL,
        timeout=TIMEOUT_SECONDS,
        resources={"metadata": {"path": str(cwd or path.parent)}},
    )
    client.reset_execution_trackers()
    index, cell = 0, None
    # The kernel is ours from before it starts to after it stops, so a run that fails or is
    # cancelled at any point stops it here, and nothing is left for an exit hook.
    try:
        await manager.start_kernel(
            # The kernel binds to localhost only; its warning about unencrypted TCP is noise.
            extra_arguments=["--IPKernelApp.log_level=ERROR", _KERNEL_STARTUP],
            env=_kernel_environment(env),
            cwd=str(cwd or path.parent),
        )
        try:
            await client.async_start_new_kernel_client()
        except RuntimeError as exc:
            raise NotebookFailed(f"{path.name}: the kernel did not start: {exc}") from None
        info = await client.async_wait_for_reply(await ensure_async(client.kc.kernel_info()))
        notebook.metadata["language_info"] = info["content"]["language_info"]
        for index, cell in enumerate(notebook.cells):
            early = _EARLY_TAGS & set(cell.metadata.get("tags", []))
            if inputs_ready is not None and not early:
                await inputs_ready.wait()
                inputs_ready = None
            await client.async_execute_cell(cell, index)
    except CellExecutionError as exc:
        raise cell_failure(path, index, cell, exc) from None
    finally:
        await _shut_down(client, manager)
    problems = stderr_outputs(notebook)
    if problems:
        first_cell, first_text = problems[0]
        cause = (first_text.strip().splitlines() or [""])[0][:200]
        details = "\n".join(f"  cell {i + 1}: {text.strip()[:500]}" for i, text in problems)
        raise NotebookFailed(
            f"{path.name}, cell {first_cell + 1}: wrote to stderr: {cause}\n"
            f"everything the notebook wrote to stderr:\n{details}"
        )
    return notebook


async def _shut_down(client: NotebookClient, manager: AsyncKernelManager) -> None:
    """Stop the kernel at once: a finished or cancelled notebook's kernel has nothing left to
    do, and a kernel cut off mid-cell must not print its own errors after the real one."""
    if client.kc is not None:
        client.kc.stop_channels()
    # Whatever goes wrong here (a kernel that never started, or already died), it is gone.
    with contextlib.suppress(RuntimeError, asyncio.CancelledError):
        if manager.has_kernel:
            await manager.shutdown_kernel(now=True)
    with contextlib.suppress(RuntimeError):
        await ensure_async(manager.cleanup_resources())


def execute_notebook(
    path: Path,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    *,
    parameters: dict | None = None,
):
    return asyncio.run(execute_notebook_async(path, env, cwd, parameters=parameters))


async def execute_notebooks(
    paths, env=None, cwd=None, parallel: int = 2, on_done=None, *, parameters=None
):
    """Run independent notebooks ``parallel`` at a time, each with ``parameters`` injected;
    results in the order given. ``on_done(path, seconds)`` is called as each one finishes."""
    slots = asyncio.Semaphore(parallel)
    loop = asyncio.get_running_loop()

    async def run(path):
        async with slots:
            started = loop.time()
            notebook = await execute_notebook_async(path, env, cwd, parameters=parameters)
            if on_done is not None:
                on_done(path, loop.time() - started)
            return notebook

    # The first failure stops the others, whose kernels are shut down before it is raised:
    # nothing a dying kernel prints comes after the error.
    tasks = [asyncio.ensure_future(run(path)) for path in paths]
    try:
        return await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
