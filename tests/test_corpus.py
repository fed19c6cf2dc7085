"""Corpus loading: seeds, formats, encodings, metadata and every kind of bad input."""

from __future__ import annotations

import datetime as dt
import json
import random

import pandas as pd
import pytest

import newsvoices as nv
from newsvoices.corpus import parse_header, shorten
from newsvoices.text import decode_bytes

from .conftest import SEEDS

SEED_IDS = ["000_a571ae5cbdec7a76", "001_b9e567d11cea352e", "002_51685c235f0e8719"]


# ---------------------------------------------------------------- the seeds, read by hand


def test_seeds_load_three_articles_in_name_order(seeds):
    assert [a.id for a in seeds] == SEED_IDS
    assert list(seeds.load_report["status"]) == ["loaded"] * 3
    assert seeds.skipped.empty


def test_seed_002_header_is_metadata_not_text(seeds):
    a = seeds["002_51685c235f0e8719"]
    assert a.date == dt.date(2019, 12, 20)
    assert a.text.startswith("Visiting Iranian President Hassan Rouhani met")
    assert "date 2019" not in a.text
    assert seeds["000_a571ae5cbdec7a76"].date is None


def test_seed_sentence_and_paragraph_counts(seeds):
    # 000 and 001: one sentence per paragraph (14 each; 001's two-sentence Kono quote stays whole).
    # 002: 20 paragraphs; "Last year ..." and "“Inspections ...” Abe will ..." hold two sentences,
    # "During the meeting ..." four: 20 + 1 + 1 + 3 = 25.
    frame = seeds.to_frame().set_index("id")
    assert frame["sentences"].to_dict() == dict(zip(SEED_IDS, [14, 14, 25]))
    assert [len(a.paragraphs) for a in seeds] == [14, 14, 20]


def test_seed_sentences_frame_and_offsets(seeds):
    sents = seeds.sentences()
    assert list(sents.columns) == ["article", "paragraph", "sentence", "start", "end", "text"]
    assert len(sents) == 53
    for row in sents.itertuples():
        assert seeds[row.article].text[row.start : row.end] == row.text
    kono = sents[sents.text.str.contains("80 percent")].iloc[0]
    assert kono.text.endswith("” Kono added.") and "Hormuz. The stability" in kono.text
    trump = sents[sents.text.str.contains("Donald Trump")].iloc[0]
    assert trump.text.startswith("Last year, U.S. President Donald Trump")
    assert trump.text.endswith("Barack Obama.")


def test_seed_titles_default_to_first_sentence_shortened(seeds):
    title = seeds["001_b9e567d11cea352e"].title
    assert title.startswith("In a phone conversation with his Japanese counterpart")
    assert len(title) <= 81 and title.endswith("…")


def test_to_frame_columns(seeds):
    frame = seeds.to_frame()
    assert list(frame.columns) == ["id", "title", "date", "source", "words", "sentences"]
    assert pd.api.types.is_datetime64_any_dtype(frame["date"])
    assert frame["words"].tolist() == [342, 390, 609]


# ---------------------------------------------------------------- inputs and formats


def test_single_file_and_list_of_files():
    one = nv.load_corpus(SEEDS / f"{SEED_IDS[1]}.txt")
    assert [a.id for a in one] == [SEED_IDS[1]]
    two = nv.load_corpus([SEEDS / f"{SEED_IDS[2]}.txt", SEEDS / f"{SEED_IDS[0]}.txt"])
    assert [a.id for a in two] == [SEED_IDS[2], SEED_IDS[0]]


def test_folder_recurses_sorted_and_reports_other_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zed spoke.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Aye spoke.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    corpus = nv.load_corpus(tmp_path)
    assert [a.id for a in corpus] == ["a", "z"]
    skipped = corpus.skipped.set_index("file")["reason"]
    assert "not a .txt article" in skipped[str(tmp_path / "notes.pdf")]
    assert len(corpus.load_report) == 3  # hidden files are not articles


