from analysis.interactive import show_progress


def test_explicit_choice_wins(monkeypatch):
    monkeypatch.setenv("ANALYSIS_HEADLESS", "1")
    assert show_progress(True) is True
    assert show_progress(False) is False


def test_no_bar_in_the_rendered_report(monkeypatch):
    monkeypatch.setenv("ANALYSIS_HEADLESS", "1")
    monkeypatch.setenv("JPY_SESSION_NAME", "02_text_terms.ipynb")
    assert show_progress() is False


def test_bar_in_jupyterlab(monkeypatch):
    monkeypatch.delenv("ANALYSIS_HEADLESS", raising=False)
    monkeypatch.setenv("JPY_SESSION_NAME", "02_text_terms.ipynb")
    assert show_progress() is True
