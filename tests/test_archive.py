"""An archive analysed by tasks that read the files and write the tables themselves."""

from __future__ import annotations

import dataclasses
import datetime
import json
import shutil
import time
import warnings
from pathlib import Path

import newsvoices as nv
import pandas as pd
import pytest
from newsvoices import archive
from newsvoices.parquet import table_schema, write_part
from newsvoices.records import Analysis

from .conftest import SEEDS
from .test_corpus import make_bad_folder


def _serial(source) -> tuple[nv.Corpus, Analysis]:
    corpus = nv.load_corpus(source, cache=False, progress=False)
    return corpus, nv.analyse(corpus, scheduler="serial", cache=False, progress=False)


def _same(got: Analysis, expected: Analysis) -> None:
    for name in Analysis.TABLES:
        pd.testing.assert_frame_equal(getattr(got, name), getattr(expected, name), check_exact=True, obj=name)


@pytest.fixture(scope="module")
def messy(tmp_path_factory):
    """Bad files, a duplicate pair, an id clash across subfolders, metadata and a non-article."""
    folder = make_bad_folder(tmp_path_factory.mktemp("messy") / "news")
    (folder / "huge.txt").unlink()  # its 150,000 sentences are the loader's test, not this one's
    shutil.copy(SEEDS / "001_b9e567d11cea352e.txt", folder / "iran.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "iran.txt").write_text("Kono said Japan wants calm. Abe agreed.", encoding="utf-8")
    (folder / "sub" / "zz.txt").write_text("Abe said peace is a must. Rouhani agreed.", encoding="utf-8")  # a copy
    (folder / "metadata.csv").write_text("id,title,date,source\nmarkup,Kono on peace,2019-12-20,Kyodo\n"
                                         "farsi,Rouhani,not a date,IRNA\n", encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    return folder


@pytest.mark.parametrize("batch", [1, 2, 1000])
def test_a_messy_folder_gives_the_load_report_and_tables_of_the_serial_path(messy, tmp_path, batch):
    corpus, expected = _serial(messy)
    run = nv.analyse_archive(messy, tmp_path / "out", workers=1, batch=batch, progress=False)
    pd.testing.assert_frame_equal(run.load_report, corpus.load_report, check_exact=True)
    assert set(run.load_report["status"]) == {"loaded", "skipped", "duplicate"}  # every kind is exercised
    assert "sub/iran" in set(corpus.load_report["id"])  # and the id clash
    _same(nv.read_archive(tmp_path / "out"), expected)
    assert run.parts["articles"].sum() == len(corpus)
    assert run.parts["statements"].sum() == len(expected.statements) > 0
    assert len(run.parts) == -(-sum(1 for f in messy.rglob("*.txt") if not f.name.startswith(".")) // batch)
    assert not list(tmp_path.glob("out.partial")), "the working folder is removed"
    assert not (tmp_path / "out" / "_staged").exists()


def test_files_tables_and_missing_paths_on_processes(tmp_path):
    jl = tmp_path / "wire.jsonl"
    jl.write_text(json.dumps({"id": "w1", "text": "Hatami said Iran seeks calm."}) + "\n{broken\n"
                  + json.dumps({"text": "Kono told reporters that Japan wants talks."}) + "\n", encoding="utf-8")
    source = [SEEDS, jl, tmp_path / "missing.txt", SEEDS / "002_51685c235f0e8719.txt"]
    corpus, expected = _serial(source)
    run = nv.analyse_archive(source, tmp_path / "out", workers=2, batch=2, progress=False)
    pd.testing.assert_frame_equal(run.load_report, corpus.load_report, check_exact=True)
    assert list(run.load_report["status"]).count("duplicate") == 1  # seed 002, given twice
    assert "file not found" in run.load_report.set_index("file").loc[str(tmp_path / "missing.txt"), "reason"]
    _same(nv.read_archive(tmp_path / "out"), expected)


def test_a_dask_cluster_gives_the_tables_of_the_serial_path(tmp_path):
    from dask.distributed import LocalCluster

    _, expected = _serial(SEEDS)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        run = nv.analyse_archive(SEEDS, tmp_path / "out", address=cluster.scheduler_address, batch=1, progress=False)
    assert list(run.parts["part"]) == [0, 1, 2]
    _same(nv.read_archive(tmp_path / "out"), expected)


@pytest.mark.filterwarnings("ignore:The inplace keyword in DataFrame.reset_index")  # inside dask, not ours
def test_the_parts_of_each_table_share_one_schema_that_any_reader_combines(messy, tmp_path):
    import dask.dataframe as dd
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    _, expected = _serial(messy)
    out = tmp_path / "out"
    run = nv.analyse_archive(messy, out, workers=1, batch=1, progress=False)
    assert (run.parts["articles"] == 0).any() and (run.parts["statements"] == 0).any()  # empty parts
    assert min(p.name for p in (out / "sentences").iterdir()) == "part-000000.parquet"
    for name in Analysis.TABLES:
        files = sorted((out / name).iterdir())
        assert len(files) == len(run.parts)
        for f in files:
            assert pq.read_schema(f).remove_metadata() == table_schema(name), (name, f.name)
        whole = ds.dataset(out / name).to_table()  # refuses parts whose schemas differ
        assert whole.num_rows == len(getattr(expected, name))
    sentences = pd.read_parquet(out / "sentences")
    assert sentences["start"].dtype == "int64" and sentences["start"].tolist() == expected.sentences["start"].tolist()
    lengths = dd.read_parquet(out / "sentences")
    assert (lengths["end"] - lengths["start"]).sum().compute() == (expected.sentences["end"] - expected.sentences["start"]).sum()


def test_the_schemas_hold_every_column_of_a_real_analysis():
    import pyarrow as pa

    _, result = _serial(SEEDS)
    for name in Analysis.TABLES:
        inferred = pa.Table.from_pandas(getattr(result, name), preserve_index=False).schema
        schema = table_schema(name)
        assert inferred.names == schema.names, name
        for field in inferred:  # a column with no value is inferred as null; text as (large) string
            expected = schema.field(field.name).type
            assert pa.types.is_null(field.type) or field.type == expected, (name, field.name, field.type)


def test_a_task_run_again_writes_the_same_parts(tmp_path):
    plan, _ = nv.corpus.plan_files(SEEDS, True)
    staged = str(tmp_path / "staged.parquet")
    records = archive._read_batch(plan, staged)
    ids = [r[3] for entry in records for r in entry if r[0] == "article"]
    for name in (*Analysis.TABLES, archive.CORPUS):
        (tmp_path / name).mkdir()
    registry = nv.load_actors(SEEDS / "actors.csv")
    first = archive._analyse_batch(staged, ids, str(tmp_path), 0, 1, registry)
    written = {f: f.read_bytes() for f in tmp_path.glob("*/part-*.parquet")}
    assert first == archive._analyse_batch(staged, ids, str(tmp_path), 0, 1, registry)  # as Dask may
    assert written == {f: f.read_bytes() for f in tmp_path.glob("*/part-*.parquet")}
    assert len(written) == len(Analysis.TABLES) + 1  # every table and the corpus


def test_an_existing_output_is_kept_unless_overwrite(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError, match="overwrite=True"):
        nv.analyse_archive(SEEDS, out, workers=1, progress=False)
    assert (out / "mine.txt").read_text(encoding="utf-8") == "keep me"
    with pytest.raises(FileExistsError, match="not an archive's tables"):  # overwrite replaces only an archive
        nv.analyse_archive(SEEDS, out, workers=1, overwrite=True, progress=False)
    assert (out / "mine.txt").read_text(encoding="utf-8") == "keep me"
    (out / "mine.txt").unlink()
    nv.analyse_archive(SEEDS, out, workers=1, overwrite=True, progress=False)  # an empty folder
    first = nv.read_archive(out).statements
    nv.analyse_archive(SEEDS, out, workers=1, batch=1, overwrite=True, progress=False)  # an archive
    pd.testing.assert_frame_equal(nv.read_archive(out).statements, first)
    assert len(list((out / "statements").iterdir())) == 3  # the new parts only
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    with pytest.raises(FileExistsError, match="is a file"):
        nv.analyse_archive(SEEDS, tmp_path / "file", workers=1, overwrite=True, progress=False)


@pytest.mark.parametrize("where", ["same", "inside", "above"])
def test_the_output_is_never_the_source_or_around_it(tmp_path, where):
    source = tmp_path / "news"
    shutil.copytree(SEEDS, source)
    out = {"same": source, "inside": source / "tables", "above": tmp_path}[where]
    with pytest.raises(ValueError, match="choose a folder outside them"):
        nv.analyse_archive(source, out, workers=1, overwrite=True, progress=False)
    if where != "inside":  # a file given by itself: only a folder that holds it is in the way
        with pytest.raises(ValueError, match="choose a folder outside them"):
            nv.analyse_archive([SEEDS / "002_51685c235f0e8719.txt", source / "000_a571ae5cbdec7a76.txt"], out,
                               workers=1, overwrite=True, progress=False)
    assert sorted(p.name for p in source.iterdir()) == sorted(p.name for p in SEEDS.iterdir())


def test_a_working_folder_is_replaced_only_when_it_is_ours(tmp_path):
    (tmp_path / "out.partial").mkdir()
    (tmp_path / "out.partial" / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError, match="in the way"):
        nv.analyse_archive(SEEDS, tmp_path / "out", workers=1, progress=False)
    assert (tmp_path / "out.partial" / "mine.txt").is_file()
    shutil.rmtree(tmp_path / "out.partial")
    (tmp_path / "out.partial" / "articles").mkdir(parents=True)  # left by a run that was stopped
    (tmp_path / "out.partial" / archive._MARK).touch()
    nv.analyse_archive(SEEDS, tmp_path / "out", workers=1, progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def _fail_first(staged, ids, folder, part, parts, registry):
    """A task for the process pool (importable there): the first fails, the others take a while."""
    (Path(folder).parents[1] / f"started-{part}").touch()  # beside <out>.partial/<run>
    if part == 0:
        raise RuntimeError("disk full")
    time.sleep(0.5)


def test_a_failed_task_stops_the_tasks_not_started(messy, tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "_analyse_batch", _fail_first)  # the pool's processes are forked from here
    with pytest.raises(RuntimeError, match="disk full"):
        nv.analyse_archive(messy, tmp_path / "work" / "out", workers=2, batch=1, progress=False)
    started = len(list((tmp_path / "work").glob("started-*")))
    assert 1 <= started < 12  # of 12 tasks: those queued when part 0 failed, not all
    assert sorted(p.name for p in (tmp_path / "work").iterdir() if not p.name.startswith("started-")) == []


def test_overwrite_replaces_an_archive_only_if_nothing_else_is_in_it(tmp_path):
    out = tmp_path / "project"
    out.mkdir()
    (out / "archive.json").write_text("{}", encoding="utf-8")  # not ours
    (out / "thesis.tex").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError, match="not an archive's tables"):
        nv.analyse_archive(SEEDS, out, workers=1, overwrite=True, progress=False)
    nv.analyse_archive(SEEDS, tmp_path / "tables", workers=1, progress=False)
    (tmp_path / "tables" / "notes.txt").write_text("mine too", encoding="utf-8")  # ours, with a file added
    with pytest.raises(FileExistsError, match="not an archive's tables"):
        nv.analyse_archive(SEEDS, tmp_path / "tables", workers=1, overwrite=True, progress=False)
    assert (out / "thesis.tex").is_file() and (tmp_path / "tables" / "notes.txt").is_file()


def test_a_run_stopped_between_the_renames_keeps_the_old_archive(tmp_path, monkeypatch):
    out = tmp_path / "out"
    nv.analyse_archive(SEEDS, out, workers=1, progress=False)
    before = nv.read_archive(out)
    rename = Path.rename

    def stop_at_the_second(self, target):
        if Path(target) == out and self.name != "previous":
            raise KeyboardInterrupt  # the old archive has just been moved aside
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", stop_at_the_second)
    with pytest.raises(KeyboardInterrupt):
        nv.analyse_archive(SEEDS, out, workers=1, batch=1, overwrite=True, progress=False)
    monkeypatch.setattr(Path, "rename", rename)
    _same(nv.read_archive(out), before)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_nothing_inside_an_unfinished_runs_working_folder_is_used(tmp_path):
    work = tmp_path / "r.partial"  # left by a run that was killed
    work.mkdir()
    (work / archive._MARK).touch()
    shutil.copytree(SEEDS, work / "articles")
    with pytest.raises(archive.OutputFolderError, match="working folder of an unfinished"):
        nv.analyse_archive(work / "articles", tmp_path / "r", workers=1, progress=False)
    with pytest.raises(archive.OutputFolderError, match="working folder of an unfinished"):
        nv.analyse_archive(SEEDS, work / "mine", workers=1, progress=False)
    assert sorted(p.name for p in (work / "articles").iterdir()) == sorted(p.name for p in SEEDS.iterdir())


def test_the_current_folder_or_nothing_is_no_output_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for out in ("", ".", tmp_path.parent):
        with pytest.raises(archive.OutputFolderError):
            nv.analyse_archive(SEEDS, out, workers=1, overwrite=True, progress=False)
    assert list(tmp_path.iterdir()) == []


def test_folders_made_for_a_failed_run_are_removed(tmp_path):
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "empty.txt").write_bytes(b"")
    with pytest.raises(nv.CorpusError):
        nv.analyse_archive(tmp_path / "bad", tmp_path / "new" / "deep" / "out", workers=1, progress=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad"]
    nv.analyse_archive(SEEDS, tmp_path / "new" / "deep" / "out", workers=1, progress=False)
    assert (tmp_path / "new" / "deep" / "out" / "archive.json").is_file()


def test_a_late_task_of_an_earlier_run_cannot_write_into_the_next(tmp_path):
    work = tmp_path / "out.partial"
    first = archive._working_folder(work)
    (first / "words").mkdir()
    second = archive._working_folder(work)  # the next run: the earlier one's folder is gone
    assert second != first and not first.exists()
    frame = pd.DataFrame({"article": ["a"], "term": ["peace"], "lemma": ["peace"], "count": [1]})
    with pytest.raises(OSError):
        write_part(frame, "words", first / "words" / "part-000000.parquet")
    assert not first.exists() and sorted(p.name for p in second.parent.iterdir()) == sorted(
        [archive._MARK, second.name])


def test_a_failed_task_in_this_process_leaves_no_output(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "_analyse_batch", _fail_first)
    with pytest.raises(RuntimeError, match="disk full"):
        nv.analyse_archive(SEEDS, tmp_path / "work" / "out", workers=1, batch=1, progress=False)
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == ["started-0"]  # the others never start


@pytest.mark.parametrize(("files", "slots", "size"), [(3, 1, 1), (10, 2, 2), (100_000, 2, 1000), (1, 4, 1),
                                                  (8_000, 2, 1000), (8_001, 2, 1000), (7_000, 2, 875)])
def test_the_default_batch_gives_every_worker_about_four_tasks(files, slots, size):
    assert archive.BATCH == 1000
    assert archive._batch_size(files, slots) == size


def test_part_names_sort_in_corpus_order_however_many():
    assert archive._part_name(5, 10) == "part-000005.parquet"
    names = [archive._part_name(k, 1_000_001) for k in (0, 9, 10, 999_999, 1_000_000)]
    assert names == sorted(names) and names[0] == "part-0000000.parquet"


def test_bad_sources_and_folders_are_named(tmp_path):
    with pytest.raises(nv.CorpusError, match="no such file"):
        nv.analyse_archive(tmp_path / "nowhere", tmp_path / "out", workers=1, progress=False)
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "empty.txt").write_bytes(b"")
    with pytest.raises(nv.CorpusError, match="empty.txt"):
        nv.analyse_archive(tmp_path / "bad", tmp_path / "out", workers=1, progress=False)
    assert not (tmp_path / "out").exists() and not (tmp_path / "out.partial").exists()
    with pytest.raises(FileNotFoundError, match="archive.json"):
        nv.read_archive(tmp_path / "bad")
    with pytest.raises(ValueError, match="batch=0"):
        nv.analyse_archive(SEEDS, tmp_path / "out", batch=0)


def test_the_command_line_writes_an_archive(tmp_path, capsys):
    from newsvoices.cli import main

    assert main(["archive", str(SEEDS), str(tmp_path / "out"), "--workers", "1", "--batch", "5", "--quiet"]) == 0
    assert capsys.readouterr().out.startswith(f"{tmp_path / 'out'}: 1 part; 3 articles, ")  # one batch
    assert len(nv.read_archive(tmp_path / "out").articles) == 3
    assert main(["archive", str(SEEDS), str(tmp_path / "out"), "--quiet"]) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert main(["archive", str(SEEDS), str(tmp_path / "out2"), "--workers", "1", "--quiet"]) == 0
    assert capsys.readouterr().out.startswith(f"{tmp_path / 'out2'}: 3 parts; 3 articles, ")  # 4 tasks a worker
    assert main(["archive", str(SEEDS), str(tmp_path / "out3"), "--batch", "0", "--quiet"]) == 2
    assert "--batch 0" in capsys.readouterr().err
    assert main(["archive", str(SEEDS), str(tmp_path / "out3"), "--workers", "0", "--quiet"]) == 2
    assert "--workers 0" in capsys.readouterr().err
    for args, said in [([str(SEEDS / "tables")], "choose a folder outside them"),
                       ([str(tmp_path / "out4"), "--actors", str(tmp_path / "nope.csv")], "nope.csv"),
                       ([str(tmp_path / "out5"), "--address", "bogus://x"], "cannot reach the Dask scheduler")]:
        assert main(["archive", str(SEEDS), *args, "--quiet"]) == 2
        err = capsys.readouterr().err
        assert err.startswith("newsvoices: error: ") and said in err and len(err.splitlines()) == 1, err


# ---------------------------------------------------------------- opening an archive as a corpus


def test_load_corpus_opens_an_archive_as_its_source_and_analyse_reads_its_tables(messy, tmp_path):
    corpus, expected = _serial(messy)
    nv.analyse_archive(messy, tmp_path / "out", workers=1, batch=2, progress=False)
    opened = nv.load_corpus(tmp_path / "out")
    assert opened.articles == corpus.articles  # ids as settled, texts, metadata, paragraphs, sentences
    pd.testing.assert_frame_equal(opened.load_report, corpus.load_report, check_exact=True)
    assert opened.archive == tmp_path / "out" and opened.root == messy.resolve()
    got = nv.analyse(opened, progress=False)
    assert got.from_cache, "the archive's tables are read, not computed again"
    _same(got, expected)
    assert not (tmp_path / "out" / ".newsvoices-cache").exists() and not (messy / ".newsvoices-cache").exists()


def test_an_archive_analysed_with_another_registry_or_changed_is_analysed_afresh(tmp_path):
    nv.analyse_archive(SEEDS, tmp_path / "out", workers=1, progress=False)
    opened = nv.load_corpus(tmp_path / "out")
    empty = nv.ActorRegistry()
    with pytest.warns(UserWarning, match="another actor registry"):
        got = nv.analyse(opened, empty, scheduler="serial", progress=False)
    assert not got.from_cache
    _same(got, nv.analyse(nv.load_corpus(SEEDS, cache=False), empty, scheduler="serial", cache=False, progress=False))
    assert not nv.analyse(opened, scheduler="serial", cache=False, progress=False).from_cache  # asked for: no warning
    opened.articles.pop()  # no longer the archive's articles: its tables would not match
    with pytest.warns(UserWarning, match="no longer holds the archive's articles"):
        fewer = nv.analyse(opened, scheduler="serial", progress=False)
    assert not fewer.from_cache and fewer.articles["id"].tolist() == [a.id for a in opened]


@pytest.mark.parametrize("change", ["text", "date"])
def test_an_article_edited_under_the_same_id_is_analysed_afresh(tmp_path, change):
    nv.analyse_archive(SEEDS, tmp_path / "out", workers=1, batch=2, progress=False)
    opened = nv.load_corpus(tmp_path / "out")
    first = opened.articles[0]
    if change == "text":
        edited = nv.Article.from_text(first.id, first.text.replace("Iran", "Japan"), title=first.title,
                                      date=first.date, source=first.source)
    else:
        edited = dataclasses.replace(first, date=datetime.date(2001, 1, 1))
    opened.articles[0] = edited
    with pytest.warns(UserWarning, match="no longer holds the archive's articles as they were analysed"):
        got = nv.analyse(opened, scheduler="serial", progress=False)
    assert not got.from_cache
    _same(got, nv.analyse(opened, scheduler="serial", cache=False, progress=False))


def test_an_archive_keeps_the_registry_it_was_made_with(tmp_path):
    elsewhere = tmp_path / "registries" / "mine.csv"
    elsewhere.parent.mkdir()
    shutil.copy(SEEDS / "actors.csv", elsewhere)
    source = tmp_path / "news"
    shutil.copytree(SEEDS, source, ignore=shutil.ignore_patterns("actors.csv", ".*"))
    nv.analyse_archive(source, tmp_path / "out", elsewhere, workers=1, progress=False)
    elsewhere.unlink()  # the archive's copy is used, not the source's (none) nor the file given
    got = nv.analyse(nv.load_corpus(tmp_path / "out"), progress=False)
    assert got.from_cache
    _same(got, nv.analyse(nv.load_corpus(source, cache=False), SEEDS / "actors.csv", scheduler="serial",
                          cache=False, progress=False))
    # made with no registry beside a source that has one: opened, it still means none
    nv.analyse_archive(SEEDS, tmp_path / "bare", nv.ActorRegistry(), workers=1, progress=False)
    assert not (tmp_path / "bare" / archive.ACTORS).exists()
    assert nv.analyse(nv.load_corpus(tmp_path / "bare"), progress=False).from_cache


def test_an_archive_opened_by_a_relative_path_is_found_from_anywhere(tmp_path, monkeypatch):
    nv.analyse_archive(SEEDS, tmp_path / "out", workers=1, progress=False)
    monkeypatch.chdir(tmp_path)
    opened = nv.load_corpus("out")
    monkeypatch.chdir(SEEDS)
    assert nv.analyse(opened, progress=False).from_cache


def test_an_archive_as_the_only_item_of_a_list_opens_as_the_archive(tmp_path):
    nv.analyse_archive(SEEDS, tmp_path / "out", workers=1, progress=False)
    alone = nv.load_corpus(tmp_path / "out")
    listed = nv.load_corpus([tmp_path / "out"])
    assert listed.archive == alone.archive == tmp_path / "out"
    assert listed.articles == alone.articles and listed.origin == alone.origin
    assert nv.analyse(listed, progress=False).from_cache


def test_an_archive_listed_twice_opens_as_the_archive(tmp_path, monkeypatch):
    nv.analyse_archive(SEEDS, tmp_path / "out", workers=1, progress=False)
    monkeypatch.chdir(tmp_path)
    twice = nv.load_corpus(p for p in ["out", tmp_path / "out"])  # a generator, str and Path
    assert twice.archive == tmp_path / "out" and len(twice) == 3


@pytest.mark.parametrize("first", [True, False])
def test_an_archive_listed_with_other_paths_is_refused_by_name(tmp_path, first):
    nv.analyse_archive(SEEDS, tmp_path / "out", workers=1, progress=False)
    paths = [tmp_path / "out", SEEDS / "000_a571ae5cbdec7a76.txt"]
    with pytest.raises(nv.CorpusError) as error:
        nv.load_corpus(paths if first else paths[::-1])
    message = str(error.value)
    assert message.startswith(f"{tmp_path / 'out'}: the output of `newsvoices archive` (analyse_archive) cannot be")
    assert f"load_corpus({str(tmp_path / 'out')!r})" in message
    # a folder that merely holds an archive is read as articles: its Parquet files are listed as skipped
    (tmp_path / "more").mkdir()
    shutil.copy(SEEDS / "000_a571ae5cbdec7a76.txt", tmp_path / "more")
    shutil.copytree(tmp_path / "out", tmp_path / "more" / "out")
    corpus = nv.load_corpus([tmp_path / "more"], cache=False, progress=False)
    assert len(corpus) == 1 and corpus.archive is None
    kept = sorted(p.relative_to(tmp_path / "more") for p in (tmp_path / "more" / "out").rglob("*")
                  if p.is_file() and p.name != "actors.csv")  # a registry beside articles is no article to report
    assert sorted(Path(f).relative_to(tmp_path / "more") for f in corpus.skipped["file"]) == kept


def test_a_damaged_table_of_an_archive_is_analysed_afresh_with_a_warning(tmp_path):
    nv.analyse_archive(SEEDS, tmp_path / "out", workers=1, batch=2, progress=False)
    opened = nv.load_corpus(tmp_path / "out")
    min((tmp_path / "out" / "statements").iterdir()).unlink()
    with pytest.warns(UserWarning, match=r"part-000000\.parquet.*--overwrite"):
        got = nv.analyse(opened, scheduler="serial", progress=False)
    assert not got.from_cache
    _same(got, nv.analyse(opened, scheduler="serial", cache=False, progress=False))


def test_a_folder_with_an_archive_json_of_its_own_is_read_as_articles(tmp_path):
    folder = tmp_path / "news"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns(".*"))
    (folder / "archive.json").write_text('{"items": []}', encoding="utf-8")
    corpus = nv.load_corpus(folder, cache=False, progress=False)
    assert len(corpus) == 3 and corpus.archive is None


def test_an_archive_without_its_articles_says_to_run_it_again(tmp_path):
    nv.analyse_archive(SEEDS, tmp_path / "out", workers=1, batch=2, progress=False)
    part = min((tmp_path / "out" / archive.CORPUS).iterdir())
    part.write_bytes(part.read_bytes()[:100])  # cut short
    with pytest.raises(nv.CorpusError, match=rf"part-000000\.parquet: cannot be read.*archive {SEEDS.resolve()} .*--overwrite"):
        nv.load_corpus(tmp_path / "out")
    shutil.rmtree(tmp_path / "out" / archive.CORPUS)  # as written before archives kept their articles
    with pytest.raises(nv.CorpusError, match="earlier version of newsvoices.*newsvoices archive .* --overwrite"):
        nv.load_corpus(tmp_path / "out")


def test_an_archive_missing_a_part_of_a_table_is_analysed_afresh(tmp_path):
    nv.analyse_archive(SEEDS, tmp_path / "out", workers=1, batch=1, progress=False)
    opened = nv.load_corpus(tmp_path / "out")
    (tmp_path / "out" / "articles" / "part-000001.parquet").unlink()  # an incomplete copy of the archive
    with pytest.warns(UserWarning, match=r"articles: holds 2 of the archive's 3 parts \(first difference: part-000001"):
        got = nv.analyse(opened, scheduler="serial", progress=False)
    assert not got.from_cache and len(got.articles) == 3
    _same(got, nv.analyse(opened, scheduler="serial", cache=False, progress=False))


@pytest.mark.parametrize("how", ["built in memory", "changed after reading"])
def test_an_archive_keeps_a_registry_that_has_no_file_of_its_own(tmp_path, how):
    source = tmp_path / "news"
    shutil.copytree(SEEDS, source, ignore=shutil.ignore_patterns("actors.csv", ".*"))
    read = nv.load_actors(SEEDS / "actors.csv")
    actors = read.actors[1:] if how == "changed after reading" else read.actors
    registry = dataclasses.replace(read, actors=actors) if how == "changed after reading" else nv.ActorRegistry(actors)
    nv.analyse_archive(source, tmp_path / "out", registry, workers=1, progress=False)
    opened = nv.load_corpus(tmp_path / "out")
    assert nv.actor_registry(opened).actors == registry.actors
    got = nv.analyse(opened, progress=False)
    assert got.from_cache
    _same(got, nv.analyse(nv.load_corpus(source, cache=False), registry, scheduler="serial", cache=False,
                          progress=False))


def test_a_malformed_archive_json_gives_a_warning_not_a_crash(tmp_path):
    nv.analyse_archive(SEEDS, tmp_path / "out", workers=1, progress=False)
    opened = nv.load_corpus(tmp_path / "out")
    meta = json.loads((tmp_path / "out" / "archive.json").read_text(encoding="utf-8"))
    meta["part_articles"] = ["2", None, 1.5]
    (tmp_path / "out" / "archive.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.warns(UserWarning, match="no longer holds the archive's articles"):
        assert not nv.analyse(opened, scheduler="serial", progress=False).from_cache


def test_the_warning_is_given_once_then_the_cache_answers(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSVOICES_CACHE", str(tmp_path / "cache"))
    nv.analyse_archive(SEEDS, tmp_path / "out", workers=1, progress=False)
    opened = nv.load_corpus(tmp_path / "out")
    with pytest.warns(UserWarning, match="another actor registry"):
        nv.analyse(opened, nv.ActorRegistry(), scheduler="serial", progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert nv.analyse(opened, nv.ActorRegistry(), scheduler="serial", progress=False).from_cache


def test_a_registry_that_cannot_be_kept_is_said_and_the_source_s_is_used(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "load_actors", lambda path: nv.ActorRegistry())  # no copy reads back the same
    with pytest.warns(UserWarning, match=r"actors\.csv cannot be kept in the archive.*pass it again"):
        nv.analyse_archive(SEEDS, tmp_path / "out", workers=1, progress=False)
    assert not (tmp_path / "out" / archive.ACTORS).exists()
    assert json.loads((tmp_path / "out" / "archive.json").read_text(encoding="utf-8"))["registry_file"] is None
    monkeypatch.undo()
    assert nv.analyse(nv.load_corpus(tmp_path / "out"), progress=False).from_cache  # SEEDS/actors.csv, as for a folder


def test_an_archive_is_analysed_again_from_its_own_articles(messy, tmp_path):
    nv.analyse_archive(messy, tmp_path / "a", workers=1, batch=2, progress=False)
    empty = nv.ActorRegistry()
    run = nv.analyse_archive(tmp_path / "a", tmp_path / "b", empty, workers=1, progress=False)
    corpus = nv.load_corpus(messy, cache=False, progress=False)
    pd.testing.assert_frame_equal(run.load_report, corpus.load_report, check_exact=True)  # the first run's report
    assert len(run.parts) == len(list((tmp_path / "a" / archive.CORPUS).iterdir()))  # its parts kept
    _same(nv.read_archive(tmp_path / "b"), nv.analyse(corpus, empty, scheduler="serial", cache=False, progress=False))
    assert nv.load_corpus(tmp_path / "b").articles == corpus.articles
    # without a registry: the one the archive was made with, so the same tables
    nv.analyse_archive(tmp_path / "a", tmp_path / "c", workers=1, progress=False)
    _same(nv.read_archive(tmp_path / "c"), nv.read_archive(tmp_path / "a"))
    with pytest.raises(archive.OutputFolderError):  # never over its own source
        nv.analyse_archive(tmp_path / "a", tmp_path / "a", overwrite=True, workers=1, progress=False)
    shutil.rmtree(tmp_path / "a" / archive.CORPUS)
    with pytest.raises(nv.CorpusError, match="earlier version of newsvoices"):
        nv.analyse_archive(tmp_path / "a", tmp_path / "d", workers=1, progress=False)
    assert not (tmp_path / "d").exists()


def test_a_source_archive_that_does_not_hold_what_it_wrote_is_refused(tmp_path):
    nv.analyse_archive(SEEDS, tmp_path / "a", workers=1, batch=1, progress=False)
    first, second = sorted((tmp_path / "a" / archive.CORPUS).iterdir())[:2]
    first.rename(tmp_path / "x")
    second.rename(first)
    (tmp_path / "x").rename(second)  # two parts swapped: the same articles in another order
    with pytest.raises(nv.CorpusError, match="not the articles the archive wrote"):
        nv.analyse_archive(tmp_path / "a", tmp_path / "b", workers=1, progress=False)
    assert not (tmp_path / "b").exists()
    data = bytearray(first.read_bytes())
    data[data.index(b"said")] ^= 0xFF  # a damaged page of text
    first.write_bytes(bytes(data))
    with pytest.raises(nv.CorpusError, match=r"part-000000\.parquet: cannot be read .*--overwrite"):
        nv.analyse_archive(tmp_path / "a", tmp_path / "b", workers=1, progress=False)


def test_a_source_archive_without_its_registry_needs_it_passed(tmp_path):
    nv.analyse_archive(SEEDS, tmp_path / "a", workers=1, progress=False)
    meta = json.loads((tmp_path / "a" / "archive.json").read_text(encoding="utf-8"))
    meta["registry_file"] = None  # as an archive that could not keep its registry, beside a source without one
    (tmp_path / "a" / "archive.json").write_text(json.dumps(meta), encoding="utf-8")
    (tmp_path / "a" / archive.ACTORS).unlink()
    meta["root"] = str(tmp_path)
    (tmp_path / "a" / "archive.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(nv.CorpusError, match="registry it was made with is not kept in it; pass"):
        nv.analyse_archive(tmp_path / "a", tmp_path / "b", workers=1, progress=False)
    with pytest.warns(UserWarning, match="batch=5 is not used"):
        nv.analyse_archive(tmp_path / "a", tmp_path / "b", SEEDS / "actors.csv", batch=5, workers=1, progress=False)
    _same(nv.read_archive(tmp_path / "b"), nv.read_archive(tmp_path / "a"))
