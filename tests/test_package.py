import importlib

import analysis


def test_every_public_name_resolves_to_its_module():
    for name in analysis.__all__:
        value = getattr(analysis, name)
        module = importlib.import_module(f"analysis.{analysis._PUBLIC[name]}")
        assert value is getattr(module, name)
    assert set(analysis.__all__) <= set(dir(analysis))


def test_unknown_names_raise_attribute_error():
    import pytest

    with pytest.raises(AttributeError, match="no attribute 'nonexistent'"):
        analysis.nonexistent  # noqa: B018
