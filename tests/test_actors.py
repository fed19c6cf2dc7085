"""Actor registry, shipped gazetteer and discovery of unregistered speakers."""

from __future__ import annotations

import pytest

from newsvoices.actors import (
    ActorRegistry,
    ActorsError,
    countries,
    discover_actors,
    gazetteer,
    load_actors,
    role_core,
    surname,
)

from .conftest import SEEDS


def test_seed_registry_loads_without_problems():
    registry = load_actors(SEEDS / "actors.csv")
    assert [a.name for a in registry] == ["Rouhani", "Abe", "Hatami", "Kono", "Trump", "Japanese Defense Ministry"]
    assert registry.problems.empty
    abe = registry.get("Abe")
    assert abe.affiliation == "Japan" and abe.gender == "male" and "Shinzo Abe" in abe.aliases
    assert "japanese premier" in abe.roles
    assert registry.get("Japanese Defense Ministry").type == "organisation"


def test_bad_rows_are_reported_and_left_out(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text(
        "name,type,affiliation,aliases,roles,gender,colour\n"
        "Abe,person,Japan,Shinzo Abe,,male,red\n"
        ",person,Japan,,,,\n"
        "Kono,wizard,Japan,,,,\n"
        "Abe,person,Japan,,,,\n"
        "Aso,person,Japan,Shinzo Abe|Taro Aso,,robot,\n",
        encoding="utf-8",
    )
    with pytest.warns(UserWarning, match="problem"):
        registry = load_actors(path)
    assert [a.name for a in registry] == ["Abe", "Aso"]
    problems = registry.problems.set_index("row")["problem"].to_dict()
    assert "unknown columns ['colour']" in problems[1]
    assert problems[3] == "no name"
    assert "type 'wizard'" in problems[4]
    assert "name used by an earlier row" in problems[5]
    aso = registry.get("Aso")
    assert aso.aliases == ("Taro Aso",) and aso.gender is None  # claimed alias and bad gender dropped


def test_registry_errors_name_the_file(tmp_path):
    with pytest.raises(ActorsError, match="not found"):
        load_actors(tmp_path / "none.csv")
    (tmp_path / "x.csv").write_text("who,what\nA,B\n", encoding="utf-8")
    with pytest.raises(ActorsError, match=r"x.csv: no 'name' column"):
        load_actors(tmp_path / "x.csv")


def test_gazetteer_covers_the_world():
    table = countries()
    assert len(table) >= 195
    gaz = gazetteer()
    assert gaz.country_of("Japanese") == "Japan"
    assert gaz.country_of("Tehran") == "Iran"
    assert gaz.country_of("Washington") == "United States"
    assert gaz.country_of("the U.S.") == "United States"
    assert gaz.country_of("Kremlin") == "Russia"
    assert gaz.country_of("Burkinabe") == "Burkina Faso"
    assert gaz.country_of("Atlantis") is None
    assert gaz.organisations["IAEA"] == "International Atomic Energy Agency"


def test_role_core_normalises_synonyms_and_nationality():
    assert role_core("the Japanese premier") == "prime minister"
    assert role_core("Iranian defence minister") == "defense minister"
    assert role_core("the U.S. president") == "president"


@pytest.mark.parametrize(
    "text, name, affiliation, alias",
    [
        ("Iranian Foreign Minister Mohammad Javad Zarif said", "Zarif", "Iran", "Mohammad Javad Zarif"),
        ("Kremlin spokesman Dmitry Peskov told reporters", "Peskov", "Russia", "Dmitry Peskov"),
        ("U.S. Secretary of State Marco Rubio spoke", "Rubio", "United States", "Marco Rubio"),
        ("European Commission President Ursula von der Leyen said", "von der Leyen", "European Commission",
         "Ursula von der Leyen"),
        ("Russia's Foreign Minister Sergei Lavrov said", "Lavrov", "Russia", "Sergei Lavrov"),
        ("his Japanese counterpart, Taro Kono, on Tuesday", "Kono", "Japan", "Taro Kono"),
        ("Mevlut Cavusoglu, the Turkish foreign minister, said", "Cavusoglu", "Turkey", "Mevlut Cavusoglu"),
        ("Chinese Foreign Ministry spokesperson Mao Ning said. Mao added", "Mao", "China", "Mao Ning"),
        # a generational suffix is no surname (PolNeAR train: 'Jr' and 'III' were names)
        ("said Sen. Robert P. Casey Jr. (D-Pa.), a Clinton backer", "Casey", None, "Robert P. Casey Jr"),
        ("a former economic adviser to Vice President Joseph R. Biden Jr.", "Biden", None, "Joseph R. Biden Jr"),
    ],
)
def test_discovery(text, name, affiliation, alias):
    found = discover_actors(text)
    assert [(a.name, a.affiliation) for a in found] == [(name, affiliation)]
    assert alias in found[0].aliases


def test_discovery_names_no_one_by_a_suffix():
    # another "... Jr." of the text made the suffix the word most used alone
    found = discover_actors("Adm. Harry B. Harris Jr., who leads the United States Pacific Command, spoke. "
                            "The chairman of the Joint Chiefs of Staff, Gen. Joseph F. Dunford Jr., recently asked him.")
    assert [(a.name, a.aliases) for a in found if a.type == "person"] == [("Dunford", ("Joseph F. Dunford Jr",))]


@pytest.mark.parametrize("words, particles, expected", [
    ("Ursula von der Leyen", True, "von der Leyen"),
    ("Ursula von der Leyen", False, "Leyen"),
    ("Chris Van Hollen", True, "Van Hollen"),
    ("de Blasio", True, "de Blasio"),
    ("Al Gore", True, "Gore"),  # a capitalised first word is a first name
    ("Joseph R. Biden Jr.", True, "Biden"),
    ("I. Charles McCullough III", False, "McCullough"),
    ("Donald Jr.", True, "Jr."),  # the suffix tells who is meant
])
def test_surname(words, particles, expected):
    assert surname(words.split(), particles=particles) == expected


def test_discovery_ignores_institutions_and_registered_people():
    assert discover_actors("on the sidelines of the UN General Assembly session") == []
    registry = load_actors(SEEDS / "actors.csv")
    assert discover_actors("Iranian President Hassan Rouhani met Prime Minister Shinzo Abe", registry) == []


@pytest.mark.parametrize("index_from", [1, 10_000])  # the text indexed, or each phrase searched for
def test_phrases_are_found_where_str_find_finds_them(index_from, monkeypatch):
    import random

    from newsvoices.actors import _Phrases, _without_overlaps

    monkeypatch.setattr(_Phrases, "INDEX_FROM", index_from)
    rng = random.Random(3)
    pieces = ["Ali", "Ali Khan", "Khan", "Khanov", "al-Ali", "Bali", "’s", " ", " ", "\n", "-", ",", "Ali Ali"]
    phrases = ["Ali Khan", "Ali Ali", "Ali Ali Khan", "Bali Khan", "Khan ,", "al-Ali  Ali"]
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 40)))
        found = _Phrases(text, phrases)
        assert (found.at is not None) == (index_from == 1)
        for phrase in phrases:
            expected = [i for i in range(len(text)) if text.startswith(phrase, i)]
            assert found.starts(phrase) == expected, (text, phrase)
            assert len(_without_overlaps(found.starts(phrase), len(phrase))) == text.count(phrase)
    with pytest.raises(ValueError, match="two words"):
        _Phrases("Abe said", ["Abe"])