def test_csv_and_jsonl(tmp_path):
    csv_path = tmp_path / "news.csv"
    pd.DataFrame(
        {"id": ["x1", "x2"], "title": ["T1", ""], "date": ["2020-05-01", ""],
         "source": ["IRNA", None], "text": ["Abe said peace matters.", "Rouhani spoke. He left."]}
    ).to_csv(csv_path, index=False)
    corpus = nv.load_corpus(csv_path)
    assert [a.id for a in corpus] == ["x1", "x2"]
    assert corpus["x1"].title == "T1" and corpus["x1"].source == "IRNA"
    assert corpus["x1"].date == dt.date(2020, 5, 1) and corpus["x2"].date is None
    assert corpus["x2"].title == "Rouhani spoke."

    jl = tmp_path / "news.jsonl"
    jl.write_text(
        json.dumps({"text": "Kono spoke.", "source": "Kyodo"}) + "\n\n{broken\n"
        + json.dumps({"id": "k2", "text": ""}) + "\n" + json.dumps([1, 2]) + "\n",
        encoding="utf-8",
    )
    corpus = nv.load_corpus(jl)
    assert [a.id for a in corpus] == ["news-1"]
    report = corpus.load_report
    assert list(report["status"]) == ["loaded", "skipped", "skipped", "skipped"]
    assert "not valid JSON" in report["reason"][1]
    assert "empty" in report["reason"][2]
    assert "not a JSON object" in report["reason"][3]


def test_clashing_ids_never_take_an_id_already_given(tmp_path):
    jl = tmp_path / "wire.jsonl"
    jl.write_text("".join(json.dumps({"id": i, "text": f"Article {k} on peace."}) + "\n"
                          for k, i in enumerate(["a", "a~2", "a", "a", "b"])), encoding="utf-8")
    assert [a.id for a in nv.load_corpus(jl)] == ["a", "a~2", "a~3", "a~4", "b"]


def test_a_json_escape_that_is_no_character_is_reported(tmp_path):
    jl = tmp_path / "wire.jsonl"
    jl.write_text('{"id": "a\\ud800", "text": "Abe said peace is a must."}\n'
                  '{"text": "Kono said Japan wants calm.", "source": "X\\udc00"}\n'
                  '{"text": "Hatami said talks went well \\ud83d\\ude00."}\n', encoding="utf-8")
    corpus = nv.load_corpus(jl)
    assert [a.id for a in corpus] == ["wire-3"] and corpus["wire-3"].text.endswith("\U0001f600.")  # a whole pair
    reasons = corpus.skipped["reason"].tolist()
    assert len(reasons) == 2 and "'id' holds a \\u escape" in reasons[0] and "'source'" in reasons[1]


def test_a_file_name_that_is_not_utf8_is_reported(tmp_path):
    import os

    (tmp_path / "ok.txt").write_text("Kono said Japan wants calm.", encoding="utf-8")
    bad = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(bad, "wb") as f:
        f.write(b"Abe said peace is a must.")
    for source in (tmp_path, [os.fsdecode(bad), tmp_path / "ok.txt"]):
        corpus = nv.load_corpus(source, cache=False)
        assert [a.id for a in corpus] == ["ok"]
        row = corpus.skipped.iloc[0]
        assert row["file"] == f"{tmp_path}/caf\\xe9.txt" and "not valid UTF-8" in row["reason"]


def test_a_date_the_tables_cannot_hold_is_reported(tmp_path):
    jl = tmp_path / "wire.jsonl"
    jl.write_text("".join(json.dumps({"text": f"Abe spoke on day {d}.", "date": d}) + "\n"
                          for d in ["1500-01-01", "2019-12-20", "3000-01-01", "0000-01-01"]), encoding="utf-8")
    corpus = nv.load_corpus(jl)
    assert [str(a.date) for a in corpus] == ["2019-12-20"]
    reasons = corpus.skipped["reason"].tolist()
    assert all("outside the years 1678–2261" in r for r in reasons[:2]) and "is not a date" in reasons[2]
    assert len(nv.analyse(corpus, cache=False, progress=False).articles) == 1


def test_csv_without_text_column_is_reported(tmp_path):
    (tmp_path / "t.csv").write_text("id,body\n1,hello\n", encoding="utf-8")
    with pytest.raises(nv.CorpusError) as err:
        nv.load_corpus(tmp_path / "t.csv")
    assert "no 'text' column" in str(err.value) and "t.csv" in str(err.value)


def test_metadata_csv_beside_articles(tmp_path):
    (tmp_path / "a1.txt").write_text("Abe spoke in Tokyo.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "id,title,date,source\na1,Abe in Tokyo,2019-06-12,Kyodo\n", encoding="utf-8"
    )
    a = nv.load_corpus(tmp_path)["a1"]
    assert (a.title, a.date, a.source) == ("Abe in Tokyo", dt.date(2019, 6, 12), "Kyodo")


@pytest.mark.parametrize(
    "raw, header, body",
    [
        (" date 2019-12-20 Visiting Iranian President", {"date": "2019-12-20"}, "Visiting Iranian President"),
        ("date: 2020-01-02\ntitle: Talks\nsource: Press TV\n\nBody.", {"date": "2020-01-02", "title": "Talks", "source": "Press TV"}, "Body."),
        ("Date palms grow in Iran.", {}, "Date palms grow in Iran."),
        ("Source of the leak was a minister.", {}, "Source of the leak was a minister."),
    ],
)
def test_header(raw, header, body):
    assert parse_header(raw) == (header, body)


