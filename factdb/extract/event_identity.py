"""What a trigger's own words say of which event it is, inside one article.

- A **series**: an undated plural that tells particular events (factdb.extract.event_series).

- A **name**: a capitalised noun trigger with the proper nouns compounded with it ("the
  Birch Fire", "the Cedar Fire"). Two mentions with different names are two events,
  whatever else they share; a named mention joins only an event of its name.
- A **marker of another event**: "the previous outbreak", "an earlier attack", "a former
  strike" tell of an event before the one the story is about, so such a mention does not
  join the event told before it.
- An **anchor clause**: the clause after "the day after", "two weeks before" ("The day
  after rebels shelled the depot, ...") tells the event the offset counts from, not
  the one the offset dates.
- A **light verb** with its word is one mention on the verb ("claimed the lives",
  "released a statement", "were ordered to leave"); a **document** that speaks ("the
  statement said") is a source, not an event; "said in a statement" tells one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from factdb.lang.events import Lexicon

HYPHENS = frozenset({"-", "‐", "–"})
#: Adjectives that put a noun trigger's event before the story's one.
OTHER_EVENT = frozenset({"previous", "earlier", "prior", "former", "past"})


def event_name(token: Any, title_case: bool = False, spelled: bool = False) -> str | None:
    """The lowercased name a capitalised noun trigger gives its event ("birch fire"), from
    the proper nouns compounded with it; None for a verb, a lowercase noun ("the Microsoft
    outage": who was hit, not a name), the first word of a sentence, or any word of a
    title-case line (a headline). ``spelled``: a lowercase noun's words too (the name
    "the 2019 Birch fire" spells, which a later "the Birch Fire" names)."""
    if token.pos_ == "VERB" or title_case or not (spelled or token.text[:1].isupper()) or \
            token.is_sent_start:
        return None
    parts = [c for c in token.children
             if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < token.i]
    if not parts:
        return None
    words = [t.lower_ for p in parts for t in p.subtree
             if t.pos_ == "PROPN" and t.i < token.i]
    return " ".join(words + [token.lemma_.lower()]) if words else None


def marks_other_event(token: Any) -> bool:
    """Whether a noun trigger is modified as an event before the story's ("the previous
    outbreak of cholera")."""
    return token.pos_ != "VERB" and any(
        c.dep_ == "amod" and c.lower_ in OTHER_EVENT for c in token.children)


ROMAN = re.compile(r"^[IVXLC]+$")


#: Prepositions whose object is what an event acts on ("the attack on Gate 9", "a raid
#: against Camp 4"): its target, never an edition of a series, whatever spaCy tags it.
TARGET_PREPOSITIONS = frozenset({"on", "upon", "against"})


def names_edition(token: Any) -> bool:
    """Whether a trigger's phrase names a numbered edition of a series of events ("lost
    ... in Grand Cup 31", "the Grand Cup XL win", "at the 2012 Games", a name spaCy tags
    an event; "the Gate 9 checkpoint" and a target, "the attack on Camp 7", are none):
    like a year, the edition places it in time, a past event told in passing that later
    undated mentions do not refer back to."""
    words = [t for c in token.children
             if c.dep_ == "prep" and c.lower_ not in TARGET_PREPOSITIONS or
             c.dep_ != "prep" and token.pos_ != "VERB" for t in c.subtree]
    return any(t.ent_type_ == "EVENT" and (
        t.pos_ == "PROPN" and any(c.dep_ == "nummod" and c.like_num for c in t.children) or
        ROMAN.match(t.text) is not None) for t in words)


#: Types whose word, as a definite noun, also names an event of the types listed when
#: none of its own type was told before ("a drone strike hit the market ... the attack
#: happened at night"): a strike is an attack.
COVERS: dict[str, frozenset[str]] = {"attack": frozenset({"strike", "shooting"})}


#: Content words two noun phrases of triggers share to tell one event ("a halt in raids
#: on the convoys" after "the halt in raids on convoys").
SHARED_PHRASE_WORDS = 2


