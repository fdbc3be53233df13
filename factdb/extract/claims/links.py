"""Who gives a figure: link each count of an article to the claim that states it.

A count whose span lies inside the content of an attributed statement ("more than 150
attacks, the group said"; "the ministry said 23 people died") is the speaker's figure:
``counts.claim_id`` names that claim. A count in the article's own voice keeps NULL, and
so does a count inside a speaker phrase ("10 sources said"), which counts the speakers,
not what they said. When statements nest ("X told Y that C, sources said"), the innermost
content holding the count wins. Only ``claim_id`` is set: no count row is dropped or
otherwise changed. See docs/claims.md, "Counts and their claims".
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any


def link_counts(counts: list[dict[str, Any]], claims: list[dict[str, Any]]) -> None:
    """Set ``claim_id`` on each count row (in place) from the claims of the same article."""
    spans = sorted(
        (c["content_start"], c["content_end"], c["claim_id"]) for c in claims
        if c.get("content_start") is not None and c.get("content_end") is not None)
    starts = [s[0] for s in spans]
    speakers = [(c["speaker_start"], c["speaker_end"]) for c in claims
                if c.get("speaker_start") is not None and c.get("speaker_end") is not None]
    for row in counts:
        a, b = row.get("char_start"), row.get("char_end")
        if a is None or b is None:
            continue
        if any(s <= a and b <= e for s, e in speakers):
            row["claim_id"] = None            # counts the speakers, not what they said
            continue
        best: tuple[int, str] | None = None
        for s, e, claim_id in spans[:bisect_right(starts, a)]:
            if s <= a and b <= e and (best is None or e - s < best[0]):
                best = (e - s, claim_id)
        row["claim_id"] = best[1] if best else None