def test_shorten():
    assert shorten("short") == "short"
    assert shorten("word " * 40, 20) == "word word word word…"


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"),
        lambda s: s.encode("utf-16"),  # with BOM
        lambda s: s.encode("utf-16-le"),  # without BOM
        lambda s: s.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-nobom", "cp1252"],
)
def test_decodings(tmp_path, encode):
    text = "“No, we can’t do it,” an official said in Zürich — café talks."
    (tmp_path / "a.txt").write_bytes(encode(text))
    assert nv.load_corpus(tmp_path)["a"].text == text


def test_cyrillic_legacy_encoding_is_detected():
    text = "Президент Ирана Хасан Рухани встретился с премьер-министром Японии в Токио."
    assert decode_bytes(text.encode("cp1251")) == text


def test_crlf_nbsp_zero_width_normalised(tmp_path):
    (tmp_path / "a.txt").write_bytes("Abe\u00a0said.\r\n\r\nKono\u200b added.\r\n".encode("utf-8"))
    a = nv.load_corpus(tmp_path)["a"]
    assert a.text == "Abe said.\n\nKono added."
    assert a.paragraphs == ["Abe said.", "Kono added."]


# ---------------------------------------------------------------- bad input


def test_missing_path_raises_with_the_path_and_the_fix(tmp_path):
    with pytest.raises(nv.CorpusError) as err:
        nv.load_corpus(tmp_path / "nope")
    assert str(tmp_path / "nope") in str(err.value) and "Pass a folder" in str(err.value)


def test_empty_folder_raises(tmp_path):
    with pytest.raises(nv.CorpusError, match="no articles found"):
        nv.load_corpus(tmp_path)