def phrase_words(token: Any) -> set[str]:
    """The content-word lemmas a trigger's phrase adds to it ("halt in raids on army
    convoys" -> raid, army, convoy): a noun's dependents, a verb's objects, including
    the subject of a passive ("six people were killed", "six people had been killed")."""
    if token.pos_ == "VERB":
        subtree = [t for c in token.children if c.dep_ in ("dobj", "obj", "prep", "nsubjpass")
                   for t in c.subtree]
    else:
        subtree = [t for t in token.subtree if t.i != token.i]
    return {t.lemma_.lower() for t in subtree
            if t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB") and len(t.text) > 2}


#: Determiners by which an argument refers back to a group told before ("the protesters").
BACK_DETERMINERS = frozenset({"the", "these", "those"})


def argument_nouns(token: Any) -> list[Any]:
    """The nouns a trigger acts on or with: a verb's object, its passive subject and the
    objects of its prepositions ("fired on the marchers", "four marchers were shot"),
    a noun's prepositional objects ("the shooting of protesters")."""
    deps = ("dobj", "obj", "nsubjpass", "prep") if token.pos_ == "VERB" else ("prep",)
    out = []
    for c in token.children:
        if c.dep_ == "prep" and c.dep_ in deps:
            out += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ in deps:
            out.append(c)
    return [n for n in out if n.pos_ == "NOUN"]


def refers_to_parties(token: Any, earlier: Any) -> bool:
    """Whether a trigger's argument refers back, by a definite determiner, to the group an
    earlier trigger's argument names ("troops fired on the marchers" after "five
    marchers were shot"): the same people, the same event of the type. Only a plural
    group: a place or a thing ("the depot") is the target of many events."""
    told = {n.lemma_.lower() for n in argument_nouns(earlier)}
    return any(n.tag_ == "NNS" and n.lemma_.lower() in told and any(
        c.dep_ == "det" and c.lower_ in BACK_DETERMINERS for c in n.children)
        for n in argument_nouns(token))


def describes_told_group(token: Any) -> bool:
    """A past participle that describes a definite group ("those killed were soldiers",
    "the people injured"): the people of an event told before, as a definite noun
    refers back, not a new telling."""
    head = token.head
    return token.tag_ == "VBN" and token.dep_ == "acl" and head.i < token.i and (
        head.lower_ in ("those", "these") or head.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in BACK_DETERMINERS for c in head.children))


#: Determiners of a noun that tells an event anew ("a third straight rate cut").
INDEFINITE = frozenset({"a", "an", "another"})


def introduces(t: Any, heading: bool = False) -> bool:
    """A finite verb, a noun with "a"/"an"/"another" ("a third straight rate cut"), or, in
    running text, a bare noun ("Talks between X and Y resumed") tells an event anew ("a
    bomb killed two guards"); "the summit", "his trip" refer back to one, and so do a
    bare noun of a heading, which drops its articles ("Talks continue"), and a predicate
    noun ("this is a large fire")."""
    token = t.token
    if token.pos_ == "VERB":
        return not _definite_word(t) and not describes_told_group(token)
    if token.dep_ == "attr":
        return False  # "This is a large fire": it says what an event told is
    doc = token.doc
    if token.i > 0 and doc[token.i - 1].lower_ in ("a", "an") or \
            any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in token.children):
        return True
    common = token.tag_ in ("NN", "NNS") or token.i == t.within[0]  # "Talks between ..."
    return not heading and common and not any(
        c.dep_ in ("det", "poss", "predet") or c.tag_ == "POS" or
        (c.dep_ == "compound" and c.pos_ == "PROPN") for c in token.children)


#: Determiners by which a light verb's word refers back ("imposed the sentence").
REFERRING_DETERMINERS = frozenset({"the", "this", "that"})


def _definite_word(t: Any) -> bool:
    """A light verb whose word is a definite noun refers back to an event told before, as
    the noun would ("Judge Lee imposed the sentence" after "Roe was sentenced"); not one
    an of-phrase makes definite ("claimed the lives of 12 soldiers")."""
    word = getattr(t, "word", None)
    if word is None:
        return False
    return any(c.lemma_.lower() == word and c.pos_ == "NOUN" and any(
        g.dep_ == "poss" or g.dep_ == "det" and g.lower_ in REFERRING_DETERMINERS
        for g in c.children) and not any(g.dep_ == "prep" and g.lower_ == "of"
                                         for g in c.children) for c in t.token.children)


def marks_another(token: Any) -> bool:
    """"another attack", or an indefinite noun in a clause told "also" ("the militia also
    shelled a school in a raid on the suburb"): an event other than the one of its type
    told before."""
    if token.pos_ == "VERB" and token.dep_ not in NOMINAL_DEPS:
        return False
    dets = {c.lower_ for c in token.children if c.dep_ == "det"}
    if "another" in dets:
        return True
    return bool(dets & {"a", "an"}) and any(
        c.dep_ == "advmod" and c.lower_ == "also" for c in _clause_verb(token).children)


