"""Event mentions: typed triggers from the event lexicon, with within-article coreference.

A trigger is a token whose lemma is in the lexicon (nouns name an event, verbs report
one); some words are triggers of a type only near that type's context words ("raised"
near "rate"), light verbs are one mention with their word ("claimed the lives"), and
multiword nouns ("air strike") match on their last word and the words before. Each mention
gets a local event key: a mention dated in its sentence (a day, or a month or year) starts
(or joins) the article's event of that type and date; an undated one ("the summit", "his
trip") joins an event of its type told in the same sentence, else the latest one told
before it, else the first dated one told after it. The events resolver then links
mentions across articles and fills the events table. Rules: docs/adr/0006, docs/events.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from factdb.extract.context import ArticleContext
from factdb.extract.event_dates import (
    is_day,
    is_period,
    time_phrase,
    tokens_between,
    tokens_in,
)
from factdb.extract.event_identity import (
    anchor_clause,
    candidate_tokens,
    compound_modifier,
    context_lemmas,
    counted_from,
    date_clause,
    definite,
    has_modifier,
    hyphenated,
    idiom,
    is_source,
    light_verb,
    marks_other_event,
    said_in,
    time_partners,
    told_outside,
    words_before,
)
from factdb.extract.event_keys import REFERRING as ANAPHORIC
from factdb.extract.event_keys import REPORTING_BEFORE, apart_keys, local_keys
from factdb.extract.event_realis import (
    argument_spans,
    begun_series,
    cumulative,
    implicative,
    is_realis,
    negated_before,
    progressive,
    record_noun,
    trigger_arguments,
)
from factdb.extract.event_series import (
    counted_events,
    inner_plural,
    occasion,
    specific_plural,
    told_as_outcome,
)
from factdb.extract.provenance import provenance
from factdb.lang.events import Lexicon, load_lexicon

EXTRACTOR = "events.lexicon"

#: Noun triggers that name the event only with a modifier ("talks" alone is fine).
GENERIC_NOUNS = frozenset({"statement", "death", "fire", "game", "final", "poll", "march",
                           "rally", "target", "hit", "race", "hold", "rise", "increase",
                           "cut", "decision"})


def make_extractor(lexicon_path: str | None = None) -> Any:
    lexicon = load_lexicon(lexicon_path)

    def extract(ctx: ArticleContext) -> dict[str, list[dict[str, Any]]]:
        return {"event_mentions": extract_with(ctx, lexicon)}

    return extract


def _sentence_dates(ctx: ArticleContext) -> dict[str, list[dict[str, Any]]]:
    """Resolved dates of the article that can date an event, by sentence id: days first,
    then months and years."""
    out: dict[str, list[dict[str, Any]]] = {}
    rows = ctx.earlier("dates")
    for row in [r for r in rows if is_day(r)] + [r for r in rows if is_period(r)]:
        out.setdefault(row["sentence_id"], []).append(row)
    return out


def _anchor_spans(ctx: ArticleContext) -> dict[str, tuple[int, int]]:
    """Where the anchors of event-relative dates are, by date id ("two days after [an
    earthquake]", "the day after [rebels shelled the depot]"): the event named there
    is another than the one the date dates."""
    spans = {}
    for row in ctx.earlier("dates"):
        phrase = row.get("anchor_phrase")
        end = row["char_end"]
        sentence = ctx.sentence_at(row["char_start"])
        sentence_end = sentence.char_end if sentence is not None else len(ctx.text)
        if row.get("expression_type") == "event_relative" and phrase and \
                row["quote"].endswith(phrase):
            clause = RELATIVE_CLAUSE.match(ctx.text, end)  # "an earthquake [that killed]"
            stop = clause.end() if clause else end
            if ctx.doc is not None:  # "the day after [a group attacked the base on May 3]"
                whole = anchor_clause(tokens_in(ctx.doc, end - len(phrase), sentence_end),
                                      subject=False)
                stop = max(stop, whole or stop)
            spans[row["date_id"]] = (end - len(phrase), stop)
        elif row.get("relation") in ("before", "after") and ctx.doc is not None and \
                CONNECTIVE_END.search(row["quote"]):
            clause_end = anchor_clause(tokens_in(ctx.doc, end, sentence_end))
            if clause_end is not None:
                spans[row["date_id"]] = (end, clause_end)
    return spans


#: A date quote that ends with its connective: what follows is its anchor.
CONNECTIVE_END = re.compile(r"\b(?:after|before|following)$", re.IGNORECASE)


#: A relative clause right after an anchor phrase, up to its verb: the verb tells the
#: anchor's event ("a week after a flood that destroyed the bridge").
RELATIVE_CLAUSE = re.compile(r",?\s+(?:that|which|who)\s+(?:(?:had|has|have|was|were|is|"
                             r"are)\s+)?(?:\w+ly\s+)?\w+")


def _counted_spans(ctx: ArticleContext) -> list[tuple[int, int]]:
    """Between a count and its time window ("more than 30 civilians [were killed] in the
    week before"): a trigger there is what is counted over the window, many events."""
    spans = []
    for row in ctx.earlier("counts"):
        start = row.get("window_char_start")
        if start is not None and start > row["char_end"]:
            spans.append((row["char_end"], start))
    return spans


#: A date followed by a dash opens the article's dateline ("LIMA, March 19 -"): it dates
#: the report.
DATELINE_AFTER = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?[-–—]\s")
#: Verb tags of a finite or passive use; bare forms and gerunds ("to stop attacking")
#: rarely report an event that happened.
EVENT_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBN"})
#: Parts of speech that may stand between a date and the noun it premodifies
#: ("Friday's regional election", "the 1995 Kobe earthquake").
PREMODIFIER_POS = frozenset({"ADJ", "NOUN", "PROPN", "NUM", "PART"})
#: Tokens from the start of a sentence to a date that still opens it ("On Tuesday, ...").
SENTENCE_OPENING = 3
#: Tokens a date may stand before the trigger it dates ("police on Friday detained").
DATE_LEAD = 3


@dataclass
class _Trigger:
    token: Any
    etype: str
    sentence: Any
    date: dict[str, Any] | None = None
    anchored: bool = False  # inside the anchor phrase of an event-relative date
    #: an undated plural ("the attacks", "rallies"): a mention of a series of events
    series: bool = False
    within: tuple[int, int] = (0, 0)  # the first and last token index of its sentence
    counted: bool = False  # a plural counted by its number ("the 30 raids"): many events
    #: the word that completes a light verb ("sentence" of "imposed the sentence"): the
    #: event's own word, as a trigger's lemma is
    word: str | None = None

    @property
    def words(self) -> set[str]:
        """The words that name the trigger's event: its lemma, and a light verb's word."""
        return {self.token.lemma_.lower()} | ({self.word} if self.word else set())

    @property
    def participle(self) -> bool:
        """A participle clause of another told event ("struck the town, killing 12")."""
        tok = self.token
        return tok.tag_ == "VBG" and tok.dep_ == "advcl" and tok.i > 0 and \
            tok.doc[tok.i - 1].text == "," and tok.head.tag_ in EVENT_VERB_TAGS

    def clause_head(self, triggers: list[_Trigger]) -> _Trigger | None:
        """The trigger of the event a participle clause belongs to: its verb's, else its
        verb's subject's ("a landslide buried the village, killing nine")."""
        verb = self.token.head
        heads = [verb.i] + [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        return next((t for i in heads for t in triggers if t.token.i == i and t is not self),
                    None)

    @property
    def date_key(self) -> Any:
        if self.date is None:
            return None
        if is_day(self.date):
            return self.date["value_start"]
        return (self.date["value_start"], self.date["value_end"])

    @property
    def day_dated(self) -> bool:
        return self.date is not None and is_day(self.date)


def extract_with(ctx: ArticleContext, lexicon: Lexicon) -> list[dict[str, Any]]:
    doc = ctx.doc
    if doc is None:
        return []
    triggers = _triggers(ctx, doc, lexicon)
    _attach_dates(ctx, doc, triggers, _anchor_spans(ctx))
    by_token = {t.token.i: t for t in triggers}
    for t in triggers:  # "jets struck the town on May 2, killing 12": the strike's day
        head = t.clause_head(triggers)
        if t.participle and t.date is None and head is not None and head.day_dated:
            t.date = head.date
        partner = next((by_token[i] for i in time_partners(t.token) if i in by_token
                        and by_token[i].sentence.seq == t.sentence.seq), None)
        if t.date is None and partner is not None and partner.date is not None:
            t.date = partner.date  # "the meeting in May, when it cut rates": May's cut
    counted = _counted_spans(ctx)
    counts = [(r["char_start"], r["char_end"]) for r in ctx.earlier("counts")]
    triggers = [t for t in triggers if _is_mention(t, lexicon, counted, counts)]
    keys = local_keys(ctx, triggers)
    apart = apart_keys(triggers, keys)
    occasions = frozenset(t.token.i for t in triggers)  # "killed in the attack": no place
    rows: list[dict[str, Any]] = []
    for n, (t, key) in enumerate(zip(triggers, keys, strict=True)):
        token = t.token
        prev = doc[token.i - 1].lower_ if token.i > 0 else ""
        anaphoric = token.pos_ != "VERB" and (prev in ANAPHORIC or prev in ("’s", "'s"))
        confidence = (0.8 if t.day_dated else 0.7 if t.date is not None
                      else 0.6 if anaphoric else 0.5)
        row = provenance(ctx, token.idx, token.idx + len(token.text), EXTRACTOR, confidence,
                         "undated; refers back to an event named before" if anaphoric
                         and t.date is None else "undated trigger word" if t.date is None
                         else f"dated {'to a day ' if t.day_dated else '(not to a day) '}"
                         f"by '{t.date['quote']}' in its sentence")
        row.update({
            "event_id": key, "mention_id": f"{ctx.article_id}:m{n}", "event_type": t.etype,
            "trigger_lemma": token.lemma_.lower(), "local_key": key,
            "date_id": t.date["date_id"] if t.date else None, "is_anaphoric": anaphoric,
            "pos": token.pos_, "is_series": t.series, "apart_keys": apart[n],
        })
        places, participants = trigger_arguments(token, occasions)
        row["place_starts"], row["place_ends"] = argument_spans(places)
        row["participant_starts"], row["participant_ends"] = argument_spans(participants)
        rows.append(row)
    return rows


def _triggers(ctx: ArticleContext, doc: Any, lexicon: Lexicon) -> list[_Trigger]:
    story = {s.seq for s in ctx.story_sentences()}
    anchors = list(_anchor_spans(ctx).values())
    names = _name_spans(ctx)
    found: list[_Trigger] = []
    contexts: dict[int, frozenset[str]] = {}
    bounds: dict[int, tuple[int, int]] = {}
    sentence_tokens: dict[int, list[Any]] = {}
    licensed: set[int] = set()  # the objects of light verbs: part of the verb's mention
    for i in candidate_tokens(doc, lexicon):
        token = doc[i]
        pos = _trigger_pos(doc, token)
        if pos is None:
            continue
        sentence = ctx.sentence_at(token.idx)
        if sentence is None or sentence.seq not in story:
            continue
        if sentence.seq not in bounds:
            tokens = tokens_in(doc, sentence.char_start, sentence.char_end)
            sentence_tokens[sentence.seq] = tokens
            bounds[sentence.seq] = (tokens[0].i, tokens[-1].i) if tokens else (token.i, token.i)
        first, last = bounds[sentence.seq]
        etype = None
        light_word = None
        if pos != "VERB" and (token.lemma_.lower() in lexicon.phrases
                              or token.lower_ in lexicon.phrases):
            before = words_before(doc, token.i, first)
            etype = lexicon.phrase_type(token.lemma_, before) or \
                lexicon.phrase_type(token.lower_, before)
        if pos == "VERB" and token.lemma_.lower() in lexicon.light:
            light = light_verb(token, lexicon, first, last)
            if light is not None:
                etype, word = light
                licensed.add(word.i)
                light_word = word.lemma_.lower()
        modified = etype is not None
        if etype is None and sentence.seq not in contexts:
            contexts[sentence.seq] = context_lemmas(sentence_tokens[sentence.seq])
        etype = etype or lexicon.type_of(token.lemma_, pos, contexts[sentence.seq])
        if etype is None and pos != "VERB" and definite(token):
            kinds = {e for e, _ in lexicon.contextual.get(("noun", token.lemma_.lower()), [])} | \
                set(lexicon.anaphors.get(token.lemma_.lower(), []))
            etype = next((f.etype for f in reversed(found) if f.etype in kinds), None)
            # "The win" after a game, "the incident" after a strike: the nearest one told
        if etype is None:
            continue
        if pos == "VERB" and not modified:
            etype = _decided(token, lexicon, contexts[sentence.seq]) or etype
        if pos == "VERB" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "dead":
            etype = lexicon.verbs.get("kill", etype)  # "shot dead", "stabbed dead": a killing
        if not modified and hyphenated(doc, token):
            continue  # "flood-hit", "post-election": part of a compound word
        if pos == "VERB" and negated_before(doc, token, first):
            continue  # "never stopped", "did not attack": what did not happen
        if pos == "VERB" and not modified and _event_subject(token, etype, lexicon,
                                                             contexts[sentence.seq]):
            continue  # "protests erupted": the protests happened, nothing exploded
        if pos != "VERB" and not modified:
            if compound_modifier(doc, token, lexicon):
                continue  # "flood zone", "election campaign": a kind, not an occurrence
            if token.lemma_.lower() in GENERIC_NOUNS and not has_modifier(doc, token, first) \
                    and not said_in(token) and not told_as_outcome(token) and not (
                    definite(token) and any(
                        f.etype == etype for f in found)):  # "the decision": told before
                continue
            if idiom(doc, token):
                continue  # "in exchange for", "in retaliation for": a manner, not an event
        if pos != "VERB" and is_source(token):
            continue  # "the statement said", "according to the report": who speaks
        if not is_realis(token, (first, last)) and not (
                etype in DECISIONS and reported_decision(token)):
            continue  # "could provoke retaliation", "no attacks since", "plans to visit"
        if any(a <= token.idx and token.idx + len(token.text) < b for a, b in names):
            continue  # "the National Election Commission", "Cal Fire": part of a name
        anchored = any(a <= token.idx < b for a, b in anchors)
        found.append(_Trigger(token, etype, sentence, anchored=anchored, within=(first, last),
                              word=light_word))
    return [t for t in found if t.token.i not in licensed or t.token.pos_ == "VERB"]


#: Types whose event is a decision: the vote that decides it is the event ("the board
#: voted 7-2 to raise rates" is the rate decision, not an election).
DECISIONS = frozenset({"rate_decision"})


#: Verbs by which a body makes known a decision it took ("announced that it would hold
#: rates steady").
ANNOUNCING = frozenset({"announce", "say", "declare", "confirm"})


def reported_decision(token: Any) -> bool:
    """A decision told in the future of the past, as the complement of a past verb of
    announcing ("The bank announced that it would keep its rate unchanged"): announcing the
    decision is taking it. Only "would", not a negation or another modal."""
    verb = token
    if verb.pos_ != "VERB" or verb.dep_ != "ccomp" or verb.head.tag_ != "VBD" or \
            verb.head.lemma_.lower() not in ANNOUNCING:
        return False
    aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "neg")]
    if aux != ["would"]:
        return False
    # the body announces its own decision ("the bank announced that it would"), not
    # another's forecast ("analysts said the bank would cut")
    mine = [c for c in verb.children if c.dep_ == "nsubj"]
    theirs = [c for c in verb.head.children if c.dep_ == "nsubj"]
    return bool(mine and theirs) and (mine[0].pos_ == "PRON" and mine[0].lower_ in (
        "it", "they", "we") or mine[0].lemma_.lower() == theirs[0].lemma_.lower())


