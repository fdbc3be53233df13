"""Whether an event trigger tells an event that happened (realis), from the dependency parse.

Not realis: a negated trigger ("did not attack", "no attacks have occurred since March":
a count of zero, not an attack), one under a modal or a future ("could provoke
retaliation", "will visit", "is going to strike"), an infinitive ("to visit", "plans to
strike"), one in a conditional clause ("if a diplomat were hurt"), one that is the object
or complement of a verb of intent, threat, fear or prevention ("threatened an attack",
"warned of retaliation", "to prevent a strike"). The trigger's clause is its own verb for
a verb trigger, else the verb that governs the noun (through prepositions and objects).
And the place and participants of a trigger come from its syntactic arguments:
``trigger_arguments`` gives the tokens of its subject, object, possessor and
prepositional objects ("in X", "at X", "to X"), not every name of the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

#: Modal and future auxiliaries.
MODALS = frozenset({"could", "would", "may", "might", "should", "will", "shall", "can", "must",
                    "'ll", "’ll", "wo", "ca"})
NEGATIONS = frozenset({"not", "n't", "n’t", "never", "no"})
#: Subordinators of a conditional or hypothetical clause.
CONDITIONALS = frozenset({"if", "unless", "whether", "lest"})
#: Verbs whose object or complement is an event that has not happened (intent, threat,
#: fear, prevention, demand).
IRREALIS_GOVERNORS = frozenset({
    "threaten", "warn", "plan", "want", "seek", "aim", "vow", "fear", "hope", "intend",
    "propose", "urge", "demand", "consider", "prepare", "expect", "promise", "prevent",
    "avoid", "risk", "deter", "wish", "pledge", "offer", "call", "ask", "request",
    "refuse", "decline", "reject", "oppose", "need", "discuss", "schedule", "postpone",
    "delay", "cancel", "rule", "predict", "forecast", "anticipate", "mull", "weigh",
    "prefer", "favour", "favor", "encourage",
})
#: Verbs of stopping or reducing, read as a noun before an event noun in a headline's
#: clipped grammar ("rebels reduce raids on convoys", "groups halt strikes"): the
#: events named are the ones that stop or become fewer, told as a kind, not one event.
STOPPING_WORDS = frozenset({
    "stop", "halt", "suspend", "pause", "cease", "freeze", "decrease", "reduce", "curb",
    "lessen", "diminish",
})
#: Nouns whose complement is an event that has not happened ("the risk of attacking",
#: "the cancellation of the attack", "a warning against further attacks").
IRREALIS_NOUNS = frozenset({
    "risk", "threat", "danger", "possibility", "prospect", "fear", "chance", "plan",
    "proposal", "call", "demand", "cancellation", "prevention", "warning",
    "likelihood", "option", "idea", "bid", "attempt", "effort", "need", "hope",
})
#: Modifiers that make a noun trigger an event not (yet) told as happened.
IRREALIS_MODIFIERS = frozenset({
    "possible", "potential", "proposed", "planned", "expected", "future", "prospective",
    "hypothetical", "likely", "upcoming", "imminent", "would-be", "further", "eventual",
})
#: Nouns of a share or number: "of the vote" after them is a measure, not the vote.
MEASURE_NOUNS = frozenset({
    "percent", "%", "per", "cent", "share", "majority", "half", "third", "quarter",
    "number", "tally", "count", "proportion", "portion", "bulk", "rest",
})
#: Dependency labels that tie a clause to the one above it.
CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "pcomp", "csubj"})
#: Dependency labels by which a noun is an argument of a verb or a preposition.
NOUN_LINKS = frozenset({"dobj", "nsubj", "nsubjpass", "pobj", "attr", "obj", "appos",
                        "compound", "npadvmod", "conj", "oprd"})
#: Prepositions that give an event's place.
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "to", "into", "outside", "inside",
                                "across", "over", "around", "on", "off", "toward",
                                "towards", "within"})
#: Dependency labels of a trigger's participants.
PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "agent", "compound",
                              "nmod", "obj"})


def governing_verb(token: Any) -> Any | None:
    """The verb of the clause a trigger is in: itself for a verb, else the verb above the
    noun (through prepositions, objects and coordinated nouns), at most four steps up."""
    if token.pos_ in ("VERB", "AUX"):
        return token
    node = token
    for _ in range(4):
        if node.dep_ not in NOUN_LINKS and node.dep_ != "prep" and node.pos_ != "ADP":
            return None
        if node.head is node:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def _modal_or_negated(verb: Any) -> bool:
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ in NEGATIONS and child.dep_ in ("advmod", "neg"):
            return True
        if child.dep_ == "aux" and (child.tag_ == "MD" or child.lower_ in MODALS):
            return True
        if child.dep_ == "aux" and child.lower_ == "to" and not _perfect(verb) and \
                record_noun(verb) is None and not implicative(verb) and \
                not scored_result(verb):
            return True  # "to visit": an infinitive is no event told ("to have visited" is,
            # and so is "the first company to land", as its own clause tells)
        if child.dep_ == "mark" and child.lower_ in CONDITIONALS:
            return True
    # "is going to strike"
    return verb.dep_ == "xcomp" and verb.head.lemma_ == "go" and \
        any(c.lower_ == "to" for c in verb.children)


#: Verbs whose infinitive complement tells what was done when they are ("convinced the
#: groups to halt attacks": they halted them; "managed to escape").
IMPLICATIVE_VERBS = frozenset({"convince", "persuade", "prompt", "force", "compel", "manage",
                               "cause", "oblige", "get"})


def implicative(verb: Any) -> bool:
    """An infinitive under a verb that tells it happened ("convinced X to halt"), also
    when the parser hangs it on that verb as an adverbial clause after its object
    ("convinced the factions there to halt"; not "got up early to attack")."""
    head = verb.head
    return head.lemma_.lower() in IMPLICATIVE_VERBS and (
        verb.dep_ in ("xcomp", "ccomp") or verb.dep_ == "advcl" and any(
            c.dep_ in ("dobj", "obj") and c.i < verb.i for c in head.children))


#: A final score before an outcome noun: "a 27-24 win", "the 3-1 victory".
SCORE = re.compile(r"\b\d{1,3}\s*[-–]\s*\d{1,3}\s*$")


def scored_result(verb: Any) -> bool:
    """An infinitive of result that tells a final score ("threw a late pass to give them a
    27-24 win", "weathered the shifts to pull out the 3-1 victory"): its object, counted by
    the score, is an outcome that happened, when the clause it hangs on is in the past."""
    if verb.dep_ not in ("advcl", "relcl", "acl") or not any(
            SCORE.search(o.doc[o.left_edge.i:o.i].text) for o in verb.children
            if o.dep_ in ("dobj", "obj") and o.pos_ == "NOUN"):
        return False
    above = verb.head
    for _ in range(3):  # "shifts [to pull out ...]": the verb of the noun it describes
        if above.pos_ in ("VERB", "AUX") or above.head is above:
            break
        above = above.head
    return bool(above.tag_ in ("VBD", "VBN"))


#: Words that make "the X to do" a record of something done ("the first company to land").
RECORD_WORDS = frozenset({"first", "second", "third", "fourth", "fifth", "last", "only",
                          "youngest", "oldest"})


def record_noun(verb: Any) -> Any | None:
    """The noun of "the first company to land a probe": an infinitive that tells the deed
    a ranked or only one did (its realis is that of the clause the noun is in: "became the
    first to land" did, "aims to become the first to land" did not). Read from a relative
    or adjectival clause of the noun, an adverbial clause of the verb it is the attribute
    of, or the noun as the infinitive's subject."""
    if verb.dep_ in ("relcl", "acl"):
        nouns = [verb.head]
    elif verb.dep_ == "advcl":
        nouns = [c for c in verb.head.children if c.dep_ in ("attr", "dobj", "oprd")]
    else:
        nouns = [c for c in verb.children if c.dep_ == "nsubj"]
    for noun in nouns:
        if noun.pos_ in ("NOUN", "PROPN", "PRON") and any(
                c.dep_ == "amod" and c.lower_ in RECORD_WORDS for c in noun.children):
            return noun
    return None


def _perfect(verb: Any) -> bool:
    """A perfect form: "(to) have visited"."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "have"
                                      for c in verb.children)


#: Verbs that tell that their subject happens ("the strike did not happen").
OCCURRENCE = frozenset({"occur", "happen", "take", "come", "begin", "start", "resume",
                        "continue", "go", "proceed", "be"})


#: Verbs that tell how long their subject goes on: it has begun.
DURATIVE = frozenset({"last", "continue", "remain", "hold", "endure", "persist"})


def _clause_realis(verb: Any, within: Span = None) -> bool:
    """Whether the clause of a verb tells what happened: no negation, modal, infinitive or
    conditional on it or on the clauses it is the complement of, and not the complement of
    a verb of intent or threat ("plans to visit", "warned that raids could..."). The climb
    stays inside the trigger's sentence (``within``: its first and last token index), and
    a relative clause or an adverbial clause in the past tense tells its own fact ("when
    they lost the final" under "missed a chance to win")."""
    node = verb
    for _ in range(4):
        if _modal_or_negated(node):
            return False
        if node.dep_ not in CLAUSE_LINKS or node.head is node or not _inside(node.head, within):
            return True
        if node.dep_ in ("xcomp", "ccomp") and node.head.lemma_.lower() in IRREALIS_GOVERNORS:
            return False
        if node.dep_ in ("relcl", "acl") and record_noun(node) is not None:
            above = governing_verb(node.head)  # "became the first company to land": became
            if above is None or not _inside(above, within):
                return True
            node = above
            continue
        if node.dep_ == "relcl" or node.dep_ == "advcl" and node.tag_ == "VBD":
            return True  # a relative clause, or "when they lost", tells its own fact
        node = node.head
    return True


#: A sentence's first and last token index, or None for the whole parse.
Span = tuple[int, int] | None


def _inside(token: Any, within: Span) -> bool:
    """Whether a token is in the sentence (the parse may tie words across sentences)."""
    return within is None or within[0] <= token.i <= within[1]


#: Verbs that report an event only without an object ("protesters demonstrated", not
#: "this demonstrates that", "drawing blood", "rallied support", "had fled their homes":
#: a displacement, not the flight "fled to safety").
INTRANSITIVE_SENSES = frozenset({"demonstrate", "draw", "rally", "flee", "escape"})


def is_realis(token: Any, within: Span = None) -> bool:
    """Whether a trigger token tells an event that happened or is happening; ``within``
    bounds the parse to the trigger's sentence (first and last token index)."""
    if token.pos_ == "VERB":
        if token.lemma_.lower() in INTRANSITIVE_SENSES and any(
                c.dep_ in ("dobj", "obj", "ccomp") for c in token.children):
            return False
        if token.dep_ == "pcomp" and token.head.dep_ == "prep" and \
                token.head.head.lemma_.lower() in IRREALIS_NOUNS:
            return False  # "the risks of killing"
        return _clause_realis(token, within)
    for _ in range(3):  # coordinated nouns share their head ("attacks and raids")
        if token.dep_ != "conj" or token.head is token:
            break
        token = token.head
    if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children) or \
            any(c.dep_ == "neg" for c in token.children):
        return False  # "no attacks have occurred": a count of zero
    if any(c.dep_ == "amod" and c.lower_ in IRREALIS_MODIFIERS for c in token.children):
        return False  # "a possible ceasefire", "the planned visit"
    if any(c.dep_ == "compound" and c.i == token.i - 1 and c.lower_ in STOPPING_WORDS
           for c in token.children):
        return False  # "reduce raids": a verb tagged a noun, the raids its object
    head = token.head
    if head is token or not _inside(head, within):
        return True
    if token.dep_ == "pobj" and head.lower_ == "of" and (
            head.head.lemma_.lower() in MEASURE_NOUNS or head.head.pos_ == "NUM"):
        return False  # "58 percent of the vote": a share, not the vote
    if token.dep_ in ("dobj", "obj") and head.pos_ in ("VERB", "AUX"):
        if head.lemma_.lower() in IRREALIS_GOVERNORS:
            return False  # "threatened an attack", "to prevent a strike"
        return _clause_realis(head, within)  # "did not launch an attack", "could provoke a strike"
    if token.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        if head.lemma_.lower() in DURATIVE:
            return True  # "how long the truce will last": it is under way
        if head.lemma_.lower() in OCCURRENCE:
            return _clause_realis(head, within)
        return not _modal(head)  # "another cut may be needed", not "the strike did not end"
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("of", "against", "for") \
            and head.head.lemma_.lower() in IRREALIS_GOVERNORS:
        return False  # "warned of retaliation", "called for a ceasefire"
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "for" and \
            head.head.pos_ in ("VERB", "AUX"):
        return _clause_realis(head.head, within)  # "will meet for a summit", "would ask for
        # a recount"
    return _complement_realis(token, within)


def _modal(verb: Any) -> bool:
    return any(c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ in MODALS)
               for c in verb.children)


def _complement_realis(token: Any, within: Span = None) -> bool:
    """A trigger in a prepositional phrase: not realis under a noun of risk, threat or
    cancellation ("the cancellation of the attack"), nor in an example of the object of a
    verb of intent or of a modal clause ("could provoke a response, including strikes"),
    also a phrase or two down ("including raids on depots ... or even reprisals")."""
    node = token
    for _ in range(PHRASE_LEVELS):
        for _ in range(3):  # "strikes ... or even retaliation"
            if node.dep_ not in ("conj", "appos") or node.head is node:
                break
            node = node.head
        if node.dep_ != "pobj" or node.head.dep_ != "prep":
            return True
        prep, owner = node.head, node.head.head
        # a word tagged a verb that is an object is a noun ("including raids on ...")
        nominal = owner.pos_ in ("NOUN", "PROPN") or owner.dep_ in ("pobj", "dobj", "obj")
        if prep.lower_ in EXAMPLE_PREPOSITIONS and not nominal:
            # "could provoke a response, including strikes": the examples hang on the verb
            return owner.lemma_.lower() not in IRREALIS_GOVERNORS and \
                _clause_realis(owner, within)
        if not nominal:
            return True
        if owner.lemma_.lower() in IRREALIS_NOUNS:
            return False
        if prep.lower_ in EXAMPLE_PREPOSITIONS and owner.dep_ in ("dobj", "obj") and \
                owner.head.pos_ in ("VERB", "AUX"):
            verb = owner.head
            return verb.lemma_.lower() not in IRREALIS_GOVERNORS and _clause_realis(verb, within)
        node = owner
    return True


#: Prepositional phrases a trigger may be nested in that still share an outer one's realis.
PHRASE_LEVELS = 3


#: Prepositions that give examples of the noun they follow ("a response, including
#: strikes"): the examples share its realis.
EXAMPLE_PREPOSITIONS = frozenset({"including", "like", "as"})


def trigger_arguments(token: Any, occasions: frozenset[int] = frozenset()
                      ) -> tuple[list[Any], list[Any]]:
    """(place tokens, participant tokens) of a trigger: the objects of its locative
    prepositions ("struck in X", "the visit to X") and its subject, object, agent and
    possessor ("X's visit", "X attacked Y", "attacked by X"). A noun trigger also takes the
    arguments of the verb it is the object of ("X launched an attack on Y" -> X). An object
    that is itself a trigger (``occasions``: token indexes) is the occasion, no place
    ("killed in the attack", "a win in a cup thriller")."""
    places: list[Any] = []
    participants: list[Any] = []
    heads = [token]
    verb = governing_verb(token)
    if verb is not None and verb is not token and token.dep_ in ("dobj", "obj"):
        heads.append(verb)
    objects = [c for h in heads for c in h.children if c.dep_ in ("dobj", "obj")]
    for obj in objects:  # "attacked the base in X"
        for child in obj.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "at", "near"):
                places += [g for g in child.children if g.dep_ == "pobj"]
    for head in heads:
        for child in head.children:
            if child.i == token.i:
                continue
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPOSITIONS:
                places += [g for g in child.children if g.dep_ == "pobj"
                           and g.i not in occasions]
            elif child.dep_ == "prep" and child.lower_ in ("by", "of", "against", "with",
                                                             "between", "from"):
                participants += [g for g in child.children if g.dep_ == "pobj"]
            elif child.dep_ == "agent":
                participants += [g for g in child.children if g.dep_ == "pobj"]
            elif child.dep_ in PARTICIPANT_DEPS:
                participants.append(child)
    places += [c for p in places for c in p.children if c.dep_ == "conj"]  # "in X and Y"
    return places, participants


