"""The scorers: the fast TextBlob and VADER paths give the libraries' own numbers, text for text."""

from __future__ import annotations

import functools

import pytest

import newsvoices as nv
from newsvoices import scorers as S

from .conftest import DATA, SEEDS


# ---------------------------------------------------------------- the fast TextBlob scorer

def _textblob_reference(text: str):
    from textblob import TextBlob

    result = TextBlob(text).sentiment_assessments
    return result.polarity, result.subjectivity, [tuple(a) for a in result.assessments]


def _fast(text: str):
    polarity, subjectivity, assessments = S._pattern()(text)
    return polarity, subjectivity, [tuple(a) for a in assessments]


def test_fast_scorer_equals_textblob_on_every_sentence_of_the_test_corpora():
    texts = set()
    for folder in (SEEDS, *(DATA / d for d in ("extra", "heldout", "blind"))):
        for article in nv.load_corpus(folder):
            texts.update(article.text[s:e] for _, s, e in article.sentence_spans)
            texts.update(article.paragraphs)
    assert len(texts) > 300
    for text in sorted(texts):
        assert _fast(text) == _textblob_reference(text), text


def test_fast_scorer_equals_textblob_on_generated_text():
    """Negations, modifiers, "!", emoticons, contractions, quotes, abbreviations, paragraph breaks."""
    import random

    rng = random.Random(7)
    words = ("good bad not never no very really extremely terribly happy sad illegal important wrong "
             "the a policy U.S. Mr. e.g. ... isn't can't don't it's Iran’s “great” ‘bad’ \"nice\" (good) "
             "! (!) ( ! ) :) : ) :-( 8) 2018) XD <3 =/ ;) ? , . — -").split() + ["\n\n"]
    chars = "ab good bad not very ly!?.,;:()'\"“”‘’-8xXD<3=/\n*"
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 20)))
        assert _fast(text) == _textblob_reference(text), repr(text)
        text = "".join(rng.choice(chars) for _ in range(rng.randint(1, 30)))
        assert _fast(text) == _textblob_reference(text), repr(text)


def test_plain_chunks_split_as_textblob_splits_them():
    """The tokenizer's rules as the fast scorer reads them, chunk by chunk: every chunk of the test
    corpora and generated chunks of words, marks, quotes, abbreviations and emoticons."""
    import random

    pattern = S._pattern()
    chunks = set()
    for folder in (SEEDS, *(DATA / d for d in ("extra", "heldout", "blind"))):
        for article in nv.load_corpus(folder):
            chunks.update(article.text.split())
    assert sum(pattern._plain_tokens(c) is not None for c in chunks) > 0.9 * len(chunks)  # the fast path serves
    rng = random.Random(11)
    chars = "aZ8xXDoOs3c.,;:!?()'\"“”‘’-—_$<>=/*^°\\[]{}@#&+|~`é"
    words = "END-OF-SENTENCE U.S. e.g. Mr. a. i.e. XD xD 8 8-D X-D o.O don't it's Iran’s n't 's".split()
    for _ in range(20000):
        chunks.add("".join(rng.choice(chars) for _ in range(rng.randint(1, 8))))
        chunks.add("".join(rng.choice(words + list(".,;:!?()'\"“”‘’-")) for _ in range(rng.randint(1, 4))))
    for chunk in sorted(chunks):
        tokens = pattern._plain_tokens(chunk)
        if tokens is not None:
            assert tokens == tuple(" ".join(pattern.tokenizer(chunk)).split()), repr(chunk)


def test_fast_scorer_negative_and_empty_cases():
    assert S.textblob_scores("") == (0.0, 0.0, ())
    assert S.textblob_scores("The ministers met in Tokyo on Friday")[2] == ()
    polarity, _, words = S.textblob_scores("This is not good")
    assert polarity == pytest.approx(-0.35) and words == (("not good", -0.35),)


# ---------------------------------------------------------------- the fast VADER scorer

@functools.lru_cache(maxsize=1)
def _vader_analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _vader_reference(text: str) -> float:
    return _vader_analyzer().polarity_scores(text)["compound"]


def _assert_same_compound(texts) -> None:
    """The fast scorer's compound, and its compound, positive and negative scores
    (``vader_scores``, which the tone toward a target reads), equal vaderSentiment's."""
    fast = S._vader_scorer()
    for text in texts:
        assert fast(text) == _vader_reference(text), repr(text)
        reference = _vader_analyzer().polarity_scores(text)
        assert fast.scores(text) == (reference["compound"], reference["pos"], reference["neg"]), repr(text)


