"""Shared test settings: bounded hypothesis runs so `make test` stays quick on 2 cores.

HYPOTHESIS_PROFILE=thorough runs many more examples, for a search before a release.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "rangemap", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "rangemap"))