def _decided(token: Any, lexicon: Lexicon, context: frozenset[str]) -> str | None:
    """The type of the decision a verb's infinitive complement tells, when it is one."""
    for c in token.children:
        if c.dep_ == "xcomp" and c.pos_ == "VERB":
            etype = lexicon.type_of(c.lemma_, "VERB", context)
            if etype in DECISIONS:
                return etype
    return None


def _name_spans(ctx: ArticleContext) -> list[tuple[int, int]]:
    """Spans of the article's names of people, organisations and places, for triggers
    inside them; a name of a person counts whole ("Cal Fire" read as one), any other only
    before its last word ("the Election Commission", not "the Microsoft Outage")."""
    out = []
    for row in ctx.earlier("entity_mentions"):
        end = row["char_end"] + 1 if row.get("mention_type") == "PERSON" else row["char_end"]
        out.append((row["char_start"], end))
    return out


#: Types of physical events whose verbs, said of an event, tell that it broke out.
PHYSICAL = frozenset({"disaster"})


def _event_subject(verb: Any, etype: str, lexicon: Lexicon, context: frozenset[str]) -> bool:
    """A verb of a physical event whose subject names an event of another type ("protests
    erupted", "violence exploded"): the verb tells that its subject broke out, the subject
    is the mention (nothing erupted or exploded)."""
    if etype not in PHYSICAL or any(c.dep_ in ("dobj", "obj") for c in verb.children):
        return False
    return any(c.dep_ == "nsubj" and (c.lemma_.lower() in EVENTIVE or lexicon.type_of(
        c.lemma_, c.pos_, context) not in (None, etype)) for c in verb.children)