def argument_spans(tokens: list[Any]) -> tuple[list[int], list[int]]:
    """Char spans of argument noun phrases, up to their head ("the base" of "the base in
    X", "Jane Roe's" of "Jane Roe's visit"), as parallel lists of starts and ends."""
    spans = sorted({(t.left_edge.idx, t.idx + len(t.text)) for t in tokens})
    return [a for a, _ in spans], [b for _, b in spans]


#: Words that negate a verb a few words after them.
NEGATIONS_BEFORE = frozenset({"not", "n't", "never", "no", "nor", "neither", "nobody", "nothing"})


def negated_before(doc: Any, token: Any, first: int) -> bool:
    """A negation among the three words before a verb ("have not attacked", "never met")."""
    return any(doc[i].lower_ in NEGATIONS_BEFORE
               for i in range(max(first, token.i - 3), token.i))


def progressive(token: Any, names_event: Callable[[str], bool]) -> bool:
    """A gerund that tells an ongoing event: "was halting raids", "after suspending
    attacks", "officers shooting at the crowd" (the parse has already ruled out "to stop
    attacking"); not one that describes an event noun ("airstrikes targeting a camp")."""
    return token.tag_ == "VBG" and (token.dep_ in ("pcomp", "ccomp") or any(
        c.dep_ == "aux" and c.lemma_ == "be" for c in token.children) or (
        # "it was halting raids" parsed as "was" + an adjective "halting" on "raids"
        token.dep_ == "amod" and token.i > 0 and token.doc[token.i - 1].lemma_ == "be"
        and token.doc[token.i - 1].tag_ in ("VBD", "VBZ", "VBP")) or (
        token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN")
        and token.head.i == token.i - 1 and not names_event(token.head.lemma_.lower())))


