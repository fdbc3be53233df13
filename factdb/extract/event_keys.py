"""Which event each trigger of an article is: the article's local event keys
(event_mentions.local_key), from the triggers factdb.extract.events found. The rules of
what makes one event are in factdb.extract.event_identity; docs/events.md, "Which event a
mention is", tells them in prose.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from factdb.extract.context import ArticleContext
from factdb.extract.event_dates import bounds_window, time_phrase
from factdb.extract.event_identity import (
    COVERS,
    SHARED_PHRASE_WORDS,
    Arguments,
    adverbial_clause,
    began_then,
    cause,
    date_clause,
    event_entities,
    event_name,
    introduces,
    marks_another,
    marks_other_event,
    names_edition,
    period_only,
    phrase_words,
    refers_to_parties,
    time_clause,
    told_outside,
)
from factdb.extract.event_realis import argument_spans, begun_series, trigger_arguments
from factdb.lang.entity_types import ADMIN_NOUNS

#: A trigger of factdb.extract.events (its _Trigger: token, etype, sentence, date, ...).
_Trigger = Any

#: Words that, before a noun trigger, make it refer back to an event already told.
REFERRING = frozenset({"the", "this", "that", "his", "her", "its", "their", "same", "latest"})
#: A date right after one of these belongs to the report, not to the event reported:
#: "the agency reported on Sunday", "officials said Monday", "a report published Sunday".
REPORTING_BEFORE = re.compile(
    r"\b(?:said|says|say|reported|reports|told|tells|published|wrote|writes|added|stated|"
    r"quoted|according\s+to)\b[^,.;:!?]{0,30}$", re.IGNORECASE)
#: Entity types whose sharing ties a new mention to an event told before.
ACTOR_TYPES = frozenset({"PERSON", "ORG", "PRODUCT"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
#: Prepositions that place a place argument ("the base in X").
LOCATIVE = frozenset({"in", "at", "near"})

def _argument_entities(ctx: ArticleContext, triggers: list[_Trigger]) -> list[Arguments]:
    """The entities each trigger's own arguments name (factdb.extract.event_realis.
    trigger_arguments): a place named inside a place argument ("in the city of X") or
    placing it ("the strike on the base in X"), or the name its head is part of; a
    party that is the argument's own head ("X met", "talks between X and Y"), not one
    inside a description ("South Korea's central bank") nor a name compounded with the
    trigger ("the Champions League final")."""
    rows = [(r["char_start"], r["char_end"], r.get("local_key") or r["entity_id"],
             r.get("mention_type")) for r in ctx.earlier("entity_mentions")]
    out = []
    occasions = frozenset(t.token.i for t in triggers)
    for t in triggers:
        places, participants = trigger_arguments(t.token, occasions)
        # the place of a place argument: "the strike on [the base] in X", "on [40 targets]
        # in X and Y", "on [Camp 7], a base in X"; and the name its head is part of
        heads = places + [c for p in places for c in p.children if c.dep_ == "appos"]
        places += [g for p in heads for c in p.children  # "Camp 7, a base in X"
                   if c.dep_ == "prep" and (c.lower_ in LOCATIVE or c.lower_ == "of" and
                                            p.lemma_.lower() in ADMIN_NOUNS)
                   for g in c.children if g.dep_ == "pobj"]  # "the city of X"
        places += [c for p in places for c in p.children if c.dep_ == "conj"]
        starts, ends = argument_spans(places)
        where = {e for a, b in zip(starts, ends, strict=True)
                 for s, f, e, kind in rows if a <= s and f <= b and kind in PLACE_TYPES}
        where |= {e for p in places for s, f, e, kind in rows
                  if s <= p.idx < f and kind in PLACE_TYPES}
        parties = [(e, kind) for tok in participants if tok.dep_ != "compound"
                   for s, f, e, kind in rows if s <= tok.idx < f]
        who = {e for e, _ in parties}
        out.append(Arguments(where, who, {e for e, kind in parties if kind in ACTOR_TYPES}))
    return out


#: Characters that end a sentence of running text; a line without one is a heading.
SENTENCE_ENDS = tuple(".!?\"'”’)…:")


def _heading(ctx: ArticleContext, sentence: Any) -> bool:
    """A headline, or a line of the body without closing punctuation ("Talks continue"):
    it drops its articles, so a bare noun there may refer back."""
    return bool(sentence.role != "body" or
                not ctx.text[sentence.char_start:sentence.char_end].rstrip().endswith(
                    SENTENCE_ENDS))


def _span(row: dict[str, Any]) -> tuple[Any, Any]:
    return row["value_start"], row["value_end"] or row["value_start"]


def _dates_by_sentence(ctx: ArticleContext) -> dict[int, list[tuple[Any, Any, Any]]]:
    """The resolved dates each sentence names, as (first day, last day, the relative
    clause the date stands in or None), reporting dates ("said on Monday") left out, and
    those that date none of its events: a window's bound ("the first to win two titles
    since 1998") and the time of a phrase of time's object ("champions since the Rovers
    in February 1998")."""
    out: dict[int, list[tuple[Any, Any, Any]]] = {}
    for row in ctx.earlier("dates"):
        if row.get("value_start") is None or bounds_window(row) or \
                REPORTING_BEFORE.search(ctx.text[:row["char_start"]][-60:]):
            continue
        seq = int(row["sentence_id"].rsplit(":", 1)[1])
        sentence = ctx.sentence_at(row["char_start"])
        if ctx.doc is not None and sentence is not None and \
                time_phrase(ctx.doc, row["char_start"], sentence.char_start) is not None:
            continue
        clause = date_clause(ctx.doc, row["char_start"], row["char_end"]) \
            if ctx.doc is not None else None
        out.setdefault(seq, []).append((*_span(row), clause))
    return out


