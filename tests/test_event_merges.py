"""Rules that keep events of one sentence apart across articles and that let a mention find
the event it describes (factdb/extract/event_keys.py, factdb/resolve/events.py): short
synthetic sentences, one rule each."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from spacy.tokens import Span

from factdb.extract.event_identity import names_edition
from factdb.nlp import load_model
from factdb.resolve.event_constraints import told_elsewhere
from factdb.settings import Settings
from tests.test_events import groups_of, keys_of, local


def test_the_main_clause_is_not_the_event_its_clause_of_time_tells_again() -> None:
    # "The attack comes ... after ... a drone attack on the police post": the clause of
    # time describes the attack told before; the main clause's attack is a later one
    assert keys_of("Gunmen attacked a police post in the northern town of Kavala on Sunday. "
                   "The attack comes two days after officials warned of unrest after a drone "
                   "attack on the police post in the northern town.") == [
        ("attacked", "e0"), ("attack", "e1"), ("attack", "e0")]


def test_a_definite_noun_refers_back_to_the_event_its_phrase_describes() -> None:
    # not the latest attack (the market's), the one on the police post
    assert keys_of("Gunmen attacked a police post in the northern town of Kavala on Sunday. "
                   "A bomb attack hit a market in the capital on Monday. Officials said the "
                   "attack on the police post in the northern town was planned.") == [
        ("attacked", "e0"), ("attack", "e1"), ("hit", "e2"), ("attack", "e0")]


def test_the_target_of_an_attack_is_no_edition_of_a_series() -> None:
    nlp = load_model(Settings().spacy_models)
    doc = nlp("Drones struck in a raid on Camp 4 and lost in Grand Cup 31.")
    camp = next(t for t in doc if t.text == "Camp")
    cup = next(t for t in doc if t.text == "Cup")
    # whatever the tagger says, both are tagged events here
    doc.ents = [Span(doc, camp.i, camp.i + 2, label="EVENT"),
                Span(doc, cup.i - 1, cup.i + 2, label="EVENT")]
    raid = next(t for t in doc if t.text == "raid")
    lost = next(t for t in doc if t.text == "lost")
    assert not names_edition(raid)  # "a raid on Camp 4": its target
    assert names_edition(lost)      # "lost in Grand Cup 31": an edition


def test_events_one_sentence_tells_apart_are_never_one_event_across_articles() -> None:
    # a1: "the attack comes two days after ... the drone attack": k1 is not k0, and no
    # other article makes them one, whatever they share
    day = date(2024, 1, 28)
    latest = date(2024, 2, 19)
    events = [
        local("k0", "a1", "attack", [day], ["army"], ["base"], latest=latest),
        local("k1", "a1", "attack", [], ["army"], ["base"], latest=latest),
        local("k2", "a2", "attack", [day], ["army"], ["base"], latest=latest),
    ]
    assert groups_of(events) == [["k0", "k1", "k2"]]
    events[0].apart, events[1].apart = {"k1"}, {"k0"}
    assert groups_of(events) == [["k0", "k2"], ["k1"]]


def test_a_place_named_as_a_party_of_the_trigger_places_it() -> None:
    # "asked Iran for help in Baghdad after the Jordan attack" and "attacked a base in
    # Jordan": the party "Jordan" of the first is the place of the second
    undated = local("u", "a1", "attack", [], ["iran"], ["baghdad"],
                    arg_participants=Counter(["jordan"]), party_places={"jordan"})
    dated = local("d", "a2", "attack", [date(2024, 1, 28)], [], ["jordan"],
                  arg_places=Counter(["jordan"]))
    assert not told_elsewhere(undated, dated)
    undated.party_places = set()
    assert told_elsewhere(undated, dated)


def test_the_place_of_a_target_keeps_two_strikes_apart() -> None:
    # "the strike on the depot in X" is not "strikes on 40 targets in Y"; "Tower 9, a depot
    # in X" is placed in X by its apposition, so the strike on it can be the one in X
    assert keys_of("The strike on the depot in Kavala caused panic. Jets launched strikes "
                   "on 40 targets in Lamia on Friday.") == [("strike", "e0"), ("strikes", "e1")]
    assert keys_of("The strike on Tower 9, a depot in Kavala, caused panic. Jets struck a "
                   "depot in Kavala on Friday.") == [("strike", "e0"), ("struck", "e0")]


def test_a_place_lies_in_a_place_its_name_holds() -> None:
    # "met at X International Airport" and "met in X": one place, not two
    airport = local("d", "a1", "meeting", [date(2024, 1, 29)], [], ["x airport"])
    city = local("u", "a2", "meeting", [], [], ["x"])
    assert told_elsewhere(city, airport)
    airport.wider_places = {"x"}
    assert not told_elsewhere(city, airport)


def test_an_undated_event_never_joins_through_another_article_one_its_own_article_dates() -> None:
    # a1 dates the envoy's meeting at the airport and tells, undated, talks between the
    # envoy and the government: a2's undated meeting at the airport joins the dated one;
    # a1's talks, sharing two entities with a2's, do not follow it into that event
    day, latest = date(2024, 1, 29), date(2024, 2, 19)
    assert groups_of([
        local("d1", "a1", "meeting", [day], ["envoy"], ["airport"], latest=latest),
        local("v2", "a2", "meeting", [], ["envoy", "government"], ["airport"], latest=latest),
        local("u1", "a1", "meeting", [], ["envoy", "government"], [], latest=latest),
    ]) == [["d1", "v2"], ["u1"]]


def test_deaths_caused_by_two_events_are_two_killings() -> None:
    # the attacks killed 160; 2,473 died in the offensive: the sentences share the Front,
    # but each death is told with its own cause
    assert keys_of("The Front's attacks in Kavala killed more than 160 people, according to "
                   "the Interior Ministry. According to the Front, 2,473 people died in the "
                   "army offensive.") == [
        ("attacks", "e0"), ("killed", "e1"), ("died", "e2"), ("offensive", "e3")]


def test_an_undated_event_joins_the_story_s_one_event_of_its_type_on_its_day() -> None:
    # a1 and a2 tell one protest on day D; a1 dates a shooting on D; a2, published on D,
    # tells "police fired on the protesters" undated and sharing nothing with it: the story
    # holds one shooting on a2's day, so it is that one
    d = date(2024, 6, 25)

    def story(latest: date, second: bool = False) -> list[list[str]]:
        events = [
            local("p1", "a1", "protest", [d], ["crowd"], ["capital"], latest=d),
            local("p2", "a2", "protest", [d], ["crowd"], ["capital"], latest=latest),
            local("s1", "a1", "shooting", [d], ["police"], ["parliament"], latest=d,
                  arg_places=Counter(["parliament"])),
            local("u2", "a2", "shooting", [], ["rights group"], [], latest=latest),
        ]
        if second:  # a3, of the story, dates another shooting that day
            events += [local("p3", "a3", "protest", [d], ["crowd"], ["capital"], latest=d),
                       local("s3", "a3", "shooting", [d], ["guards"], ["port"], latest=d,
                             arg_places=Counter(["port"]))]
        return [g for g in groups_of(events) if g[0][0] in "su"]

    assert story(d) == [["s1", "u2"]]
    assert story(d + timedelta(days=10)) == [["s1"], ["u2"]]  # told ten days later
    assert story(d, second=True) == [["s1"], ["s3"], ["u2"]]  # two that day: which?


def test_a_shared_entity_that_is_a_party_of_one_trigger_only_is_no_evidence() -> None:
    # a1: "X declared victory" (X its party); a2: "results released by pollsters", in a
    # sentence that names X: one story, X in both sentences, three words in common
    d = date(2024, 2, 14)
    words = {"unofficial", "results", "presidential"}

    def groups(b_names_parties: bool) -> list[list[str]]:
        return [g for g in groups_of([
            local("p1", "a1", "election", [d], ["x"], ["country"], latest=d),
            local("p2", "a2", "election", [d], ["x"], ["country"], latest=d),
            local("u1", "a1", "announcement", [], ["x", "channel"], [], latest=d,
                  words=words, arg_participants=Counter(["x"])),
            local("u2", "a2", "announcement", [], ["x", "rival"], [], latest=d,
                  words=words, has_parties=b_names_parties),
        ]) if g[0].startswith("u")]

    assert groups(False) == [["u1", "u2"]]
    assert groups(True) == [["u1"], ["u2"]]


def test_a_strike_or_a_shooting_tells_the_attack_its_article_told() -> None:
    # no shooting told before: "opened fire" tells how the attack of its sentence went
    assert keys_of("Gunmen attacked the army camp in Kavala on Friday, the army said. They "
                   "opened fire at the depots and tents, in the biggest attack on the army.") == [
        ("attacked", "e0"), ("fire", "e0"), ("attack", "e0")]
    # "the strike on the camp in Kavala" after "an attack ... in Kavala": the place agrees
    assert keys_of("An attack killed three soldiers in Kavala. The strike on the camp in "
                   "Kavala shocked the capital.") == [
        ("attack", "e0"), ("killed", "e1"), ("strike", "e0")]
    # nothing agrees: police firing on protesters in another town is another event
    assert keys_of("Gunmen attacked the army camp in Kavala on Friday, the army said. In "
                   "Lamia, police opened fire on protesters at the port.") == [
        ("attacked", "e0"), ("fire", "e1")]
