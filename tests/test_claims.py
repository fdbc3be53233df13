"""Claims: attribution frames on fixture texts, provenance, speaker linking and grouping."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from factdb import db
from factdb.extract import claims
from factdb.lang import attribution
from factdb.resolve import claims as claim_groups
from factdb.runs import Run
from factdb.settings import Settings
from tests.scoring import claims as claim_scoring
from tests.scoring.context import FORMATS, ROOT, make_context

FIXTURES = claim_scoring.load_fixtures()
COMMANDER_QUOTE = ("Without the direct intervention of Qaani, it would have been impossible to "
                   "convince Kataib Hezbollah to halt its military operations to de-escalate the "
                   "situation")


@pytest.fixture(scope="module")
def extracted() -> dict[str, tuple[str, list[dict[str, Any]]]]:
    return {fx.name: claim_scoring.extract_fixture(fx) for fx in FIXTURES}


def _said(text: str) -> list[tuple[str, str, str]]:
    """(speaker, cue, content) of each claim of one text."""
    return [(r["speaker"], r["cue"], r["content"])
            for r in claims.extract(make_context(text, with_doc=True))["claims"]]


def test_fixtures_cover_other_subjects() -> None:
    assert len(FIXTURES) >= 10
    joined = " ".join(fx.text for fx in FIXTURES)
    assert "Qaani" not in joined and "Kataib" not in joined


def test_scores_on_fixtures(extracted: dict[str, tuple[str, list[dict[str, Any]]]]) -> None:
    total = claim_scoring.Score()
    for fx in FIXTURES:
        total.add(claim_scoring.score_rows(fx.name, extracted[fx.name][1], fx.expected))
    print("\n" + total.report())
    assert total.expected >= 70
    assert total.precision >= 0.95
    assert total.recall >= 0.95
    assert total.accuracy("content") >= 0.95
    assert total.accuracy("original_source") >= 0.95
    assert total.accuracy("hedge") >= 0.9
    assert total.accuracy("speaker_kind") >= 0.9
    assert total.accuracy("relay_speaker") == 1.0


@pytest.mark.parametrize("name", [fx.name for fx in FIXTURES])
def test_offsets_are_exact(name: str,
                           extracted: dict[str, tuple[str, list[dict[str, Any]]]]) -> None:
    text, rows = extracted[name]
    assert rows
    for r in rows:
        assert text[r["char_start"]:r["char_end"]] == r["quote"]
        assert text[r["cue_start"]:r["cue_end"]] == r["cue"]
        assert r["char_start"] <= r["cue_start"] and r["cue_end"] <= r["char_end"]
        if r["speaker"] is not None:
            assert text[r["speaker_start"]:r["speaker_end"]] == r["speaker"]
            assert r["char_start"] <= r["speaker_start"] < r["speaker_end"] <= r["char_end"]
        if r["content"] is not None:
            assert text[r["content_start"]:r["content_end"]] == r["content"]
            assert r["char_start"] <= r["content_start"] < r["content_end"] <= r["char_end"]
            assert r["content_key"] == attribution.content_key(r["content"])
            assert r["claim_kind"] == "statement"
        else:
            assert r["claim_kind"] == "no_comment" and r["content_key"] is None
        assert r["role"] in ("body", "headline")
        assert r["speaker_kind"] in attribution.SPEAKER_KINDS
    assert len({r["claim_id"] for r in rows}) == len(rows)


def test_ids_are_stable_across_processes() -> None:
    """Claim ids are derived from content, not from hashing that changes per process."""
    fx = FIXTURES[0]
    here = [r["claim_id"] for r in claim_scoring.extract_fixture(fx)[1]]
    script = ("import json, sys\n"
              "from tests.scoring import claims as cs\n"
              f"fx = next(f for f in cs.load_fixtures() if f.name == {fx.name!r})\n"
              "print(json.dumps([r['claim_id'] for r in cs.extract_fixture(fx)[1]]))\n")
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             check=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed})
        assert json.loads(out.stdout) == here
    assert here


def test_captions_and_boilerplate_give_no_claims() -> None:
    text = ("Ministers meet on budget\n\n"
            "Photo: The minister said goodbye to reporters, officials said. (AP Photo)\n\n"
            "The finance minister said the budget would be balanced by 2027.\n\n"
            "Read more: Opposition says budget is a fraud\n")
    assert _said(text) == [
        ("The finance minister", "said", "the budget would be balanced by 2027")]


def test_a_quotation_left_open_runs_on_into_the_next_paragraph() -> None:
    text = ("Coach wins title\n\n"
            '"We never gave up," said Alvarez. "This group fought for every yard.\n\n'
            '"Nobody believed in us. Now look at us."\n\n'
            '"It was a good game," the referee said.\n\n'
            '"Anyone can win."\n')
    ctx = make_context(text, with_doc=True)
    rows = claims.extract(ctx)["claims"]
    got = [(r["speaker"], r["content"]) for r in rows]
    assert got == [("Alvarez", "We never gave up"),
                   ("Alvarez", "This group fought for every yard."),
                   ("Alvarez", "Nobody believed in us. Now look at us."),
                   ("the referee", "It was a good game")]  # closed: "Anyone can win." is no one's
    for r in rows:
        assert text[r["char_start"]:r["char_end"]] == r["quote"]


def test_a_colon_at_the_end_of_a_paragraph_introduces_the_next_one() -> None:
    text = ("Strike widens\n\n"
            "The company's chief executive, Jane Roe, said in a statement:\n\n"
            '"We have made progress, but gaps remain."\n\n'
            "Acme released a statement in response to the strike:\n\n"
            "We still have not received a counteroffer. More strikes are for the headlines.\n\n"
            "The union said:\n\n"
            '"We are ready," Fain said.\n\n'
            "Officials gave three reasons:\n\n"
            "Talks resume on Monday.\n")
    rows = claims.extract(make_context(text, with_doc=True))["claims"]
    got = [(r["speaker"], r["cue"], r["is_direct_quote"], r["content"]) for r in rows]
    assert got == [
        ("The company's chief executive, Jane Roe", "said", True,
         "We have made progress, but gaps remain."),
        ("Acme", "released a statement", True,
         "We still have not received a counteroffer. More strikes are for the headlines"),
        # a paragraph whose quotation has an attribution of its own is not the union's
        ("Fain", "said", True, "We are ready")]
    for r in rows:  # the citation is the statement; speaker and cue keep their offsets
        assert text[r["char_start"]:r["char_end"]] == r["quote"]
        assert text[r["speaker_start"]:r["speaker_end"]] == r["speaker"]


def test_quote_marks_fold_for_grouping() -> None:
    assert attribution.content_key("“We’re ready,” — the U.S. plan") == \
        attribution.content_key('"We\'re ready," the US plan')


@pytest.mark.parametrize(("a", "b", "same"), [
    ("the Associated Press", "AP", True),
    ("Agence France-Presse", "AFP", True),
    ("The New York Times", "NYT", True),
    ("Reuters", "the Reuters", True),
    ("Reuters", "AP", False),
    ("the BBC", "BBC", True),
])
def test_source_key(a: str, b: str, same: bool) -> None:
    assert (attribution.source_key(a) == attribution.source_key(b)) is same


@pytest.mark.parametrize(("speaker", "name", "head"), [
    ("Mark Ellison, the governor of the National Bank", "Mark Ellison", True),
    ("Mark Ellison, the governor of the National Bank", "National Bank", False),
    ("The Iraqi government", "Iraqi", False),
    ("commission chair Helen Okafor", "Helen Okafor", True),
    ("a spokesman for the agency, Ravi Menon", "Ravi Menon", True),
    ("a spokesman for the agency, Ravi Menon", "agency", False),
    ("Ukraine's defence ministry", "Ukraine", False),
    ("A White House spokesperson", "White House", False),
    ("the World Health Organization", "World Health Organization", True),
])
def test_head_mention(speaker: str, name: str, head: bool) -> None:
    start = speaker.index(name)
    assert claim_groups.is_head_mention(speaker, start, start + len(name)) is head


def test_cluster_keys_groups_near_duplicates_only() -> None:
    keys = [
        "it was suspending its military operations against us forces",
        "it was suspending operations against us forces",
        "the central bank will keep rates on hold until inflation falls",
        "the central bank will keep interest rates on hold until inflation falls",
        "the storm is expected to weaken as it moves inland",
        "rates",
        "rate",
    ]
    c = claim_groups.cluster_keys(keys)
    assert c[0] == c[1] and c[2] == c[3]
    assert len({c[0], c[2], c[4], c[5], c[6]}) == 5


# --- the resolver on a small database ---------------------------------------------------

def _article(article_id: str, text: str, outlet: str | None) -> dict[str, Any]:
    return {"article_id": article_id, "source_uri": f"{article_id}.txt", "outlet": outlet,
            "text": text, "sha256": article_id, "run_id": "run-test", "source_format": "txt",
            "char_count": len(text)}


def _load_texts(con: duckdb.DuckDBPyConnection,
                texts: list[tuple[str, str | None]]) -> list[list[dict[str, Any]]]:
    """Insert articles and their extracted claims; returns the claim rows per article."""
    out = []
    for text, outlet in texts:
        ctx = make_context(text, with_doc=True, outlet=outlet)
        rows = claims.extract(ctx)["claims"]
        db.insert_rows(con, "articles", [_article(ctx.article_id, text, outlet)])
        db.insert_rows(con, "claims", rows)
        out.append(rows)
    return out


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    c = db.connect(":memory:")
    yield c
    c.close()


RUN = Run(command="test", settings=Settings(db_path=":memory:"))


def test_groups_count_relays_of_one_original_as_one_source(
        con: duckdb.DuckDBPyConnection) -> None:
    # one word of eleven content words differs in the third: Jaccard 10/12 >= 0.8
    statement = ("The dam on the northern river will be closed for urgent repairs until the end "
                 "of the rainy season in October")
    _load_texts(con, [
        (f"{statement}, the Associated Press reported.\n", "Valley Herald"),
        (f"{statement}, according to AP.\n", "Coast Courier"),
        (f"{statement.replace('rainy', 'wet')}, the water authority said.\n", "Lake Times"),
        (f"{statement}, officials told the Associated Press.\n", None),
        ("Fishing will be banned on the river, the ministry said.\n", "Lake Times"),
    ])
    claim_groups.resolve(con, RUN)
    groups = con.execute("""
        SELECT claim_count, article_count, outlet_count, independent_source_count, relay_count,
               original_sources, outlets FROM claim_groups ORDER BY claim_count DESC""").fetchall()
    assert groups == [
        (4, 4, 4, 2, 3, ["the Associated Press"], ["Coast Courier", "Lake Times", "Valley Herald"]),
        (1, 1, 1, 1, 0, [], ["Lake Times"]),
    ]
    assert claim_groups.cluster_keys(["the dam will be closed for repairs until the rainy season",
                                      "the dam will be closed for repairs until the wet season"]
                                     ) == [0, 1]
    members = con.execute("SELECT count(DISTINCT claim_group_id), count(*) FROM claims "
                          "WHERE content_key LIKE 'the dam%'").fetchone()
    assert members == (1, 4)


def test_group_ids_do_not_depend_on_load_order(con: duckdb.DuckDBPyConnection) -> None:
    texts = [("Turnout reached 61 percent, the commission said.\n", "A"),
             ("Turnout reached 61 percent, officials said.\n", "B")]
    _load_texts(con, texts)
    claim_groups.resolve(con, RUN)
    first = con.execute("SELECT claim_group_id FROM claim_groups").fetchall()
    other = db.connect(":memory:")
    try:
        _load_texts(other, list(reversed(texts)))
        claim_groups.resolve(other, RUN)
        assert other.execute("SELECT claim_group_id FROM claim_groups").fetchall() == first
    finally:
        other.close()
    assert first == [(claim_groups.group_id("turnout reached 61 percent"),)]


def test_speaker_entity_from_head_mention(con: duckdb.DuckDBPyConnection) -> None:
    text = ("Mark Ellison, the governor of the National Bank, said rates would stay high.\n\n"
            "The Iraqi government said the talks would resume.\n")
    (rows,) = _load_texts(con, [(text, None)])
    aid = rows[0]["article_id"]

    def mention(eid: str, name: str, etype: str) -> tuple[dict[str, Any], dict[str, Any]]:
        start = text.index(name)
        return ({"mention_id": f"m-{eid}", "entity_id": eid, "article_id": aid,
                 "sentence_id": f"{aid}:0", "char_start": start, "char_end": start + len(name),
                 "quote": name, "extractor": "test", "confidence": 1.0, "run_id": "run-test"},
                {"entity_id": eid, "name": name, "entity_type": etype, "aliases": [name],
                 "mention_count": 1, "article_count": 1})

    pairs = [mention("e1", "Mark Ellison", "PERSON"), mention("e2", "National Bank", "ORG"),
             mention("e3", "Iraqi", "NORP")]
    db.insert_rows(con, "entity_mentions", [p[0] for p in pairs])
    db.insert_rows(con, "entities", [p[1] for p in pairs])
    claim_groups.resolve(con, RUN)
    got = con.execute("SELECT speaker, speaker_entity_id, speaker_kind FROM claims "
                      "ORDER BY char_start").fetchall()
    assert got == [("Mark Ellison, the governor of the National Bank", "e1", "named_person"),
                   ("The Iraqi government", None, "named_org")]


def test_pronoun_speakers_link_to_the_speaker_they_continue(
        con: duckdb.DuckDBPyConnection) -> None:
    text = ("Helen Okafor, the harbour master, said the pier would reopen.\n\n"
            "The delay was costly, she said.\n\n"
            "A fisherman said the nets were lost.\n\n"
            "The season is over, he said.\n\n"
            "The Port Authority said the dredging would start in June.\n\n"
            "It said the work would cost more than planned.\n\n"
            "Helen Okafor thanked the crews. We owe Helen Okafor a lot, he said.\n")
    (rows,) = _load_texts(con, [(text, None)])
    aid = rows[0]["article_id"]
    mentions, entities = [], []
    for n, (name, etype) in enumerate([("Helen Okafor", "PERSON"),
                                       ("Port Authority", "ORG")]):
        eid = f"e{n}"
        entities.append({"entity_id": eid, "name": name, "entity_type": etype,
                         "aliases": [name], "mention_count": 1, "article_count": 1})
        start = -1
        while (start := text.find(name, start + 1)) >= 0:
            mentions.append({"mention_id": f"m{len(mentions)}", "entity_id": eid,
                             "article_id": aid, "sentence_id": f"{aid}:0",
                             "char_start": start, "char_end": start + len(name),
                             "quote": name, "extractor": "test", "confidence": 1.0,
                             "run_id": "run-test"})
    db.insert_rows(con, "entity_mentions", mentions)
    db.insert_rows(con, "entities", entities)
    claim_groups.resolve(con, RUN)
    got = con.execute("SELECT speaker, speaker_entity_id FROM claims "
                      "ORDER BY char_start").fetchall()
    assert got == [
        ("Helen Okafor, the harbour master", "e0"),
        ("she", "e0"),                 # continues the named speaker
        ("A fisherman", None),
        ("he", None),                  # continues the unnamed fisherman: no guess
        ("The Port Authority", "e1"),
        ("It", "e1"),
        ("he", None),                  # the person he talks about is not him
    ]


# --- the seeds, end to end --------------------------------------------------------------

def _optional(module: str, attr: str) -> list[Callable[..., Any]]:
    if importlib.util.find_spec(module) is None:
        return []
    mod = importlib.import_module(module)
    return [getattr(mod, attr)] if hasattr(mod, attr) else []


@pytest.fixture(scope="module")
def seeds_claims_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from factdb.load import load

    path = tmp_path_factory.mktemp("claims") / "seeds.duckdb"
    load([str(FORMATS)], Settings(db_path=str(path)),
         extractors=_optional("factdb.extract.entities", "extract") + [claims.extract],
         resolvers=_optional("factdb.resolve.entities", "resolve") + [claim_groups.resolve])
    return path


def test_seed_commander_quote_is_one_group(seeds_claims_db: Path) -> None:
    con = db.connect(seeds_claims_db, read_only=True)
    try:
        members = con.execute("""
            SELECT claim_group_id, cue, is_direct_quote, speaker, original_source FROM claims
            WHERE content = ? ORDER BY article_id""", [COMMANDER_QUOTE]).fetchall()
        assert len(members) == 5
        assert len({m[0] for m in members}) == 1
        assert {m[1] for m in members} == {"told Reuters", "was quoted as saying"}
        assert {m[2:] for m in members} == {
            (True, "a senior commander in one of the Iranian-backed factions", "Reuters")}
        group = con.execute("""
            SELECT article_count, outlet_count, independent_source_count, relay_count,
                   original_sources FROM claim_groups WHERE claim_group_id = ?""",
                            [members[0][0]]).fetchone()
        # five articles, one independent source (all relay Reuters); four relay it, the
        # fifth is the wire report itself (its dateline names the agency).
        assert group == (5, 5, 1, 4, ["Reuters"])
    finally:
        con.close()


def test_seed_relay_chains(seeds_claims_db: Path) -> None:
    con = db.connect(seeds_claims_db, read_only=True)
    try:
        rows = con.execute("""
            SELECT a.outlet, c.speaker, c.cue, c.original_source, c.relay_speaker, c.hedge
            FROM claims c JOIN articles a USING (article_id)
            WHERE c.cue LIKE '%citing' OR c.cue LIKE '%cited' OR c.speaker = 'the news agency'
            ORDER BY a.outlet, c.char_start""").fetchall()
        assert rows == [
            ("Capitol Dispatch", "Iranian and Iraqi sources",
             "according to a Reuters report published Sunday that cited", "Reuters",
             "Capitol Dispatch", True),
            ("The Gulf Ledger", "10 Iranian and Iraqi sources",
             "Reuters reported on Sunday, citing", "Reuters", "The Gulf Ledger", True),
            ("The Gulf Ledger", "the news agency", "said", "Reuters", "The Gulf Ledger", False),
        ]
        declined = con.execute("SELECT speaker, content, claim_group_id FROM claims "
                               "WHERE claim_kind = 'no_comment'").fetchall()
        assert declined == [("A White House spokesperson", None, None)]
    finally:
        con.close()


COUNT_LINK_TEXT = (
    "More than 150 attacks were recorded in the province, the rebel group said.\n\n"
    "The port police counted 23 damaged boats after the storm.\n\n"
    "Crews rebuilt 40 homes last year.\n\n"
    "Two officials said the volunteers, who numbered 300 at the peak, worked for weeks, "
    "sources said.\n")


def test_counts_link_to_the_claim_that_gives_them() -> None:
    """counts.claim_id: the figure of a speaker, not of the article; innermost claim wins."""
    from factdb.extract import counts as count_extractor
    from tests.scoring.context import make_context

    ctx = make_context(COUNT_LINK_TEXT, with_doc=True)
    count_rows = count_extractor.extract(ctx)["counts"]
    before = [dict(r) for r in count_rows]
    ctx.rows["counts"] = count_rows
    claim_rows = claims.extract(ctx)["claims"]
    by_id = {c["claim_id"]: c for c in claim_rows}

    def giver(value_text: str) -> tuple[str | None, str | None] | None:
        row = next(r for r in count_rows if r["value_text"] == value_text)
        c = by_id.get(row["claim_id"]) if row["claim_id"] else None
        return (c["speaker"], c["cue"]) if c else None

    assert giver("150") == ("the rebel group", "said")
    assert giver("23") == ("The port police", "counted")
    assert giver("40") is None                       # the article's own voice
    assert giver("300") == ("Two officials", "said")  # nested: the inner statement
    assert giver("Two") is None                      # counts the speakers: no claim's figure
    # nothing else about a count changes, and no count is dropped
    assert [{k: v for k, v in r.items() if k != "claim_id"} for r in count_rows] == before


def test_the_speaker_is_who_speaks_not_an_age_a_which_clause_or_a_time() -> None:
    text = ("Jane Roe, 32, said she had not taken the money. The ministry, which has denied "
            "the report, said the talks would resume. The next day the union announced "
            "that the strike was over. Revenue rose 2 percent, the Ohio-based company said.")
    got = [r["speaker"] for r in claims.extract(make_context(text, with_doc=True))["claims"]]
    # (the relative clause's own claim, "has denied the report", is the ministry's too)
    assert got == ["Jane Roe", "The ministry", "The ministry", "the union",
                   "the Ohio-based company"]


@pytest.mark.parametrize("text, speaker, cue, content", [
    # a clause after "that" may open with a prepositional phrase
    ("The commander told the factions that by drawing blood they risked a heavy response.",
     "The commander", "told the factions", "by drawing blood they risked a heavy response"),
    ("Jane Roe said that in the past week the rebels had lost ground.",
     "Jane Roe", "said", "in the past week the rebels had lost ground"),
    # the person warned is no part of what was said
    ("Jane Roe warned them the escalation would destabilize the region.",
     "Jane Roe", "warned them", "the escalation would destabilize the region"),
    # an acronym spelled like a pronoun is a name ("the WHO", tagged "who" by the model)
    ("Between Jan 1 and Aug 17, the WHO tracked 409,222 cases and 4,738 deaths.",
     "the WHO", "tracked", "409,222 cases and 4,738 deaths"),
    # ", based on ..." after the source qualifies the attribution
    ("The mayor had 58 per cent of the votes, according to four pollsters, based on "
     "\"quick count\" ballots at polling stations nationwide.",
     "four pollsters", "according to", "The mayor had 58 per cent of the votes"),
])
def test_the_content_after_that_or_a_pronoun_told(text: str, speaker: str, cue: str,
                                                   content: str) -> None:
    assert _said(text) == [(speaker, cue, content)]


@pytest.mark.parametrize("text, expected", [
    # a reason given for an act is a claim of whoever acted
    ("The board suspended the meeting, citing the need to correct a document.",
     [("The board", "citing", "the need to correct a document")]),
    # after what was said, "citing" gives the reason, not the source of the words
    ("The two rivals have vowed to appeal the ruling, citing irregularities during the count.",
     [("The two rivals", "have vowed", "to appeal the ruling"),
      ("The two rivals", "citing", "irregularities during the count")]),
    # right after a reporting verb it names the source relayed
    ("The Daily Courier reported on Sunday, citing two officials, that the talks had stalled.",
     [("two officials", "The Daily Courier reported on Sunday, citing",
       "the talks had stalled")]),
])
def test_citing_gives_a_reason_or_relays_a_source(text: str,
                                                  expected: list[tuple[str, str, str]]) -> None:
    rows = claims.extract(make_context(text, with_doc=True))["claims"]
    assert [(r["speaker"], r["cue"], r["content"]) for r in rows] == expected
    relayed = [r for r in rows if r["speaker"] == "two officials"]
    assert all(r["original_source"] == "The Daily Courier" for r in relayed)
    assert all(r["original_source"] is None for r in rows if r not in relayed)


def test_claimed_to_have_done_is_a_statement_claimed_a_trophy_an_act() -> None:
    assert _said(
        "The militia claimed to have attacked an army post in May. The group claims to be the "
        "rightful government. The club claimed another trophy.") == [
        ("The militia", "claimed", "to have attacked an army post in May"),
        ("The group", "claims", "to be the rightful government")]


def test_reported_speech_inside_a_quotation_is_a_claim_of_its_own() -> None:
    text = ("“They counted us out. They said the receivers were done,” Jane Roe said. "
            "John Doe told reporters that “observers are now reporting the use of live "
            "bullets by the police”. “We urge the state to stop,” the statement said.")
    rows = claims.extract(make_context(text, with_doc=True))["claims"]
    got = [(r["speaker"], r["cue"], r["content"]) for r in rows]
    # the quotations' own claims are whole; the speech they report is one more claim each
    assert ("Jane Roe", "said", "They counted us out. They said the receivers were done") in got
    assert ("They", "said", "the receivers were done") in got
    assert ("observers", "are now reporting", "the use of live bullets by the police") in got
    assert ("the statement", "said", "We urge the state to stop") in got
    # the quoted speaker's own words of saying are no claim of their own
    assert not any(speaker == "We" for speaker, _, _ in got)
    assert len(got) == 5
    assert all(text[r["char_start"]:r["char_end"]] == r["quote"] for r in rows)


def test_a_heading_the_parser_runs_into_the_sentence_is_not_its_subject() -> None:
    text = ("The rebels agreed to a truce on Monday.\n\nArmy Strikes in Retaliation\n\n"
            "Despite the truce, the army launched strikes on 85 targets in the north on "
            "March 2nd, claiming that these targets were affiliated with the rebels.")
    assert _said(text) == [
        ("the army", "claiming", "these targets were affiliated with the rebels")]


def test_according_to_x_relays_the_attribution_after_it() -> None:
    # two claims: the agency's (the whole clause) and the commander's (after its cue)
    text = ("According to the agency, which cited officials, diplomats and members of armed "
            "groups, the commander stressed the risks of an escalation.")
    rows = claims.extract(make_context(text, with_doc=True))["claims"]
    assert [(r["speaker"], r["cue"], r["content"]) for r in rows] == [
        ("the agency", "According to", "the commander stressed the risks of an escalation"),
        ("the commander", "stressed", "the risks of an escalation")]
    assert all(text[r["char_start"]:r["char_end"]] == r["quote"] for r in rows)


def test_a_relative_clause_says_what_its_noun_phrase_says() -> None:
    """"X, which/who said C, did Y": X's claim C, its content inside the relative clause
    (up to the comma before the main verb), never the clause before X; "which" is told of
    the nearest noun phrase ("comment from the guild, which ...": the guild)."""
    assert ("The guild", "has denied", "it blocked the harbour") in _said(
        "The guild, which has denied that it blocked the harbour, held a vote on Friday.")
    assert ("Mara Lind", "said", "the ferries would run again on Monday") in _said(
        "Reporters met Mara Lind, who said the ferries would run again on Monday.")
    got = _said("There was no comment from the guild, which has denied blocking the harbour.")
    assert ("the guild", "has denied", "blocking the harbour") in got
    # the clause before the relative frame is the tally's, not the guild's
    got = _said("The ferry line won the contract, according to the tally of the port "
                "board, which confirmed the bids made last month.")
    assert [c for s, _, c in got if s == "the port board"] == ["the bids made last month"]


def test_a_short_phrase_between_the_auxiliary_and_the_cue_stays_in_the_cue() -> None:
    """"has in the past denied", "had on Monday said": a short prepositional phrase between
    the auxiliary and the verb keeps the speaker before the auxiliary."""
    assert ("The minister", "had on Monday said", "the talks would resume") in _said(
        "The minister had on Monday said the talks would resume.")
    assert ("The head of the guild", "denied", "the report") in _said(
        "The head of the guild denied the report.")
