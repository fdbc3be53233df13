"""factdb.nlp: the attribute ruler's indexed matches and the memoized lemmatizer give
exactly what spaCy's own components give (issue 12: the loader's speed)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
import spacy
from spacy.pipeline.attributeruler import AttributeRuler

from factdb.nlp import (
    array_attribute_ruler,
    index_attribute_ruler,
    installed_model,
    load_model,
    memoize_lemmatizer,
)
from factdb.settings import Settings

#: Invented texts that exercise the ruler's word exceptions (contractions, "there is",
#: pronouns as subject and object, "but" as an adverb, white space tokens) and plain news.
TEXTS = [
    "The harbour authority said on Tuesday that 14 ferries were cancelled after the storm.",
    "I ain't gonna wait, she told him. Y'all wanna see it? Let's go, we gotta leave now.",
    "There is nothin' left, and there were only three buses. It gets worse: it got colder.",
    "He gave it to me, and I thanked you for it. But the council did not vote; it did.",
    "  Two  spaces\n\nand a blank line \t then tabs.\n",
    "Dr. Okonkwo-Reyes, 52, does have doubts; the mayor's office had none, but it's late.",
    "MARKETS: shares rose 3.5% (to $1.2bn) as the central bank held rates at 4 per cent.",
    "",
]


@pytest.fixture(scope="module")
def models() -> tuple[Any, Any]:
    name = installed_model(Settings().spacy_models)
    return load_model(Settings().spacy_models), spacy.load(name)


def _annotations(doc: Any) -> list[tuple[Any, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_,
             t.ent_type_) for t in doc]


def test_factdb_pipeline_annotates_as_spacy_does(models: tuple[Any, Any]) -> None:
    fast, stock = models
    assert "match" in vars(fast.get_pipe("attribute_ruler"))  # the index is in use
    assert "match" not in vars(stock.get_pipe("attribute_ruler"))
    assert "set_annotations" in vars(fast.get_pipe("attribute_ruler"))  # arrays in use
    assert [_annotations(d) for d in fast.pipe(TEXTS)] == \
        [_annotations(d) for d in stock.pipe(TEXTS)]


def test_indexed_matches_are_the_matchers(models: tuple[Any, Any]) -> None:
    fast, _ = models
    ruler = fast.get_pipe("attribute_ruler")
    docs = list(fast.pipe(TEXTS, disable=["attribute_ruler", "lemmatizer", "ner"]))
    stock = [AttributeRuler.match(ruler, d) for d in docs]
    assert [ruler.match(d) for d in docs] == stock
    assert sum(map(len, stock)) > 100


def _ruler(patterns: list[dict[str, Any]]) -> tuple[Any, Any]:
    nlp = spacy.blank("en")
    ruler: Any = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp, ruler


def test_index_covers_equality_sets_and_regex() -> None:
    nlp, ruler = _ruler([
        {"patterns": [[{"LOWER": "new"}, {"LOWER": {"IN": ["york", "delhi"]}}]],
         "attrs": {"LEMMA": "place"}, "index": 1},
        {"patterns": [[{"LOWER": {"REGEX": "^[0-9]+$"}}]], "attrs": {"LEMMA": "number"}},
        {"patterns": [[{"ORTH": {"NOT_IN": ["a", "the"]}, "IS_SPACE": False}]],
         "attrs": {"NORM": "word"}},
        {"patterns": [[{"TEXT": "the"}]], "attrs": {"LEMMA": "det"}},
    ])
    texts = ["The new york office and new Delhi had 40 desks, the  rest 7.", "the"]
    docs = [nlp.make_doc(t) for t in texts]
    stock = [AttributeRuler.match(ruler, d) for d in docs]
    assert index_attribute_ruler(ruler)
    assert [ruler.match(d) for d in docs] == stock
    assert sum(map(len, stock)) > 10


def test_patterns_the_index_does_not_cover_keep_the_matcher() -> None:
    for pattern in ([{"LOWER": "very", "OP": "+"}, {"LOWER": "big"}],
                    [{"LENGTH": 3}],
                    [{"LOWER": {"FUZZY": "harbour"}}]):
        _, ruler = _ruler([{"patterns": [pattern], "attrs": {"LEMMA": "x"}}])
        assert not index_attribute_ruler(ruler)
        assert "match" not in vars(ruler)


def test_only_the_rule_lemmatizer_is_memoized() -> None:
    assert not memoize_lemmatizer(SimpleNamespace(mode="lookup"))


def _stock_and_arrays(patterns: list[dict[str, Any]], texts: list[str]) -> tuple[Any, Any]:
    """The same docs annotated by spaCy's set_annotations and by array_attribute_ruler."""
    nlp, ruler = _ruler(patterns)
    stock = [nlp(t) for t in texts]
    assert array_attribute_ruler(ruler)
    return stock, [nlp(t) for t in texts]


def test_arrays_set_what_spacy_sets_later_rules_winning() -> None:
    patterns = [
        {"patterns": [[{"LOWER": "new"}, {"LOWER": "york"}]],
         "attrs": {"LEMMA": "city", "POS": "PROPN", "MORPH": "Number=Sing"}, "index": -1},
        {"patterns": [[{"LOWER": "york"}]], "attrs": {"LEMMA": "york", "TAG": "NNP"}},
        {"patterns": [[{"IS_DIGIT": True}]], "attrs": {"POS": "NUM", "MORPH": "NumType=Card"}},
        {"patterns": [[{"LOWER": "the"}, {}]], "attrs": {"DEP": "det"}},
    ]
    texts = ["The new York office had 40 desks in New York.", "", "york 7"]
    stock, arrays = _stock_and_arrays(patterns, texts)
    assert [_annotations(d) for d in arrays] == [_annotations(d) for d in stock]
    york = arrays[0][9]  # "New York": the later rule's lemma, the earlier rule's morphology
    assert (york.lemma_, york.tag_, york.pos_, str(york.morph)) == \
        ("york", "NNP", "PROPN", "Number=Sing")
    assert [t.dep_ for t in arrays[0]][:2] == ["det", ""]


def test_arrays_raise_spacys_error_for_an_index_outside_the_match() -> None:
    patterns = [{"patterns": [[{"LOWER": "storm"}]], "attrs": {"LEMMA": "x"}, "index": 2}]
    nlp, ruler = _ruler(patterns)
    assert array_attribute_ruler(ruler)
    with pytest.raises(ValueError, match="E1001"):
        nlp("the storm")


def test_rules_setting_other_attributes_keep_spacys_set_annotations() -> None:
    _, ruler = _ruler([{"patterns": [[{"LOWER": "pct"}]], "attrs": {"NORM": "percent"}}])
    assert not array_attribute_ruler(ruler)
    assert "set_annotations" not in vars(ruler)
