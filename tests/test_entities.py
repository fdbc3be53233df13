"""Entity extraction and alias resolution: unit rules, fixture scores, the seed quality bar,
provenance, user judgements and reload stability."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from factdb import db
from factdb.errors import InputError
from factdb.extract import entities
from factdb.extract.entities.mentions import is_facility
from factdb.lang.entity_types import NAME_LABELS
from factdb.lang.names import match_key, normalise
from factdb.load import load
from factdb.resolve import entities as aliases
from factdb.resolve.judgements import load_judgements, parse_judgements
from factdb.settings import Settings
from tests.scoring.context import FORMATS, make_context
from tests.scoring.entities import (
    Fixture,
    all_fixtures,
    predicted_for,
    score_entities,
    write_articles,
)

SEED_FILES = sorted(str(p) for p in FORMATS.iterdir())


def load_entities(paths: list[str], db_path: Path, judgements: Path | None = None) -> None:
    settings = Settings(db_path=str(db_path),
                        judgements_path=str(judgements) if judgements else None)
    load(paths, settings, extractors=[entities.extract], resolvers=[aliases.resolve])


def rows(con: duckdb.DuckDBPyConnection, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    return con.execute(sql, list(params)).fetchall()


# --- the extractor on small texts -------------------------------------------------------------

def mentions_of(text: str) -> list[dict[str, Any]]:
    return entities.extract(make_context(text, with_doc=True))["entity_mentions"]


def test_titles_possessives_and_determiners_stay_out_of_the_span() -> None:
    text = ("Brig. Gen. Jane Roe's visit to the Federal Emergency Management Agency (FEMA) "
            "offices in Denver was short. Roe told FEMA staff that the agency would hire.")
    got = {(m["quote"], m["mention_type"], m["title"]) for m in mentions_of(text)}
    assert got == {("Jane Roe", "PERSON", "Brig. Gen."), ("Roe", "PERSON", None),
                   ("Federal Emergency Management Agency", "ORG", None),
                   ("FEMA", "ORG", None), ("Denver", "GPE", None)}


def test_a_title_behind_an_organisation_is_stripped_from_the_name() -> None:
    text = '"We see no cut yet," Fed Chair Jerome Powell told reporters on Wednesday.'
    got = [(m["quote"], m["mention_type"], m["title"]) for m in mentions_of(text)]
    assert ("Jerome Powell", "PERSON", "Fed Chair") in got
    assert not [g for g in got if "Chair" in g[0]]


def test_sports_roles_are_titles_and_clubs_are_organisations() -> None:
    text = ("Substitute Kwame Mensah scored in the 89th minute as Harbour Rovers beat "
            "Northfield on Saturday.")
    got = {(m["quote"], m["mention_type"], m["title"]) for m in mentions_of(text)}
    assert ("Kwame Mensah", "PERSON", "Substitute") in got
    assert ("Harbour Rovers", "ORG", None) in got


def test_a_company_named_without_its_legal_form_is_the_company() -> None:
    # the model reads the bare name as a person; the article's "Halvorsen Corp." says it is
    # the company (strong evidence: a legal form), and its other forms follow
    text = ("Halvorsen Corp. beat forecasts on Thursday. Halvorsen said revenue rose 8%, "
            "and Halvorsen expects more.")
    got = mentions_of(text)
    assert {(m["quote"], m["mention_type"]) for m in got} == {
        ("Halvorsen Corp.", "ORG"), ("Halvorsen", "ORG")}
    assert len({m["local_key"] for m in got}) == 1


def test_surname_and_acronym_share_the_local_key_of_the_full_name() -> None:
    text = ("Brig. Gen. Jane Roe's visit to the Federal Emergency Management Agency (FEMA) "
            "offices in Denver was short. Roe told FEMA staff that the agency would hire.")
    keys: dict[str, set[str]] = {}
    for m in mentions_of(text):
        keys.setdefault(m["local_key"], set()).add(m["quote"])
    assert sorted(map(sorted, keys.values())) == [
        ["Denver"], ["FEMA", "Federal Emergency Management Agency"], ["Jane Roe", "Roe"]]


def test_known_as_links_a_nickname_and_captions_are_skipped() -> None:
    text = ("Troops clashed with the Rapid Support Forces, led by Mohamed Hamdan Dagalo, "
            "known as Hemedti, on Sunday.\n\nPhoto: Hemedti's fighters near Omdurman. (Reuters)"
            "\n\nSubscribe to our newsletter for updates from Gerald Ford.")
    ms = mentions_of(text)
    assert [m["quote"] for m in ms] == ["Rapid Support Forces", "Mohamed Hamdan Dagalo",
                                        "Hemedti"]
    assert ms[1]["local_key"] == ms[2]["local_key"]
    assert ms[2]["mention_type"] == "PERSON"
    assert all(m["sentence_id"].endswith(":0") for m in ms)


def test_two_people_with_one_surname_keep_their_own_mentions() -> None:
    text = ("Governor Andrew Bailey said rates would stay high. Sarah Bailey, an economist, "
            "disagreed. Bailey, who is not related to the governor, expects a cut.")
    ms = mentions_of(text)
    by_quote = {(m["quote"], m["char_start"]): m["local_key"] for m in ms}
    andrew = by_quote[("Andrew Bailey", text.index("Andrew"))]
    sarah = by_quote[("Sarah Bailey", text.index("Sarah"))]
    assert andrew != sarah
    assert by_quote[("Bailey", text.index("Bailey, who"))] == sarah


def test_no_article_without_a_doc() -> None:
    assert entities.extract(make_context("Jane Roe met John Doe.")) == {
        "entity_mentions": [], "entity_references": []}


# --- scores on the fixtures -------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[
        tuple[list[Fixture], dict[str, dict[str, Path]], duckdb.DuckDBPyConnection]]:
    """Every fixture (other subjects and the seeds) loaded together into one database."""
    root = tmp_path_factory.mktemp("entity-fixtures")
    fixtures = all_fixtures()
    paths = {f.name: write_articles(f, root / "texts") for f in fixtures}
    db_path = root / "entities.duckdb"
    load_entities([str(p) for ps in paths.values() for p in ps.values()], db_path)
    con = db.connect(db_path, read_only=True)
    yield fixtures, paths, con
    con.close()


def test_there_are_fixtures_on_other_subjects() -> None:
    others = [f for f in all_fixtures() if f.name != "seeds"]
    assert len(others) >= 10
    assert sum(len(f.texts) for f in others) >= 20


def test_entity_scores_on_other_subjects(corpus: Any) -> None:
    fixtures, paths, con = corpus
    score = score_entities([(f, predicted_for(con, paths[f.name]))
                            for f in fixtures if f.name != "seeds"])
    print(score.summary(), *score.problems, sep="\n")
    assert score.precision >= 0.98, score.problems
    assert score.recall >= 0.97, score.problems
    assert score.type_accuracy >= 0.95, score.problems
    assert score.coverage >= 0.95, score.problems
    assert score.pinned == 1.0, score.problems


@pytest.mark.parametrize("name", [p.stem for p in sorted(
    (Path(__file__).parent / "fixtures" / "entities").glob("*.yaml"))])
def test_no_fixture_has_a_false_merge(corpus: Any, name: str) -> None:
    fixtures, paths, con = corpus
    fixture = next(f for f in fixtures if f.name == name)
    score = score_entities([(fixture, predicted_for(con, paths[name]))])
    assert score.precision == 1.0, score.problems
    assert score.recall >= 0.8, score.problems


def test_entity_scores_on_the_seeds(corpus: Any) -> None:
    fixtures, paths, con = corpus
    seeds = next(f for f in fixtures if f.name == "seeds")
    score = score_entities([(seeds, predicted_for(con, paths["seeds"]))])
    print(score.summary(), *score.problems, sep="\n")
    # known miss: "Revolutionary Guards" is not linked to "Islamic Revolutionary Guard Corps"
    # (organisation names never merge on a part; a judgements file can merge them)
    assert score.precision == 1.0
    assert score.recall >= 0.96
    assert score.type_accuracy == 1.0


def test_every_mention_is_grounded_in_a_story_sentence(corpus: Any) -> None:
    _, _, con = corpus
    texts = dict(rows(con, "SELECT article_id, text FROM articles"))
    sentences = {sid: (a, b, role) for sid, a, b, role in rows(
        con, "SELECT sentence_id, char_start, char_end, role FROM sentences")}
    found = rows(con, """SELECT article_id, sentence_id, char_start, char_end, quote, surface,
                         name_key, mention_type, label_source FROM entity_mentions""")
    assert len(found) > 500
    for aid, sid, start, end, quote, surface, key, kind, source in found:
        assert texts[aid][start:end] == quote
        a, b, role = sentences[sid]
        assert a <= start < end <= b and sid.startswith(aid)
        assert role in ("body", "headline")
        assert surface == normalise(quote) and key == match_key(surface)
        assert kind in NAME_LABELS
        assert source == "model" or source.startswith("rule:")


def test_entities_table_agrees_with_the_mentions(corpus: Any) -> None:
    _, _, con = corpus
    assert rows(con, """
        SELECT e.entity_id FROM entities e LEFT JOIN (
            SELECT entity_id, count(*) AS n, count(DISTINCT article_id) AS a,
                   list_sort(list_distinct(list(surface))) AS forms
            FROM entity_mentions GROUP BY entity_id) m USING (entity_id)
        WHERE m.n IS DISTINCT FROM e.mention_count OR m.a IS DISTINCT FROM e.article_count
           OR m.forms IS DISTINCT FROM e.aliases""") == []
    assert rows(con, """SELECT count(*) FROM entity_mentions
                        WHERE entity_id NOT IN (SELECT entity_id FROM entities)""") == [(0,)]


# --- the seeds --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds_only(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    path = tmp_path_factory.mktemp("entity-seeds") / "seeds.duckdb"
    load_entities(SEED_FILES, path)
    con = db.connect(path, read_only=True)
    yield con
    con.close()


def entity_with(con: duckdb.DuckDBPyConnection, alias: str) -> list[tuple[Any, ...]]:
    return rows(con, """SELECT entity_id, entity_type, name, aliases, article_count
                        FROM entities WHERE list_contains(aliases, ?)""", alias)


def test_seed_people_groups_and_places_are_one_entity_each(
        seeds_only: duckdb.DuckDBPyConnection) -> None:
    con = seeds_only
    expected = [
        ("PERSON", ["Esmail Qaani", "Esmail Ghaani", "Ismail Qaani", "Qaani", "Ghaani"], 5),
        ("ORG", ["Kataib Hezbollah", "Kataeb Hezbollah", "Kata'ib Hizbullah"], 5),
        ("PERSON", ["Qassem Soleimani", "Qassem Suleimani"], 4),
        ("PERSON", ["Mohammed Shia al-Sudani", "Mohammed Shia Al Sudani"], 3),
        ("ORG", ["Quds Force"], 5),
        ("GPE", ["Baghdad"], 5),
        ("GPE", ["Iraq"], 5),
        ("GPE", ["Syria"], 5),
        ("GPE", ["Jordan"], 4),
        ("GPE", ["United States", "U.S.", "US"], 5),
    ]
    for kind, names, articles in expected:
        found = {(r[0], r[1], tuple(r[3]), r[4]) for n in names for r in entity_with(con, n)}
        assert len(found) == 1, (names, found)
        (_, entity_type, forms, article_count), = found
        assert entity_type == kind, names
        assert set(names) <= set(forms), (names, forms)
        assert article_count == articles, names


def test_seed_entities_have_deterministic_ids_and_canonical_names(
        seeds_only: duckdb.DuckDBPyConnection) -> None:
    (eid, kind, name, _, _), = entity_with(seeds_only, "Ghaani")
    assert (kind, name) == ("PERSON", "Esmail Qaani")
    import hashlib
    assert eid == "e" + hashlib.sha1(f"PERSON|{match_key(name)}".encode()).hexdigest()[:12]


def test_reloading_keeps_entity_ids_and_loading_in_parts_gives_the_same_entities(
        tmp_path: Path, seeds_only: duckdb.DuckDBPyConnection) -> None:
    whole = set(rows(seeds_only, """SELECT entity_id, name, entity_type, aliases::VARCHAR,
                                    mention_count FROM entities"""))
    path = tmp_path / "parts.duckdb"
    load_entities(SEED_FILES[:2], path)
    load_entities(SEED_FILES[2:], path)
    load_entities(SEED_FILES, path)  # nothing new: entities are recomputed identically
    con = db.connect(path, read_only=True)
    parts = set(rows(con, """SELECT entity_id, name, entity_type, aliases::VARCHAR,
                             mention_count FROM entities"""))
    con.close()
    assert parts == whole


# --- judgements -------------------------------------------------------------------------------

def test_judgements_merge_split_and_type(tmp_path: Path) -> None:
    judgements = tmp_path / "judgements.yaml"
    judgements.write_text(
        "merge:\n  - [Islamic Revolutionary Guard Corps, Revolutionary Guards]\n"
        "  - [Nobody Known, Another Unknown]\n"
        "split:\n  - [Qassem Soleimani, Qassem Suleimani]\n"
        "type:\n  Tower 22: LOC\n", encoding="utf-8")
    path = tmp_path / "judged.duckdb"
    load_entities(SEED_FILES, path, judgements)
    con = db.connect(path, read_only=True)
    guards = entity_with(con, "Revolutionary Guards")
    assert len(guards) == 1 and "Islamic Revolutionary Guard Corps" in guards[0][3]
    assert entity_with(con, "Qassem Soleimani") != entity_with(con, "Qassem Suleimani")
    assert len(entity_with(con, "Qassem Soleimani")) == 1
    assert entity_with(con, "Tower 22")[0][1] == "LOC"
    run_id = rows(con, "SELECT max(run_id) FROM extraction_runs")[0][0]
    recorded = rows(con, "SELECT run_id, action, names, entity_type, note FROM entity_judgements "
                         "ORDER BY action, names")
    con.close()
    assert [(r[1], r[2], r[3]) for r in recorded] == [
        ("merge", ["Islamic Revolutionary Guard Corps", "Revolutionary Guards"], None),
        ("merge", ["Nobody Known", "Another Unknown"], None),
        ("split", ["Qassem Soleimani", "Qassem Suleimani"], None),
        ("type", ["Tower 22"], "LOC"),
    ]
    assert all(r[0] == run_id for r in recorded)
    notes = [r[4] for r in recorded]
    assert notes[0].startswith("merged 2 entities")
    assert notes[1] == "no entity has these names"
    assert notes[2].startswith("kept apart as 2 entities")


@pytest.mark.parametrize(("content", "problem"), [
    ("merge: [[a, b]\n", "not valid YAML"),
    ("- a\n- b\n", "must be a mapping"),
    ("merge: a\n", "'merge' must be a list"),
    ("merge:\n  - [only one]\n", "at least two names"),
    ("split:\n  - [a, 3]\n", "is not a name"),
    ("type:\n  Wagner: COMPANY\n", "is not one of"),
    ("rename:\n  a: b\n", "unknown judgement section"),
])
def test_a_bad_judgements_file_is_an_input_error(tmp_path: Path, content: str,
                                                 problem: str) -> None:
    path = tmp_path / "judgements.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as err:
        load_judgements(path)
    assert err.value.path == str(path)


def test_a_missing_judgements_file_fails_the_load_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "x.duckdb"
    with pytest.raises(InputError, match="no such judgements file"):
        load_entities(SEED_FILES[:1], path, tmp_path / "missing.yaml")
    if path.exists():  # the file is checked before the database is opened
        con = db.connect(path, read_only=True)
        assert rows(con, "SELECT count(*) FROM articles") == [(0,)]
        con.close()


def test_empty_judgements() -> None:
    assert not load_judgements(None)
    assert not parse_judgements(None, "j.yaml")
    j = parse_judgements({"type": {"Wagner": "org"}}, "j.yaml")
    assert j.types == {"Wagner": "ORG"} and j.merge == [] and j.split == []


def test_an_arabic_movement_and_its_short_name_are_one_entity(tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    one.write_text("Militants strike convoy\n\nFighters of Harakat al-Shabaab attacked an army "
                   "convoy near Mogadishu on Monday, officials said.\n", encoding="utf-8")
    two = tmp_path / "two.txt"
    two.write_text("Convoy attack claimed\n\nThe Shabaab movement said on Tuesday that its "
                   "fighters had attacked the convoy.\n", encoding="utf-8")
    path = tmp_path / "x.duckdb"
    load_entities([str(one), str(two)], path)
    con = db.connect(path, read_only=True)
    try:
        found = entity_with(con, "Harakat al-Shabaab")
    finally:
        con.close()
    assert len(found) == 1 and found[0][4] == 2, found


def test_a_dropped_vowel_in_a_three_part_name_is_the_same_person(tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    one.write_text("Market shelled\n\nGen. Mohamed Hamdan Dagalo, known as Hemedti, leads the "
                   "paramilitary force, officials said on Sunday.\n", encoding="utf-8")
    two = tmp_path / "two.txt"
    two.write_text("Talks collapse\n\nParamilitary leader Mohammed Hamdan Daglo, widely known "
                   "as Hemeti, has not commented.\n", encoding="utf-8")
    three = tmp_path / "three.txt"
    three.write_text("Court rules\n\nJudge Salem Ali Hassan and Judge Slim Ali Hassan ruled.\n",
                     encoding="utf-8")
    path = tmp_path / "x.duckdb"
    load_entities([str(one), str(two), str(three)], path)
    con = db.connect(path, read_only=True)
    try:
        dagalo = entity_with(con, "Mohamed Hamdan Dagalo")
        salem = entity_with(con, "Salem Ali Hassan")
    finally:
        con.close()
    assert len(dagalo) == 1 and dagalo[0][4] == 2
    assert {"Mohammed Hamdan Daglo", "Hemedti", "Hemeti"} <= set(dagalo[0][3])
    assert len(salem) == 1 and "Slim Ali Hassan" not in salem[0][3]  # one article, two people


# --- real-text patterns (issue 11): headlines, titles, facilities, rewordings, references ----

def quotes_of(text: str) -> list[tuple[str, str, str | None]]:
    return [(m["quote"], m["mention_type"], m["title"]) for m in mentions_of(text)]


def test_title_case_headline_fragments_are_not_names() -> None:
    text = ("Harbour Council Halts Dredging After Storm Warning\n\nThe Harbour Council said on "
            "Monday that dredging near Elwin would stop until the storm passed. Its chair, Anna "
            "Lind, said crews would return next week.")
    got = {q for q, _, _ in quotes_of(text)}
    assert got == {"Harbour Council", "Elwin", "Anna Lind"}


def test_rank_abbreviations_are_titles_and_an_airport_is_a_facility() -> None:
    got = quotes_of("Lt. Col. Maria Vance flew out of Capitalia airport on Tuesday.")
    assert got == [("Maria Vance", "PERSON", "Lt. Col."), ("Capitalia airport", "FAC", None)]


@pytest.mark.parametrize(("words", "facility"), [
    (["Elm", "Air", "Base"], True), (["Post", "9"], True), (["Tower", "22"], True),
    (["Harbour", "Stadium"], True), (["Washington", "Post"], False), (["Base"], False),
    (["Northern", "Command"], False),
])
def test_facility_head_words(words: list[str], facility: bool) -> None:
    assert is_facility(words) is facility


def test_a_name_with_a_quoted_nickname_is_one_person_and_the_nickname_an_alias() -> None:
    text = 'Voters backed President Ivo "Abu Z" al-Brand in the north, where Abu Z is popular.'
    ms = mentions_of(text)
    assert [(m["quote"], m["mention_type"], m["title"]) for m in ms] == [
        ('Ivo "Abu Z" al-Brand', "PERSON", "President"), ("Abu Z", "PERSON", None),
        ("Abu Z", "PERSON", None)]
    assert ms[0]["name_key"] == match_key("Ivo al-Brand")
    assert len({m["local_key"] for m in ms}) == 1


@pytest.mark.parametrize(("text", "short", "full"), [
    ("Marta Kowalczyk won the vote. Marta thanked her supporters in Lodz.",
     "Marta", "Marta Kowalczyk"),
    ("The Consolidated Mining Corporation cut 300 jobs. Consol said the mine would reopen.",
     "Consol", "Consolidated Mining Corporation"),
    ("Fighters of the Northern Defence Forces (Quwat al-Shamal) took the town.",
     "Quwat al-Shamal", "Northern Defence Forces"),
])
def test_short_forms_share_the_local_key_of_the_full_name(text: str, short: str,
                                                         full: str) -> None:
    keys = {m["quote"]: m["local_key"] for m in mentions_of(text)}
    assert keys[short] == keys[full]


def test_a_platform_after_a_verb_of_saying_is_an_organisation() -> None:
    got = [(m["quote"], m["mention_type"], m["label_source"])
           for m in mentions_of("The mayor wrote on Facebook that the bridge would reopen.")]
    assert got == [("Facebook", "ORG", "rule:platform")]


def test_pronouns_and_descriptions_refer_to_the_last_compatible_name() -> None:
    text = ("Col. Maria Vance commands the Northern Brigade. The commander said her troops "
            "would stay. The brigade later withdrew.")
    out = entities.extract(make_context(text, with_doc=True))
    names = {m["mention_id"]: m for m in out["entity_mentions"]}
    got = [(r["quote"], r["reference_type"], names[r["antecedent_mention_id"]]["quote"],
            r["entity_id"] == names[r["antecedent_mention_id"]]["entity_id"])
           for r in out["entity_references"]]
    assert got == [("The commander", "description", "Maria Vance", True),
                   ("her", "pronoun", "Maria Vance", True),
                   ("The brigade", "description", "Northern Brigade", True)]
    assert all(text[r["char_start"]:r["char_end"]] == r["quote"]
               for r in out["entity_references"])
    assert {m["quote"] for m in out["entity_mentions"]} == {"Maria Vance", "Northern Brigade"}


REWORDED = {
    "a1.txt": "Officers of the Frontier Guard Corps arrested smugglers on Monday. President "
              "Roch Marc Christian Dabire praised the Frontier Guard Corps for the arrests.\n",
    "a2.txt": "The Frontier Guards said President Rock Marc Christian Dabire visited their "
              "barracks on Friday.\n",
    "a3.txt": "Peach growers in Georgia expect a record harvest, farmer Jane Cobb said on "
              "Monday in Atlanta.\n",
    "a4.txt": "The parliament of Georgia passed the law in Tbilisi, Prime Minister Irakli "
              "Dolidze said on Monday.\n",
    "a5.txt": "Jane Cobb sold peaches from Georgia at the Atlanta market on Friday.\n",
}


def test_rewordings_merge_across_articles_and_homonym_places_need_shared_context(
        tmp_path: Path) -> None:
    for name, text in REWORDED.items():
        (tmp_path / name).write_text(text)
    path = tmp_path / "reworded.duckdb"
    load_entities(sorted(str(p) for p in tmp_path.glob("*.txt")), path)
    con = db.connect(path, read_only=True)
    got = sorted((t, n, sorted(a), c) for t, n, a, c in rows(
        con, "SELECT entity_type, name, aliases, article_count FROM entities"))
    assert got == [
        ("GPE", "Atlanta", ["Atlanta"], 2),
        ("GPE", "Georgia", ["Georgia"], 1),  # the country (a4)
        ("GPE", "Georgia", ["Georgia"], 2),  # the state (a3, a5: Jane Cobb in both)
        ("GPE", "Tbilisi", ["Tbilisi"], 1),
        ("ORG", "Frontier Guard Corps", ["Frontier Guard Corps", "Frontier Guards"], 2),
        ("PERSON", "Irakli Dolidze", ["Irakli Dolidze"], 1),
        ("PERSON", "Jane Cobb", ["Jane Cobb"], 2),
        ("PERSON", "Roch Marc Christian Dabire",
         ["Roch Marc Christian Dabire", "Rock Marc Christian Dabire"], 2),
    ]
    con.close()


def test_a_given_name_outweighs_a_preposition_of_place() -> None:
    # "lost to X" hints at a place; a name that opens with a common given name is a person
    got = {(m["quote"], m["mention_type"]) for m in mentions_of(
        "The Chiefs missed a chance to win back-to-back titles when they lost 31-9 to Tom "
        "Brady and the Tampa Bay Buccaneers in 2021.")}
    assert ("Tom Brady", "PERSON") in got


def test_to_or_from_makes_a_place_only_after_a_word_of_motion() -> None:
    # "a pass to X", "a letter from X": a person; "fled to X", "40 km from X": a place
    def type_of(text: str, name: str) -> str:
        return next(m["mention_type"] for m in mentions_of(text) if m["quote"] == name)

    assert type_of("The quarterback threw a touchdown pass to Kelvor Hardwick in overtime.",
                   "Kelvor Hardwick") == "PERSON"
    assert type_of("The striker passed the ball to Kelvor Hardwick.",
                   "Kelvor Hardwick") == "PERSON"
    assert type_of("She received a letter from Kelvor Hardwick on Monday.",
                   "Kelvor Hardwick") == "PERSON"
    assert type_of("Thousands of families fled to Kelvor Hardwick last week.",
                   "Kelvor Hardwick") == "GPE"
    assert type_of("The convoy drove 40 km from Tarnow Hardwick.", "Tarnow Hardwick") == "GPE"


def test_a_country_or_region_the_model_took_for_a_person_is_a_place() -> None:
    got = {(m["quote"], m["mention_type"]) for m in mentions_of(
        "Gunmen attacked a military post near the border with Mali, the army said. "
        "According to the ministry, Kyiv released 195 people on Friday.")}
    assert {("Mali", "GPE"), ("Kyiv", "GPE")} <= got
    # the surname of a person named in the article stays the person
    got = {(m["quote"], m["mention_type"]) for m in mentions_of(
        "Sneakers worn by Michael Jordan sold for $2.2 million on Friday.\n\n"
        "Jordan wore the shoes in a 1985 game, the auction house said.")}
    assert ("Jordan", "GPE") not in got


def test_a_word_of_a_persons_title_is_no_entity() -> None:
    got = {(m["quote"], m["mention_type"], m["title"]) for m in mentions_of(
        "The commission on Wednesday announced Defence Minister Prabowo Subianto had won.")}
    assert got == {("Prabowo Subianto", "PERSON", "Defence Minister")}


def test_a_time_zone_or_a_disease_is_no_organisation() -> None:
    got = {m["quote"] for m in mentions_of(
        "Polls closed at 0600 GMT on Wednesday and counting began in Jakarta. Cholera has "
        "spread to 31 countries.")}
    assert "GMT" not in got and "Cholera" not in got


def test_a_name_recovered_from_the_corpus_may_end_its_sentence() -> None:
    from factdb.resolve.entity_recovery import _recover_article

    text = "He ran the exchange FTX. He was sentenced on Thursday."
    sentences = [(0, 24, "a:0"), (25, len(text), "a:1")]
    rows = _recover_article("a", text, sentences, [], {"FTX": "ORG"}, 3, {}, "run")
    assert [(r["quote"], r["mention_type"], r["char_start"]) for r in rows] == [
        ("FTX", "ORG", 20)]


def test_an_organisation_of_a_country_is_one_name() -> None:
    got = {(m["quote"], m["mention_type"]) for m in mentions_of(
        "Rights groups, the Law Society of Kenya and the General Elections Commission of "
        "Indonesia said so on Monday.")}
    assert ("Law Society of Kenya", "ORG") in got
    assert ("General Elections Commission of Indonesia", "ORG") in got


def test_a_part_of_a_country_named_by_its_direction_is_the_country() -> None:
    got = {(m["quote"], m["mention_type"]) for m in mentions_of(
        "Gunmen attacked a military post in Northern Burkina Faso on Friday, and North Korea "
        "fired a missile.")}
    assert ("Burkina Faso", "GPE") in got and ("North Korea", "GPE") in got


def test_a_source_after_according_to_is_no_place() -> None:
    got = {(m["quote"], m["mention_type"]) for m in mentions_of(
        "According to Okafor, the talks failed on Monday.")}
    assert got == {("Okafor", "PERSON")}


def test_whose_says_what_the_antecedent_is() -> None:
    got = {(m["quote"], m["mention_type"]) for m in mentions_of(
        "New cases were mostly recorded in Vestria, whose capital is Rellon.")}
    assert ("Vestria", "GPE") in got
    from factdb.extract.entities.typing import _whose
    from tests.scoring.context import make_context

    for text, want in (("Brightcorp, whose shares fell, said nothing.", None),
                       ("Tom Vale, whose wife spoke first, said nothing.", "who")):
        doc = make_context(text, with_doc=True).doc
        assert doc is not None
        comma = next(t.i for t in doc if t.text == ",")
        sentence = type("S", (), {"char_end": len(text)})()
        mention = type("M", (), {"sentence": sentence})()
        assert _whose(doc, comma + 2, mention) == want  # type: ignore[arg-type]


def test_an_administrative_noun_makes_a_political_place() -> None:
    got = {(m["quote"], m["mention_type"]) for m in mentions_of(
        "Nine cases were reported in Kelso and Dunmore counties, and two in Tarvan province.")}
    assert {("Dunmore", "GPE"), ("Tarvan", "GPE")} <= got
    # a place noun before a person's full name does not make the person a place
    got = {(m["quote"], m["mention_type"]) for m in mentions_of(
        "The attackers fled, the high commissioner of Tarvan province Mohamed Okoro said.")}
    assert ("Mohamed Okoro", "GPE") not in got


def test_the_moon_and_a_countrys_name_are_places() -> None:
    got = {(m["quote"], m["mention_type"]) for m in mentions_of(
        "The lander touched down near the south pole of the Moon on Wednesday. The crew of "
        "the Solomon Islands-owned vessel were not harmed.")}
    assert {("Moon", "LOC"), ("Solomon Islands", "GPE")} <= got


def test_a_capitalised_title_after_a_possessive_is_an_appositive() -> None:
    from factdb.extract.entities.typing import _appositive_head
    from tests.scoring.context import make_context

    text = "It was said by Hamid Osman Idris, Ruritania's Minister of Health, on Monday."
    doc = make_context(text, with_doc=True).doc
    assert doc is not None
    end = next(t.i for t in doc if t.text == ",")
    sentence = type("S", (), {"char_end": len(text)})()
    mention = type("M", (), {"sentence": sentence, "tok_end": end})()
    assert _appositive_head(doc, mention) == "minister"  # type: ignore[arg-type]


def test_a_tie_of_votes_in_an_article_goes_to_the_strongest_evidence() -> None:
    from factdb.extract.entities.local import _harmonise
    from factdb.extract.entities.mentions import Mention
    from factdb.lang.entity_types import CONTEXT, MODEL

    sentence = object()
    group = [Mention(0, 6, "PERSON", "PERSON", "model", MODEL, sentence),  # type: ignore[arg-type]
             Mention(20, 26, "PERSON", "PERSON", "model", MODEL, sentence),  # type: ignore[arg-type]
             Mention(30, 36, "PERSON", "PERSON", "model", MODEL, sentence),  # type: ignore[arg-type]
             Mention(40, 46, "ORG", "PERSON", "rule:noun-before", CONTEXT,
                     sentence)]  # type: ignore[arg-type]
    for m in group:
        m.surface, m.key = "Dravik", "dravik"
    _harmonise(group)
    assert [m.label for m in group] == ["ORG"] * 4  # three model votes tie one of context


def test_a_plural_after_a_place_or_the_names_a_team() -> None:
    got = {(m["quote"], m["mention_type"]) for m in mentions_of(
        "The Chiefs beat the San Francisco 49ers in Las Vegas. The Steelers won in 1979. "
        "Fort Myers and Des Moines sent aid.")}
    assert {("San Francisco 49ers", "ORG"), ("Steelers", "ORG")} <= got
    assert ("Las Vegas", "ORG") not in got and ("Fort Myers", "ORG") not in got


def test_a_name_the_model_cut_ends_at_its_organisation_head_word() -> None:
    got = {(m["quote"], m["mention_type"]) for m in mentions_of(
        "The fire was fast and it destroyed the Foothills Adventist Elementary School in "
        "the town of Saint Helena early on Monday.")}
    assert ("Foothills Adventist Elementary School", "ORG") in got
    # a title after the head word is the person's, not the organisation's
    got = {(m["quote"], m["mention_type"]) for m in mentions_of(
        "\"My heart goes out to all of you,\" Harbor Fire Westlake-Napa Unit Chief. Jane Roe "
        "said at a press conference.")}
    assert ("Harbor Fire Westlake-Napa Unit", "ORG") in got


def test_an_office_of_a_place_after_a_name_makes_it_a_place() -> None:
    # the model read the places as a person and a location
    got = {(m["quote"], m["mention_type"]) for m in mentions_of(
        "Former West Kalimar governor Ganesh Roe filed a complaint. The rivals, former "
        "Central Vardia governor Jane Roe and former Lamberton mayor Anil, filed one too.")}
    assert {("West Kalimar", "GPE"), ("Central Vardia", "GPE"), ("Lamberton", "GPE")} <= got
    assert {("Ganesh Roe", "PERSON"), ("Jane Roe", "PERSON"), ("Anil", "PERSON")} <= got


def test_the_words_of_a_name_tell_an_event_or_a_numbered_thing() -> None:
    # the model read a plural of the event as nothing, its games as a law, the probe as a
    # person: no person's name ends in a number
    got = {(m["quote"], m["mention_type"]) for m in mentions_of(
        "The coach has won three Harvest Bowls in five years. The Vardia Games opened on "
        "Friday. The agency said Chandrapur 2 would land on the Moon next week.")}
    assert {("Harvest Bowls", "EVENT"), ("Vardia Games", "EVENT"),
            ("Chandrapur 2", "PRODUCT")} <= got
    # a person keeps a name that only ends in an event word's look-alike
    assert ("Jane Roe", "PERSON") in {(m["quote"], m["mention_type"]) for m in mentions_of(
        "Jane Roe won the Lakeside Marathon twice.")}


def test_a_sports_club_named_by_its_first_word_is_an_organisation() -> None:
    """"Atlético X", "Borussia X", "Bayer X": a club's name by its usual first word, which
    the model read as a person's."""
    text = ("In the final, Atletico Valmora beat Borussia Kestrel on penalties. Supporters "
            "of Bayer Lindholm clashed with police before the match.")
    got = {(m["quote"], m["mention_type"]) for m in mentions_of(text)}
    assert {("Atletico Valmora", "ORG"), ("Borussia Kestrel", "ORG"),
            ("Bayer Lindholm", "ORG")} <= got


