"""Claims across articles: speakers linked to entities, and the same statement grouped.

Runs inside the load transaction, after the entity resolver, over the whole corpus:
- ``claims.speaker_entity_id``: the entity whose mention is the head of the speaker
  phrase ("Mark Ellison, the governor of ..." -> Mark Ellison; not "French" in "the French
  government", not "the Bank" in "the governor of the Bank");
- ``claims.claim_group_id`` and ``claim_groups``: claims with the same folded content, or
  content words overlapping by Jaccard >= 0.8, are one group; each group counts its
  articles, outlets, independent original sources and relaying articles.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from factdb import db
from factdb.lang.attribution import head_chunk, source_key
from factdb.resolve.unionfind import UnionFind
from factdb.runs import Run

#: Minimum Jaccard similarity of content words for two contents to be one statement.
JACCARD = 0.8
#: Contents with fewer content words than this group only when their folded text is equal.
MIN_FUZZY_WORDS = 5

STOPWORDS = frozenset("""
a an the and or but of to in on at for from by with as is are was were be been being it its
this that these those he she they we i you his her their our my your not no has have had will
would can could may might should must do does did so than then there here which who whom what
""".split())
_PREPOSITION = re.compile(r"\b(?:of|in|at|for|from|with|on|to|by|near|among|about)\b|['’]s\b",
                          re.IGNORECASE)
PERSON_TYPES = frozenset({"PERSON"})
ORG_TYPES = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})


def resolve(con: duckdb.DuckDBPyConnection, run: Run) -> None:
    link_speakers(con)
    known_outlets(con)
    group_claims(con)


# --- outlets known to the corpus --------------------------------------------------------

def known_outlets(con: duckdb.DuckDBPyConnection) -> None:
    """A speaker named like an outlet of the corpus is an original source.

    "..., according to AP." in one article is a relay of the agency that another article
    names as an original source ("told the Associated Press") or that is an article's
    outlet; the claim gets that original source (as its speaker is written).
    """
    names = [r[0] for r in con.execute(
        "SELECT DISTINCT original_source FROM claims WHERE original_source IS NOT NULL "
        "UNION SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL").fetchall()]
    keys = {source_key(n) for n in names}
    rows = con.execute("""
        SELECT c.claim_id, c.speaker, a.outlet FROM claims c JOIN articles a USING (article_id)
        WHERE c.original_source IS NULL AND c.speaker IS NOT NULL
          AND c.speaker_kind IN ('named_org', 'named_person', 'outlet')""").fetchall()
    updates = []
    for cid, speaker, outlet in rows:
        bare = re.sub(r"^the\s+", "", speaker, flags=re.IGNORECASE)
        if not bare[:1].isupper() or source_key(speaker) not in keys:
            continue
        relayed = outlet is None or source_key(outlet) != source_key(speaker)
        updates.append((cid, speaker, relayed, outlet if relayed else None))
    if not updates:
        return
    con.register("_claim_outlets", pa.table({
        "claim_id": [u[0] for u in updates], "original": [u[1] for u in updates],
        "relayed": [u[2] for u in updates], "relay": [u[3] for u in updates]}))
    try:
        con.execute("""
            UPDATE claims SET original_source = o.original, is_relayed = o.relayed,
                   relay_speaker = o.relay, speaker_kind = 'outlet'
            FROM _claim_outlets o WHERE claims.claim_id = o.claim_id""")
    finally:
        con.unregister("_claim_outlets")


# --- speakers ---------------------------------------------------------------------------

def is_head_mention(speaker: str, start: int, end: int) -> bool:
    """Is speaker[start:end] (a name inside the speaker phrase) the phrase's head?

    The name must end the phrase or its first part (before an apposition), and nothing
    in front of it in the same part may be a preposition or a possessor.
    """
    before, after = speaker[:start], speaker[end:]
    if after.strip() and not after.lstrip().startswith((",", "(")):
        return False
    part = before.rsplit(",", 1)[-1]
    return not _PREPOSITION.search(part)


def link_speakers(con: duckdb.DuckDBPyConnection) -> None:
    """Set claims.speaker_entity_id (and refine a named speaker's kind from the entity)."""
    rows = con.execute("""
        SELECT c.claim_id, c.speaker, c.speaker_start, c.speaker_kind, m.entity_id,
               m.char_start, m.char_end, e.entity_type
        FROM claims c
        JOIN entity_mentions m ON m.article_id = c.article_id
             AND m.char_start >= c.speaker_start AND m.char_end <= c.speaker_end
        LEFT JOIN entities e ON e.entity_id = m.entity_id
        WHERE c.speaker_start IS NOT NULL
        ORDER BY c.claim_id, m.char_start, m.char_end DESC""").fetchall()
    chosen: dict[str, tuple[str, str | None, str | None]] = {}
    for cid, speaker, s_start, kind, eid, m_start, m_end, etype in rows:
        if cid in chosen or speaker is None:
            continue
        if is_head_mention(speaker, m_start - s_start, m_end - s_start):
            chosen[cid] = (eid, _refined_kind(kind, etype), kind)
    how: dict[str, str] = {}
    chosen.update(link_pronouns(con, chosen, how))
    con.execute("UPDATE claims SET speaker_entity_id = NULL "
                "WHERE speaker_entity_id IS NOT NULL")
    # the reason a pronoun's link added on an earlier load goes; it is added again below
    con.execute(f"UPDATE claims SET confidence_reason = split_part(confidence_reason, "
                f"'{PRONOUN_REASON}', 1) WHERE contains(confidence_reason, '{PRONOUN_REASON}')")
    if not chosen:
        return
    table = pa.table({
        "claim_id": list(chosen),
        "entity_id": [v[0] for v in chosen.values()],
        "kind": [v[1] for v in chosen.values()],
        "how": [how.get(c) for c in chosen],
    })
    con.register("_claim_speakers", table)
    try:
        con.execute("""
            UPDATE claims SET speaker_entity_id = s.entity_id, speaker_kind = s.kind
            FROM _claim_speakers s WHERE claims.claim_id = s.claim_id""")
        con.execute(f"""
            UPDATE claims SET confidence_reason = concat(claims.confidence_reason,
                '{PRONOUN_REASON}, linked to ', l.name, ', ', l.how)
            FROM (SELECT s.claim_id, s.how, coalesce(e.name, s.entity_id) AS name
                  FROM _claim_speakers AS s LEFT JOIN entities AS e USING (entity_id)
                  WHERE s.how IS NOT NULL) AS l
            WHERE claims.claim_id = l.claim_id""")
    finally:
        con.unregister("_claim_speakers")


#: Appended to the reason of a claim whose pronoun speaker was linked to an entity.
PRONOUN_REASON = "; speaker is a pronoun"


#: Pronoun speakers: the entity types they may point back to, and the speaker kinds of
#: the earlier claims they may continue.
PRONOUN_TYPES: dict[str, frozenset[str]] = {
    "he": PERSON_TYPES, "she": PERSON_TYPES,
    "it": frozenset({"ORG"}), "they": frozenset({"ORG", "NORP"}),
}
PRONOUN_SPEAKER_KINDS: dict[str, frozenset[str]] = {
    "he": frozenset({"named_person", "anonymous"}),
    "she": frozenset({"named_person", "anonymous"}),
    "it": frozenset({"named_org", "document", "outlet"}),
    "they": frozenset({"named_org", "anonymous"}),
}
#: How far back (characters) a pronoun looks for the speaker it continues.
CLAIM_REACH = 1500
#: How far back he/she look for a mention of a person when no earlier speaker fits.
MENTION_REACH = 600


def link_pronouns(con: duckdb.DuckDBPyConnection,
                  named: dict[str, tuple[str, str | None, str | None]],
                  how: dict[str, str] | None = None,
                  ) -> dict[str, tuple[str, str | None, str | None]]:
    """Pronoun speakers ("he said", "it said", "they said") linked to their antecedent.

    A pronoun continues the nearest earlier speaker of the article (within
    ``CLAIM_REACH`` characters) of a compatible kind (he/she: a person, named or not;
    it: an organisation, document or outlet; they: an organisation or unnamed people).
    It takes that speaker's entity when the entity's type fits; when that speaker is
    unnamed ("a resident", "the statement") the pronoun stays unlinked rather than
    guessing. he/she with no fitting speaker in reach (or a named one left unlinked)
    fall back to the nearest earlier mention of a person within ``MENTION_REACH``. An
    entity mentioned in the claim's own content is never its speaker ("he congratulated
    X"). ``speaker`` keeps the pronoun as written; only ``speaker_entity_id`` is set.
    ``how`` (when given) gets, per linked claim, which of the two found the entity.
    """
    claims = con.execute("""
        SELECT claim_id, article_id, speaker_start, trim(speaker), speaker_kind,
               content_start, content_end
        FROM claims WHERE speaker_start IS NOT NULL
        ORDER BY article_id, speaker_start, claim_id""").fetchall()
    if not any((r[3] or "").lower() in PRONOUN_TYPES for r in claims):
        return {}
    types = dict(con.execute("SELECT entity_id, entity_type FROM entities").fetchall())
    mentions: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for aid, start, eid in con.execute("""
            SELECT article_id, char_start, entity_id FROM entity_mentions
            WHERE entity_id IS NOT NULL ORDER BY article_id, char_start""").fetchall():
        mentions[aid].append((start, eid))
    out: dict[str, tuple[str, str | None, str | None]] = {}
    history: list[_Speaker] = []          # earlier speakers of the article, in order
    for cid, aid, start, spk, kind, c_start, c_end in claims:
        if history and history[-1].article != aid:
            history = []
        linked = named.get(cid) or out.get(cid)
        pronoun = spk.lower() if spk and spk.lower() in PRONOUN_TYPES else None
        if pronoun and linked is None:
            spoken_of = {e for pos, e in mentions.get(aid, [])
                         if c_start is not None and c_start <= pos < c_end}
            eid, fall_back = _antecedent(pronoun, start, history, types, spoken_of)
            found_by = "the earlier speaker it continues"
            if eid is None and fall_back and pronoun in ("he", "she"):
                eid = next((e for pos, e in reversed(mentions.get(aid, []))
                            if pos < start and start - pos <= MENTION_REACH
                            and types.get(e) in PERSON_TYPES and e not in spoken_of), None)
                found_by = "the last person named before it"
            if eid is not None:
                out[cid] = (eid, kind, kind)
                if how is not None:
                    how[cid] = found_by
                linked = out[cid]
        # a linked speaker's kind as this run refines it (the stored kind may be one an
        # earlier run refined): the same history, and the same links, on every run
        history.append(_Speaker(aid, start, spk, pronoun, linked[1] if linked else kind,
                                linked[0] if linked else None))
    return out


@dataclass
class _Speaker:
    article: str
    start: int
    text: str
    pronoun: str | None
    kind: str | None
    entity: str | None


def _fits(pronoun: str, h: _Speaker) -> bool:
    if h.pronoun is not None:
        return h.pronoun == pronoun
    head = h.text.split(",")[0].split()
    if pronoun in ("he", "she") and h.entity is None and head and not _named(h.text):
        # an unnamed speaker: "a fisherman" may be "he", "officials" may not
        return not (head[-1].endswith("s") and not head[-1].endswith("ss"))
    return h.kind in PRONOUN_SPEAKER_KINDS[pronoun]


def _named(speaker: str) -> bool:
    """A speaker phrase whose head has a name ("Minister Jane Roe"; not "a resident of
    Springfield")."""
    return any(w[:1].isupper() for w in head_chunk(speaker).split()[1:])


def _antecedent(pronoun: str, start: int, history: list[_Speaker], types: dict[str, str],
                spoken_of: set[str]) -> tuple[str | None, bool]:
    """The entity of the speaker a pronoun continues, and whether a mention may stand in
    (no fitting speaker, or a named one left unlinked)."""
    for h in reversed(history):
        if start - h.start > CLAIM_REACH:
            break
        if not _fits(pronoun, h):
            continue
        if h.entity is None:
            return None, h.pronoun is None and _named(h.text)
        if types.get(h.entity) not in PRONOUN_TYPES[pronoun] or h.entity in spoken_of:
            return None, False
        return h.entity, False
    return None, True


def _refined_kind(kind: str | None, entity_type: str | None) -> str | None:
    if kind not in ("named_person", "named_org") or entity_type is None:
        return kind
    if entity_type in PERSON_TYPES:
        return "named_person"
    if entity_type in ORG_TYPES:
        return "named_org"
    return kind


# --- groups -----------------------------------------------------------------------------

def content_words(key: str) -> frozenset[str]:
    return frozenset(w for w in key.split() if w not in STOPWORDS and (len(w) > 1 or w.isdigit()))


def cluster_keys(keys: list[str], threshold: float = JACCARD) -> list[int]:
    """A cluster number for each distinct content key (equal numbers: one statement).

    Similar pairs are found with prefix filtering: with the words of every key ordered
    from rarest to commonest, two sets whose Jaccard similarity reaches the threshold
    share a word among the first |x| - ceil(t*|x|) + 1 words of each, so only keys that
    share such a word are compared.
    """
    sets = [content_words(k) for k in keys]
    df: Counter[str] = Counter(w for s in sets for w in s)
    uf: UnionFind[int] = UnionFind(range(len(keys)))
    index: dict[str, list[int]] = defaultdict(list)
    order = sorted(range(len(keys)), key=lambda i: (len(sets[i]), keys[i]))
    for i in order:
        words = sorted(sets[i], key=lambda w: (df[w], w))
        n = len(words)
        if n < MIN_FUZZY_WORDS:
            continue
        prefix = words[:n - math.ceil(threshold * n) + 1]
        seen: set[int] = set()
        for w in prefix:
            for j in index[w]:
                if j in seen:
                    continue
                seen.add(j)
                inter = len(sets[i] & sets[j])
                if inter / (n + len(sets[j]) - inter) >= threshold:
                    uf.union(i, j)
        for w in prefix:
            index[w].append(i)
    return [uf.find(i) for i in range(len(keys))]


def group_id(key: str) -> str:
    return "g" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def group_claims(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild claims.claim_group_id and the claim_groups table over the whole corpus."""
    rows = con.execute("""
        SELECT c.claim_id, c.article_id, c.content, c.content_key, c.original_source,
               coalesce(c.is_relayed, false), a.outlet
        FROM claims c JOIN articles a USING (article_id)
        WHERE c.content_key IS NOT NULL AND c.content_key <> ''
        ORDER BY c.claim_id""").fetchall()
    con.execute("UPDATE claims SET claim_group_id = NULL WHERE claim_group_id IS NOT NULL")
    con.execute("DELETE FROM claim_groups")
    if not rows:
        return
    keys = sorted({r[3] for r in rows})
    clusters = cluster_keys(keys)
    members: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    cluster_of = dict(zip(keys, clusters, strict=True))
    for r in rows:
        members[cluster_of[r[3]]].append(r)
    mapping: dict[str, str] = {}
    groups: list[dict[str, Any]] = []
    for claims in members.values():
        gid = group_id(min(r[3] for r in claims))
        for r in claims:
            mapping[r[0]] = gid
        groups.append(_group_row(gid, claims))
    db.insert_rows(con, "claim_groups", groups)
    con.register("_claim_group_map", pa.table({"claim_id": list(mapping),
                                               "gid": list(mapping.values())}))
    try:
        con.execute("""UPDATE claims SET claim_group_id = m.gid FROM _claim_group_map m
                       WHERE claims.claim_id = m.claim_id""")
    finally:
        con.unregister("_claim_group_map")


def _group_row(gid: str, claims: list[tuple[Any, ...]]) -> dict[str, Any]:
    key_counts = Counter(r[3] for r in claims)
    best_key = min(key_counts, key=lambda k: (-key_counts[k], k))
    content = next(r[2] for r in claims if r[3] == best_key)
    articles = {r[1] for r in claims}
    outlet_of = {r[1]: r[6] for r in claims}
    outlets = {("outlet", source_key(o)) if o else ("article", a) for a, o in outlet_of.items()}
    sources: set[tuple[str, str]] = set()
    spellings: dict[str, str] = {}
    relaying: set[str] = set()
    for _cid, aid, _content, _key, original, relayed, outlet in claims:
        if original:
            k = source_key(original)
            sources.add(("outlet", k))
            spellings.setdefault(k, original)
            if relayed:
                relaying.add(aid)
        else:
            sources.add(("outlet", source_key(outlet)) if outlet else ("article", aid))
    return {
        "claim_group_id": gid,
        "content": content,
        "claim_count": len(claims),
        "article_count": len(articles),
        "outlet_count": len(outlets),
        "independent_source_count": len(sources),
        "relay_count": len(relaying),
        "original_sources": sorted(spellings.values()),
        "outlets": sorted({o for o in outlet_of.values() if o}),
    }