def test_fast_vader_equals_vadersentiment_on_every_sentence_of_the_test_corpora():
    texts = set()
    for folder in (SEEDS, *(DATA / d for d in ("extra", "heldout", "blind"))):
        for article in nv.load_corpus(folder):
            texts.update(article.sentences)
            texts.update(article.paragraphs)
    assert len(texts) > 300
    _assert_same_compound(sorted(texts))


VADER_CASES = [
    # no text, no lexicon word
    "", " ", "\t\n  ", "The ministers met in Tokyo on Friday", "123 456 7.5% 2019-2020", "«bad»",
    # ALL CAPS emphasis, only when some words are not in capitals
    "GOOD", "This is GOOD", "THIS IS GOOD", "VERY good", "very GOOD stuff", "NOT GOOD at all", "It is Good",
    "The plan is EXTREMELY bad", "The plan is KIND OF good", "SLIGHTLY bad news", "GREAT!!!",
    # negations, up to three words back
    "not good", "isn't good", "is not very good", "never good", "it was never that bad", "without hope",
    "He didnt like it", "cannot stand the wrong policy", "won't help", "aint nice", "nor good",
    "it wasn't a very bad idea", "uh-uh, good", "nothing good", "despite the good result", "rarely happy",
    "never so good", "never this bad", "never really so good", "it is so good", "this good",
    "without doubt good", "without a doubt, an excellent idea", "Without any doubt good", "doubt",
    # "no" before and after a lexicon word
    "no", "no good", "no problem", "no no good", "no, good", "good no", "no fun or joy", "no hope nor love",
    "no way good", "There was no real progress", "no happy ending", "NO good",
    # "least", "kind of", "sort of"
    "the least good", "at least good", "at the very least good", "least good", "good least", "the least",
    "kind of good", "it is kind of bad", "kind of", "Kind Of nice", "kind", "a kind man", "kinda nice",
    "sort of great", "it was sort of a good deal", "just enough good", "the kind of good we want",
    # idioms (SPECIAL_CASES) before and after the lexicon word
    "With VADER, sentiment analysis is the shit!", "the bomb", "this movie is the bomb", "he is a bad ass",
    "such a badass", "we waited at the bus stop", "yeah right, good plan", "it was the kiss of death",
    "this cake is to die for", "a beating heart", "my heart is beating heart beat",
    # "but" in various positions, with repeated values (VADER rescales the first equal value)
    "good but bad", "but good", "good but", "bad but but good", "good good but good bad", "but",
    "good, good but good", "It was good but it was good", "bad bad bad but bad", "but but good good",
    "The plan was good, but the characters are uncompelling and the dialog is not great.",
    "Today only kinda sux! But I'll get by, lol",
    # boosters and dampeners
    "very good", "extremely bad", "slightly good", "really very good", "so very extremely happy",
    "hardly good", "absolutely NOT bad", "the total disaster", "more bad news", "most good",
    # punctuation emphasis
    "good!", "good!!!!!", "good?", "good??", "good???", "good????", "bad!!! really??", "! ? !",
    "good ?? !!", "?!?!?!?!",
    # punctuation attached to words, emoticons
    "good,", "(bad)", "(terrible)", "'good'", '"terrible"', "...good...", "good.bad", "--nice--", "g:)",
    ":)", ":(", ":-)", ":D", "<3", ":P", ";)", "Make sure you :) or :D today!", "It's :( sad", ":) :(",
    # emoji, among them characters VADER reads as emoji (©, ™, ‼)
    "I love it 😁", "😁good", "good😁😁 bad", "😁", " 😁 ", "😠😠", "☺ nice", "™ win", "©2024 great",
    "‼ bad", "⁉ good", "Catch utf-8 emoji such as 💘 and 💋 and 😁", "he said 🇯🇵 good",
    # non-ASCII letters (lower() may change the length: "İ")
    "café très bon", "naïve good", "Ünïcödé GOOD", "İSTANBUL GOOD", "straße gut GOOD", "ΚΑΛΟ good",
    "Iran’s “great” ‘bad’ role", "good — bad – fine",
]


@pytest.mark.parametrize("text", VADER_CASES)
def test_fast_vader_equals_vadersentiment_on_adversarial_text(text):
    _assert_same_compound([text])


def test_fast_vader_equals_vadersentiment_on_very_long_text():
    long = " ".join(VADER_CASES * 25)
    assert len(long.split()) > 10_000
    _assert_same_compound([long, long.upper(), long.replace(" but ", " ")])