#: Nouns of a happening that is no event type of the lexicon: "the fight between the two
#: and the army erupted in 2023", "violence exploded"
EVENTIVE = frozenset({"fight", "fighting", "war", "conflict", "violence", "unrest", "crisis",
                      "row", "dispute", "scandal", "controversy", "riot", "chaos", "panic",
                      "hostility", "tension", "feud", "rivalry"})


def _trigger_pos(doc: Any, token: Any) -> str | None:
    """NOUN or VERB for a token that may be a trigger; an adjective that heads its phrase
    counts as a noun ("the cup final", "the quarter-final on May 9")."""
    if token.pos_ in ("NOUN", "PROPN", "VERB"):
        return "VERB" if token.pos_ == "VERB" else "NOUN"
    if token.pos_ == "ADJ":
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return "NOUN"
    return None


def _attach_dates(ctx: ArticleContext, doc: Any, triggers: list[_Trigger],
                  anchors: dict[str, tuple[int, int]]) -> None:
    """Give each date of a sentence to the trigger it dates, unless it belongs to the
    reporting of the story ("reported on Sunday"): the noun it premodifies ("Friday's
    vote"), else the nearest trigger before it ("met them on June 3"), else, when the
    date opens the sentence or stands just before a trigger, the first trigger after it
    ("On June 3, the army struck", "police on Friday detained"). A date never dates a
    trigger inside its own anchor ("the day after [rebels attacked]"), and an offset whose
    anchor clause names a day it was not counted from dates nothing."""
    by_sentence: dict[int, list[_Trigger]] = {}
    for t in triggers:
        by_sentence.setdefault(t.sentence.seq, []).append(t)
    for sid, rows in _sentence_dates(ctx).items():
        seq = int(sid.rsplit(":", 1)[1])
        candidates = by_sentence.get(seq, [])
        if not candidates:
            continue
        sentence = candidates[0].sentence
        for row in rows:
            own = anchors.get(row["date_id"])
            if own is not None and not counted_from(row, own, ctx.earlier("dates")):
                continue  # "the day after rebels shelled it on May 3": not May 4
            if REPORTING_BEFORE.search(ctx.text[:row["char_start"]][-60:]) or \
                    DATELINE_AFTER.match(ctx.text, row["char_end"]):
                continue
            chosen = _premodified(doc, row, candidates)
            if chosen is None:
                clause = date_clause(doc, row["char_start"], row["char_end"])
                phrase = time_phrase(doc, row["char_start"], sentence.char_start)
                own_clause = [t for t in candidates if not told_outside(clause, t.token)
                              and (phrase is None or phrase[0] <= t.token.i < phrase[1])]
                before = [t for t in own_clause if t.token.idx < row["char_start"]]
                after = [t for t in own_clause if t.token.idx >= row["char_end"]]
                if before:
                    chosen = max(before, key=lambda t: t.token.idx)
                elif after:
                    first = min(after, key=lambda t: t.token.idx)
                    lead = tokens_between(doc, row["char_end"], first.token.idx)
                    opening = tokens_between(doc, sentence.char_start, row["char_start"])
                    if lead <= DATE_LEAD or opening <= SENTENCE_OPENING:
                        chosen = first
            if chosen is not None and own is not None and own[0] <= chosen.token.idx < own[1]:
                chosen = next((t for t in candidates if t.token.idx >= own[1]), None)
            if chosen is not None and chosen.date is None:
                chosen.date = row


