"""Word frequency: tokens, counts, n-grams, keyness, KWIC, collocations, dispersion, CLI, charts.

Seed counts below were checked outside the library, by reading the three articles in `seeds/`
and with grep, e.g. ``grep -o -w "Iran" seeds/*.txt | sort | uniq -c`` (grep's ``-w`` treats
the curly apostrophe as a word boundary, so ``Iran’s`` counts as ``Iran``, like the library,
while ``Iranian`` does not). Article 000 is the Rouhani–Abe phone call, 001 the Hatami–Kono
call, 002 Rouhani's visit to Tokyo.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import newsvoices as nv  # noqa: E402
from newsvoices import words as W  # noqa: E402
from newsvoices.cli import main  # noqa: E402

from .conftest import SEEDS  # noqa: E402

A000, A001, A002 = "000_a571ae5cbdec7a76", "001_b9e567d11cea352e", "002_51685c235f0e8719"


def corpus_of(*texts: str) -> nv.Corpus:
    return nv.Corpus([nv.Article.from_text(f"a{i}", t) for i, t in enumerate(texts)])


@pytest.fixture(scope="module")
def by_article(seeds) -> pd.DataFrame:
    return W.term_frequencies(seeds, by="article")


def count_in(frame: pd.DataFrame, article: str, term: str) -> int:
    hit = frame[(frame["article"] == article) & (frame["term"] == term)]
    return int(hit["count"].sum())


# --------------------------------------------------------------------------------------------
# tokens and normalisation


@pytest.mark.parametrize(
    "token, norm",
    [
        ("Japan’s", "japan"), ("Japan's", "japan"),  # possessive, curly and straight
        ("IAEA’s", "IAEA"), ("IAEA", "IAEA"),  # acronyms keep their capitals
        ("U.S.", "US"), ("US", "US"), ("us", "us"),  # U.S. and US are one term; "us" is not
        ("U.N.", "UN"), ("e.g.", "e.g."),
        ("Sanctions", "sanctions"), ("can’t", "can't"), ("Self-Defense", "self-defense"),
        ("COVID-19", "COVID-19"), ("250,000", "250,000"),
    ],
)
def test_normalise_token(token, norm):
    assert W.normalise_token(token) == norm


def test_tokens_columns_offsets_and_word_counts(seeds):
    tok = W.tokens(seeds)
    assert list(tok.columns) == W.TOKEN_COLUMNS
    # the same count of words as Corpus.to_frame() (and test_cli's 609 for article 002)
    assert tok.groupby("article").size().to_dict() == {A000: 342, A001: 390, A002: 609}
    texts = {a.id: a.text for a in seeds}
    assert all(texts[r.article][r.start : r.end] == r.token for r in tok.itertuples())
    # "the" occurs 106 times (grep -o -w -i the seeds/*.txt | wc -l) and is a stop word
    assert (tok["norm"] == "the").sum() == 106 and tok.loc[tok["norm"] == "the", "is_stop"].all()


def test_tokens_stop_words_numbers_and_lemmas():
    c = corpus_of("Japan’s officials stressed the U.S. sanctions in 2019, told Tuesday.")
    tok = W.tokens(c, lemma=True).set_index("token")
    assert tok.loc["officials", "lemma"] == "official" and tok.loc["stressed", "lemma"] == "stress"
    assert tok.loc["officials", "term"] == "official"
    assert tok.loc[["the", "in", "2019", "told", "Tuesday"], "is_stop"].all()  # library, number, extra list
    assert not tok.loc[["Japan’s", "U.S.", "sanctions"], "is_stop"].any()
    kept = W.tokens(c, stopwords=False)
    assert list(kept["norm"]) == ["japan", "officials", "stressed", "US", "sanctions"]
    assert list(W.tokens(c)["term"])[:3] == ["japan", "officials", "stressed"]  # lemma=False: norm


def test_names_inside_a_sentence_are_not_lemmatised():
    c = corpus_of("He met the United States envoy. Sanctions hurt.")
    tok = W.tokens(c).set_index("token")
    assert tok.loc["United", "lemma"] == "united" and tok.loc["States", "lemma"] == "states"
    assert tok.loc["Sanctions", "lemma"] == "sanction"  # sentence-initial capital: lemmatised


def test_stop_word_list_is_the_library_list_plus_extra_minus_keep():
    from stop_words import get_stop_words

    stops = W.stop_word_list()
    assert set(get_stop_words("en")) - W.KEEP_WORDS <= stops
    assert W.EXTRA_STOP_WORDS <= stops and not (W.KEEP_WORDS & stops)
    assert "states" not in stops and "world" not in stops and "told" in stops
    assert "told" not in W.stop_word_list(extra=()) and "states" in W.stop_word_list(keep=())


# --------------------------------------------------------------------------------------------
# counts on the seeds


@pytest.mark.parametrize(
    "term, counts",
    [
        # grep -o -w Iran: 000 5 (to Iran / Iran will / on Iran / describing Iran / on Iran),
        # 001 5 (one of them Iran’s), 002 7 (two of them Iran’s)
        ("iran", (5, 5, 7)),
        # grep -o -w Japan: 000 2, 001 5 (two Japan’s), 002 6 (one Japan’s); "Japanese" apart
        ("japan", (2, 5, 6)),
        # grep -o -w sanctions: 000 1, 001 0, 002 5
        ("sanctions", (1, 0, 5)),
        # grep -o -E "\bU\.?S\.?\b": 000 "US" 4, 001 "US" 1, 002 "U.S." 6 (U.S.-imposed twice,
        # U.S.-led, U.S. sanctions, the U.S. ended, U.S. President)
        ("US", (4, 1, 6)),
    ],
)
def test_seed_counts_per_article(by_article, term, counts):
    assert tuple(count_in(by_article, a, term) for a in (A000, A001, A002)) == counts


def test_seed_corpus_totals_and_rate(seeds):
    freq = W.term_frequencies(seeds)
    assert list(freq.columns) == ["term", "count", "per_1000"]
    row = freq.set_index("term").loc["iran"]
    assert row["count"] == 17 and row["per_1000"] == pytest.approx(1000 * 17 / 1341, abs=0.01)
    assert freq.iloc[0]["term"] == "iran"  # the most frequent content word
    assert (freq["count"].diff().dropna() <= 0).all()  # sorted by count


def test_stop_words_and_punctuation_and_numbers_are_not_counted(seeds):
    terms = set(W.term_frequencies(seeds)["term"])
    assert not terms & {"the", "of", "and", "said", "added", "told", "us", "2015", "250,000", "80"}
    assert all(any(ch.isalpha() for ch in t) for t in terms)  # no punctuation-only or number terms
    assert {"US", "IAEA", "UN", "states", "world"} <= terms


def test_lemmas_merge_on_the_seeds(seeds):
    plain = W.term_frequencies(seeds).set_index("term")["count"]
    lemmas = W.term_frequencies(seeds, lemma=True).set_index("term")["count"]
    # officials: 000 2 + 002 3; official: 002 5 (an official said / the official added /
    # the Japanese official / the official, who spoke / the official said)
    assert plain["officials"] == 5 and plain["official"] == 5 and lemmas["official"] == 10
    # stressed 3 + stressing 1, all in 000
    assert plain["stressed"] == 3 and plain["stressing"] == 1 and lemmas["stress"] == 4
    assert "officials" not in lemmas and "stressed" not in lemmas


def test_ngrams_that_must_appear(seeds):
    bi = W.term_frequencies(seeds, ngram=2).set_index("term")["count"]
    tri = W.term_frequencies(seeds, ngram=3).set_index("term")["count"]
    assert bi["bilateral cooperation"] == 2  # both in 000
    assert bi["maximum pressure"] == 1  # "illegal maximum pressure" in 000
    assert bi["crude oil"] == 3  # 001 once, 002 twice
    assert bi["prime minister"] == 4  # incl. "Prime Minister’s Office"
    assert bi["united states"] == 1
    assert tri["strait of hormuz"] == 2  # stop word inside is fine (001, twice)
    assert tri["US imposed sanctions"] == 1  # U.S.-imposed: a hyphen joins


def test_ngrams_that_must_not_appear(seeds):
    bi = set(W.term_frequencies(seeds, ngram=2)["term"])
    tri = set(W.term_frequencies(seeds, ngram=3)["term"])
    assert "peace tranquility" not in bi  # "peace, tranquility": a comma breaks the run
    assert "obama iran" not in bi  # "... Barack Obama. Iran maintains": sentence boundary
    assert "of the" not in bi and "in the region" not in tri  # stop-word runs / stop-word edges
    for term in bi | tri:
        first, last = term.split()[0], term.split()[-1]
        assert first not in W.stop_word_list() and last not in W.stop_word_list(), term


def test_ngrams_on_a_hand_made_text():
    c = corpus_of("Talks stalled in Tokyo. Oil prices rose in the Strait of Hormuz, Iran warned “oil” — prices.")
    counts = W.term_frequencies(c, ngram=2).set_index("term")["count"]
    bi = set(counts.index)
    tri = set(W.term_frequencies(c, ngram=3)["term"])
    assert "talks stalled" in bi
    assert "tokyo oil" not in bi  # across a sentence boundary
    assert "hormuz iran" not in bi and "warned oil" not in bi  # across a comma, a quote
    assert counts["oil prices"] == 1  # “oil” — prices: a quote and a dash break the run
    assert "strait of hormuz" in tri and "the strait of" not in tri
    assert "rose in the" not in tri  # ends with a stop word


def test_by_article_top_and_errors(seeds):
    top = W.term_frequencies(seeds, by="article", top=3)
    assert list(top.columns) == ["article", "term", "count", "per_1000"]
    assert top.groupby("article").size().tolist() == [3, 3, 3]
    assert top[top["article"] == A002].iloc[0]["term"] == "abe"  # Abe 9 times in 002
    with pytest.raises(ValueError, match="by must be"):
        W.term_frequencies(seeds, by="sentence")
    with pytest.raises(ValueError, match="ngram"):
        W.term_frequencies(seeds, ngram=0)


def test_overriding_the_stop_word_list(seeds):
    freq = W.term_frequencies(seeds, stop_list=W.stop_word_list(extra={"iran", "US"}))
    assert "iran" not in set(freq["term"]) and "US" not in set(freq["term"])
    assert "the" in set(W.term_frequencies(seeds, stop_list=[])["term"])


# --------------------------------------------------------------------------------------------
# keyness and TF-IDF


def test_keyness_on_a_hand_made_corpus_where_the_answer_is_known():
    # a0: oil 4, talks 1, peace 1 (6 words); a1: peace 4, talks 1, sanctions 1 (6 words)
    c = corpus_of("Oil oil oil oil talks peace.", "Peace peace peace peace talks sanctions.")
    key = W.keyness(c, min_count=1)
    a0 = key[key["article"] == "a0"].set_index("term")
    a1 = key[key["article"] == "a1"].set_index("term")
    assert list(a0.index) == ["oil", "talks", "peace"]  # over-used first, then under-used
    assert list(a1.index) == ["peace", "sanctions", "talks"]
    # oil: a=4 of c=6, b=0 of d=6 -> E1 = 2, G2 = 2*4*ln(4/2) = 8 ln 2; LR = log2((4/6)/(0.5/6)) = 3
    assert a0.loc["oil", "log_likelihood"] == pytest.approx(8 * math.log(2))
    assert a0.loc["oil", "log_ratio"] == pytest.approx(3.0)
    assert a0.loc["oil", "p_value"] == pytest.approx(math.erfc(math.sqrt(4 * math.log(2))))
    # talks: 1 vs 1 in equal halves -> no difference
    assert a0.loc["talks", "log_likelihood"] == pytest.approx(0.0)
    assert a0.loc["talks", "log_ratio"] == pytest.approx(0.0)
    # peace in a1: 4 vs 1 -> E = 2.5 each; G2 = 2*(4 ln(4/2.5) + ln(1/2.5)); LR = log2(4) = 2
    assert a1.loc["peace", "log_likelihood"] == pytest.approx(2 * (4 * math.log(1.6) + math.log(0.4)))
    assert a1.loc["peace", "log_ratio"] == pytest.approx(2.0)
    assert a0.loc["peace", "log_ratio"] < 0
    assert list(W.keyness(c, "a1", min_count=1)["article"].unique()) == ["a1"]
    with pytest.raises(KeyError, match="no article"):
        W.keyness(c, "nope")


def test_keyness_on_the_seeds(seeds):
    key = W.keyness(seeds)
    assert list(key.columns) == W.KEYNESS_COLUMNS
    firsts = key.groupby("article").head(1).set_index("article")["term"].to_dict()
    # coronavirus only in 000 (4x), defense only in 001 (6x), nuclear only in 002 (7x)
    assert firsts == {A000: "coronavirus", A001: "defense", A002: "nuclear"}


def test_tfidf():
    c = corpus_of("Oil oil talks.", "Peace talks.")
    scores = W.tfidf(c).set_index(["article", "term"])
    assert scores.loc[("a0", "oil"), "tfidf"] == pytest.approx(2 / 3 * math.log(2))
    assert scores.loc[("a0", "talks"), "tfidf"] == 0  # in every article
    assert list(W.tfidf(c, top=1)["term"]) == ["oil", "peace"]


# --------------------------------------------------------------------------------------------
# keyword in context, collocations, dispersion


def test_concordance_rows_and_offsets(seeds):
    kwic = W.concordance(seeds, "sanctions", width=30)
    assert list(kwic.columns) == W.CONCORDANCE_COLUMNS
    assert list(kwic["article"]) == [A000] + [A002] * 5
    texts = {a.id: a.text for a in seeds}
    for row in kwic.itertuples():
        text = texts[row.article]
        assert text[row.start : row.end] == row.keyword == "sanctions"
        assert row.left == text[max(0, row.start - 30) : row.start].replace("\n", " ")
        assert row.right == text[row.end : row.end + 30].replace("\n", " ")
        assert row.keyword in row.sentence_text
    first = kwic.iloc[1]
    assert first["left"].endswith("U.S.-imposed economic ") and first["sentence"] == 0


def test_concordance_phrases_lemmas_acronyms_and_misses(seeds):
    hormuz = W.concordance(seeds, "Strait of Hormuz")
    assert len(hormuz) == 2 and set(hormuz["article"]) == {A001}
    assert set(hormuz["keyword"]) == {"Strait of Hormuz"}
    assert len(W.concordance(seeds, "sanction")) == 0
    assert len(W.concordance(seeds, "sanction", lemma=True)) == 6
    assert len(W.concordance(seeds, "official", lemma=True)) == 10
    us = W.concordance(seeds, "U.S.")
    assert len(us) == 11 and set(us["keyword"]) == {"US", "U.S."}
    assert len(W.concordance(seeds, "Japan’s")) == 13  # the query is normalised like the text
    assert W.concordance(seeds, "xylophone").empty
    assert W.concordance(seeds, "—").empty


def test_collocations_of_sanctions(seeds):
    # Read by hand, 5 tokens either side within the sentence of each of the 6 "sanctions":
    # US falls in 4 spans (U.S.-imposed twice, "when U.S. sanctions", "the U.S. ended the
    # moratorium of sanctions"), "imposed" and "severe" in 2 each, and those are all their
    # occurrences. Spans: 10 + 5 + 10 + 5 + 10 + 10 = 50 tokens; corpus 1,342 tokens.
    coll = W.collocations(seeds, "sanctions", window=5, measure="loglik", min_count=2)
    assert list(coll.columns) == W.COLLOCATION_COLUMNS
    top = coll.head(3).set_index("collocate")
    assert set(top.index) == {"US", "imposed", "severe"}
    assert top.loc["US", "count"] == 4 and top.loc["US", "collocate_count"] == 11
    assert top.loc["imposed", "count"] == 2 and top.loc["imposed", "collocate_count"] == 2
    assert top.loc["US", "expected"] == pytest.approx(50 * 11 / 1341)
    assert top.loc["imposed", "pmi"] == pytest.approx(math.log2(2 / (50 * 2 / 1341)))
    pmi = W.collocations(seeds, "sanctions", measure="pmi", min_count=2)
    assert list(pmi["collocate"][:2]) == ["imposed", "severe"]  # rarer, so higher PMI than US
    assert not set(coll["collocate"]) & {"the", "sanctions"}  # no stop words, not the node
    with pytest.raises(ValueError, match="measure"):
        W.collocations(seeds, "sanctions", measure="dice")


def test_collocations_stay_in_the_sentence():
    c = corpus_of("Crude oil rose. Peace talks ended. Crude oil fell.")
    coll = W.collocations(c, "oil", window=3, min_count=1)
    assert set(coll["collocate"]) == {"crude", "rose", "fell"}
    assert coll.set_index("collocate").loc["crude", "count"] == 2


def test_dispersion(seeds):
    terms = ["Iran", "Japan", "US", "sanctions", "oil", "peace", "xylophone"]
    hits = W.dispersion(seeds, terms)
    assert list(hits.columns) == W.DISPERSION_COLUMNS
    assert hits.groupby("term").size().to_dict() == {
        "Iran": 17, "Japan": 13, "US": 11, "sanctions": 6, "oil": 6, "peace": 7,
    }
    assert hits["relative"].between(0, 1).all()
    offsets = {A000: 0, A001: 342, A002: 342 + 390}
    assert (hits["corpus_position"] == hits["position"] + hits["article"].map(offsets)).all()
    assert list(dict.fromkeys(hits["term"])) == terms[:-1]  # in the order asked
    assert hits["words"].map({342: A000, 390: A001, 609: A002}).eq(hits["article"]).all()


# --------------------------------------------------------------------------------------------
# empty and one-article corpora


def test_empty_corpus_gives_empty_frames_with_columns():
    empty = nv.Corpus([])
    assert list(W.tokens(empty).columns) == W.TOKEN_COLUMNS
    assert list(W.term_frequencies(empty).columns) == ["term", "count", "per_1000"]
    assert list(W.term_frequencies(empty, by="article", ngram=3).columns) == ["article", "term", "count", "per_1000"]
    assert list(W.keyness(empty).columns) == W.KEYNESS_COLUMNS
    assert list(W.tfidf(empty).columns) == W.TFIDF_COLUMNS
    assert list(W.concordance(empty, "Iran").columns) == W.CONCORDANCE_COLUMNS
    assert list(W.collocations(empty, "Iran").columns) == W.COLLOCATION_COLUMNS
    assert list(W.dispersion(empty, ["Iran"]).columns) == W.DISPERSION_COLUMNS
    for frame in [W.tokens(empty), W.term_frequencies(empty), W.keyness(empty), W.dispersion(empty, [])]:
        assert frame.empty


def test_one_article_and_no_content_words(seeds):
    one = nv.Corpus([seeds[A001]])
    assert W.term_frequencies(one).set_index("term").loc["japan", "count"] == 5
    assert W.keyness(one).empty  # nothing to compare with
    assert (W.tfidf(one)["tfidf"] == 0).all()
    assert len(W.concordance(one, "Strait of Hormuz")) == 2
    blank = corpus_of("— … !!! 2019.")
    assert W.term_frequencies(blank).empty and W.term_frequencies(blank, ngram=2).empty
    assert len(W.tokens(blank)) == 1 and W.tokens(blank)["is_stop"].all()


# --------------------------------------------------------------------------------------------
# charts


def test_charts_draw_on_the_seeds(seeds):
    terms = ["Iran", "Japan", "xylophone"]
    axes = [
        nv.plots.top_terms(W.term_frequencies(seeds), n=10),
        nv.plots.top_terms(W.term_frequencies(seeds, ngram=2), n=10),
        nv.plots.terms_by_article(W.term_frequencies(seeds, by="article"), n=10),
        nv.plots.keyness_bars(W.keyness(seeds), n=5),
        nv.plots.dispersion_plot(W.dispersion(seeds, terms), terms=terms, articles=seeds.to_frame()),
    ]
    assert axes[0].get_title() == "Most frequent words"
    assert axes[1].get_title() == "Most frequent two-word phrases"
    assert [t.get_text() for t in axes[4].get_yticklabels()] == ["xylophone (0)", "Japan (13)", "Iran (17)"]
    for ax in axes:
        assert ax.get_title() and ax.get_xlabel()
    plt.close("all")


def test_charts_with_no_rows_draw_a_note():
    empty = nv.Corpus([])
    axes = [
        nv.plots.top_terms(W.term_frequencies(empty)),
        nv.plots.terms_by_article(W.term_frequencies(empty, by="article")),
        nv.plots.keyness_bars(W.keyness(empty)),
        nv.plots.dispersion_plot(W.dispersion(empty, [])),
    ]
    for ax in axes:
        assert any(t.get_text().startswith(("No ", "None ")) for t in ax.texts), ax.get_title()
    ax = nv.plots.dispersion_plot(W.dispersion(empty, ["Iran"]), terms=["Iran"])
    assert any("None of these terms" in t.get_text() for t in ax.texts)
    plt.close("all")


# --------------------------------------------------------------------------------------------
# command line


def test_cli_words_prints_the_table(capsys):
    assert main(["words", str(SEEDS), "--top", "20"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["term", "count", "per_1000"]
    assert len(lines) == 21 and lines[1].split() == ["iran", "17", "12.68"]


def test_cli_words_options(capsys):
    assert main(["words", str(SEEDS), "--by", "article", "--top", "2", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 6 and set(rows[0]) == {"article", "term", "count", "per_1000"}
    assert main(["words", str(SEEDS), "--ngram", "3", "--top", "0", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "term,count,per_1000" and "strait of hormuz,2," in out
    assert main(["words", str(SEEDS), "--lemma", "--format", "csv"]) == 0
    assert "official,10," in capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [["words"], ["words", "does/not/exist"], ["words", str(SEEDS), "--ngram", "4"],
     ["words", str(SEEDS), "--top", "-1"], ["words", str(SEEDS), "--by", "sentence"]],
)
def test_cli_words_usage_errors_exit_2(args):
    proc = subprocess.run([sys.executable, "-m", "newsvoices", *args], capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stderr.strip() and "Traceback" not in proc.stderr


def test_cli_words_help():
    proc = subprocess.run([sys.executable, "-m", "newsvoices", "words", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "--ngram" in proc.stdout and "--lemma" in proc.stdout


# ---------------------------------------------------------------- large corpora: tables and search


@pytest.fixture(scope="module")
def two_corpora(seeds):
    from .conftest import DATA

    extra = nv.load_corpus(DATA / "extra")
    return [(c, nv.analyse(c, scheduler="serial", cache=False, progress=False)) for c in (seeds, extra)]


@pytest.mark.parametrize("kwargs", [{}, {"lemma": True}, {"ngram": 2}, {"ngram": 3, "lemma": True},
                                    {"by": "article"}, {"by": "article", "top": 5}, {"top": 10}])
def test_frequencies_from_the_analysis_equal_those_from_the_corpus(two_corpora, kwargs):
    for corpus, result in two_corpora:
        pd.testing.assert_frame_equal(nv.term_frequencies(result, **kwargs), nv.term_frequencies(corpus, **kwargs))


def test_keyness_and_tfidf_from_the_analysis_equal_those_from_the_corpus(two_corpora):
    for corpus, result in two_corpora:
        for kwargs in ({}, {"lemma": True}, {"ngram": 2, "min_count": 1}, {"article": corpus.articles[1].id}):
            pd.testing.assert_frame_equal(nv.keyness(result, **kwargs), nv.keyness(corpus, **kwargs),
                                          check_exact=False, rtol=1e-12)
        for kwargs in ({}, {"top": 3}, {"ngram": 2, "lemma": True}):
            pd.testing.assert_frame_equal(nv.tfidf(result, **kwargs), nv.tfidf(corpus, **kwargs),
                                          check_exact=False, rtol=1e-12)


def test_the_analysis_refuses_what_it_did_not_count(two_corpora):
    _, result = two_corpora[0]
    with pytest.raises(ValueError, match="stop_list"):
        nv.term_frequencies(result, stop_list={"iran"})
    with pytest.raises(ValueError, match="ngram=4"):
        nv.term_frequencies(result, ngram=4)
    with pytest.raises(KeyError, match="no article"):
        nv.keyness(result, article="nope")


def _hits(toks, forms, lemma):
    """The definition of a match, on the full token records: ``(first, last)`` of every run of
    tokens whose forms (norm, or lemma) are the query's, joined by a space or a hyphen only.
    The search functions must find exactly these, without building the records."""
    n = len(forms)
    for i in range(len(toks) - n + 1) if n else ():
        same = all((toks[i + k].lemma if lemma else toks[i + k].norm) == forms[k] for k in range(n))
        if same and all(toks[k].joins_prev for k in range(i + 1, i + n)):
            yield i, i + n - 1


@pytest.mark.parametrize("term", ["Iran", "US", "U.S.", "sanctions", "Strait of Hormuz", "can't", "2019", "xyz",
                                  "Iranian", "IAEA"])
def test_search_skips_only_sentences_that_cannot_match(two_corpora, term):
    """concordance, dispersion and collocations tokenise only the sentences whose text holds the
    term: the hits must be those of a scan of every token."""
    for corpus, _ in two_corpora:
        expected = [(a.id, toks[i].start, toks[j].end) for a in corpus
                    for toks in [W._article_tokens(a)] for i, j in _hits(toks, W._query_forms(term, False), False)]
        kwic = nv.concordance(corpus, term)
        assert list(zip(kwic["article"], kwic["start"], kwic["end"])) == expected
        hits = nv.dispersion(corpus, [term])
        assert list(zip(hits["article"], hits["start"], hits["end"])) == expected
        for row in hits.itertuples():
            toks = W._article_tokens(corpus[row.article])
            assert toks[row.position].start == row.start and row.words == len(toks)


def test_search_on_curly_apostrophes_and_dotted_acronyms():
    from newsvoices import Article, Corpus

    c = Corpus([Article.from_text("a", "We can’t wait, U.S. officials said. The US can't. Iranians met.")])
    assert len(nv.concordance(c, "can't")) == 2
    assert nv.concordance(c, "US")["keyword"].tolist() == ["U.S.", "US"]
    assert nv.concordance(c, "Iran").empty  # "Iranians" holds the letters, not the word


def test_analysis_counts_equal_corpus_counts_when_a_sentence_break_splits_a_word():
    """"5 p.m.Traders": the sentence break cuts the run of letters; every count agrees."""
    from newsvoices import Article, Corpus

    c = Corpus([Article.from_text("a", "Oil prices rose at 5 p.m.Traders sold oil. Oil talks."),
                Article.from_text("b", "Peace talks resumed. Oil was quiet.")])
    result = nv.analyse(c, scheduler="serial", cache=False, progress=False)
    assert c.to_frame()["words"].tolist() == [len(W._article_tokens(a)) for a in c]
    pd.testing.assert_frame_equal(nv.term_frequencies(result), nv.term_frequencies(c))
    pd.testing.assert_frame_equal(nv.keyness(result, min_count=1), nv.keyness(c, min_count=1),
                                  check_exact=False, rtol=1e-12)
    pd.testing.assert_frame_equal(nv.tfidf(result), nv.tfidf(c), check_exact=False, rtol=1e-12)


def test_collocation_totals_follow_the_articles_of_the_corpus():
    from newsvoices import Article, Corpus

    c = Corpus([])
    for k in range(30):  # new articles, possibly at the addresses of freed ones
        c.articles.clear()
        c.articles.append(Article.from_text("a", f"Oil talks beta{k} beta{k}. Oil prices rose."))
        got = nv.collocations(c, "oil", min_count=1)
        pd.testing.assert_frame_equal(got, nv.collocations(list(c.articles), "oil", min_count=1))
        assert f"beta{k}" in set(nv.collocations(c, "talks", min_count=1)["collocate"])


def test_search_for_capitalised_words_with_any_apostrophe():
    from newsvoices import Article, Corpus

    c = Corpus([Article.from_text("a", "“WE DON’T AGREE,” the banner read. O’NEIL’S team left.")])
    assert nv.concordance(c, "DON'T")["keyword"].tolist() == ["DON’T"]
    assert len(nv.dispersion(c, ["O'NEIL"])) == 1


def test_counts_follow_a_replaced_table(two_corpora):
    import copy

    _, result = two_corpora[0]
    before = nv.term_frequencies(result)
    other = copy.copy(result)
    other.words = result.words[result.words["term"] != before["term"].iloc[0]]
    assert before["term"].iloc[0] not in set(nv.term_frequencies(other)["term"])
    pd.testing.assert_frame_equal(nv.term_frequencies(result), before)


def test_rounded_rates_equal_python_round_value_for_value():
    """The vectorised per-1000 rates equal ``round(1000 * count / words, 2)`` exactly,
    including near-ties, zero counts and articles without words."""
    import random

    rng = random.Random(3)
    pairs = [(rng.randrange(0, 500), rng.randrange(1, 100_000)) for _ in range(50_000)]
    pairs += [(c, w) for w in range(1, 400) for c in range(0, w + 1, 7)]  # small articles: many ties
    pairs += [(1, 8), (3, 8), (1, 16), (5, 0), (0, 0), (7, 2000), (1, 200_000), (980552790926, 9)]
    counts, words = zip(*pairs)
    got = W._rounded_per_1000(counts, words)
    for value, (c, w) in zip(got.tolist(), pairs):
        expected = W._per_1000(c, w)
        assert value == expected or (math.isnan(value) and math.isnan(expected)), (c, w, value, expected)
    floats = W._rounded_per_1000([2.5, 0.0], [3.0, 7.0])  # keyness passes floats
    assert floats.tolist() == [W._per_1000(2.5, 3.0), 0.0]


@pytest.mark.parametrize("term", ["talk", "sanction", "say", "Strait of Hormuz", "Iran", "be", "xyz"])
def test_lemma_search_finds_the_matches_of_a_full_token_scan(two_corpora, term):
    found = 0
    for corpus, _ in two_corpora:
        forms = W._query_forms(term, True)
        expected = [(a.id, toks[i].start, toks[j].end) for a in corpus
                    for toks in [W._article_tokens(a)] for i, j in _hits(toks, forms, True)]
        kwic = nv.concordance(corpus, term, lemma=True)
        assert list(zip(kwic["article"], kwic["start"], kwic["end"])) == expected
        hits = nv.dispersion(corpus, [term], lemma=True)
        assert list(zip(hits["article"], hits["start"], hits["end"])) == expected
        found += len(expected)
    assert (found == 0) == (term == "xyz")  # every other term occurs


def test_an_article_left_out_of_the_articles_table_is_left_out_of_the_counts(seeds):
    result = nv.analyse(seeds, scheduler="serial", cache=False, progress=False)
    full = nv.term_frequencies(result, by="article")
    dropped = result.articles["id"].iloc[0]
    result.articles = result.articles[result.articles["id"] != dropped]
    subset = nv.term_frequencies(result, by="article")
    expected = full[full["article"] != dropped].reset_index(drop=True)
    pd.testing.assert_frame_equal(subset, expected)  # the other articles' rates are unchanged
    for table in (nv.keyness(result, min_count=1), nv.tfidf(result)):
        assert dropped not in set(table["article"]) and len(table)
        assert table.select_dtypes("number").notna().all().all()


def test_search_in_text_whose_lower_case_changes_length():
    """"İ" lower-cases to two characters: the search falls back to the pattern for that
    article and still finds exactly the matches of a full token scan (the Kelvin sign lower-cases
    to "k", so "Kono" written with it is the word "kono")."""
    from newsvoices import Article, Corpus

    c = Corpus([Article.from_text("a", "İstanbul hosted Iran. Iran’s envoy met \u212aono. IRAN agreed."),
                Article.from_text("b", "Kono visited Iran; Iranians cheered.")])
    for term in ["Iran", "kono", "istanbul"]:
        forms = W._query_forms(term, False)
        expected = [(a.id, toks[i].start, toks[j].end) for a in c
                    for toks in [W._article_tokens(a)] for i, j in _hits(toks, forms, False)]
        kwic = nv.concordance(c, term)
        assert list(zip(kwic["article"], kwic["start"], kwic["end"])) == expected
    assert nv.concordance(c, "Iran")["keyword"].tolist() == ["Iran", "Iran’s", "Iran"]  # "IRAN": an acronym
    assert nv.concordance(c, "kono")["article"].tolist() == ["a", "b"]


@pytest.mark.parametrize("n", [0, 1, 3, -1, -4])
def test_heads_keeps_what_groupby_head_keeps(n):
    import numpy as np

    from newsvoices.words import _heads

    rng = np.random.default_rng(n + 10)
    for size in (0, 1, 7, 500):
        groups = np.sort(rng.integers(0, 40, size))
        expected = pd.Series(range(size)).groupby(groups, sort=False).head(n).index.to_numpy()
        assert _heads(groups, n).tolist() == expected.tolist()


def test_only_the_last_grouping_is_kept_on_the_analysis(seeds):
    analysis = nv.analyse(seeds, cache=False, progress=False)
    first = nv.term_frequencies(analysis, by="article")
    kept = vars(analysis)["_counts"]
    nv.keyness(analysis)
    assert vars(analysis)["_counts"] is kept  # the same kind of count: grouped once
    nv.term_frequencies(analysis, ngram=2)
    assert vars(analysis)["_counts"][0] == (2, False)  # replaced, not piled up
    pd.testing.assert_frame_equal(nv.term_frequencies(analysis, by="article"), first)


# ---------------------------------------------------------------- terms worth following (issue 24)

INDUS = SEEDS.parent / "tests" / "data" / "indus_talks"
SAMPLE_TERMS = ["Iran", "Japan", "US", "sanctions", "oil", "peace"]


@pytest.fixture(scope="module")
def picked_corpora(seeds):
    indus = nv.load_corpus(INDUS)
    return {name: (c, nv.analyse(c, scheduler="serial", cache=False, progress=False))
            for name, c in (("seeds", seeds), ("indus", indus))}


@pytest.mark.parametrize("name", ["seeds", "indus"])
def test_suggested_terms_occur_and_are_not_repeated(picked_corpora, name):
    corpus, analysis = picked_corpora[name]
    picked = nv.suggest_terms(analysis)
    assert list(picked.columns) == ["term", "kind", "reason"] and len(picked) == 6
    assert picked["kind"].tolist()[:3] == ["actor"] * 3 and set(picked["kind"][3:]) <= {"keyness", "tf-idf", "frequency"}
    keys = [tuple(W.normalise_token(t) for t in term.split()) for term in picked["term"]]
    assert len(set(keys)) == 6
    for term in picked["term"]:
        assert len(nv.concordance(corpus, term)) > 0, f"{term!r} was suggested but does not occur"
    # a distinctive word is never a word of an actor's name (the actor's own row covers it)
    naming = analysis.mentions[analysis.mentions["kind"].isin(W.NAMING_KINDS)]
    named = {W.normalise_token(t) for text in naming["text"] for t in text.split()}
    assert not set(picked.loc[picked["kind"] != "actor", "term"]) & named


def test_suggested_terms_on_the_seeds_are_their_subject(picked_corpora):
    _, analysis = picked_corpora["seeds"]
    picked = nv.suggest_terms(analysis)
    actors = picked.loc[picked["kind"] == "actor", "term"].tolist()
    assert actors == ["Iran", "Japan", "Abe"]  # the two governments the three articles are about, and Abe
    words = picked.loc[picked["kind"] != "actor", "term"].tolist()
    assert words == ["nuclear", "coronavirus", "talks"]  # one of each article: 002, 000, 001 (by G²)
    mentions = analysis.mentions.groupby("actor").size()
    assert mentions["Iran"] > mentions["Kono"]  # why Kono, who speaks once, is not among them
    assert "Kono" not in actors and "Hatami" not in actors


def test_suggested_terms_follow_the_corpus_not_the_sample(picked_corpora):
    corpus, analysis = picked_corpora["indus"]
    picked = nv.suggest_terms(analysis)
    assert not set(picked["term"]) & set(SAMPLE_TERMS)
    for term in SAMPLE_TERMS:  # the corpus is free of the sample's words (so a tuned notebook would show)
        assert nv.concordance(corpus, term).empty
    actors = picked.loc[picked["kind"] == "actor", "term"].tolist()
    # the two ministers who speak throughout, and Pakistan (16 mentions and a statement, against
    # India's 15 and one): the most mentions plus statements. Qureshi (6 mentions, 11 statements)
    # comes after Pakistan since the World Bank's "Hans Lindqvist" is known for a person (a census
    # first name): the three "He said the bank ..." are his, no longer Mehra's and Qureshi's
    assert actors == ["Mehra", "Pakistan", "Qureshi"]
    reported = (analysis.mentions.groupby("actor").size()
                .add(analysis.statements.drop_duplicates(["statement_id", "speaker"]).groupby("speaker").size(),
                     fill_value=0))
    assert reported["Pakistan"] > reported["India"]
    assert set(reported.nlargest(3).index) == {"Mehra", "Qureshi", "Pakistan"}  # Qureshi and Pakistan: 17 each
    # keyness round: the most distinctive word of each article before a second of any
    words = picked[picked["kind"] == "keyness"]
    articles = [reason.split(":")[0].removeprefix("distinctive of ") for reason in words["reason"]]
    assert len(set(articles)) == len(articles) == 3


def test_suggested_terms_counts_in_the_reasons(picked_corpora):
    corpus, analysis = picked_corpora["indus"]
    picked = nv.suggest_terms(analysis)
    first = picked[picked["kind"] == "keyness"].iloc[0]
    article = first["reason"].split(":")[0].removeprefix("distinctive of ")
    kwic = nv.concordance(corpus, first["term"])
    here = int((kwic["article"] == article).sum())
    assert f": {here} times there, {len(kwic) - here} in the other articles" in first["reason"]
    actor = picked.iloc[0]
    name = actor["reason"].split(":")[0]
    assert f"mentioned {int((analysis.mentions['actor'] == name).sum())} times" in actor["reason"]


def test_suggested_terms_of_one_article_fall_back_to_frequency():
    c = corpus_of("Kenyan President William Ruto said the talks on grain would resume. "
                  "“Grain is our bread,” Ruto told reporters, naming grain prices and grain stores.")
    analysis = nv.analyse(c, scheduler="serial", cache=False, progress=False)
    picked = nv.suggest_terms(analysis, n=3)
    assert "Ruto" in picked["term"].tolist()
    words = picked[picked["kind"] != "actor"]
    assert set(words["kind"]) == {"frequency"}  # one article: no keyness, every TF-IDF 0
    assert words["term"].iloc[0] == "grain"
    assert words["reason"].iloc[0].startswith("4 times in the corpus")


def test_suggested_terms_limits_and_refusals(picked_corpora, seeds):
    _, analysis = picked_corpora["seeds"]
    assert nv.suggest_terms(analysis, n=0).empty
    assert list(nv.suggest_terms(analysis, n=0).columns) == ["term", "kind", "reason"]
    no_actors = nv.suggest_terms(analysis, n=4, actors=0)
    assert len(no_actors) == 4 and "actor" not in set(no_actors["kind"])
    assert nv.suggest_terms(analysis, n=2, actors=5)["kind"].tolist() == ["actor", "actor"]
    with pytest.raises(TypeError, match="pass newsvoices.analyse"):
        nv.suggest_terms(seeds)
    with pytest.raises(ValueError, match="0 or more"):
        nv.suggest_terms(analysis, n=-1)