def test_an_event_named_by_a_series_head_stays_an_event_after_in() -> None:
    """"lost ... in Harvest Bowl 12": the model's event, named by a recurring event's
    head-word, is no place because "in" comes before it."""
    text = ("The Harriers missed a chance to win back-to-back Harvest Bowls when they lost "
            "31-9 to Jon Kell and the Gulls in Harvest Bowl 12.")
    got = {(m["quote"], m["mention_type"]) for m in mentions_of(text)}
    assert ("Harvest Bowl 12", "EVENT") in got


def test_a_state_the_model_typed_an_organisation_is_a_place() -> None:
    """A first-level subdivision's name the model alone typed an organisation is a
    political place, as a country's is ("Tasmania and the company signed")."""
    got = {(m["quote"], m["mention_type"]) for m in mentions_of(
        "Tasmania and the company signed the agreement.")}
    assert ("Tasmania", "GPE") in got


def test_buildings_roads_and_bridges_are_facilities_by_their_head_word() -> None:
    """"... Basilica", "... Trail", "... Bridge": a facility by its head-word (the rule's
    strong label, which the article's weaker hints do not overturn)."""
    text = ("Medics treated the wounded at the Holy Wenna Basilica, and the fire closed the "
            "Harlow Trail and the Korvin Bridge on Monday.")
    got = {(m["quote"], m["mention_type"], m["label_source"]) for m in mentions_of(text)}
    assert {("Holy Wenna Basilica", "FAC", "rule:facility-head"),
            ("Harlow Trail", "FAC", "rule:facility-head"),
            ("Korvin Bridge", "FAC", "rule:facility-head")} <= got


def test_an_adjective_naming_a_people_is_no_place() -> None:
    """"the Russian and Ukrainian authorities": the model typed the second adjective a
    place; an adjective with a people's ending is a nationality or group."""
    got = {(m["quote"], m["mention_type"]) for m in mentions_of(
        "The Russian and Ukrainian authorities had exchanged prisoners.")}
    assert ("Ukrainian", "NORP") in got and ("Russian", "NORP") in got


def test_a_named_storm_or_wildfire_is_an_event() -> None:
    """"Typhoon Kestrel", "the Lorne Fire": a named disaster, which the model read as a
    person or an organisation; a fire service's name stays an organisation."""
    text = ("Typhoon Kestrel killed thousands. Crews of the Harlow Fire Department fought the "
            "Lorne Fire on Monday.")
    got = {(m["quote"], m["mention_type"]) for m in mentions_of(text)}
    assert {("Typhoon Kestrel", "EVENT"), ("Lorne Fire", "EVENT")} <= got
    assert ("Harlow Fire Department", "EVENT") not in got
