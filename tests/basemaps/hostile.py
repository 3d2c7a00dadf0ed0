"""Text a user may give (site names, sources, tags), for the export tests: markup, XML's own
escapes, quotes and other scripts, without the control characters the catalog refuses."""

from __future__ import annotations

import re

from hypothesis import strategies as st

#: Markup, XML's own escapes and CDATA's end, quotes and text in other scripts.
PIECES = ["<script>", "</script>", "]]>", "<![CDATA[", "&", "&amp;", "&#60;", "'", '"', "<b>"]
PIECES += ["Жуковка", "λ", "שלום", "عربي", "\u2028", "\u202f", "\u0301", "{{ 6*7 }}", " "]
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
hostile = (
    st.lists(
        st.one_of(
            st.sampled_from(PIECES),
            st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Co", "Cn"))),
        ),
        min_size=1,
        max_size=6,
    )
    .map(lambda pieces: CONTROL.sub("", "".join(pieces)).strip()[:200])
    .filter(bool)
)
NASTY = "<script>alert(1)</script> ]]> & &amp; 'single' \"double\" Жуковка λ"