def _premodified(doc: Any, row: dict[str, Any], candidates: list[_Trigger]) -> _Trigger | None:
    """The noun trigger a date premodifies: only modifiers between them ("Friday's
    regional election", "the June 3 vote")."""
    if row.get("expression_type") not in ("explicit", "weekday") or \
            not row["quote"][-1:].isalnum():
        return None  # "a day after Storm X hit" does not premodify "Storm"
    for t in sorted(candidates, key=lambda t: t.token.idx):
        if t.token.pos_ == "VERB" or t.token.idx < row["char_end"]:
            continue
        between = tokens_in(doc, row["char_end"], t.token.idx)
        if len(between) <= 4 and all(tok.pos_ in PREMODIFIER_POS or tok.text in ("-", "’s", "'s")
                                     for tok in between):
            return t
        return None
    return None


def _done_infinitive(token: Any) -> bool:
    """An infinitive that tells a deed done: "convinced the groups to suspend", "the first
    company to land" (not "the first team to win two titles in a row": many wins)."""
    return implicative(token) or record_noun(token) is not None and not any(
        c.dep_ in ("dobj", "obj") and c.tag_ in ("NNS", "NNPS", "CD") for c in token.children)


def _is_mention(t: _Trigger, lexicon: Lexicon, counted: list[tuple[int, int]],
                counts: list[tuple[int, int]]) -> bool:
    """Whether a trigger names an event that happened. An undated trigger counts when it
    can: a finite verb ("visited"), a singular noun ("the summit"), or a plural noun
    ("attacks on the army"), which is marked a mention of a series (`series`); bare or -ing
    verbs ("to stop attacking") speak of none, and a verb between a count and its window
    ("12 were killed in the week before") is what is counted. A plural dated only by a
    month or year is not a mention ("hikes that began in 2015")."""
    token = t.token
    plural = token.pos_ != "VERB" and token.tag_ in ("NNS", "NNPS") and (
        token.lower_ not in lexicon.nouns  # a plural that is the name ("talks", "elections")
        or marks_other_event(token))  # but "previous elections" are many
    if t.date is not None:  # a dated series: "began staging raids on May 3", "raised
        # rates four times in 2018"
        t.series = begun_series(token) if plural else \
            token.pos_ == "VERB" and cumulative(token)
        return t.day_dated or not plural
    if plural:  # "the attacks on the base", "rallies across the country": a series
        t.counted = counted_events(token, counts)
        t.series = t.counted or specific_plural(token, lexicon.names_event) and \
            not inner_plural(token, lexicon.names_event, counts, t.within,
                             lexicon.names_noun_event)
        if not t.counted and (told_as_outcome(token) if t.series else
                              occasion(token, lexicon, counts, t.within)):
            t.series = False  # "an attack on a hospital, causing many deaths": its outcome;
            return True  # "shot a marcher during fuel protests": its occasion; one event
        return t.series
    if token.pos_ == "VERB" and any(a <= token.idx < b for a, b in counted):
        return False  # what is counted ("were killed"), not an event named on the way
    if token.pos_ == "VERB":
        nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if token.tag_ == "VBN" and (token.dep_ == "amod" or nxt is not None and
                                    nxt.pos_ == "NOUN" and not any(
                c.dep_ in ("aux", "auxpass") for c in token.children)):
            return False  # "flooded streets", "the updated figures": it describes a thing
        t.series = cumulative(token)  # "has so far killed 300": a running total, many events
        return token.tag_ in EVENT_VERB_TAGS or progressive(token, lexicon.names_event) \
            or t.participle or t.etype in DECISIONS and reported_decision(token) \
            or token.tag_ == "VB" and _done_infinitive(token)
    return True
