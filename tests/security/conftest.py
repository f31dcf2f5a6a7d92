"""Hypothesis profiles for the security tests: `ci` (default, repeatable) and `deep` (local).

HYPOTHESIS_PROFILE=deep runs thousands of examples per property; `ci` is derandomised, so a
failure in CI is a real bug that fails again on the next run, never bad luck. No example
database (a failure is kept as an explicit @example instead); the constants cache hypothesis
writes to .hypothesis/ is git-ignored.
"""

import os

from hypothesis import HealthCheck, settings

# Building each example's request is cheap; a slow one is the view under test, not the data.
_COMMON = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow],
}

settings.register_profile("ci", max_examples=60, derandomize=True, **_COMMON)
settings.register_profile("deep", max_examples=2000, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