#: Words that open a phrase or clause of time: the event they tell is another than the
#: one of the clause they modify ("the strike came days after the rebels shelled a market").
TIME_MARKS = frozenset({"after", "before", "following", "since", "until", "preceding"})


def time_clause(token: Any, within: tuple[int, int]) -> int | None:
    """The word that opens the phrase or clause of time the trigger stands in ("after"
    of "after [the rebels shelled a market]", "following [the attack on the base]"), or None. Only
    words of its sentence (``within``) count."""
    node = token
    if token.pos_ == "VERB" and token.dep_ == "conj" and token.i > within[0] and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        # "after an aftershock struck the area" read as "... after [an aftershock], struck"
        before = token.doc[token.i - 1]
        while before.head.i != before.i and before.pos_ != "VERB" and not (
                before.dep_ == "pobj" and before.head.lower_ in TIME_MARKS):
            before = before.head
        if before.dep_ == "pobj" and before.head.lower_ in TIME_MARKS and \
                before.right_edge.i == token.i - 1:
            return int(before.head.i)
    while within[0] <= node.i <= within[1]:
        mark = next((c for c in node.children if c.dep_ == "mark" and c.lower_ in TIME_MARKS),
                    None)
        if node.dep_ == "advcl" and mark is not None:
            return int(mark.i)
        if node.dep_ in ("pobj", "pcomp") and node.head.lower_ in TIME_MARKS:
            return int(node.head.i)
        if node.head.i == node.i:
            break
        node = node.head
    return None


#: Prepositions whose object is the event that caused a death or a loss ("died in the
#: offensive", "killed by an airstrike", "injured during the raid", "died from the blast").
CAUSE_PREPOSITIONS = frozenset({"in", "by", "from", "during"})


def cause(token: Any, triggers: dict[int, int]) -> int | None:
    """The trigger (its index, from ``triggers``: token index -> trigger index) of the
    event a trigger is told as caused by: the subject of its verb ("the attacks killed
    900 people") or the object of "in", "by", "from", "during" ("2,000 people died in
    the offensive", "were killed by an airstrike"); None when it names none."""
    for c in token.children:
        if c.dep_ == "nsubj" and token.pos_ == "VERB" and c.i in triggers:
            return triggers[c.i]
        if c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ in CAUSE_PREPOSITIONS:
            found = next((g.i for g in c.children if g.dep_ == "pobj" and g.i in triggers),
                         None)
            if found is not None:
                return triggers[found]
    return None


@dataclass
class Arguments:
    """The entities (keys) a trigger's own arguments name: places ("the strike on X"),
    participants ("talks between X and Y", "X met Y") and, of those, people and
    organisations."""

    places: set[str]
    participants: set[str]
    actors: set[str]

    @property
    def named(self) -> bool:
        return bool(self.places or self.participants)

    def differ(self, other: Arguments) -> bool:
        """Whether two triggers name different places, or different people or
        organisations as their parties ("the envoy met the rebels" and "the minister met
        the unions"); a country acts through its people ("Peru declares", "the president
        declared") and goes by many names ("Russia", "Russian"), so it is no evidence."""
        if self.places and other.places and not self.places & other.places:
            return True
        return bool(self.actors and other.actors and not self.participants & other.participants)


def event_entities(triggers: list[Any], keys: list[str | None], key: str,
                    entities: dict[int, set[str]]) -> set[str]:
    """The entities named in the sentences that mention the event of key."""
    out: set[str] = set()
    for t, k in zip(triggers, keys, strict=True):
        if k == key:
            out |= entities.get(t.sentence.seq, set())
    return out


def period_only(triggers: list[Any], keys: list[str | None], key: str | None) -> bool:
    """Whether the event of key is dated only by a month or a year (a past event told in
    passing, which later undated mentions do not refer back to)."""
    dated = [t for t, k in zip(triggers, keys, strict=True) if k == key and t.date is not None]
    return bool(dated) and not any(t.day_dated for t in dated)