#: Prepositions of a stretch of time ("over the last few months", "in recent weeks").
STRETCH_PREPOSITIONS = frozenset({"over", "in", "during", "for", "throughout"})
#: Plural units of a stretch of time that holds many events.
STRETCH_UNITS = frozenset({"days", "weeks", "months", "years", "decades"})


def cumulative(verb: Any) -> bool:
    """A verb told as a running total ("has so far claimed the lives of 300", "have killed
    40 to date") or over a stretch of time ("were attacked over the course of the last
    few months", "have struck repeatedly in recent weeks"), or counted in times ("raised
    rates four times in 2018"): it sums many events, a series, not one event."""
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ == "repeatedly":
            return True
        if child.dep_ == "npadvmod" and child.lemma_.lower() == "time" and \
                child.tag_ == "NNS":  # "raised rates four times", "struck several times"
            return True
        if child.dep_ == "prep" and child.lower_ in STRETCH_PREPOSITIONS and any(
                t.lower_ in STRETCH_UNITS for t in _outside_clauses(child)) and \
                not _ordinal_object(verb):
            return True
        if child.dep_ == "advmod" and child.lower_ == "far" and child.i > 0 and \
                verb.doc[child.i - 1].lower_ == "so":
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and \
                any(g.lower_ == "date" for g in child.children):
            return True
    return False


