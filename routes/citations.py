"""Sources in full: the catalogs name the 2019 analysis briefly; figures and maps cite it whole."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["ANALYSIS_2019", "in_full"]

#: The analysis the project starts from (its aircraft ranges and the questions it asks).
ANALYSIS_2019 = (
    "Alexander Khramchikhin (Deputy Director, Institute for Political and Military Analysis), "
    "article of 20 September 2019, in English translation as Special Dispatch No. 8335, "
    '28 October 2019: "Russia-China Military Cooperation Is Subject To Serious Limitations"'
)
#: How the catalogs name it.
_NAMED_AS = "2019 analysis"


def in_full(sources: Iterable[str]) -> list[str]:
    """`sources` once each, in order, and the 2019 analysis in full after them where one names
    it.

    >>> in_full(["range: 2019 analysis (...)", "range: 2019 analysis (...)"])[-1][:21]
    'the 2019 analysis: Al'
    """
    listed = list(dict.fromkeys(source for source in sources if source))
    if any(_NAMED_AS in source for source in listed):
        listed.append(f"the {_NAMED_AS}: {ANALYSIS_2019}")
    return listed
