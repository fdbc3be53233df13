"""The local events of the store (one per article and event_mentions.local_key), read for
cross-document coreference (factdb.resolve.events): their days, months or years, names,
the entities of their sentences and of their triggers' own arguments, the places those
lie in, and what their articles tell of them (siblings, story, publication).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import duckdb

from factdb.lang.editions import edition_at

PARTICIPANT_TYPES = ("PERSON", "ORG", "NORP", "PRODUCT")
PLACE_TYPES = ("GPE", "LOC", "FAC")
#: Words before a name that make it the end of a longer name ("Stade de France").
NAME_BEFORE = re.compile(r"\b[A-Z][\w'’-]*\s+(?:de|du|des|del|della|di|da|do|dos|of|la|le)\s+$")
LOCATIVE = re.compile(r"\b(?:in|at|near|to|into|outside|inside|across|over|around|from|"
                      r"toward|towards)\s+(?:the\s+)?(?:[a-z]+ern\s+|[a-z]+-held\s+)?$",
                      re.IGNORECASE)
#: Between a place argument (which ends at its head: "the base") and a place it is told
#: in: "the base in X", "the outpost near X", "Camp 7, a base in X" (an apposition of a
#: few words and no clause: not "the airport, a day after fighting in X").
PLACED_IN = re.compile(r"(?:,\s+(?:a|an|the)(?:\s+(?!(?:after|before|since|following|during|"
                       r"when|while|as|where|which|who|that|and|or|but)\b)[\w'’.-]+){1,6})?"
                       r"\s+(?:in|at|near)\s+(?:the\s+)?(?:[a-z]+ern\s+)?")
#: Characters read before an entity to find what precedes it.
LEAD_CHARS = 64


def placed_in(lead: str, gap: int) -> bool:
    """Whether the last ``gap`` characters of ``lead`` (the text before a place) join a
    place argument, which ends at its head, to the place it is told in: "the base| in |X",
    "Camp 7|, a base in |X"."""
    return 0 < gap <= len(lead) and PLACED_IN.fullmatch(lead[len(lead) - gap:]) is not None


@dataclass
class LocalEvent:
    """One article's event: its mentions and what they say. Read day, period and
    entity_set only once it is complete (they are computed once)."""

    key: str
    article_id: str
    event_type: str
    first_offset: int
    mention_ids: list[str] = field(default_factory=list)
    days: list[date] = field(default_factory=list)
    participants: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    #: entities of the article's story, for matching only when its own sentences name none
    context: Counter[str] = field(default_factory=Counter)
    #: months or years that date it ("in January 2020"), as (first day, last day)
    periods: list[tuple[date, date]] = field(default_factory=list)
    #: names the event goes by ("hurricane zeta"), lowercased
    names: set[str] = field(default_factory=set)
    #: people named anywhere in the article's story
    story_people: set[str] = field(default_factory=set)
    #: lowercase content words of the sentences that mention it ("bridge", "bus")
    words: set[str] = field(default_factory=set)
    #: places and participants that are syntactic arguments of its triggers ("the visit
    #: to X", "X attacked"): the event's own, for its label and its participants
    arg_places: Counter[str] = field(default_factory=Counter)
    arg_participants: Counter[str] = field(default_factory=Counter)
    #: places named as a party of its triggers ("the Ruritania attack"): they may place it
    party_places: set[str] = field(default_factory=set)
    #: places whose names the names of its own places (its place arguments, else the
    #: places of its sentences) hold ("X" of "X International Airport"), and places its
    #: place arguments are told in ("the base in X"): an event placed at the airport or
    #: the base is placed in X too (not one at a base named beside the airport)
    wider_places: set[str] = field(default_factory=set)
    #: organisations a party of its triggers is a body of ("the X Open Market Committee
    #: voted": X, named as such in the store): the organisation acts through it
    wider_parties: set[str] = field(default_factory=set)
    #: whether its triggers name parties as their arguments (entities or not)
    has_parties: bool = False
    #: the days, months or years of the other local events of its type in its article
    siblings: list[tuple[date, date]] = field(default_factory=list)
    #: a series of events told by undated plurals ("the attacks"): never one dated event
    series: bool = False
    #: the last day its article can have been published on (its publication day, or the
    #: latest bound when only bounds are known): no realis mention tells a later event
    latest: date | None = None
    #: local keys of its article's events that a sentence tells before or after it ("The
    #: attack comes two days after ... a drone attack"): never one event with it
    apart: set[str] = field(default_factory=set)
    #: numbers of the editions of a recurring event its mentions are told with ("lost in
    #: Grand Cup XL", "the 40th Grand Cup": 40): another edition is another event
    editions: set[int] = field(default_factory=set)

    def entities(self) -> list[str]:
        own = list(self.participants) + list(self.places)
        return own or list(self.context)

    @cached_property
    def entity_set(self) -> frozenset[str]:
        return frozenset(self.entities())

    @cached_property
    def day(self) -> date | None:
        if not self.days:
            return None
        counts = Counter(self.days)
        return min(counts, key=lambda d: (-counts[d], d))

    @cached_property
    def period(self) -> tuple[date, date] | None:
        """The month or year it is dated by, when no day dates it."""
        if self.days or not self.periods:
            return None
        counts = Counter(self.periods)
        return min(counts, key=lambda p: (-counts[p], p))


#: Words that say nothing of which event a sentence tells.
FUNCTION_WORDS = frozenset("""
    the and but for nor yet with from into onto upon about after before since until while
    when where which who whom whose what that this these those there their them they then
    than his her hers its our ours your was were are been being has have had having did
    does doing not can could would should will shall may might must also just more most
    some any all each both other such only very over under again further once here out
    off said says say told tells according reported added including one two three four
    five six seven eight nine ten first second last new per""".split())
CONTENT_WORD = re.compile(r"(?<![\w'’])[a-z][a-z'’-]{2,}")


#: After a capitalised trigger, the capitalised words that name the event ("Hurricane Zeta").
EVENT_NAME = re.compile(r"(?:[ \t]+[A-Z][\w'’-]*){1,2}")


def event_name(quote: str, after: str) -> str | None:
    """The name a mention gives its event: "Hurricane" + " Zeta hit..." -> "hurricane zeta"."""
    if not quote[:1].isupper():
        return None
    m = EVENT_NAME.match(after)
    if m is None:
        return None
    return " ".join((quote + m.group(0)).lower().split())


def read(con: duckdb.DuckDBPyConnection) -> dict[str, LocalEvent]:
    rows = con.execute("""
        SELECT m.mention_id, m.local_key, m.article_id, m.event_type, m.char_start,
               d.value_start, d.value_end, m.quote, substr(a.text, m.char_end + 1, 40),
               substr(a.text, s.char_start + 1, s.char_end - s.char_start),
               coalesce(m.is_series, false), coalesce(m.apart_keys, []), s.char_start
        FROM event_mentions m LEFT JOIN dates d ON d.date_id = m.date_id
        JOIN articles a ON a.article_id = m.article_id
        JOIN sentences s ON s.sentence_id = m.sentence_id
        ORDER BY m.article_id, m.char_start""").fetchall()
    events: dict[str, LocalEvent] = {}
    years: dict[str, set[int]] = defaultdict(set)
    for mention_id, key, article_id, etype, start, v_start, v_end, quote, after, sentence, \
            series, apart, sentence_start in rows:
        ev = events.setdefault(key, LocalEvent(key, article_id, etype, start))
        ev.series = ev.series or series
        ev.apart.update(apart)
        ev.mention_ids.append(mention_id)
        ev.words |= {w for w in CONTENT_WORD.findall(sentence or "")
                     if w not in FUNCTION_WORDS and w != quote.lower()}
        if v_start is not None and v_start == v_end:
            ev.days.append(v_start)
        elif v_start is not None and v_end is not None:
            ev.periods.append((v_start, v_end))
        name = event_name(quote, after or "")
        if name:
            ev.names.add(name)
        edition = edition_at(sentence or "", start - sentence_start)
        if edition is not None and edition.number is not None:
            ev.editions.add(edition.number)
        elif edition is not None and edition.year is not None:
            years[key].add(edition.year)
    for key, named_years in years.items():
        ev = events[key]
        if not ev.days and not ev.periods:  # "won the Grand Cup in 2019": that year's
            ev.periods += [(date(y, 1, 1), date(y, 12, 31)) for y in sorted(named_years)]
    # entities named in the sentences that mention each local event; a place needs a
    # locative preposition before it ("in the capital", "to eastern provinces"), else a GPE is a
    # participant ("French forces struck") and a LOC or FAC is still a place
    for key, entity_id, entity_type, before in con.execute("""
            SELECT DISTINCT m.local_key, e.entity_id, n.entity_type,
                   substr(a.text, greatest(e.char_start - 24, 0) + 1,
                          e.char_start - greatest(e.char_start - 24, 0))
            FROM event_mentions m
            JOIN entity_mentions e ON e.sentence_id = m.sentence_id
            JOIN entities n ON n.entity_id = e.entity_id
            JOIN articles a ON a.article_id = m.article_id
            ORDER BY ALL""").fetchall():
        ev = events[key]
        if entity_type in PLACE_TYPES and (entity_type != "GPE" or LOCATIVE.search(before)):
            ev.places[entity_id] += 1
        elif entity_type in PARTICIPANT_TYPES or entity_type == "GPE":
            ev.participants[entity_id] += 1
    _argument_entities(con, events)
    _wider_places(con, events)
    _wider_parties(con, events)
    for (key,) in con.execute("SELECT DISTINCT local_key FROM event_mentions "
                              "WHERE len(coalesce(participant_starts, [])) > 0").fetchall():
        events[key].has_parties = True
    story: dict[str, Counter[str]] = defaultdict(Counter)
    people: dict[str, set[str]] = defaultdict(set)
    for article_id, entity_id, entity_type, n in con.execute("""
            SELECT e.article_id, e.entity_id, n.entity_type, count(*)
            FROM entity_mentions e JOIN sentences s ON s.sentence_id = e.sentence_id
            JOIN entities n ON n.entity_id = e.entity_id
            WHERE s.role IN ('headline', 'body') AND n.entity_type IN ?
            GROUP BY ALL ORDER BY ALL""", [list(PARTICIPANT_TYPES + PLACE_TYPES)]).fetchall():
        story[article_id][entity_id] = n
        if entity_type == "PERSON":
            people[article_id].add(entity_id)
    latest = dict(con.execute("SELECT article_id, coalesce(published_on, published_latest) "
                              "FROM articles").fetchall())
    set_siblings(events)
    for ev in events.values():
        ev.latest = latest.get(ev.article_id)
        ev.story_people = people.get(ev.article_id, set())
        if not ev.participants and not ev.places:
            ev.context = story.get(ev.article_id, Counter())
    return events


def set_siblings(events: dict[str, LocalEvent]) -> None:
    """Each event's siblings: the days or periods of the other events of its type in its
    article."""
    spans: dict[tuple[str, str], list[tuple[str, tuple[date, date]]]] = defaultdict(list)
    for ev in events.values():
        span = (ev.day, ev.day) if ev.day is not None else ev.period
        if span is not None:
            spans[(ev.article_id, ev.event_type)].append((ev.key, span))
    for ev in events.values():
        ev.siblings = [span for key, span in spans.get((ev.article_id, ev.event_type), [])
                       if key != ev.key]


def _argument_entities(con: duckdb.DuckDBPyConnection, events: dict[str, LocalEvent]) -> None:
    """The entities named inside the syntactic arguments of each local event's triggers
    (event_mentions.place_* and participant_* spans): a place inside a place argument, a
    person, organisation, group or place inside a participant argument."""
    for key, entity_id, entity_type, e_start, e_end, p_starts, p_ends, q_starts, q_ends, \
            lead in con.execute("""
            SELECT m.local_key, e.entity_id, n.entity_type, e.char_start, e.char_end,
                   m.place_starts, m.place_ends, m.participant_starts, m.participant_ends,
                   a.text[greatest(e.char_start - ?, 0) + 1:e.char_start]
            FROM event_mentions m
            JOIN entity_mentions e ON e.sentence_id = m.sentence_id
            JOIN entities n ON n.entity_id = e.entity_id
            JOIN articles a ON a.article_id = m.article_id
            WHERE len(coalesce(m.place_starts, [])) + len(coalesce(m.participant_starts, []))
                  > 0
            ORDER BY m.local_key, e.char_start, e.entity_id""", [LEAD_CHARS]).fetchall():
        ev = events[key]
        lead = lead or ""
        if NAME_BEFORE.search(lead):
            continue  # "the Stade de France", "the Gulf of Mexico": part of another name

        def inside(starts: list[int] | None, ends: list[int] | None) -> bool:
            return any(a <= e_start and e_end <= b  # noqa: B023
                       for a, b in zip(starts or [], ends or [], strict=True))

        if entity_type in PLACE_TYPES and inside(p_starts, p_ends):
            ev.arg_places[entity_id] += 1
        elif entity_type in PLACE_TYPES and any(placed_in(lead, e_start - b)
                                                for b in p_ends or []):
            ev.wider_places.add(entity_id)  # "the base in X": the event lies in X
        elif entity_type in PARTICIPANT_TYPES + PLACE_TYPES and inside(q_starts, q_ends):
            ev.arg_participants[entity_id] += 1
            if entity_type in PLACE_TYPES:  # "the Ruritania attack", "Peru declares"
                ev.party_places.add(entity_id)


#: Words of a place name looked for as a shorter place's name inside it.
MAX_NAME_WORDS = 6


def _wider_places(con: duckdb.DuckDBPyConnection, events: dict[str, LocalEvent]) -> None:
    """The places whose names the names of each local event's own places hold, word for
    word ("X" of "X International Airport", "the X region"): the event lies in them too.
    Its own places are its place arguments when its triggers name some ("killing soldiers
    at a base", in a sentence of a meeting at an airport), else its sentences' places."""
    used = {e for ev in events.values() for e in (*ev.places, *ev.arg_places)}
    if not used:
        return
    by_name: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for entity_id, name in con.execute(
            "SELECT entity_id, lower(name) FROM entities WHERE entity_type IN ?",
            [list(PLACE_TYPES)]).fetchall():
        by_name[name].add(entity_id)
        names[entity_id] = name
    holds: dict[str, set[str]] = {}
    for entity_id in used:
        words = names.get(entity_id, "").split()
        holds[entity_id] = {other for n in range(1, min(len(words), MAX_NAME_WORDS + 1))
                            for k in range(len(words) - n + 1)
                            for other in by_name.get(" ".join(words[k:k + n]), ())
                            if other != entity_id}
    for ev in events.values():
        for entity_id in ev.arg_places or ev.places:
            ev.wider_places |= holds.get(entity_id, set())


#: Head nouns of an organisation's bodies: "the X Open Market Committee", "the X Board".
BODY_NOUNS = frozenset({"committee", "subcommittee", "board", "council", "panel", "commission",
                        "bureau", "directorate", "presidium", "secretariat"})


def _wider_parties(con: duckdb.DuckDBPyConnection, events: dict[str, LocalEvent]) -> None:
    """The organisations whose bodies are parties of each local event's triggers: an
    organisation named by a body noun ("committee", "board") whose name holds, word for
    word before that noun, the name or a form of another organisation ("the X Open
    Market Committee" holds "X", which another organisation goes by): the committee's
    vote is X's decision."""
    used = {e for ev in events.values() for e in ev.arg_participants}
    if not used:
        return
    bodies: dict[str, set[str]] = {}  # a body's entity -> the word runs its name holds
    for entity_id, name in con.execute(
            "SELECT entity_id, lower(name) FROM entities WHERE entity_type = 'ORG' "
            "AND entity_id IN ?", [sorted(used)]).fetchall():
        words = [w for w in name.split() if w != "the"]
        if len(words) >= 2 and words[-1] in BODY_NOUNS:
            head = words[:-1]
            bodies[entity_id] = {" ".join(head[k:k + n]) for n in range(1, len(head) + 1)
                                 for k in range(len(head) - n + 1)}
    runs = sorted({r for rs in bodies.values() for r in rs})
    if not runs:
        return
    forms: dict[str, set[str]] = defaultdict(set)
    for form, entity_id in con.execute("""
            SELECT DISTINCT lower(m.quote), n.entity_id FROM entity_mentions m
            JOIN entities n ON n.entity_id = m.entity_id
            WHERE n.entity_type = 'ORG' AND lower(m.quote) IN ?
            UNION SELECT lower(name), entity_id FROM entities
            WHERE entity_type = 'ORG' AND lower(name) IN ?""", [runs, runs]).fetchall():
        forms[form].add(entity_id)
    wider = {body: {e for r in rs for e in forms.get(r, ()) if e != body}
             for body, rs in bodies.items()}
    for ev in events.values():
        for entity_id in ev.arg_participants:
            ev.wider_parties |= wider.get(entity_id, set())