def _ordinal_object(verb: Any) -> bool:
    """A verb whose object is one thing counted by an ordinal ("won a third title in five
    years"): the stretch counts the ones before, the verb tells the latest, one event."""
    return any(c.dep_ in ("dobj", "obj") and c.tag_ in ("NN", "NNP") and any(
        g.dep_ == "amod" and g.ent_type_ == "ORDINAL" for g in c.children)
        for c in verb.children)


#: Prepositions that place a phrase after or before a time ("a surge after weeks of
#: stalemate"): that time is not the stretch the phrase spans.
ORDERING_PREPOSITIONS = frozenset({"after", "before", "since", "following", "until",
                                   "preceding"})


def _outside_clauses(token: Any) -> list[Any]:
    """A phrase's words, without the relative clauses in it ("in the courtroom where, four
    months previously, he testified": the months are the clause's time) nor the times it
    is told after or before ("in a wave of unrest after months of calm": one surge,
    after the weeks)."""
    out = []
    for child in token.children:
        if child.dep_ != "relcl" and not (child.dep_ == "prep" and
                                          child.lower_ in ORDERING_PREPOSITIONS):
            out += [child] + _outside_clauses(child)
    return out


#: Verbs that tell a series of events as begun or going on ("began staging raids").
ASPECTUAL = frozenset({"begin", "start", "continue"})


def begun_series(token: Any) -> bool:
    """A plural noun trigger that a verb of beginning or continuing governs ("began
    staging raids on May 3", "continued strikes"): the date is when the series began, the
    mention tells the series, not one event."""
    if token.pos_ == "VERB" or token.tag_ not in ("NNS", "NNPS"):
        return False
    verb = token.head
    for _ in range(2):  # "began [staging [raids]]"
        if verb.lemma_.lower() in ASPECTUAL and verb.pos_ in ("VERB", "AUX"):
            return True
        if verb.dep_ != "xcomp" or verb.head is verb:
            break
        verb = verb.head
    return False
