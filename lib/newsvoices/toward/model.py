"""Tone toward a target mention: a trained linear model applied with numpy alone.

A model file (``data/tone_tokens.npz``: tokens only; ``data/tone_parse.npz``: tagger and parser;
written by ``training/tone/train.py``) holds a multinomial logistic regression trained on NewsMTSC
train: feature names, a weight row per feature for the classes negative / neutral / positive, the
intercepts, and the settings the features were computed with (:mod:`newsvoices.toward.features`).

Inside the library the tone toward each actor mention is read from the article's ``Doc``
(:func:`mention_tone`): the parse model in sentences the library parsed anyway (those that can
hold a statement), the tokens model elsewhere, so that no sentence is parsed for tone alone.
:func:`target_tone` scores a mention in any text, parsing all of it.

Example:
    >>> text = "Critics slammed Smith for the failure."
    >>> target_tone(text, 16, 21) < 0
    True
"""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from importlib import resources

import numpy as np
from spacy.tokens import Doc, Span

from ..corpus import Article
from ..parse import is_parsed, parse_articles, text_of
from .features import CompactGroups, bag_of_words, extract, extract_for_model, load_resources

__all__ = ["CLASSES", "MODELS", "ToneModel", "align_span", "decide", "load_model", "mention_tone",
           "sentence_span", "target_tone", "target_tone_proba"]

#: The classes, in the order of the probabilities.
CLASSES = (-1, 0, 1)
#: Model file of each level of analysis, in ``newsvoices/data``.
MODELS = {"tokens": "tone_tokens.npz", "parse": "tone_parse.npz"}