def test_folder_of_only_bad_files_raises_and_names_them(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(nv.CorpusError) as err:
        nv.load_corpus(tmp_path)
    assert "empty.txt" in str(err.value) and "empty" in str(err.value)


def make_bad_folder(folder):
    """A folder with one good article and every kind of bad input (also used by the CLI tests)."""
    folder.mkdir(exist_ok=True)
    (folder / "good.txt").write_text("Abe said peace is a must. Rouhani agreed.", encoding="utf-8")
    (folder / "copy.txt").write_text("Abe said peace is a must. Rouhani agreed.", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\t\n  ", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    noise = random.Random(0)  # bytes that fit no text encoding (and hold no NUL)
    (folder / "undecodable.txt").write_bytes(bytes(noise.randrange(1, 256) for _ in range(2000)))
    (folder / "huge.txt").write_text("The minister said talks went well. " * 150_000, encoding="utf-8")
    (folder / "markup.txt").write_text(
        "<html><body><p>Kono said <b>“peace”</b> matters.</p><script>alert(1)</script></body></html>",
        encoding="utf-8",
    )
    (folder / "unbalanced.txt").write_text("“Peace is near, he said. And then “maybe.", encoding="utf-8")
    (folder / "farsi.txt").write_text("روحانی گفت که ایران به دنبال صلح است.", encoding="utf-8")
    return folder


def test_bad_inputs_are_skipped_with_reasons_and_the_rest_loads(tmp_path):
    corpus = nv.load_corpus(make_bad_folder(tmp_path / "bad"))
    report = corpus.load_report.assign(name=lambda d: d.file.str.rsplit("/", n=1).str[-1]).set_index("name")
    assert report.loc["copy.txt", "status"] == "loaded"  # first of the pair in name order
    assert report.loc["good.txt", "status"] == "duplicate"
    assert "same text as" in report.loc["good.txt", "reason"]
    assert report.loc["empty.txt", "status"] == "skipped" and "empty" in report.loc["empty.txt", "reason"]
    assert report.loc["blank.txt", "status"] == "skipped" and "whitespace" in report.loc["blank.txt", "reason"]
    assert report.loc["binary.txt", "status"] == "skipped" and "binary" in report.loc["binary.txt", "reason"]
    assert report.loc["undecodable.txt", "status"] == "skipped"
    assert "undecodable" in report.loc["undecodable.txt", "reason"]
    for name in ["huge.txt", "markup.txt", "unbalanced.txt", "farsi.txt"]:
        assert report.loc[name, "status"] == "loaded", name
    assert report.loc["huge.txt", "sentences"] == 150_000
    assert "<script>" in corpus["markup"].text  # text is data; it is escaped where it is shown
    assert len(report) == 10


def test_a_large_folder_is_read_on_all_cores_with_the_same_result(tmp_path, monkeypatch):
    from newsvoices import corpus as corpus_module
    from newsvoices import parallel as parallel_module

    folder = make_bad_folder(tmp_path / "mixed")
    (folder / "huge.txt").unlink()  # keep the test quick
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "copy.txt").write_text("Kono said talks went well.", encoding="utf-8")  # id of copy.txt
    (folder / "metadata.csv").write_text("id,title,date\nmarkup,A title,2019-12-20\nfarsi,,not a date\n",
                                         encoding="utf-8")
    monkeypatch.setattr(corpus_module, "PARALLEL_FILES", 10**9)
    serial = nv.load_corpus(folder)

    pools = []

    class CountingPool(parallel_module.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(parallel_module, "ProcessPoolExecutor", CountingPool)
    monkeypatch.setattr(corpus_module.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(corpus_module, "PARALLEL_FILES", 2)
    parallel = nv.load_corpus(folder)

    assert len(pools) == 1  # really read by worker processes
    assert parallel.articles == serial.articles
    assert [a.n_words for a in parallel] == [a.n_words for a in serial]
    assert all("sentence_sizes" in vars(a) for a in parallel)  # counted by the workers, sent back
    assert [a.sentence_sizes for a in parallel] == [a.sentence_sizes for a in serial]
    pd.testing.assert_frame_equal(parallel.load_report, serial.load_report)
    report = parallel.load_report.set_index("file")
    assert report.loc[str(folder / "notes.md"), "status"] == "skipped"
    assert report.loc[str(folder / "sub" / "copy.txt"), "id"] == "sub/copy"  # the id clash, resolved in order
    assert "not a date" in report.loc[str(folder / "farsi.txt"), "reason"]
    assert parallel["markup"].title == "A title"


def test_sentence_sizes_count_the_tokens_of_each_sentence():
    a = nv.Article.from_text("a", "Oil prices rose at 5 p.m.Traders sold oil. U.S. talks resumed.\n\nNo.")
    assert a.sentences == ["Oil prices rose at 5 p.m.", "Traders sold oil.", "U.S. talks resumed.", "No."]
    assert a.sentence_sizes == (6, 3, 3, 1)  # "p.m." is one token; the break splits "p.m.Traders"
    assert a.n_words == 13 == len(nv.tokens([a]))
    assert nv.Article("empty", "").sentence_sizes == () and nv.Article("empty", "").n_words == 0


# ---------------------------------------------------------------- reading on all cores


@pytest.mark.parametrize(("cores", "progress", "env", "shown"),
                         [(2, None, None, True), (1, True, None, True), (2, False, None, False), (2, None, "1", False)])
def test_a_large_folder_shows_a_progress_bar(tmp_path, monkeypatch, capsys, cores, progress, env, shown):
    from newsvoices import corpus as corpus_module

    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(6):
        (folder / f"a{i}.txt").write_text(f"Article {i} says peace is near.", encoding="utf-8")
    monkeypatch.setattr(corpus_module, "PARALLEL_FILES", 5)
    monkeypatch.setattr(corpus_module.os, "cpu_count", lambda: cores)
    if env:
        monkeypatch.setenv("NEWSVOICES_NO_PROGRESS", env)
    corpus = nv.load_corpus(folder, progress=progress, cache=False)
    assert [a.id for a in corpus] == [f"a{i}" for i in range(6)]
    err = capsys.readouterr().err
    assert ("loading: 100%" in err and "6/6" in err) is shown, err
    monkeypatch.setattr(corpus_module, "PARALLEL_FILES", 7)  # fewer files than that: never a bar
    nv.load_corpus(folder, progress=True, cache=False)
    assert capsys.readouterr().err == ""


def test_without_processes_a_large_folder_is_read_in_this_one(tmp_path, monkeypatch, capsys):
    from newsvoices import corpus as corpus_module
    from newsvoices import parallel

    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(6):
        (folder / f"a{i}.txt").write_text(f"Article {i} says peace is near.", encoding="utf-8")
    expected = nv.load_corpus(folder, cache=False)

    class NoProcesses:
        def __init__(self, *args, **kwargs):
            raise PermissionError("no processes in this sandbox")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", NoProcesses)
    monkeypatch.setattr(corpus_module.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(corpus_module, "PARALLEL_FILES", 5)
    corpus = nv.load_corpus(folder, progress=True, cache=False)
    assert corpus.articles == expected.articles
    assert "6/6" in capsys.readouterr().err  # the bar starts again and counts each file once
