"""Shared test settings: bounded hypothesis runs so `make test` stays quick on 2 cores.

HYPOTHESIS_PROFILE=thorough runs many more examples, for a search before a release; in CI the
examples are the same every run (profile "ci").
"""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

#: Where tests keep what a person looks at afterwards (screenshots, figures); made before any
#: test runs, so no test depends on another having made it.
ARTIFACTS = Path(__file__).parents[1] / "test-artifacts"


def pytest_configure(config: pytest.Config) -> None:
    ARTIFACTS.mkdir(exist_ok=True)


settings.register_profile(
    "rangemap", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# CI (.ci/run sets CI) runs the same examples every time: a red CI is then a change's fault,
# not a newly drawn example's. Local runs draw new examples, to keep finding corner cases.
settings.register_profile("ci", settings.get_profile("rangemap"), derandomize=True)
default = "ci" if os.environ.get("CI") else "rangemap"
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", default))