#: The first sentences of a story (a headline and the lead) tell its main events, which
#: the body dates later.
LEAD_SENTENCES = 3
#: Sentences ahead that a trigger of the body may find the day of its event in.
FORWARD_REACH = 2
#: Days before publication beyond which a time a sentence names is not the article's
#: time: an undated event told in the article is not one of a sentence naming only those.
RECENT_DAYS = 31


def shares_phrase(a: Any, b: Any) -> bool:
    """Whether two triggers (``_Trigger``) name one event: SHARED_PHRASE_WORDS content words
    in their phrases in common ("a halt in raids on the convoys", "the halt in raids on
    troops"), the trigger word itself counting as one ("a faulty update", "the faulty
    update"), and a light verb's word being its trigger word ("imposed the sentence" and
    "was sentenced")."""
    same = int(bool(a.words & b.words))
    return len(phrase_words(a.token) & phrase_words(b.token)) + same >= SHARED_PHRASE_WORDS


def describes(a: Any, b: Any) -> bool:
    """Whether two triggers' phrases describe one event by SHARED_PHRASE_WORDS content
    words besides the trigger's own ("a drone attack on Camp 7, an army base in
    Ruritania" and "attacked an army base in Ruritania"; not "killing nine people" and
    "killed 500 people")."""
    return len(phrase_words(a) & phrase_words(b)) >= SHARED_PHRASE_WORDS


