"""Sentence segmentation and roles, on the seeds and on page junk of other kinds."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factdb.ingest.readers import read_source
from factdb.ingest.records import STORY_ROLES, story_text
from factdb.ingest.segment import segment, split_sentences
from tests.scoring.context import FIXTURES, FORMATS

CASES = sorted((FIXTURES / "segment").glob("*.yaml"))


def roles_of(text: str, title: str | None) -> dict[str, str]:
    return {text[s.char_start:s.char_end]: s.role for s in segment(text, title)}


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_roles_on_pages_with_junk(case: Path) -> None:
    spec = yaml.safe_load(case.read_text())
    text = spec["text"].strip()
    got = roles_of(text, spec.get("title"))
    assert {snippet: got.get(snippet) for snippet, _ in spec["expect"]} == dict(spec["expect"])
    for line in spec.get("caption_lines", []):
        assert {r for s, r in got.items() if s in line or line in s} == {"caption"}, line


def seed_roles() -> dict[str, dict[str, str]]:
    out = {}
    for path in sorted(FORMATS.iterdir()):
        (doc,) = read_source(path, 10**7)
        out[path.name] = roles_of(doc.text, doc.title)
    return out


def test_seed_junk_is_not_body() -> None:
    roles = seed_roles()
    junk = {
        "01-wire-reuters-report.txt": ["Our Standards: The Trust Principles.",
                                       "(Reporting by the Baghdad and Beirut bureaus; Editing "
                                       "by the Middle East desk)"],
        "02-gulf-ledger.md": ["Home » World » Middle East",
                              "Also read: Oil prices climb as Red Sea tensions persist",
                              "See also: Iraq's parliament debates foreign troop presence",
                              "#Iraq #Iran #USMilitary #MiddleEast", "© 2024 The Gulf Ledger.",
                              "Subscribe to our newsletter for the latest updates from the Gulf.",
                              "(Photo: Gulf Ledger archive)"],
        "04-levant-wire.json": ["Photo: A convoy on the road to Baghdad airport.",
                                "Credit: Levant Wire",
                                "Related: Iraq and US resume talks on coalition future"],
        "05-mesopotamia-today.txt": [
            "Caption: Iraqi security forces at a checkpoint near Baghdad airport "
            "(Mesopotamia Today)", "Read more: Iraq's oil exports rise in January",
            "Comments (0) | Add your comment", "All rights reserved © Mesopotamia Today 2024"],
    }
    for name, lines in junk.items():
        got = {line: roles[name].get(line) for line in lines}
        assert all(r in ("caption", "boilerplate") for r in got.values()), (name, got)
    assert roles["02-gulf-ledger.md"]["FILE PHOTO: Members of an Iraqi armed faction attend a "
                                      "funeral procession in Baghdad, Iraq."] == "caption"


def test_seed_headlines_bylines_and_datelines() -> None:
    roles = seed_roles()
    assert roles["01-wire-reuters-report.txt"]["By Wire Desk Staff"] == "byline"
    assert roles["01-wire-reuters-report.txt"]["February 18, 2024 7:05 AM UTC"] == "dateline"
    # a dateline opening the first paragraph is story (docs/gold.md): role body, reason
    # dateline; a line that is only a date is the site's date box (role dateline)
    assert roles["01-wire-reuters-report.txt"]["BAGHDAD/BEIRUT, Feb 18 (Reuters) -"] == "body"
    assert roles["04-levant-wire.json"]["BEIRUT, February 19 --"] == "body"
    assert roles["05-mesopotamia-today.txt"]["Published: 20 February 2024 08:30 GMT"] == \
        "dateline"
    for name, r in roles.items():
        if "-" not in name:
            continue  # the real seed articles (000_...): one starts without a headline
        assert sum(1 for v in r.values() if v == "headline") == 1, name
        assert sum(1 for v in r.values() if v == "body") >= 8, name


@pytest.mark.parametrize("text, expected", [
    ("Brig. Gen. Smith met Mr. Jones on Jan. 29. They spoke.",
     ["Brig. Gen. Smith met Mr. Jones on Jan. 29.", "They spoke."]),
    ('"We will stay," she said. He left.', ['"We will stay," she said.', "He left."]),
    ("The U.S. military said it struck 85 targets. No one was hurt!",
     ["The U.S. military said it struck 85 targets.", "No one was hurt!"]),
    ("J. R. Smith scored 12 points. The team won.",
     ["J. R. Smith scored 12 points.", "The team won."]),
    ("Prices rose 3.5 percent in 2023. Wages did not.",
     ["Prices rose 3.5 percent in 2023.", "Wages did not."]),
])
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == expected


PAGE = ("Storm floods the coast\n\nPhoto: A flooded street in the port. (Reuters/Jane Roe)\n\n"
        "The storm flooded 300 homes on Monday, officials said.\n\n"
        "Read more: Floods in the north\n")


def test_the_model_reads_the_story_with_furniture_blanked_at_the_same_offsets() -> None:
    sentences = segment(PAGE, None)
    story = story_text(PAGE, sentences)
    assert len(story) == len(PAGE)
    for s in sentences:
        part = story[s.char_start:s.char_end]
        if s.role in STORY_ROLES:
            assert part == PAGE[s.char_start:s.char_end]
        else:
            assert part.strip() == "", (s.role, part)
    assert {s.role for s in sentences} >= {"headline", "caption", "boilerplate", "body"}
    # everything outside the sentences (the blank lines) stays as it was
    outside = [i for i in range(len(PAGE))
               if not any(s.char_start <= i < s.char_end for s in sentences)]
    assert all(story[i] == PAGE[i] for i in outside)


def test_the_token_view_takes_a_doc_of_the_story_text() -> None:
    from factdb.extract.tokens import Tokens
    from factdb.nlp import load_model
    from factdb.settings import Settings

    sentences = segment(PAGE, None)
    nlp = load_model(Settings().spacy_models)
    tokens = Tokens(PAGE, sentences, nlp(story_text(PAGE, sentences)))
    assert tokens.tagged
    body = next(s for s in sentences if s.role == "body")
    words = [t.text for t in tokens.span(body.char_start, body.char_end)]
    assert words[:4] == ["The", "storm", "flooded", "300"]
    assert [t.text for t in tokens.span(0, len(PAGE)) if t.text in ("Photo", "Read")] == []