#: Tokens that close an anchor clause ("after rebels took the town, ...").
CLAUSE_ENDS = frozenset({",", ";", ":", "—", "–", "(", ")"})
#: Verb tags of a finite clause.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def anchor_clause(tokens: list[Any], subject: bool = True) -> int | None:
    """The end (a char offset) of the finite clause that opens ``tokens`` (the words after
    "the day after"), or None if they do not open with one ("the day after, police
    said"). The clause runs to the first comma or dash, or the end of the sentence; it
    needs a verb with its own subject inside it (``subject=False``: tokens that open with
    the anchor phrase, the verb's subject however the parser attached it)."""
    clause: list[Any] = []
    for tok in tokens:
        if tok.text in CLAUSE_ENDS:
            break
        clause.append(tok)
    inside = {tok.i for tok in clause}
    for tok in clause:
        finite = tok.tag_ in FINITE_TAGS or (tok.tag_ == "VBN" and any(
            c.dep_ in ("aux", "auxpass") and c.i in inside for c in tok.children))
        if tok.pos_ in ("VERB", "AUX") and finite and (not subject or any(
                c.dep_ in ("nsubj", "nsubjpass") and c.i in inside for c in tok.children)):
            last = clause[-1]
            while last.is_punct and last.i > clause[0].i:
                last = last.doc[last.i - 1]
            return int(last.idx + len(last.text))
    return None


def counted_from(row: dict[str, Any], clause: tuple[int, int],
                  dates: list[dict[str, Any]]) -> bool:
    """Whether an offset's value can be counted from its anchor clause: the clause names no
    day, or the offset is that day moved by its span."""
    days = [d["value_start"] for d in dates if clause[0] <= d["char_start"] < clause[1]
            and d["value_start"] is not None and d["value_start"] == d["value_end"]]
    span = row.get("span_days")
    if not days or not span or row.get("value_start") is None:
        return True
    step = timedelta(days=span if row.get("relation") == "after" else -span)
    return any(day + step == row["value_start"] for day in days)


#: Tags of a verb in the present tense: a clause of it tells another time than a past
#: event's ("after his term ends in May").
PRESENT_TAGS = frozenset({"VBZ", "VBP"})


def date_clause(doc: Any, start: int, end: int) -> Any | None:
    """The verb of the relative clause a date (its char span) stands in, if any ("handed
    down the sentence in the court where, a year earlier, he had pleaded"), or of a
    subordinate clause in the present tense or the future ("questioned him about whether
    he would stay after his term ends in May"): the date is that clause's time."""
    span = doc.char_span(start, end, alignment_mode="expand")
    node = span[0] if span is not None and len(span) else None
    for _ in range(8):
        if node is None or node.head.i == node.i:
            return None
        if node.dep_ == "relcl":
            return node
        if node.dep_ in ("advcl", "ccomp") and node.pos_ in ("VERB", "AUX") and (
                node.tag_ in PRESENT_TAGS or any(c.dep_ == "aux" and c.lower_ in ("will", "'ll")
                                                 for c in node.children)):
            return node
        node = node.head
    return None


def told_outside(clause: Any | None, token: Any) -> bool:
    """Whether a trigger stands outside the relative clause of a date (``date_clause``):
    the date tells the time of that clause and of the noun it describes ("the elections,
    which were held on the same day"), not of a trigger outside it."""
    return clause is not None and token.i != clause.head.i and \
        not clause.left_edge.i <= token.i <= clause.right_edge.i


def words_before(doc: Any, i: int, start: int, n: int = 3) -> list[str]:
    """Up to n lowercased words before token i (hyphens skipped), not before start."""
    out: list[str] = []
    j = i - 1
    while j >= start and len(out) < n:
        if doc[j].text not in HYPHENS:
            out.insert(0, doc[j].lower_)
        j -= 1
    return out


def hyphenated(doc: Any, token: Any) -> bool:
    """Whether a token is glued by a hyphen to the word before or after it."""
    end = token.idx + len(token.text)
    if token.i + 1 < len(doc) and doc[token.i + 1].text in HYPHENS and \
            doc[token.i + 1].idx == end:
        return True
    return token.i > 0 and doc[token.i - 1].text in HYPHENS and \
        doc[token.i - 1].idx + len(doc[token.i - 1].text) == token.idx


def compound_modifier(doc: Any, token: Any, lexicon: Lexicon) -> bool:
    """A noun trigger directly before a common noun modifies it ("quake toll")."""
    if token.i + 1 >= len(doc) or token.tag_ not in ("NN", "NNP"):
        return False
    nxt = doc[token.i + 1]
    return nxt.pos_ == "NOUN" and nxt.tag_ in ("NN", "NNS") and \
        nxt.lemma_.lower() not in lexicon.verbs and nxt.lemma_.lower() not in lexicon.nouns