def test_fast_vader_equals_vadersentiment_on_random_text():
    """2,000 texts mixing lexicon words, boosters, negations, "but", punctuation and capitals."""
    import random

    rng = random.Random(11)
    lexicon = sorted(_vader_analyzer().lexicon)
    words = [
        *rng.sample(lexicon, 300),
        "good", "bad", "great", "terrible", "happy", "sad", "wrong", "illegal", "important",  # lexicon
        "very", "really", "extremely", "slightly", "kinda", "somewhat", "barely",  # boosters, dampeners
        "not", "isn't", "never", "without", "doubt", "don't", "can't", "nor", "or", "no",  # negations
        "but", "but", "kind", "of", "sort", "least", "at", "so", "this", "just", "enough",
        "the", "shit", "bomb", "ass", "bus", "stop", "yeah", "right", "kiss", "death", "to", "die", "for",
        "beating", "heart", "Iran", "said", "the", "minister",
        "!", "!!!", "?", "??", ",", ".", "...", ":)", ":(", ":D", "<3", "😁", "😠", "™", "(", ")", "-",
    ]
    for _ in range(2000):
        tokens = []
        for _ in range(rng.randint(3, 40)):
            word = rng.choice(words)
            style = rng.random()
            if style < 0.15:
                word = word.upper()
            elif style < 0.25:
                word = word.capitalize()
            elif style < 0.35:
                word = rng.choice("(\"'") + word + rng.choice(",.!?)\"'")
            tokens.append(word)
        text = " ".join(tokens)
        _assert_same_compound([text, "".join(tokens[:3]) + " " + text])  # and with words run together


def test_fast_vader_scores_zero_only_where_vader_does():
    fast = S._vader_scorer()
    for text in ("GREAT!!!", "(terrible)", "Good.", "'BAD'", "no", ":)"):  # a lexicon word behind case or punctuation
        assert fast(text) == _vader_reference(text) != 0, text
    for text in ("The ministers met in Tokyo on Friday", "very very so", "but not never", "!!!! ????", "«bad»"):
        assert fast(text) == _vader_reference(text) == 0, text
    assert not any(e.isascii() for e in fast.emojis)  # the scorer skips the emoji look-up for ASCII text


def test_a_text_is_scored_once_per_article_and_forgotten_after():
    assert S._ARTICLE_SCORES.get() is None  # no memo outside an article: nothing grows across a corpus
    with S.one_article():
        first = S.textblob_scores("a good deal")
        assert S.textblob_scores("a good deal") is first
        assert list(S._ARTICLE_SCORES.get()) == ["a good deal"]
    assert S._ARTICLE_SCORES.get() is None
    again = S.textblob_scores("a good deal")
    assert again == first == (0.7, 0.6000000000000001, (("good", 0.7),))
    assert again is not first


def test_articles_analysed_in_threads_side_by_side_leave_no_memo_behind():
    # a Dask worker runs several threads: one thread's article must not leave its memo to the
    # others, whatever order they enter and leave in
    import threading

    entered, release = threading.Barrier(2), threading.Event()
    seen = []

    def article(text, leave_first):
        with S.one_article():
            S.textblob_scores(text)
            entered.wait()
            if not leave_first:
                release.wait()
            seen.append(sorted(S._ARTICLE_SCORES.get()))
        if leave_first:
            release.set()
        seen.append(S._ARTICLE_SCORES.get())

    threads = [threading.Thread(target=article, args=("a good deal", True)),
               threading.Thread(target=article, args=("a bad deal", False))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == [["a good deal"], None, ["a bad deal"], None]
    assert S._ARTICLE_SCORES.get() is None


def test_the_public_scores_are_the_libraries():
    from textblob import TextBlob

    for text in ("an illegal and wrong policy", "The ministers met in Tokyo", "This is not good!"):
        assert S.polarity(text) == TextBlob(text).sentiment.polarity
        assert S.vader(text) == _vader_reference(text)
        scores = _vader_analyzer().polarity_scores(text)
        assert S.vader_scores(text) == (scores["compound"], scores["pos"], scores["neg"])


def test_evidence_reads_back_exactly_or_is_scored_again():
    text = "The illegal and cruel sanctions were very wrong."
    words = S.textblob_scores(text)[2]
    assert S.assessments(text, S.evidence_text(words)) == words
    assert S.assessments(text, "garbage; more garbage") == words  # a mangled evidence is not trusted
    assert S.assessments(text, None) == words
    plain = "The delegation arrived on Monday."
    assert S.textblob_scores(plain)[2] == () and S.assessments(plain, "") == ()  # no lexicon word, as scored
