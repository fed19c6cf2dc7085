"""An archive analysed by tasks that read the files and write the tables themselves."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

import newsvoices as nv
from newsvoices import archive
from newsvoices.pipeline import Analysis

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


def test_each_table_is_a_parquet_dataset_any_reader_combines(tmp_path):
    # a part where a text column holds no value, beside one where it does: one schema still
    without = pd.DataFrame({"article": ["a", "b"], "affiliation": [None, None], "count": [1, 2]})
    with_value = pd.DataFrame({"article": ["c"], "affiliation": ["Iran"], "count": [3]})
    archive._write_part(without, tmp_path / "t" / "part-000000.parquet")
    archive._write_part(with_value, tmp_path / "t" / "part-000001.parquet")
    combined = pd.read_parquet(tmp_path / "t")  # the first part's schema: null would refuse "Iran"
    assert combined["article"].tolist() == ["a", "b", "c"]
    assert combined["affiliation"].isna().tolist() == [True, True, False]
    # read_archive reads each part back as it was written
    pd.testing.assert_frame_equal(archive._read_part(tmp_path / "t" / "part-000000.parquet"), without)
    pd.testing.assert_frame_equal(archive._read_part(tmp_path / "t" / "part-000001.parquet"), with_value)


def test_an_existing_output_is_kept_unless_overwrite(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError, match="overwrite=True"):
        nv.analyse_archive(SEEDS, out, workers=1, progress=False)
    assert (out / "mine.txt").read_text(encoding="utf-8") == "keep me"
    nv.analyse_archive(SEEDS, out, workers=1, overwrite=True, progress=False)
    assert not (out / "mine.txt").exists() and (out / "archive.json").is_file()


@pytest.mark.parametrize(("files", "slots", "size"), [(3, 1, 1), (10, 2, 2), (100_000, 2, 1000), (1, 4, 1),
                                                  (8_000, 2, 1000), (8_001, 2, 1000), (7_000, 2, 875)])
def test_the_default_batch_gives_every_worker_about_four_tasks(files, slots, size):
    assert archive.BATCH == 1000
    assert archive._batch_size(files, slots) == size


def test_a_failed_task_leaves_no_output(tmp_path, monkeypatch):
    def broken(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(archive, "_analyse_batch", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        nv.analyse_archive(SEEDS, tmp_path / "out", workers=1, progress=False)
    assert list(tmp_path.iterdir()) == []


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