def local_keys(ctx: ArticleContext, triggers: list[_Trigger]) -> list[str]:
    """The article's own event key of each trigger. A dated trigger starts (or joins) the
    event of its type and date (not one told of other places and other actors: two
    protests on one day in two cities are two). An undated one joins, in this order: the event of a
    trigger of its type in the same sentence (the nearest before it, else the first after
    it that is dated or refers back: "who hosted the summit"); the latest event of its
    type told before (a month- or year-dated one only from its own sentence; for a verb
    or an indefinite noun, one that shares a person or organisation with its sentence,
    two content words with its phrase, or the people it acted on: "fired on the
    marchers" after "five marchers were shot"); the first day-dated one of its type
    told after it (a headline's "the summit"); for a definite noun or a headline's
    trigger, the next undated one of its type ("The truce came after ..." before "a
    suspension of its raids"; "marchers storm the palace" before the lead's
    "demonstrators stormed the gates"); else a new event,
    which later undated ones join. A trigger in the anchor phrase of an event-relative
    date ("two days after an earthquake") never joins an event its sentence tells outside
    that phrase, nor the other way round."""
    entities: dict[int, set[str]] = {}  # people and organisations by sentence
    places: dict[int, set[str]] = {}
    spans: dict[int, list[tuple[int, str, bool]]] = {}  # (start, entity, a place) by sentence
    for row in ctx.earlier("entity_mentions"):
        seq = int(row["sentence_id"].rsplit(":", 1)[1])
        entity = row.get("local_key") or row["entity_id"]
        if row.get("mention_type") in ACTOR_TYPES:  # places are shared by a whole story
            entities.setdefault(seq, set()).add(entity)
        elif row.get("mention_type") in PLACE_TYPES:
            places.setdefault(seq, set()).add(entity)
        spans.setdefault(seq, []).append(
            (row["char_start"], entity, row.get("mention_type") in PLACE_TYPES))

    def named_with(t: _Trigger) -> tuple[set[str], set[str]]:
        """The places and the people or organisations told with a trigger: its
        sentence's, or, for a definite noun in an adverbial clause ("As the blaze spread
        Tuesday, residents of X were ordered to leave"), that clause's only."""
        seq = t.sentence.seq
        clause = adverbial_clause(t.token) if t.token.pos_ != "VERB" and \
            not introduces(t) else None
        if clause is None:
            return places.get(seq, set()), entities.get(seq, set())
        inside = [(e, place) for s, e, place in spans.get(seq, []) if clause[0] <= s < clause[1]]
        return ({e for e, place in inside if place} & places.get(seq, set()),
                {e for e, place in inside if not place} & entities.get(seq, set()))
    args = _argument_entities(ctx, triggers)
    clauses = [time_clause(t.token, t.within) for t in triggers]
    headings = [_heading(ctx, t.sentence) for t in triggers]
    sentence_dates = _dates_by_sentence(ctx)

    def own_dates(i: int) -> list[tuple[Any, Any]]:
        """The (first, last) days trigger i's sentence names, but those of a relative
        clause outside it ("imposed the sentence in the courtroom where, four months
        earlier, he testified")."""
        return [(a, b) for a, b, clause in sentence_dates.get(triggers[i].sentence.seq, [])
                if not told_outside(clause, triggers[i].token)]
    by_date: dict[tuple[str, Any], str] = {}
    #: (type, date) -> the article's events of that type and date, with their entities
    same_date: dict[tuple[str, Any], list[tuple[str, set[str], set[str]]]] = {}
    keys: list[str | None] = []
    for i, t in enumerate(triggers):
        if t.date is None or began_then(t) and any(
                o.etype == t.etype and o.token.lemma_ == t.token.lemma_ for o in triggers[:i]):
            keys.append(None)  # "the blaze that started Monday": the blaze told before
            continue
        mine_places, mine_actors = named_with(t)
        told = same_date.setdefault((t.etype, t.date_key), [])
        key = next((k for k, p, a in told  # "protests in two capitals on Friday"
                    if not (p and mine_places and not p & mine_places and not a & mine_actors)),
                   None)
        if key is None:
            key = f"{ctx.article_id}:ev{len(by_date)}"
            by_date[(t.etype, (t.date_key, len(told)))] = key
            told.append((key, set(), set()))
        for k, p, a in told:
            if k == key:
                p |= mine_places
                a |= mine_actors
        keys.append(key)

    names = [event_name(t.token, t.sentence.role != "body") for t in triggers]
    # the words of a name a lowercase noun spells ("the 2019 Birch fire"): a later
    # mention that names it ("the Birch Fire") is that event
    spelled = [n or event_name(t.token, t.sentence.role != "body", spelled=True)
               for n, t in zip(names, triggers, strict=True)]
    editions = [names_edition(t.token) for t in triggers]

    def told_in_passing(key: str | None) -> bool:
        """An event dated only by a month or year, or named as an edition of a series
        ("lost ... in Grand Cup 31"): later undated mentions do not refer back to it."""
        return period_only(triggers, keys, key) or any(
            e for e, k in zip(editions, keys, strict=True) if k == key)

    others = [marks_other_event(t.token) or marks_another(t.token) for t in triggers]

    def apart(i: int, j: int) -> bool:
        """Triggers of one sentence on either side of a phrase of time, or of an
        event-relative date's anchor ("the strike came after the rebels shelled a market")."""
        return triggers[i].sentence.seq == triggers[j].sentence.seq and (
            triggers[i].anchored != triggers[j].anchored or clauses[i] != clauses[j])

    def long_ago(i: int) -> bool:
        """Whether trigger i's sentence names times, all long before the article's: it
        tells of then, not of the undated events of the article's time ("At the cup in
        2011 ... a 3-1 victory" is not this week's match)."""
        own = own_dates(i)
        if not own or ctx.published_on is None:
            return False
        return all(b < ctx.published_on - timedelta(days=RECENT_DAYS) for _, b in own)

    def dated_apart(i: int, key: str) -> bool:
        """Whether trigger i's sentence names dates and none meets the day, month or year
        of the event of key: it tells of another time ("following the killing on the 7th,
        the group declared ..." is no announcement of the 30th)."""
        own = own_dates(i)
        spans = {_span(o.date) for o, k in zip(triggers, keys, strict=True)
                 if k == key and o.date is not None}
        if not spans:  # an undated event is told as of the article's time
            return long_ago(i)
        if not own or triggers[i].anchored or clauses[i] is not None:
            return False  # "two days after an earthquake": the dates are the main clause's
        return not any(a <= d and c <= b for a, b in own for c, d in spans)

    same_word: dict[str, list[int]] = {}
    for j, o in enumerate(triggers):
        same_word.setdefault(o.token.lemma_.lower(), []).append(j)
    lead = {s.seq for s in ctx.story_sentences()[:LEAD_SENTENCES]}

    def refers_ahead(i: int, j: int) -> bool:
        """Whether trigger i, undated, can tell the event a later trigger j dates: i is
        in a heading or the lead ("the summit" before the sentence that dates it), or j
        follows within FORWARD_REACH sentences."""
        si, sj = triggers[i].sentence.seq, triggers[j].sentence.seq
        return headings[i] or si in lead or sj - si <= FORWARD_REACH

    def antecedent(i: int, earlier: list[int]) -> int:
        """Which earlier trigger (indexes, in order) trigger i refers back to: for a noun,
        the latest whose phrase describes its event ("the attack on the base in X" after
        "attacked the base in X"); else the latest, but not one told in a clause of time
        while another is at hand ("the strike came days after the rebels shelled a market ...
        the drone strike"), and for a noun the latest event told before with its word
        ("the final" after "a quiet game")."""
        described = [j for j in earlier if triggers[i].token.pos_ != "VERB" and
                     describes(triggers[i].token, triggers[j].token)]
        if described:  # "the attack on the base in X" after "attacked the base in X"
            return described[-1]
        main = [j for j in earlier if clauses[j] is None] or earlier
        if triggers[i].token.pos_ != "VERB":
            lemma = triggers[i].token.lemma_.lower()
            worded = {keys[j] for j in same_word.get(lemma, []) if j < i}
            main = [j for j in main if keys[j] in worded] or main
        return main[-1]

    def clashes(i: int, key: str) -> bool:
        """Whether trigger i's own arguments name other places or parties than every
        trigger of the event of key that names some."""
        told = [j for j, k in enumerate(keys) if k == key and args[j].named]
        return args[i].named and bool(told) and all(
            args[i].differ(args[j]) for j in told)

    at_token = {t.token.i: j for j, t in enumerate(triggers)}
    causes = [cause(t.token, at_token) for t in triggers]
    resolving: set[int] = set()

    def caused_otherwise(i: int, key: str) -> bool:
        """Whether trigger i and the event of key are told as caused by two different
        events ("the attacks killed 900 people", "2,000 people died in the offensive"):
        two deaths, two killings."""
        mine = causes[i]
        if mine is None or mine in resolving:
            return False
        theirs = {c for j, k in enumerate(keys) if k == key and (c := causes[j]) is not None
                  and c not in resolving}
        return bool(theirs) and resolve(mine) not in {resolve(c) for c in theirs}

    def kind_of(i: int, excluded: set[str]) -> str | None:
        """The event of a type that covers trigger i's (an attack, for a strike or a
        shooting) that it tells more closely, when its article told none of its own type
        before: one of its sentence, or told before and sharing with it a person or
        organisation, a place its arguments name, or its description ("an attack that
        killed three soldiers in X ... The strike on the base in X")."""
        t = triggers[i]
        seq = t.sentence.seq
        kinds = {k for k, covered in COVERS.items() if t.etype in covered}
        for j in reversed([j for j, o in enumerate(triggers) if o.etype in kinds and (
                j < i or o.sentence.seq == seq)]):
            k = keys[j] if j < i else resolve(j)
            if k is None or k in excluded or triggers[j].series or others[j] or \
                    apart(i, j) or clashes(i, k) or dated_apart(i, k) or \
                    caused_otherwise(i, k):
                continue
            told = [h for h, kh in enumerate(keys) if kh == k]
            if triggers[j].sentence.seq == seq or \
                    entities.get(seq, set()) & event_entities(triggers, keys, k, entities) or \
                    args[i].places & {p for h in told
                                      for p in places.get(triggers[h].sentence.seq, set())} or \
                    any(describes(t.token, triggers[h].token) for h in told):
                return k
        return None

    def resolve(i: int) -> str:
        resolving.add(i)
        try:
            return _resolve(i)
        finally:
            resolving.discard(i)

    def _resolve(i: int) -> str:
        key = keys[i]
        t = triggers[i]
        same_type = [j for j, o in enumerate(triggers) if o.etype == t.etype and j != i]
        if not any(j < i for j in same_type) and not introduces(t, headings[i]):
            # "the attack" after "a drone strike" and no attack told before: that strike
            kinds = COVERS.get(t.etype, frozenset())
            same_type = sorted(same_type + [j for j, o in enumerate(triggers)
                                            if j < i and o.etype in kinds])
        excluded = {k for j in same_type if apart(i, j) and (k := keys[j]) is not None}
        if clauses[i] is None and not t.anchored:
            # "The raid comes two days after ... a rocket strike on the port in X", after
            # "attacked the base in X": the clause of time tells that event again, so the
            # main clause's is another (a later one)
            excluded |= {k for j in same_type if j > i and clauses[j] is not None
                         and apart(i, j) for h in same_type
                         if h < i and (k := keys[h]) is not None
                         and describes(triggers[j].token, triggers[h].token)}

        def usable(j: int) -> bool:
            k = keys[j]
            return k is not None and k not in excluded and not others[j] and \
                not triggers[j].series and \
                (names[i] is None or names[j] in (None, names[i]))

        if t.series and not t.counted and not begun_series(t.token) and any(
                c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in REFERRING | {"these",
                                                                                  "those"})
                for c in t.token.children):  # "the bloody attacks", not "the rallies began"
            before = [j for j in same_type if j < i and usable(j)]
            if before:  # "jets struck on May 2 ... the strikes killed": that event, no series
                t.series = False
                key = keys[before[-1]]
        if t.participle:  # "shelled a depot, injuring 5": the shelling's, or its own
            head = next((j for j in same_type if triggers[j] is t.clause_head(triggers)), None)
            key = resolve(head) if head is not None else by_date.setdefault(
                (t.etype, f"undated-{i}"), f"{ctx.article_id}:ev{len(by_date)}")
        elif t.series:  # every series of a type in an article is one series event
            key = by_date.setdefault((t.etype, "series"), f"{ctx.article_id}:ev{len(by_date)}")
        elif key is None and (names[i] is not None or others[i]):  # "the Birch Fire"
            key = next((keys[j] for j in same_type if spelled[j] == names[i] is not None
                        and j < i and usable(j)), None)
            if key is None:
                key = next((resolve(j) for j in same_type if j > i and names[j] == names[i]
                            is not None and triggers[j].day_dated), None)
            key = key or by_date.setdefault((t.etype, f"undated-{i}"),
                                            f"{ctx.article_id}:ev{len(by_date)}")
        if key is not None:
            keys[i] = key
            return key

        if headings[i] and t.sentence.role == "body":
            # a subheading ("Talks continue") heads the lines that follow it, up to the next
            below = next((j for j in same_type if j > i and not any(
                headings[h] and triggers[h].sentence.seq != t.sentence.seq
                for h in range(i + 1, j + 1))), None)
            if below is not None:
                key = resolve(below)
                keys[i] = key
                return key
        here = [j for j in same_type if triggers[j].sentence.seq == t.sentence.seq
                and not apart(i, j)]
        key = next((keys[j] for j in reversed(here) if j < i and usable(j)), None)
        if key is None:
            later = next((j for j in here if j > i and not triggers[j].series and (
                triggers[j].date is not None or not introduces(triggers[j], headings[j]))),
                None)
            key = resolve(later) if later is not None else None
        new = introduces(t, headings[i])
        if key is None:
            earlier = [j for j in same_type if j < i and usable(j)
                       and not told_in_passing(keys[j])]
            if earlier and new:  # "a bomb killed two guards"
                told = {k for j in earlier if (k := keys[j]) is not None
                        and (entities.get(t.sentence.seq, set())
                             & event_entities(triggers, keys, k, entities)
                             or shares_phrase(t, triggers[j])
                             or refers_to_parties(t.token, triggers[j].token))
                        and not dated_apart(i, k) and not clashes(i, k)
                        and not caused_otherwise(i, k)}
                earlier = [j for j in earlier if keys[j] in told]
            key = keys[antecedent(i, earlier)] if earlier else None
        if key is None:
            # "the summit" told before the sentence that dates it, in the lead or close by
            # (not one of other places or parties)
            key = next((k for j in same_type if j > i and triggers[j].day_dated
                        and usable(j) and refers_ahead(i, j)
                        and not clashes(i, k := keys[j] or "") and not dated_apart(i, k)),
                       None)
        headline = t.sentence.role == "headline"
        if key is None and (not new or headline) and not t.anchored:
            # "The truce came after ..." told before "a suspension of its raids"; a
            # headline's verb ("protesters breach parliament") tells the lead's event
            later = next((j for j in same_type if j > i and not triggers[j].anchored
                          and triggers[j].date is None and not others[j] and not apart(i, j)
                          and not triggers[j].series and long_ago(j) == long_ago(i)), None)
            key = resolve(later) if later is not None else None
            if key in excluded or key is not None and clashes(i, key):
                key = None  # "The strike on the base in X" is not the strikes in Y
        if key is None and not t.series and not any(
                o.etype == t.etype for o in triggers[:i]):
            key = kind_of(i, excluded)  # "an attack ... they opened fire at the barracks"
        if key is None:
            key = by_date.setdefault((t.etype, f"undated-{i}"),
                                     f"{ctx.article_id}:ev{len(by_date)}")
        keys[i] = key
        return key

    return [resolve(i) for i in range(len(triggers))]


