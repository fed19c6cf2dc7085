"""Command line: output formats, tables that fit the terminal, load report on stderr, the actor
registry checked before any work, notebook parameters, exit status 2 and one line on usage errors."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import warnings

import pandas as pd
import pytest

from newsvoices import cli
from newsvoices.cli import (
    UsageError,
    check_registry,
    format_table,
    main,
    parse_parameters,
    table_width,
    write_frame,
)
from newsvoices.records import STATEMENT_COLUMNS

from .conftest import ROOT, SEEDS
from .test_corpus import make_bad_folder


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsvoices", *args], capture_output=True, text=True)


def test_corpus_lists_the_seeds_as_loaded(capsys):
    assert main(["corpus", str(SEEDS)]) == 0
    out = capsys.readouterr().out
    assert out.count(" loaded ") == 3
    assert "002_51685c235f0e8719" in out and "609" in out and "25" in out


def test_corpus_jsonl_and_csv(capsys):
    assert main(["corpus", str(SEEDS), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["sentences"] for r in rows] == [14, 14, 25]
    assert set(rows[0]) == {"file", "status", "reason", "id", "words", "sentences"}
    assert main(["corpus", str(SEEDS), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "file,status,reason,id,words,sentences"


def test_bad_folder_exits_0_and_names_each_skipped_file(tmp_path, capsys):
    folder = make_bad_folder(tmp_path / "bad")
    assert main(["corpus", str(folder)]) == 0
    err = capsys.readouterr().err
    for name in ["good.txt", "empty.txt", "blank.txt", "binary.txt", "undecodable.txt"]:
        assert name in err
    assert "duplicate" in err and "binary file" in err


@pytest.mark.parametrize(
    "args",
    [["corpus", "does/not/exist"], ["corpus"], ["nonsense"], ["corpus", "seeds", "--format", "xml"]],
)
def test_usage_errors_exit_2_without_traceback(args):
    proc = run(*args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip()


def test_missing_path_message_names_it():
    proc = run("corpus", "does/not/exist")
    assert proc.stderr.strip().splitlines() == [
        proc.stderr.strip()
    ] and "does/not/exist" in proc.stderr


@pytest.mark.parametrize("sub", ["corpus", "report", "cache"])
def test_help_on_every_subcommand(sub):
    proc = run(sub, "--help")
    assert proc.returncode == 0 and "usage:" in proc.stdout


def test_no_cache_reads_and_writes_neither_cache(tmp_path, monkeypatch, capsys):
    from newsvoices import cache

    monkeypatch.setenv("NEWSVOICES_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "CACHE_BYTES", 1)  # the seeds count as a large corpus here
    args = ["statements", str(SEEDS), "--scheduler", "serial", "--quiet", "--format", "csv"]
    assert main([*args, "--no-cache"]) == 0
    uncached = capsys.readouterr().out
    assert not (tmp_path / "cache").exists()
    assert main(args) == 0
    assert capsys.readouterr().out == uncached
    cached = [p.name for p in (tmp_path / "cache").iterdir()]
    assert len(cached) == 2 and sum(name.startswith("corpus-") for name in cached) == 1  # the corpus, its tables


def test_corpus_and_words_take_no_cache_and_quiet(tmp_path, monkeypatch, capsys):
    from newsvoices import cache
    from newsvoices import corpus as corpus_module

    monkeypatch.setenv("NEWSVOICES_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "CACHE_BYTES", 1)
    monkeypatch.setattr(corpus_module, "PARALLEL_FILES", 2)  # the three seeds count as a large folder
    assert main(["corpus", str(SEEDS), "--no-cache", "--quiet"]) == 0
    assert main(["words", str(SEEDS), "--no-cache", "--quiet"]) == 0
    assert "loading" not in capsys.readouterr().err
    assert not (tmp_path / "cache").exists()
    assert main(["words", str(SEEDS)]) == 0
    assert "loading: 100%" in capsys.readouterr().err
    assert len(list((tmp_path / "cache").iterdir())) == 1


def test_cache_says_where_it_is_how_big_and_clears(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NEWSVOICES_CACHE", str(tmp_path / "cache"))
    assert main(["cache"]) == 0
    assert capsys.readouterr().out.startswith(f"{tmp_path / 'cache'}: 0 bytes in 0 corpora and 0 analyses")
    assert main(["statements", str(SEEDS), "--scheduler", "serial", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["cache"]) == 0
    line = capsys.readouterr().out
    assert " KB in 0 corpora and 1 analysis; `newsvoices cache --clear` empties it" in line
    assert main(["cache", "--format", "csv"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0] == "kind,folder,bytes,last_used" and listed[1].startswith("analysis,")
    assert main(["cache", "--clear"]) == 0
    assert "cleared" in capsys.readouterr().out and not any((tmp_path / "cache").iterdir())
    help_text = run("cache", "--help").stdout
    assert "NEWSVOICES_CACHE" in help_text and "never beside the articles" in " ".join(help_text.split())



# ---------------------------------------------------------------- tables that fit the terminal


def test_table_cuts_text_aligns_numbers_and_leaves_missing_values_blank():
    frame = pd.DataFrame({
        "speaker": ["Rouhani", "Abe", None],
        "said": ["We are ready to talk.", "Japan will keep its ties with Iran and the United States.", "x"],
        "n": [3, 12, 1],
        "mean_polarity": [0.123456, -0.5, float("nan")],
    })
    lines = format_table(frame, width=50).splitlines()
    assert lines == [
        "                                              mean",  # a header wider than its numbers wraps at "_"
        "speaker  said                          n  polarity",
        "Rouhani  We are ready to talk.         3     0.123",
        "Abe      Japan will keep its ties w…  12    -0.500",
        "         x                             1",
    ]
    assert max(len(line) for line in lines) == 50
    assert "nan" not in format_table(frame, width=50).lower()


def test_table_that_fits_is_shown_whole_on_one_header_line():
    frame = pd.DataFrame({"term": ["sanctions", "oil"], "count": [12, 7], "per_1000": [10.526315, 6.14]})
    assert format_table(frame, width=100).splitlines() == [
        "term       count  per_1000",
        "sanctions     12     10.53",
        "oil            7      6.14",
    ]
    assert "…" not in format_table(frame, width=100)


@pytest.mark.parametrize(
    "values, cells",
    [
        ([0.1234567, -0.98765], ["0.123", "-0.988"]),  # scores within ±1: three decimals
        ([12.3456, 0.5], ["12.35", "0.50"]),  # beyond: two
        ([-0.0001, 0.25], ["0.000", "0.250"]),  # no "-0.000"
        ([3.0, float("nan"), 120.0], ["3", "", "120"]),  # a count with a gap stays a count
        ([1.0, -1.0, 0.0], ["1.000", "-1.000", "0.000"]),  # whole scores are still scores
    ],
)
def test_numbers_get_two_or_three_decimals(values, cells):
    lines = format_table(pd.DataFrame({"value": values}), width=40).splitlines()[1:]
    assert [line.strip() for line in lines] == cells
    held = format_table(pd.DataFrame({"value": pd.Series(values, dtype=object)}), width=40).splitlines()[1:]
    assert [line.strip() for line in held] == cells  # numbers held as Python objects: the same


def test_paths_are_cut_in_the_middle_so_the_file_name_stays():
    path = "/home/analyst/projects/news/corpora/2019/december/000_a571ae5cbdec7a76.txt"
    frame = pd.DataFrame({"file": [path], "status": ["loaded"], "reason": ["x" * 60]})
    assert format_table(frame, width=70).splitlines() == [
        "file                            status  reason",
        "/home/ana…a571ae5cbdec7a76.txt  loaded  xxxxxxxxxxxxxxxxxxxxxxxxxxxxx…",  # other text: cut at the end
    ]
    assert format_table(frame[["reason", "file"]], width=60).splitlines()[1].endswith("  /home/ana…571ae5cbdec7a76.txt")
    assert format_table(frame, width=144).splitlines()[1] == f"{path}  loaded  {'x' * 60}"  # whole when it fits


def test_text_that_looks_like_numbers_stays_text():
    lines = format_table(pd.DataFrame({"id": ["007", "12"], "n": [1, 2]}), width=40).splitlines()
    assert lines == ["id   n", "007  1", "12   2"]  # left-aligned, as written


def test_columns_that_do_not_fit_are_named_not_squeezed():
    frame = pd.DataFrame({f"column_{i}": ["some words of text here"] for i in range(8)})
    lines = format_table(frame, width=60).splitlines()
    assert all(len(line) <= 60 for line in lines)
    assert lines[0] == "column_0                 column_1"  # each whole: 23 characters, no more
    assert lines[-1] == "(and 6 more columns, shown by --format csv: column_2, colum…"
    assert format_table(pd.DataFrame(columns=["a"]), width=60) == "(no rows)"


def test_the_wide_column_gets_room_before_the_columns_after_it():
    said = "We will keep talking to Iran, whatever the United States decides about the sanctions."
    frame = pd.DataFrame({"speaker": ["Abe"], "said": [said], "article": ["000_a571ae5cbdec7a76"],
                          "statement_id": ["000_a571ae5cbdec7a76:1"]})
    plain = format_table(frame, width=80).splitlines()
    assert plain[0].split() == ["speaker", "said", "article", "statement_id"]  # every column, "said" cut to 25
    assert plain[1] == "Abe      We will keep talking to…   000_a571ae5cbdec7a76  000_a571ae5cbdec7a76:1"
    wide = format_table(frame, width=80, wide="said").splitlines()  # said: 40 at least, so one column less
    assert wide == ["speaker  said                                               article",
                    "Abe      We will keep talking to Iran, whatever the Unite…  000_a571ae5cbdec7a76",
                    "(and 1 more column, shown by --format csv: statement_id)"]
    assert format_table(frame, width=60, wide="said").splitlines()[:2] == [
        "speaker  said", "Abe      We will keep talking to Iran, whatever the United…"]
    assert format_table(frame, width=200, wide="said") == format_table(frame, width=200)  # all of it fits


def test_width_is_the_terminal_s_or_100_in_a_pipe(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(shutil, "get_terminal_size", lambda fallback=(80, 24): os.terminal_size((72, 30)))
    assert table_width(Terminal()) == 72
    assert table_width(io.StringIO()) == 100  # a pipe or a file, not a terminal
    monkeypatch.setenv("COLUMNS", "64")
    assert table_width(io.StringIO()) == 64
    frame = pd.DataFrame({"text": ["word " * 40]})
    out = Terminal()
    monkeypatch.delenv("COLUMNS")
    write_frame(frame, "table", out)
    assert max(len(line) for line in out.getvalue().splitlines()) == 72


def test_statements_table_fits_100_columns_and_csv_keeps_every_value(monkeypatch, capsys):
    monkeypatch.delenv("COLUMNS", raising=False)
    args = ["statements", str(SEEDS), "--scheduler", "serial", "--quiet"]
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert lines[0].split() == ["speaker", "cue", "content", "mode"]  # who said what, how
    assert lines[-1].startswith("(and 10 more columns, shown by --format csv: article, statement_id, start,")
    content = lines[0].index("content")
    assert max(len(line[content:].split("  ")[0]) for line in lines[1:-1]) >= 40  # room for what was said
    assert "NaN" not in "\n".join(lines) and any("…" in line for line in lines)
    content = lines[0].index("content")  # text left-aligned under its header
    assert all(line[content] != " " and line[content - 1] == " " for line in lines[1:4])
    assert main([*args, "--format", "csv"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(table.columns) == STATEMENT_COLUMNS and not table["text"].str.contains("…").any()
    assert table["text"].str.len().max() > 100  # whole sentences, not cut
    monkeypatch.setenv("COLUMNS", "60")
    assert main(args) == 0
    assert max(len(line) for line in capsys.readouterr().out.splitlines()) <= 60


def test_tone_prints_three_decimals_at_most(monkeypatch, capsys):
    monkeypatch.delenv("COLUMNS", raising=False)
    assert main(["tone", str(SEEDS), "--scheduler", "serial", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"\d\.\d{4}", out) is None and re.search(r"-?\d\.\d{3}\b", out)
    assert "NaN" not in out and max(len(line) for line in out.splitlines()) <= 100
    assert main(["tone", str(SEEDS), "--scheduler", "serial", "--quiet", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    exact = [r["mean_polarity"] for r in rows if isinstance(r["mean_polarity"], float)]
    assert exact and any(len(repr(v).split(".")[-1]) > 3 for v in exact)  # exact values, not rounded


# ---------------------------------------------------------------- the actor registry


def bad_registry(tmp_path, text="name,type,affiliation\nRouhani,person,Iran\nKono,alien,Japan\n"):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    return path


def one_line_error(proc_or_err) -> str:
    err = proc_or_err if isinstance(proc_or_err, str) else proc_or_err.stderr
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("newsvoices: error: ") and "Traceback" not in err and "Warning" not in err
    return lines[0]


def test_bad_registry_is_one_line_with_file_row_fix_and_the_valid_types(tmp_path):
    path = bad_registry(tmp_path)
    proc = run("statements", str(SEEDS), "--actors", str(path), "--scheduler", "serial", "--quiet")
    assert proc.returncode == 2 and proc.stdout == ""
    assert one_line_error(proc) == (
        f"newsvoices: error: {path}: row 3 (Kono): type 'alien' is not known "
        "(valid types: person, government, organisation, group) — write one of these types in the type column"
    )


def test_several_registry_problems_stay_on_one_line(tmp_path, capsys):
    path = bad_registry(tmp_path, "name,type,gender,colour\nAbe,person,robot,red\n,person,,\nKono,wizard,,\n"
                                  "Abe,person,,\nAso,alien,,\n")
    assert main(["tone", str(SEEDS), "--actors", str(path)]) == 2
    line = one_line_error(capsys.readouterr().err)
    assert line.startswith(f"newsvoices: error: {path}: row 1: unknown columns ['colour'] — use only name, type,")
    assert "row 2 (Abe): gender 'robot' is not known — use male, female or leave it empty" in line
    assert line.endswith("and 3 more (rows 4, 5, 6)")


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda tmp: tmp, "{path}: is a folder, not a CSV file: pass the actors.csv inside it"),
        (lambda tmp: tmp / "none.csv", "{path}: actor registry not found"),
        (lambda tmp: bad_registry(tmp, "who,what\nA,B\n"), "{path}: no 'name' column (columns: ['who', 'what'])"),
    ],
    ids=["folder", "missing", "not-a-registry"],
)
def test_unusable_actors_file_is_one_line_naming_it(tmp_path, capsys, make, expected):
    path = make(tmp_path)
    assert main(["statements", str(SEEDS), "--actors", str(path)]) == 2
    assert one_line_error(capsys.readouterr().err).startswith("newsvoices: error: " + expected.format(path=path))


def test_the_registry_beside_the_articles_is_checked_too(tmp_path, capsys):
    corpus = tmp_path / "news"
    shutil.copytree(SEEDS, corpus)
    (corpus / "actors.csv").write_text("name,type\nKono,alien\n", encoding="utf-8")
    assert main(["words", str(corpus)]) == 0  # words need no actors
    capsys.readouterr()
    assert main(["statements", str(corpus), "--scheduler", "serial", "--quiet"]) == 2
    assert one_line_error(capsys.readouterr().err).startswith(f"newsvoices: error: {corpus / 'actors.csv'}: row 2 (Kono)")
    assert main(["statements", str(corpus), "--actors", str(SEEDS / "actors.csv"), "--scheduler", "serial",
                 "--quiet", "--format", "csv"]) == 0  # a good registry passed instead


def test_seed_registry_passes_the_check():
    check_registry(SEEDS / "actors.csv")
    check_registry(None, SEEDS)
    check_registry(None, "does/not/exist")  # no registry beside it: the corpus loader says what is wrong
    with pytest.raises(UsageError, match="is a folder"):
        check_registry(SEEDS)


@pytest.fixture
def fake_report(monkeypatch, tmp_path):
    """build_report replaced by a recorder: no notebook runs, the calls are kept."""
    calls = []

    def build_report(corpus, out="reports", actors=None, notebooks=None, *, parameters=None, log=sys.stderr):
        calls.append({"corpus": corpus, "out": out, "actors": actors, "parameters": parameters})
        return tmp_path / "site" / "index.html"

    monkeypatch.setattr(cli, "build_report", build_report)
    return calls


@pytest.mark.parametrize("actors", ["bad", "folder"])
def test_report_with_a_bad_registry_fails_before_any_notebook_runs(tmp_path, capsys, fake_report, actors):
    path = bad_registry(tmp_path) if actors == "bad" else tmp_path
    assert main(["report", "--corpus", str(SEEDS), "--out", str(tmp_path / "site"), "--actors", str(path)]) == 2
    assert fake_report == []
    assert str(path) in one_line_error(capsys.readouterr().err)
    assert not (tmp_path / "site").exists()


def test_report_passes_parameters_to_build_report(tmp_path, capsys, fake_report):
    out = str(tmp_path / "site")
    assert main(["report", "--corpus", str(SEEDS), "--out", out, "-p", 'TERMS=["Modi", "Sharif"]',
                 "--parameter", "TOP_N=10", "-p", "GOLD=none.csv", "--actors", str(SEEDS / "actors.csv")]) == 0
    assert fake_report == [{"corpus": str(SEEDS), "out": out, "actors": str(SEEDS / "actors.csv"),
                            "parameters": {"TERMS": ["Modi", "Sharif"], "TOP_N": 10, "GOLD": "none.csv"}}]
    assert "report written" in capsys.readouterr().err


@pytest.mark.parametrize(
    "item, message",
    [
        ("TERMS", "-p TERMS: not NAME=VALUE; write e.g. -p TOP_N=10"),
        ("=10", "-p =10: not NAME=VALUE"),
        ("TOP N=10", "-p TOP N=10: not NAME=VALUE"),
        ("CORPUS=news", "-p CORPUS: set it with --corpus, not -p"),
        ("ACTORS=a.csv", "-p ACTORS: set it with --actors, not -p"),
        ("TOPN=10", "-p TOPN: no notebook has this parameter; they take TOP_N, TERMS"),
    ],
)
def test_malformed_parameter_is_one_line_and_nothing_runs(tmp_path, capsys, fake_report, item, message):
    assert main(["report", "--corpus", str(SEEDS), "--out", str(tmp_path / "site"), "-p", item]) == 2
    assert fake_report == []
    assert one_line_error(capsys.readouterr().err).startswith("newsvoices: error: " + message)


def test_parameter_values_are_json_else_text():
    assert parse_parameters(['TERMS=["Modi","Sharif"]', "TOP_N=12", "GOLD=null", "NOTE=a=b", 'Q="7"', "S=[x"]) == {
        "TERMS": ["Modi", "Sharif"], "TOP_N": 12, "GOLD": None, "NOTE": "a=b", "Q": "7", "S": "[x"}
    assert parse_parameters(["TOP_N=5", "TOP_N=8"]) == {"TOP_N": 8}
    assert parse_parameters([r'TERMS=["Prime\u0020Minister"]']) == {"TERMS": ["Prime Minister"]}  # as make passes it
    assert parse_parameters([]) == {}


def test_a_warning_is_one_line_without_its_source_line(monkeypatch, capsys):
    def warns(*args, **kwargs):
        warnings.warn("something to know\nabout this", UserWarning, stacklevel=1)
        return pd.DataFrame({"term": ["a"], "count": [1], "per_1000": [1.0]})

    monkeypatch.setattr(cli, "term_frequencies", warns)
    assert main(["words", str(SEEDS), "--quiet"]) == 0
    assert capsys.readouterr().err.splitlines() == ["newsvoices: warning: something to know about this"]


def test_archive_checks_its_registry_before_any_work(tmp_path, capsys):
    assert main(["archive", str(SEEDS), str(tmp_path / "out"), "--actors", str(bad_registry(tmp_path))]) == 2
    assert "row 3 (Kono)" in one_line_error(capsys.readouterr().err)
    assert not (tmp_path / "out").exists()


def test_makefile_documents_out_and_keeps_the_sample_report(tmp_path):
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "OUT=folder" in makefile and "PARAMS=" in makefile

    def dry_run(*variables):
        proc = subprocess.run([make, "-n", "-C", str(ROOT), "report", "PY=PY", "VENV=" + str(tmp_path), *variables],
                              capture_output=True, text=True, check=True)
        return proc.stdout

    (tmp_path / ".installed").touch()  # nothing to install in a dry run
    assert "report --corpus 'seeds' --out 'reports'" in dry_run()
    assert "--corpus 'news/articles' --out 'reports-articles'" in dry_run("CORPUS=news/articles")
    assert "--out 'reports-feed'" in dry_run("CORPUS=data/feed.jsonl")
    assert "--out 'site'" in dry_run("CORPUS=news", "OUT=site")
    command = dry_run("CORPUS=news", "ACTORS=a.csv", 'PARAMS=-p TERMS=["Modi","Sharif"] -p TOP_N=10')
    assert "--actors 'a.csv' '-p' 'TERMS=[\"Modi\",\"Sharif\"]' '-p' 'TOP_N=10'" in command


def test_library_users_still_get_a_warning_and_the_good_rows(tmp_path):
    """The command stops on a registry's problems; the library keeps warning and leaving the bad
    rows out, now with the valid types and the fix in the warning."""
    from newsvoices.actors import ActorsError, load_actors

    with pytest.warns(UserWarning, match=r"row 3: type 'alien' is not known \(valid types: person, government, "
                                         r"organisation, group\) \(write one of these types in the type column; "
                                         r"the row is left out\)"):
        registry = load_actors(bad_registry(tmp_path))
    assert [a.name for a in registry] == ["Rouhani"]
    with pytest.raises(ActorsError, match=r"is a folder, not a CSV file: pass the actors.csv inside it"):
        load_actors(tmp_path)


def test_cues_and_corrections_files_given_on_the_command_line(tmp_path, capsys):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "talks.txt").write_text("Kono opined that the sanctions must end soon.\n\n"
                                        "“We will not give in,” Rouhani said.\n", encoding="utf-8")
    args = ["statements", str(articles), "--format", "csv", "--scheduler", "serial", "--no-cache", "--quiet"]
    assert main(args) == 0
    plain = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert plain[["speaker", "cue"]].values.tolist() == [["Rouhani", "said"]]  # "opined" is no cue of the library's
    cues = tmp_path / "elsewhere_cues.csv"  # not beside the articles: found only through --cues
    cues.write_text("lemma,frame,group,comment\nopine,,communication,a columnist's verb\n", encoding="utf-8")
    fixes = tmp_path / "fixes.csv"
    fixes.write_text("article,snippet,action,speaker,comment\ntalks,we will not give in,drop,,not news\n",
                     encoding="utf-8")
    assert main([*args, "--cues", str(cues), "--corrections", str(fixes)]) == 0
    told = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert told[["speaker", "cue"]].values.tolist() == [["Kono", "opined"]]


@pytest.mark.parametrize("option", ["--cues", "--corrections"])
def test_a_missing_cues_or_corrections_file_is_a_usage_error_naming_it(option):
    proc = run("statements", str(SEEDS), option, "no/such/file.csv", "--no-cache", "--quiet")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"{option} no/such/file.csv: no such file" in proc.stderr
