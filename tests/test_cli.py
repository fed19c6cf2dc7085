"""Command line: output formats, load report on stderr, exit status 2 on usage errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsvoices.cli import main

from .conftest import SEEDS
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