@dataclass(frozen=True)
class ToneModel:
    """A trained tone model.

    Attributes:
        index: Feature name -> row of ``weights``.
        weights: ``(features, 3)`` weights, float32.
        intercept: ``(3,)`` intercepts.
        groups: Feature groups read, with the factor each group's values are multiplied by.
        syntax: Whether the features read the tagger's and parser's annotation.
        lemmas: Whether word features use simplemma's lemmas.
        vector_index: ``(prefix, size)`` -> the rows of the features ``prefix0`` ...
            (:meth:`vector_rows`) and which of them the model knows (``None``: all), filled as
            they are asked for.
        vector_row_set: Every row of ``vector_index``.
    """

    index: dict[str, int]
    weights: np.ndarray
    intercept: np.ndarray
    groups: dict[str, float]
    syntax: bool
    lemmas: bool
    vector_index: dict[tuple[str, int], tuple[np.ndarray, np.ndarray | None]] = field(
        default_factory=dict, repr=False, compare=False)
    vector_row_set: set[int] = field(default_factory=set, repr=False, compare=False)

    def features(self, doc: Doc, start: int, end: int, sentence: Span | None = None) -> dict[str, float]:
        """The model's input for the mention ``doc.text[start:end]``: one flat, scaled dict."""
        grouped = extract(doc, start, end, syntax=self.syntax, sentence=sentence,
                          resources=load_resources(self.lemmas))
        flat: dict[str, float] = {}
        for group, factor in self.groups.items():
            for name, value in grouped.get(group, {}).items():
                flat[name] = value * factor
        return flat

    def proba(self, doc: Doc, start: int, end: int, sentence: Span | None = None) -> np.ndarray:
        """Probabilities of negative, neutral and positive tone toward the mention.

        Args:
            doc: The article's Doc (:func:`newsvoices.parse.parse_articles`; the sentence parsed
                for a syntax model).
            start: Character offset of the mention in ``doc.text``.
            end: Character offset after the mention.
            sentence: The sentence holding the mention (default: found from the Doc).

        Returns:
            Array of 3 probabilities (float64) summing to 1.
        """
        groups, forms = extract_for_model(doc, start, end, syntax=self.syntax, sentence=sentence,
                                          resources=load_resources(self.lemmas))
        rows, values = self.inputs(groups, forms)
        scores = self.intercept + values @ self.weights[rows]
        scores = np.exp(scores - scores.max())
        return scores / scores.sum()

    def inputs(self, groups: CompactGroups, forms: Sequence[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The rows of ``weights`` the mention's features select and the values they are
        multiplied by: the features of :meth:`features` that the model knows, in the same order
        with the same values (so the scores are the same to the last bit), a word vector's
        dimensions taken all at once.

        Args:
            groups: The groups of :func:`~newsvoices.toward.features.extract_compact`, or those
                of :func:`~newsvoices.toward.features.extract_for_model` (without ``bow``).
            forms: With the latter, the word forms it gives: the ``bow`` group is their
                :func:`~newsvoices.toward.features.bag_of_words`, its rows found by form.

        Returns:
            The rows (int64) and the values (float64), as arrays.
        """
        index = self.index
        row_parts: list[list[int] | np.ndarray] = []
        value_parts: list[list[float] | np.ndarray] = []
        rows: list[int] = []  # the features without a vector since the last vector
        values: list[float] = []
        scalars: list[int] = []  # every row of those features (to find one read twice)
        prefixes: list[str] = []
        for group, factor in self.groups.items():
            if group == "bow" and forms is not None:
                found = self._bag_rows(forms)
                rows += found
                values += [1.0 * factor] * len(found)  # each value 1.0, scaled
                continue
            for name, value in groups.get(group, {}).items():
                if isinstance(value, np.ndarray):
                    if rows:
                        row_parts.append(rows)
                        value_parts.append(values)
                        scalars += rows
                        rows, values = [], []
                    at, known = self._vector_selection(name, len(value))
                    kept = value != 0 if known is None else (value != 0) & known
                    row_parts.append(at[kept])
                    # float64 values times the factor, as astype(np.float64) * factor computes them
                    value_parts.append(np.multiply(value[kept], factor, dtype=np.float64))
                    prefixes.append(name)
                elif value:
                    row = index.get(name)
                    if row is not None:
                        rows.append(row)
                        values.append(value * factor)
        row_parts.append(np.array(rows, dtype=np.int64))  # typed: it may be empty
        value_parts.append(values)
        scalars += rows
        # a feature of two groups ("spk_v"): rare, so checked after (a word vector's own rows differ)
        if (len(set(scalars)) < len(scalars) or len(set(prefixes)) < len(prefixes)
                or (prefixes and not self.vector_row_set.isdisjoint(scalars))):
            merged_rows, merged_values = self._merged_inputs(
                groups if forms is None else {**groups, "bow": bag_of_words(forms)})
            return np.array(merged_rows, dtype=np.int64), np.array(merged_values, dtype=np.float64)
        return np.concatenate(row_parts, dtype=np.int64), np.concatenate(value_parts, dtype=np.float64)

    def _merged_inputs(self, groups: CompactGroups) -> tuple[list[int], list[float]]:
        """:meth:`inputs` where a feature has a value in two groups: as in :meth:`features`, the
        later group's value, in the place of the earlier one's."""
        scaled: dict[str, float | tuple[np.ndarray, float]] = {}
        for group, factor in self.groups.items():
            for name, value in groups.get(group, {}).items():
                if isinstance(value, np.ndarray):
                    scaled[name] = (value, factor)
                elif value:
                    scaled[name] = value * factor
        rows: list[int] = []
        values: list[float] = []
        for name, value in scaled.items():
            if isinstance(value, tuple):
                vector, factor = value
                at = self.vector_rows(name, len(vector))
                kept = (vector != 0) & (at >= 0)
                rows.extend(at[kept].tolist())
                values.extend((vector[kept].astype(np.float64) * factor).tolist())
            else:
                row = self.index.get(name)
                if row is not None:
                    rows.append(row)
                    values.append(value)
        return rows, values

    def _bag_rows(self, forms: Sequence[str]) -> list[int]:
        """The rows of the features of ``bag_of_words(forms)`` that the model knows, in their
        order: each distinct name once where it first occurs, as its dict keeps it (a name has
        one row and a row one name, so the rows are kept once where they first occur)."""
        unigrams, pairs = self._bow_index
        found = dict.fromkeys(chain([unigrams.get(f, -1) for f in forms],
                                    [pairs.get(p, -1) for p in zip(forms, forms[1:])]))
        return [row for row in found if row >= 0]

    @functools.cached_property
    def _bow_index(self) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
        """The rows of the model's ``bow`` features by form (``u=form``) and by pair of forms
        (``b=first_second``): a pair name is entered under each of the ways its underscores can
        split it, so a pair of forms finds its row exactly when its name has one."""
        unigrams: dict[str, int] = {}
        pairs: dict[tuple[str, str], int] = {}
        for name, row in self.index.items():
            if name.startswith("u="):
                unigrams[name[2:]] = row
            elif name.startswith("b="):
                text = name[2:]
                cut = text.find("_")
                while cut >= 0:
                    pairs[(text[:cut], text[cut + 1:])] = row
                    cut = text.find("_", cut + 1)
        return unigrams, pairs

    def vector_rows(self, prefix: str, size: int) -> np.ndarray:
        """The rows of the features ``prefix0`` ... ``prefix{size - 1}`` (-1 for one the model
        does not know), worked out once per prefix and size."""
        return self._vector_selection(prefix, size)[0]

    def _vector_selection(self, prefix: str, size: int) -> tuple[np.ndarray, np.ndarray | None]:
        """:meth:`vector_rows`, and whether the model knows each row (``None``: it knows all)."""
        found = self.vector_index.get((prefix, size))
        if found is None:
            rows = np.array([self.index.get(f"{prefix}{k}", -1) for k in range(size)], dtype=np.int64)
            known = rows >= 0
            found = self.vector_index[(prefix, size)] = (rows, None if known.all() else known)
            self.vector_row_set.update(rows[known].tolist())
        return found

    def tone(self, doc: Doc, start: int, end: int, sentence: Span | None = None) -> float:
        """Tone toward the mention in -1..1: see :func:`decide`."""
        return decide(self.proba(doc, start, end, sentence))


def decide(proba: np.ndarray) -> float:
    """0.0 when neutral is the likeliest class, else the probability of the likeliest class,
    negative for negative tone (so a non-zero tone has ``|tone| > 1/3``).

    Example:
        >>> decide(np.array([0.7, 0.2, 0.1]))
        -0.7
    """
    best = int(np.argmax(proba))
    return 0.0 if best == 1 else round(float(proba[best]) * CLASSES[best], 6)


@functools.lru_cache(maxsize=2)
def load_model(level: str = "parse") -> ToneModel:
    """The shipped model of one level of analysis: ``"tokens"`` or ``"parse"`` (loaded once).

    Raises:
        KeyError: ``level`` is neither.
    """
    with resources.files("newsvoices").joinpath("data", MODELS[level]).open("rb") as fh, np.load(fh) as z:
        names = bytes(z["names"]).decode("utf-8").split("\n")
        config = json.loads(bytes(z["config"]).decode("utf-8"))
        weights = z["weights"].astype(np.float32)
        intercept = z["intercept"].astype(np.float64)
    return ToneModel({n: i for i, n in enumerate(names)}, weights, intercept, dict(config["groups"]),
                     bool(config["syntax"]), bool(config["lemmas"]))


def sentence_span(doc: Doc, spans: tuple[tuple[int, int], ...], start: int) -> Span:
    """The sentence of the article (``(start, end)`` pairs of ``Article.sentence_spans``) that
    holds the character ``start``, as a span of ``doc`` (the whole Doc when none does)."""
    chosen = None
    for a, b in spans:
        if a <= start < b or (start == b and b > a):
            chosen = (a, b)
            break
        if a > start:
            break
    if chosen is None:
        chosen = (0, len(text_of(doc)))  # doc.text joins every token again at each call: only here
    span = doc.char_span(chosen[0], chosen[1], alignment_mode="expand")
    return span if span is not None and len(span) else doc[:]


def mention_tone(doc: Doc, sentence_spans: tuple[tuple[int, int], ...], start: int, end: int) -> float:
    """Tone toward the mention ``doc.text[start:end]`` of an article's Doc, in -1..1 (0.0 neutral).

    The parse model reads the sentence when the library parsed it (it can hold a statement),
    the tokens model otherwise: tone never makes the library parse a sentence.

    Args:
        doc: The article's Doc, from :func:`newsvoices.parse.parse_articles`.
        sentence_spans: The article's sentences as ``(start, end)`` pairs (from
            :attr:`Article.sentence_spans <newsvoices.Article.sentence_spans>`), the context
            the model was trained on.
        start: Character offset of the mention.
        end: Character offset after it.

    Returns:
        The tone (see :func:`decide`); 0.0 for an empty mention.
    """
    if end <= start:
        return 0.0
    sentence = sentence_span(doc, sentence_spans, start)
    model = load_model("parse" if is_parsed(sentence) else "tokens")
    return model.tone(doc, start, end, sentence)


def align_span(raw: str, text: str, start: int, end: int) -> tuple[int, int]:
    """Map ``raw[start:end]`` to the same characters of ``text``, a normalised copy of ``raw``
    (:meth:`Article.from_text <newsvoices.Article.from_text>` turns non-breaking spaces into
    spaces, drops zero-width characters and strips the ends).

    Example:
        >>> align_span(" Abe\\u200b met Rouhani", "Abe met Rouhani", 10, 17)
        (8, 15)
    """
    if raw == text:
        return start, end
    matcher = difflib.SequenceMatcher(None, raw, text, autojunk=False)
    opcodes = matcher.get_opcodes()

    def mapped(pos: int, right: bool) -> int:
        for tag, a0, a1, b0, b1 in opcodes:
            if a0 <= pos < a1 or (right and pos == a1 and a1 > a0):
                if tag == "equal":
                    return b0 + (pos - a0)
                return b1 if right else b0
        return len(text)

    new_start = mapped(start, False)
    new_end = mapped(end, True) if end > start else new_start
    return new_start, max(new_start, new_end)


@functools.lru_cache(maxsize=256)
def _parsed(text: str) -> tuple[Doc, str, tuple[tuple[int, int], ...]]:
    """The Doc of ``text`` as an article, every sentence parsed; its normalised text; its
    sentence spans (cached: a sentence often has several targets)."""
    article = Article.from_text("target_tone", text)
    doc, = parse_articles([article], everything=True)
    return doc, article.text, tuple((a, b) for _, a, b in article.sentence_spans)


def target_tone_proba(text: str, start: int, end: int) -> np.ndarray:
    """Probabilities (negative, neutral, positive) of the tone toward ``text[start:end]``.

    The text goes through the library's loading and parse, every sentence parsed, and the parse
    model reads the sentence that holds the mention.
    """
    if not text.strip() or end <= start:
        return np.array([0.0, 1.0, 0.0])
    doc, normalised, spans = _parsed(text)
    start, end = align_span(text, normalised, start, end)
    if end <= start:
        return np.array([0.0, 1.0, 0.0])
    return load_model("parse").proba(doc, start, end, sentence_span(doc, spans, start))


def target_tone(text: str, start: int, end: int) -> float:
    """Tone toward the mention at ``text[start:end]``, in -1..1: 0.0 when the likeliest reading is
    neutral (or there is no text), else the likeliest class's probability, negative for negative.

    Trained on NewsMTSC (news sentences, the tone a reader sees toward a person or group, annotated
    by hand); macro F1 on its dev-rw set in ``docs/tone.md``. Names, titles and the news-neutral
    words never move it.

    Args:
        text: A sentence or an article.
        start: Character offset of the mention.
        end: Character offset after the mention.

    Example:
        >>> import newsvoices as nv
        >>> nv.target_tone("Critics slammed Smith for the failure.", 16, 21) < 0
        True
        >>> nv.target_tone("Smith met the delegation on Monday.", 0, 5)
        0.0
    """
    return decide(target_tone_proba(text, start, end))
