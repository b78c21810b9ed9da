"""Progress bars and widgets show where a person watches: a terminal or JupyterLab, whose server
sets JPY_SESSION_NAME in the kernel's environment. Nobody watches a kernel the report's runner
starts (no terminal, no server), and no setting has to say so."""

import io

from analysis.interactive import headless, show_progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_explicit_choice_wins(monkeypatch):
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert show_progress(True) is True
    monkeypatch.setattr("sys.stderr", _Terminal())
    assert show_progress(False) is False


def test_no_bar_where_nobody_watches(monkeypatch):
    """The runner's kernels: stderr is a pipe, and no Jupyter server started them."""
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert headless() is True
    assert show_progress() is False


def test_bar_on_a_terminal(monkeypatch):
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.setattr("sys.stderr", _Terminal())
    assert show_progress() is True


def test_bar_in_jupyterlab(monkeypatch):
    monkeypatch.setenv("JPY_SESSION_NAME", "02_text_terms.ipynb")
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert show_progress() is True


def test_the_runner_gives_its_kernels_no_server_session(monkeypatch):
    """Even a report started from inside JupyterLab runs its notebooks unwatched."""
    from analysis.report.notebook_run import _kernel_environment

    monkeypatch.setenv("JPY_SESSION_NAME", "06_report.ipynb")
    assert "JPY_SESSION_NAME" not in _kernel_environment({"MPLBACKEND": "Agg"})
