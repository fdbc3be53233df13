"""Which plurals of a trigger word tell a **series** of particular events, inside one article:
an undated plural that tells events that happened ("the attacks", "groups intensified
attacks", "resulting in many deaths", "more than 30 raids"), not a kind of event ("attacks
were rare"), the thing counted ("58% of the votes") or what another event acts on ("a halt
in attacks"). Used by factdb.extract.events; the other rules of a trigger's own words are
in factdb.extract.event_identity.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: Prepositions that place a plural in time: it is not what the event before acts on.
TIME_PREPOSITIONS = frozenset({"after", "before", "since", "during", "amid", "following",
                               "until", "despite"})
#: Determiners that make a plural tell particular events ("the attacks", "these rallies").
SPECIFIC = frozenset({"the", "these", "those", "its", "their", "his", "her", "our"})


#: Verbs that tell their object (or the object of their preposition) as the outcome of
#: the clause they hang on ("causing many deaths", "leading to clashes", "resulting in one
#: death"): an event that happened when the clause did.
RESULT_VERBS = {"cause": None, "spark": None, "trigger": None, "prompt": None,
                "lead": "to", "result": "in"}
#: Prepositions by which a past verb tells the events it happened in or by ("killed in
#: attacks", "arrested during protests", "wounded by airstrikes").
SETTING_PREPOSITIONS = frozenset({"in", "by", "from", "during", "amid"})
#: Verb tags of a past event ("killed", "were killed").
PAST_TAGS = frozenset({"VBD", "VBN"})


def told_as_outcome(token: Any) -> bool:
    """A noun trigger told as the outcome of a clause: the object of "cause", "spark",
    "trigger", "prompt", or of "lead to", "result in" ("resulting in two injuries")."""
    head = token.head
    if token.dep_ in ("dobj", "obj") and head.pos_ == "VERB":
        return head.lemma_.lower() in RESULT_VERBS and RESULT_VERBS[head.lemma_.lower()] is None
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
        return bool(RESULT_VERBS.get(head.head.lemma_.lower(), "") == head.lower_)
    return False


def told_as_setting(token: Any, knows: Callable[[str], bool]) -> bool:
    """A plural that a past verb of an event (``knows`` its lemma) tells it happened in or
    by ("9 killed in rebel raids", "shot dead a marcher ... during fuel protests"): the
    events of that occasion (not "helped bring the raids to an end")."""
    head = token.head
    return token.dep_ == "pobj" and head.dep_ == "prep" and \
        head.lower_ in SETTING_PREPOSITIONS and head.head.pos_ == "VERB" and \
        head.head.tag_ in PAST_TAGS and knows(head.head.lemma_.lower())


def occasion(token: Any, lexicon: Any, counts: list[tuple[int, int]],
             within: tuple[int, int] | None = None) -> bool:
    """A bare plural a past event verb tells it happened in or during, not a thing it
    counts or acts on ("shot a marcher during fuel protests", "killed in rebel raids"): the
    occasion of that event, one event (``lexicon``: factdb.lang.events.Lexicon)."""
    return told_as_setting(token, lexicon.names_event) and not inner_plural(
        token, lexicon.names_event, counts, within, lexicon.names_noun_event)


def specific_plural(token: Any, knows: Callable[[str], bool]) -> bool:
    """Whether a plural tells particular events that happened, not a kind of event ("Attacks
    were rare", "utilising airstrikes"): it has a definite determiner or a possessor ("the
    attacks", "the army's strikes"), it is the subject or object of a verb in the past
    ("groups intensified attacks", "rallies were held"), or the outcome of a clause
    ("leading to clashes")."""
    if any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in SPECIFIC)
           for c in token.children):
        return True
    if told_as_outcome(token):
        return True
    head = token.head
    return token.dep_ in ("nsubj", "nsubjpass", "dobj", "obj") and head.pos_ == "VERB" \
        and (head.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.lemma_ in ("have", "be")
                                       for c in head.children))


def inner_plural(token: Any, knows: Callable[[str], bool], counts: list[tuple[int, int]],
                 within: tuple[int, int] | None = None,
                 knows_noun: Callable[[str], bool] | None = None) -> bool:
    """A plural that is no mention of a series: the thing counted ("58% of the votes",
    "some 40 raids": the count tells it) or what another event acts on ("a halt in
    attacks", "a ban on protests"); not the subject of another event ("the attacks killed
    22": they did it). Only words of its sentence (``within``, token indexes) count; an
    event noun in its phrase is one ``knows_noun`` knows as a noun ("attacks on targets":
    "target" names a strike only as a verb)."""
    inside = (lambda t: True) if within is None else (lambda t: within[0] <= t.i <= within[1])
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of":
        head = head.head  # "58% of the votes", "millions of ballots"
    if any(a <= tok.idx < b for a, b in counts for tok in (token, head)) or \
            head.like_num or head.pos_ == "NUM" or any(c.dep_ == "nummod" for c in token.children):
        return True
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in TIME_PREPOSITIONS:
        return False  # "arrested dozens after the protests": when, not what
    if told_as_setting(token, knows):
        return False  # "killed in rebel raids": what the killing happened in
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.head.i != token.i:
        head = head.head
    if head.i != token.i and inside(head) and token.dep_ not in ("nsubj", "nsubjpass") and \
            knows(head.lemma_.lower()):
        return True
    nouns = knows_noun or knows
    return any(t.i != token.i and t.pos_ == "NOUN" and inside(t) and nouns(t.lemma_.lower())
               for t in token.subtree)  # "the ballots cast in the election": its things


#: Triggers that, counted, are things cast rather than events ("96 million votes").
BALLOTS = frozenset({"vote", "ballot"})


def counted_events(token: Any, counts: list[tuple[int, int]]) -> bool:
    """A plural trigger counted by its own number ("more than 30 raids", "52 arrests"):
    the count tells particular events that happened, a series (not "58% of the votes",
    where the number counts something else, nor "after ten increases", a time)."""
    if token.dep_ == "pobj" and token.head.lower_ in TIME_PREPOSITIONS | {"of"} or \
            token.lemma_.lower() in BALLOTS:
        return False  # "58% of the votes"; "the first pause after ten increases": when
    end = token.idx + len(token.text)
    heads = [token, token.head] if token.dep_ == "conj" else [token]  # "24 drone and airstrikes"
    return any(c.dep_ == "nummod" for h in heads for c in h.children) or \
        any(a <= token.idx and b == end for a, b in counts)
