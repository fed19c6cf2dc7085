"""The user's corrections without code: ``cues.csv`` (reporting verbs the library lacks) and
``corrections.csv`` (a statement dropped or given to another speaker) beside the articles — applied
in every table, and every row that cannot be used reported with its fix, never dropped silently."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

import newsvoices as nv
from newsvoices.actors import ActorRegistry, load_actors
from newsvoices.cache import registry_digest
from newsvoices.parse import candidate
from newsvoices.records import CORRECTION_COLUMNS
from newsvoices.userfiles import inflections, load_corrections, load_cues

from .conftest import SEEDS

TALKS = """Kono opined that the sanctions must end soon.

“No, never,” Abe opined.

Kono put it this way: the door to talks stays open.

“We will not give in,” Rouhani said.
"""
OPINE = "lemma,frame,group,comment\nopine,,communication,a columnist's verb the library lacks\n"


def folder(tmp_path: Path, files: dict[str, str], name: str = "corpus") -> Path:
    """A folder with the seed articles and ``actors.csv`` (or, with ``talks.txt`` among
    ``files``, those files only), plus ``files``."""
    out = tmp_path / name
    if "talks.txt" in files:
        out.mkdir()
    else:
        shutil.copytree(SEEDS, out)
    for file, text in files.items():
        (out / file).write_text(text, encoding="utf-8")
    return out


def analyse(path: Path, **options) -> nv.Analysis:
    return nv.analyse(nv.load_corpus(path, cache=False), scheduler="serial", progress=False,
                      cache=options.pop("cache", False), **options)


def said(result: nv.Analysis) -> list[tuple[str, str, str]]:
    return [(r.speaker, r.cue, r.mode) for r in result.statements.itertuples()]


@pytest.fixture(scope="module")
def plain_seeds() -> nv.Analysis:
    return nv.analyse(nv.load_corpus(SEEDS, cache=False), scheduler="serial", progress=False, cache=False)


# ---------------------------------------------------------------- cues


def test_a_user_cue_makes_its_sentences_parsed_and_speech(tmp_path):
    without = analyse(folder(tmp_path, {"talks.txt": TALKS}, "without"))
    assert said(without) == [("Rouhani", "said", "direct")]  # the library knows neither "opined" nor the phrase
    with warnings.catch_warnings(record=True) as told:
        warnings.simplefilter("always")
        result = analyse(folder(tmp_path, {"talks.txt": TALKS, "cues.csv": OPINE + "put it this way,,,a phrase\n"}))
    assert not [w for w in told if "cues.csv" in str(w.message)]  # a good file: no warning
    assert said(result) == [("Kono", "opined", "indirect"), ("Abe", "opined", "direct"),
                            ("Kono", "put it this way", "indirect"), ("Rouhani", "said", "direct")]
    assert result.statements["content"].tolist()[0] == "that the sanctions must end soon"  # as for "said that"
    cues = result.corrections
    assert cues[["row", "action", "text", "status"]].values.tolist() == [[2, "cue", "opine", "added"],
                                                                        [3, "cue", "put it this way", "added"]]
    assert cues["statement"].tolist()[0] == "frame clause|quote; forms opine, opined, opines, opining"


def test_user_cue_triggers_the_parse_of_its_forms_only(tmp_path):
    assert load_cues(None).trigger is None
    path = tmp_path / "cues.csv"
    path.write_text("lemma,frame\nopine,clause\nput it this way,any\n", encoding="utf-8")
    trigger = load_cues(path).trigger
    assert candidate("Kono opined that it rained.", trigger) and candidate("She opines often.", trigger)
    assert candidate("Kono put it this way: enough.", trigger)
    assert not candidate("Kono opined that it rained.")          # not without the user's cues
    assert not candidate("Kono put the book down.", trigger)      # the phrase needs all its words
    assert not candidate("The opinion was clear.", trigger)       # a word that only starts like a form
    assert inflections("quip")[-2:] == ("quipping", "quips") and "counters" in inflections("counter")


def test_a_user_row_overrides_the_frame_of_a_library_cue(tmp_path):
    text = "Kono countered at the meeting.\n"  # "counter" needs a clause or a quotation in the library
    assert said(analyse(folder(tmp_path, {"talks.txt": text}, "plain"))) == []
    result = analyse(folder(tmp_path, {"talks.txt": text, "cues.csv": "lemma,frame\ncounter,none|prep-at\n"}))
    assert said(result) == [("Kono", "countered at", "indirect")]  # shown with its preposition, as the library's


# ---------------------------------------------------------------- corrections applied


CORRECTIONS = """article,snippet,action,speaker,comment
000_a571ae5cbdec7a76,"named the  United States AS the one",drop,,a description of the US role, not a statement
000_a571ae5cbdec7a76,censured the US for illegal maximum pressure,speaker,Hatami,a test: given to another
"""


def test_drop_and_reattribute_apply_to_statements_stance_and_tone(tmp_path, plain_seeds):
    result = analyse(folder(tmp_path, {"corrections.csv": CORRECTIONS}))
    before, after = plain_seeds.statements, result.statements
    named = before["text"].str.contains("named the United States")
    censured = before["text"].str.contains("censured the US")
    assert named.sum() == 1 and censured.sum() == 1
    assert before.loc[censured, "speaker"].tolist() == ["Rouhani"]
    # dropped: in no table; re-attributed: Hatami's, with his affiliation, in every table
    assert not after["text"].str.contains("named the United States").any()
    assert len(after) == len(before) - 1
    moved = after[after["text"].str.contains("censured the US")]
    assert moved[["speaker", "speaker_type", "affiliation", "resolved_by"]].values.tolist() == [
        ["Hatami", "person", "Iran", "correction"]]
    assert before.loc[named, "statement_id"].tolist() == ["000_a571ae5cbdec7a76:10"]
    assert not result.stance["text"].str.contains("named the United States").any()
    assert plain_seeds.stance["text"].str.contains("named the United States").any()
    stance_speakers = result.stance.loc[result.stance["text"].str.contains("censured the US"), "speaker"]
    assert set(stance_speakers) == {"Hatami"} and len(stance_speakers)
    assert set(result.stance["statement_id"]) <= set(after["statement_id"])  # the tables agree
    tone = nv.tone_by_actor(result.statements).set_index("speaker")["n"]
    tone_before = nv.tone_by_actor(before).set_index("speaker")["n"]
    assert tone["Rouhani"] == tone_before["Rouhani"] - 2 and tone["Hatami"] == tone_before["Hatami"] + 1
    # the report: each row applied, with the statement it changed
    report = result.corrections
    assert report[["row", "action", "status", "problem"]].values.tolist() == [[2, "drop", "applied", ""],
                                                                             [3, "speaker", "applied", ""]]
    assert report["statement_id"].tolist() == ["", moved["statement_id"].iloc[0]]
    assert report["statement"].iloc[0].startswith("He further named the United States")


def test_the_speaker_column_may_name_any_actor_and_was_tells_statements_apart(tmp_path):
    text = "Iran and Japan disagreed. Kono said the talks failed, and Abe said they went well.\n"
    plain = analyse(folder(tmp_path, {"talks.txt": text}, "plain"))
    assert said(plain) == [("Kono", "said", "indirect"), ("Abe", "said", "indirect")]
    fixes = ("article,snippet,action,speaker,was\n"
             "talks,the talks failed,speaker,Japan,Kono\n"     # one sentence, two statements: was chooses
             "talks,they went well,speaker,Ms Nobody,abe\n"    # someone unknown: a person, with a note
             "talks,the talks failed,speaker,Abe,Rouhani\n")  # Rouhani has no statement there
    with pytest.warns(UserWarning, match=r"corrections.csv: 1 problem.*row 4: the snippet is in no statement"):
        result = analyse(folder(tmp_path, {"talks.txt": text, "corrections.csv": fixes}))
    assert result.statements[["speaker", "speaker_type", "resolved_by"]].values.tolist() == [
        ["Japan", "government", "correction"], ["Ms Nobody", "person", "correction"]]
    assert result.statements["affiliation"].tolist()[0] == "Japan" and pd.isna(result.statements["affiliation"].iloc[1])
    report = result.corrections
    assert report["status"].tolist() == ["applied", "applied", "problem"]
    assert report["statement_id"].tolist() == ["talks:1", "talks:2", ""]
    assert report["problem"].tolist() == [
        "", "'Ms Nobody' is neither in actors.csv nor named in the article: a person with no affiliation",
        "the snippet is in no statement of article talks with the speaker 'Rouhani'"]


# ---------------------------------------------------------------- bad rows reported


BAD_CORRECTIONS = [
    ("000_a571ae5cbdec7a76,Abe said,delete,,", "action 'delete' is not known", "write drop"),
    (",Abe said,drop,,", "no article", "fill the article column"),
    ("000_a571ae5cbdec7a76,,drop,,", "no snippet", "copy a few words"),
    ("000_a571ae5cbdec7a76,Abe said,speaker,,", "action speaker without a speaker", "fill the speaker column"),
    ("999_nope,Abe said,drop,,", "article '999_nope' is not in the corpus", "write the id of an article"),
    ("000_a571ae5cbdec7a7,Abe said,drop,,", "article '000_a571ae5cbdec7a7' is not in the corpus",
     "did you mean '000_a571ae5cbdec7a76'?"),
    ("000_a571ae5cbdec7a76,the moon is made of cheese,drop,,",
     "the snippet is in no statement of article 000_a571ae5cbdec7a76", "add its reporting verb to cues.csv"),
    ("000_a571ae5cbdec7a76,Abe said,drop,,",
     "the snippet is in 2 statements of article 000_a571ae5cbdec7a76 (speakers: Abe; Abe)", "lengthen the snippet"),
]


@pytest.mark.parametrize("line, problem, fix", BAD_CORRECTIONS, ids=[b[1][:30] for b in BAD_CORRECTIONS])
def test_each_bad_correction_is_reported_with_its_fix_and_changes_nothing(tmp_path, plain_seeds, line, problem, fix):
    text = f"article,snippet,action,speaker,comment\n{line}\n"
    path = folder(tmp_path, {"corrections.csv": text})
    with pytest.warns(UserWarning, match=r"corrections.csv: 1 problem.*row 2: "):
        result = analyse(path)
    report = result.corrections
    assert len(report) == 1
    row = report.iloc[0]
    assert (row["file"], row["row"], row["status"], row["problem"]) == (str(path / "corrections.csv"), 2, "problem",
                                                                        problem)
    assert fix in row["fix"]
    pd.testing.assert_frame_equal(result.statements, plain_seeds.statements)
    pd.testing.assert_frame_equal(result.stance, plain_seeds.stance)


def test_one_statement_corrected_twice_and_unknown_columns_are_reported(tmp_path, plain_seeds):
    text = ("article,snippet,action,speaker,reason\n"
            "000_a571ae5cbdec7a76,censured the US,drop,,\n"
            "000_a571ae5cbdec7a76,illegal maximum pressure,speaker,Abe,\n")
    with pytest.warns(UserWarning) as told:
        result = analyse(folder(tmp_path, {"corrections.csv": text}))
    messages = " ".join(str(w.message) for w in told)
    assert "row 1: unknown columns ['reason'] are ignored" in messages and "row 3: the statement is corrected" in messages
    report = result.corrections
    assert report[["row", "status"]].values.tolist() == [[1, "problem"], [2, "applied"], [3, "problem"]]
    assert report["fix"].iloc[0] == "use the columns article, snippet, action, speaker, was, comment"
    assert report["problem"].iloc[2] == "the statement is corrected by row 2 already"
    assert len(result.statements) == len(plain_seeds.statements) - 1  # the first row's drop only


@pytest.mark.parametrize("text, problem, fix", [
    ("lemma,frame\nopine,clause|sometimes\n", "frame 'clause|sometimes': 'sometimes' not known", "use any, clause"),
    ("lemma,frame\n,clause\n", "no lemma", "fill the lemma column"),
    ("lemma,frame\nopine!,clause\n", "lemma 'opine!' is not words", "base form in letters"),
    ("lemma,frame\nopine,clause\nopine,any\n", "lemma of an earlier row", "one row per cue"),
    ("lemma,frame,forms\nput it this way,any,put|put it\n", "forms ['put it'] are not single words", "forms of the verb"),
    ("verb,frame\nopine,clause\n", "no lemma column (columns: ['verb', 'frame']); no row is used",
     "make the first line lemma,frame,group,forms,comment"),
])
def test_each_bad_cue_is_reported_with_its_fix(tmp_path, text, problem, fix):
    path = tmp_path / "cues.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.warns(UserWarning, match=rf"{path}: 1 problem\(s\) in the cues"):
        cues = load_cues(path)
    assert cues.problems["problem"].tolist() == [problem]
    assert fix in cues.problems["fix"].iloc[0]
    assert cues.problems["status"].tolist() == ["problem"]
    assert [c.lemma for c in cues.cues] == (["opine"] if "earlier row" in problem else [])


def test_a_file_that_cannot_be_read_is_a_problem_row_not_a_crash(tmp_path):
    binary = tmp_path / "corrections.csv"
    binary.write_bytes(b"\x00\x01\x02binary")
    with pytest.warns(UserWarning, match="corrections.csv: 1 problem"):
        fixes = load_corrections(binary)
    assert len(fixes) == 0 and fixes.problems["problem"].iloc[0].startswith("cannot be read as CSV")
    assert fixes.problems["fix"].iloc[0] == "save it as UTF-8 CSV"
    with pytest.warns(UserWarning, match="file not found"):
        missing = nv.actor_registry(None, cues=tmp_path / "nope.csv")
    assert missing.cues.problems["row"].tolist() == [0]


# ---------------------------------------------------------------- the cache and the seeds


def test_the_cache_key_changes_with_the_cues_and_the_corrections(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSVOICES_CACHE", str(tmp_path / "cache"))
    path = folder(tmp_path, {"talks.txt": TALKS})
    first = analyse(path, cache=True)
    assert not first.from_cache and analyse(path, cache=True).from_cache
    (path / "cues.csv").write_text(OPINE, encoding="utf-8")
    with_cue = analyse(path, cache=True)
    assert not with_cue.from_cache and len(with_cue.statements) == len(first.statements) + 2
    assert analyse(path, cache=True).from_cache
    (path / "corrections.csv").write_text('article,snippet,action\ntalks,"No, never",drop\n', encoding="utf-8")
    dropped = analyse(path, cache=True)
    assert not dropped.from_cache and len(dropped.statements) == len(with_cue.statements) - 1
    again = analyse(path, cache=True)
    assert again.from_cache
    pd.testing.assert_frame_equal(again.corrections, dropped.corrections)  # the report is kept with the tables
    (path / "corrections.csv").write_text("article,snippet,action\ntalks,sanctions must end,drop\n", encoding="utf-8")
    other = analyse(path, cache=True)
    assert not other.from_cache and "the sanctions must end soon" not in other.statements["content"].tolist()
    (path / "corrections.csv").unlink()
    (path / "cues.csv").unlink()
    assert analyse(path, cache=True).from_cache  # back to the first analysis, still kept


def test_without_user_files_the_seeds_and_their_keys_are_unchanged(seeds, plain_seeds):
    registry = nv.actor_registry(seeds)
    assert len(registry.cues) == 0 and len(registry.corrections) == 0
    assert registry_digest(registry) == registry_digest(load_actors(SEEDS / "actors.csv"))
    assert registry_digest(ActorRegistry()) == "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"
    assert plain_seeds.corrections.empty and list(plain_seeds.corrections.columns) == CORRECTION_COLUMNS
    # the figures of the seeds before the corrections existed (main, commit ac943dd)
    assert len(plain_seeds.statements) == 49 and plain_seeds.statements["resolved_by"].ne("correction").all()
    assert len(plain_seeds.stance) == 56


def test_the_user_files_are_not_taken_for_articles(tmp_path):
    path = folder(tmp_path, {"cues.csv": OPINE, "corrections.csv": CORRECTIONS})
    report = nv.load_corpus(path, cache=False).load_report
    assert report["status"].tolist() == ["loaded"] * 3  # the three seeds; no "skipped: not a .txt article"


def test_an_archive_applies_them_and_reports_as_the_analysis_does(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSVOICES_CACHE", str(tmp_path / "cache"))
    path = folder(tmp_path, {"cues.csv": OPINE, "corrections.csv": CORRECTIONS})
    direct = analyse(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the archive keeps actors.csv only: it says so (the files stay beside it)
        nv.analyse_archive(path, tmp_path / "out", workers=1)
    archived = nv.analyse(nv.load_corpus(tmp_path / "out"), progress=False)
    assert archived.from_cache  # the archive's tables, made with the same cues and corrections
    pd.testing.assert_frame_equal(archived.statements, direct.statements)
    pd.testing.assert_frame_equal(archived.stance, direct.stance)
    pd.testing.assert_frame_equal(archived.corrections, direct.corrections)
    assert archived.corrections["status"].tolist() == ["added", "applied", "applied"]


def test_cue_lexicon_lists_the_users_cues_after_the_librarys(tmp_path):
    from newsvoices.attribution import cue_lexicon
    path = tmp_path / "cues.csv"
    path.write_text(OPINE + "put it this way,,,a phrase\n", encoding="utf-8")
    table = cue_lexicon(load_cues(path))
    library = cue_lexicon()
    assert len(table) == len(library) + 2 and set(library["source"]) == {"library"}
    assert table.tail(2)[["lemma", "frame", "source"]].values.tolist() == [
        ["opine", "clause|quote", "cues.csv, row 2"], ["put it this way", "any", "cues.csv, row 3"]]
    assert "opine" not in set(library["lemma"])
