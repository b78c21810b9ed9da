def test_public_functions_are_functions_not_their_modules():
    """``analysis.kwic`` and ``analysis.keyness`` share their module's name: importing the
    module must not shadow the function."""
    import analysis.keyness  # noqa: F401
    import analysis.kwic  # noqa: F401

    for name in analysis.__all__:
        assert callable(getattr(analysis, name)), name
    assert analysis.kwic.__module__ == "analysis.kwic"
