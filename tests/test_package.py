def test_public_functions_are_functions_not_their_modules():
    """``analysis.kwic`` and ``analysis.keyness`` share their module's name: importing the
    modules must not shadow the functions."""
    import analysis.text.keyness  # noqa: F401
    import analysis.text.kwic  # noqa: F401

    for name in analysis.__all__:
        assert callable(getattr(analysis, name)), name
    assert analysis.kwic.__module__ == "analysis.text.kwic"