def has_modifier(doc: Any, token: Any, first: int) -> bool:
    """A generic noun names an event with a modifier: "the cup final", "a semi-final"."""
    if token.i <= first:
        return False
    prev = doc[token.i - 1]
    if prev.text in HYPHENS and token.i - 2 >= first:
        return bool(doc[token.i - 2].is_alpha)
    return prev.pos_ in ("NOUN", "PROPN", "ADJ")


#: Dependencies of a noun phrase in its clause.
NOMINAL_DEPS = frozenset({"dobj", "obj", "nsubj", "nsubjpass", "pobj"})


def _clause_verb(token: Any) -> Any:
    """The verb whose clause a trigger stands in: itself, or the verb governing a noun (a
    word tagged a verb that is a subject or object is a noun: "announced a tax cut")."""
    while (token.pos_ != "VERB" or token.dep_ in NOMINAL_DEPS) and \
            token.dep_ in NOMINAL_DEPS | {"prep", "attr"} and token.head.i != token.i:
        token = token.head
    return token


#: Verbs by which a relative clause tells when an event began ("the fire that started
#: Sunday"): the event may go on over the days the article tells it on.
BEGINNING = frozenset({"begin", "start"})


def began_then(t: Any) -> bool:
    """Whether a definite noun trigger (``_Trigger``) is dated by a relative clause of its
    beginning ("The blaze that started at dawn on Monday spread through the hills"):
    the day its event began, one event with the one of its word told before, not another
    event of that day."""
    token, row = t.token, t.date
    if row is None or token.pos_ == "VERB" or introduces(t):
        return False
    return any(c.dep_ == "relcl" and c.lemma_.lower() in BEGINNING and
               c.left_edge.idx <= row["char_start"] < c.right_edge.idx + len(c.right_edge.text)
               for c in token.children)


def adverbial_clause(token: Any) -> tuple[int, int] | None:
    """The char span of the adverbial clause a trigger stands in ("[As the blaze spread
    on Monday], residents of X were ordered to leave"), or None: the places and people of
    the main clause are not its event's."""
    verb = _clause_verb(token)
    if verb.dep_ != "advcl" or verb.pos_ not in ("VERB", "AUX"):
        return None
    return int(verb.left_edge.idx), int(verb.right_edge.idx + len(verb.right_edge.text))


def time_partners(token: Any) -> list[int]:
    """Tokens whose event a clause ties in time to the trigger's, nearest first: the verb
    of a relative clause inside a noun trigger's phrase ("a raid on a farm that injured
    four in June"); the words before ", when" for a trigger of the "when" clause ("the
    meeting in May, when it cut rates")."""
    out = [d.i for d in token.subtree if d.dep_ == "relcl"] if token.pos_ != "VERB" else []
    verb = _clause_verb(token)
    when = next((c for c in verb.children if c.dep_ == "advmod" and c.lower_ == "when"), None)
    if when is not None and when.i > 1 and token.doc[when.i - 1].text == ",":
        out += range(when.i - 2, max(when.i - 2 - WHEN_REACH, -1), -1)
    return out


#: Words before ", when" that may name the event the clause tells the time of.
WHEN_REACH = 8


#: Prepositions after "in <noun>" that make it a phrase of manner ("in return for").
IDIOM_AFTER = frozenset({"for", "against", "at", "to"})


def idiom(doc: Any, token: Any) -> bool:
    """A bare noun between "in" and a preposition: "in exchange for", "in protest at"."""
    return 0 < token.i < len(doc) - 1 and doc[token.i - 1].lower_ == "in" and \
        doc[token.i + 1].lower_ in IDIOM_AFTER


def definite(token: Any) -> bool:
    """A noun made definite ("the decision", "this fire", "the Fed's decision"): after an
    event of its type has been told, a generic noun names that event again."""
    return any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("the", "this", "that")
               for c in token.children)


#: Verbs of saying: "said in a statement" tells the statement as an event of its own.
SAYING = frozenset({"say", "tell", "add", "write", "state", "announce", "confirm", "deny",
                    "declare"})


#: Trigger nouns that can stand for a text that says something.
DOCUMENTS = frozenset({"statement", "announcement", "declaration", "testimony", "ruling",
                       "judgment", "judgement", "verdict", "speech", "update", "pledge"})