def _kin(a: str, b: str) -> bool:
    """Types one mention of which may name the other's event ("the attack", "a strike")."""
    return a == b or b in COVERS.get(a, ()) or a in COVERS.get(b, ())


#: Words of a clause of time that tell its event before or after the main clause's.
ORDERING = frozenset({"after", "before", "following", "preceding"})


def apart_keys(triggers: list[_Trigger], keys: list[str]) -> list[list[str]]:
    """For each trigger, the keys of the events of its type (or a type it covers) that its
    sentence tells on the other side of a clause of time that orders them ("The attack
    comes two days after ... a rocket strike on the port"): its own event is none of them,
    in this article or across articles (event_mentions.apart_keys). Not "since" ("held in
    detention since his arrest": a state the event began)."""
    clauses = [time_clause(t.token, t.within) for t in triggers]
    # "held in detention since his arrest": a state the event began, not another event
    clauses = [c if c is None or t.token.doc[c].lower_ in ORDERING else None
               for c, t in zip(clauses, triggers, strict=True)]
    by_sentence: dict[int, list[int]] = {}
    for i, t in enumerate(triggers):
        by_sentence.setdefault(t.sentence.seq, []).append(i)
    out = []
    for i, t in enumerate(triggers):
        out.append(sorted({keys[j] for j in by_sentence[t.sentence.seq]
                           if keys[j] != keys[i] and _kin(t.etype, triggers[j].etype)
                           and clauses[j] != clauses[i]}))
    return out