def test_naming_by_usage_counts_the_name_outside_the_full_name():
    from newsvoices.actors import Actor, _name_by_usage

    zarif = Actor("Zarif", "person", "Iran", ("Mohammad Javad Zarif",), (), None, "discovered")
    text = "Mohammad Javad Zarif arrived. Javad Zarif said the talks went well. Mohammad Javad Zarif left."
    assert _name_by_usage(zarif, text).name == "Javad Zarif"  # the tail used on its own, its last word never alone
    text += " Zarif said so."
    assert _name_by_usage(zarif, text).name == "Zarif"
    khan = Actor("Khan", "person", None, ("Ali Khan",), (), None, "discovered")
    assert _name_by_usage(khan, "Ali Khan spoke. Ali later said no. Ali agreed.").name == "Ali"
    assert _name_by_usage(khan, "Ali Khan spoke. Khan said no. Ali Khan left.").name == "Khan"


@pytest.mark.parametrize("index_from", [1, 10_000])
def test_name_tails_are_counted_as_a_pattern_over_the_text_without_the_full_name(index_from, monkeypatch):
    """The definition ``_count_outside`` implements without rescanning the text per person:
    matches of the tail (first letter in either case) as words of their own in the text with
    each full name replaced by a space. Separators are never empty here, so no replacement
    can itself make a tail (the one case the two differ on)."""
    import random
    import re

    from newsvoices.actors import (
        Actor,
        _count_outside,
        _name_by_usage,
        _Phrases,
        _usage_phrases,
        _without_overlaps,
    )

    def reference(text, full, tail):
        firsts = "|".join(re.escape(f) for f in sorted({tail[0].upper(), tail[0].lower()}, key=len, reverse=True))
        pattern = rf"(?<![\w’'-])(?:{firsts}){re.escape(tail[1:])}(?![\w-])"
        return len(re.findall(pattern, text.replace(full, " ")))

    monkeypatch.setattr(_Phrases, "INDEX_FROM", index_from)
    rng = random.Random(5)
    names = ["Mohammad Javad Zarif", "Ali Ab Ab", "Moussa Faki Mahamat", "Ursula von der Leyen", "Ali İsmail Kaya",
             "Abc ßb ßc", "Ab Ab Ab Ab"]
    separators = [" ", " ", ". ", ", ", "-", "’", "\n", "  "]
    for _ in range(600):
        full = rng.choice(names)
        parts = full.split()
        tails = [" ".join(parts[i:]) for i in range(1, len(parts) - 1)]
        pieces = [full, *tails, *(t[0].lower() + t[1:] for t in tails), *parts, *(p.lower() for p in parts), "said"]
        text = "".join(rng.choice(pieces) + rng.choice(separators) for _ in range(rng.randrange(1, 12)))
        actor = Actor(parts[-1], "person", None, (full,), (), None, "discovered")
        phrases = _Phrases(text, _usage_phrases(actor))
        full_at = _without_overlaps(phrases.starts(full), len(full))
        assert len(full_at) == text.count(full)
        for tail in tails:
            assert _count_outside(text, tail, phrases, full_at, len(full)) == reference(text, full, tail), (text, tail)
        assert _name_by_usage(actor, text) == _name_by_usage(actor, text, None, phrases)


def test_a_contraction_is_no_use_of_a_name_alone():
    """Discovery names a person by the part of the name the article uses alone: the "Don" of
    "Don’t" is no such use (it made "McConnell spokesman Don Stewart" "Don"; PolNeAR train: 2 fixed)."""
    text = "McConnell spokesman Don Stewart said no vote was planned. Don’t Republicans run a risk? They do."
    assert [a.name for a in discover_actors(text, ActorRegistry())] == ["Stewart"]
