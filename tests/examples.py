"""How many Hypothesis examples a test gets under the active settings profile."""

from hypothesis import settings

# The `ci` profile's count (Hypothesis's default): a test's own count is what it gets under `ci`.
CI_EXAMPLES = 100


def scaled(wanted: int) -> int:
    """``wanted`` examples under `ci`, a proportional share under a lighter profile (`dev`
    tries a tenth), and at least the profile's own count under a heavier one (`explore`)."""
    profile = settings().max_examples
    if profile >= CI_EXAMPLES:
        return max(wanted, profile)
    return max(1, wanted * profile // CI_EXAMPLES)