def is_source(token: Any) -> bool:
    """A noun that is the source of what the sentence reports ("the statement said",
    "according to the statement"): a document speaking, not an event told."""
    if token.lemma_.lower() not in DOCUMENTS:
        return False
    head = token.head
    if token.dep_ in ("nsubj", "nsubjpass"):
        return head.lemma_.lower() in SAYING and head.pos_ == "VERB"
    return bool(token.dep_ == "pobj" and head.lower_ == "to" and head.i > 0 and
                token.doc[head.i - 1].lower_ == "according")


def said_in(token: Any) -> bool:
    """A generic noun in "said ... in a statement": the act of saying it."""
    head = token.head
    return token.dep_ == "pobj" and head.lower_ == "in" and \
        head.head.lemma_.lower() in SAYING and head.head.pos_ == "VERB"


#: Dependents that complete a light verb ("claimed [the lives]", "set [fire]", "fired [on]",
#: "ordered to [leave]", "took [office]", "were [sworn] in").
LIGHT_DEPS = frozenset({"dobj", "obj", "xcomp", "prep", "prt", "acomp", "oprd", "nsubjpass"})


def light_verb(token: Any, lexicon: Lexicon, first: int, last: int
               ) -> tuple[str, Any] | None:
    """(type, the completing word) of a light-verb construction: the verb with its object,
    complement or particle ("claimed the lives", "set fire to", "released a statement"),
    or with the noun it describes ("a statement released by ...")."""
    words = [c for c in token.children if c.dep_ in LIGHT_DEPS and first <= c.i <= last]
    if any(c.dep_ in ("dobj", "obj") for c in words):  # "fired missiles at": not "fired at"
        words = [c for c in words if c.dep_ != "prep"]
    if token.dep_ == "acl" and first <= token.head.i <= last:
        words.append(token.head)
    for word in words:
        for form in (word.lemma_.lower(), word.lower_):
            light = lexicon.light_type(token.lemma_, [form])
            if light is not None:
                return light[0], word
    return None


def context_lemmas(sentence_tokens: list[Any]) -> frozenset[str]:
    """The lemmas (and lowercased words) of a sentence, for context words; "opened fire"
    is gunfire, not a fire."""
    out = set()
    for k, tok in enumerate(sentence_tokens):
        if tok.lemma_.lower() == "fire" and k > 0 and sentence_tokens[k - 1].lemma_ == "open":
            continue
        out.add(tok.lemma_.lower())
        out.add(tok.lower_)
    return frozenset(out)


def candidate_tokens(doc: Any, lexicon: Lexicon) -> list[int]:
    """Doc indices of the tokens whose lemma or word the lexicon knows, or that are a light
    verb: the tokens that may be triggers. Read from the doc's arrays, each distinct lemma
    and word looked up once (and remembered for the next article), instead of a ``Token``
    object per token."""
    import numpy as np
    from spacy.attrs import LEMMA, LOWER, POS

    if not len(doc):
        return []
    strings = doc.vocab.strings
    memo = _LOOKUPS.get(id(lexicon))
    if memo is None or memo[0] is not lexicon:
        memo = _LOOKUPS[id(lexicon)] = (lexicon, {}, {})
    _, lemmas, words = memo
    lemma, lower, pos = doc.to_array([LEMMA, LOWER, POS]).T
    keys, at = np.unique(lemma, return_inverse=True)
    known = []
    for key in keys.tolist():  # (the lemma is known, it is a light verb)
        hit = lemmas.get(key)
        if hit is None:
            word = strings[key].lower() if key else ""
            hit = lemmas[key] = (lexicon.knows(word), word in lexicon.light)
        known.append(hit)
    table = np.array(known, dtype=bool).reshape(-1, 2)
    keys_w, at_w = np.unique(lower, return_inverse=True)
    table_w = np.array([words[k] if k in words else
                        words.setdefault(k, lexicon.knows(strings[k] if k else ""))
                        for k in keys_w.tolist()], dtype=bool)
    hits = table[at, 0] | table_w[at_w] | (pos == strings["VERB"]) & table[at, 1]
    out: list[int] = np.flatnonzero(hits).tolist()
    return out


#: per lexicon (by id, the lexicon kept to tell a new one with a reused id): lemma ->
#: (known, light verb), lower-case word -> known
_LOOKUPS: dict[int, tuple[Lexicon, dict[int, tuple[bool, bool]], dict[int, bool]]] = {}
