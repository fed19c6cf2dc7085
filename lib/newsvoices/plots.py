"""Charts for the notebooks and the report.

Every function takes a tidy DataFrame from the library and an optional matplotlib ``Axes``,
draws on it inside :func:`matplotlib.pyplot.rc_context` (global settings are never changed),
sets a title, axis labels with units, and returns the ``Axes``.

Example:
    >>> import newsvoices as nv
    >>> ax = nv.plots.article_lengths(nv.load_corpus("seeds").to_frame())   # doctest: +SKIP
"""

from __future__ import annotations

import io
import itertools
import textwrap
import weakref
from collections.abc import Mapping

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import cycler
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from .tone import MIN_N

__all__ = ["GREY", "MARKERS", "NEGATIVE", "PALETTE", "POSITIVE", "STYLE", "TONE_CMAP", "article_lengths", "describe",
           "label_overlaps", "show", "surface_forms", "wrap_label"]

#: Above this many categories a chart switches to a summary form (histogram, top N).
MAX_BARS = 40

#: Okabe & Ito's colours (https://jfly.uni-koeln.de/color/), told apart with every common colour
#: vision deficiency: every categorical chart takes its colours from here, in this order (the
#: pale yellow last: it is the hardest to see on white).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442")
#: The grey of "others", neutral tone and reference lines.
GREY = "#999999"
#: Positive and negative tone: blue and vermillion (never red against green).
POSITIVE, NEGATIVE = "#0072B2", "#D55E00"
#: Diverging colour map for tone and stance: vermillion (−1), near-white (0), blue (+1).
TONE_CMAP = LinearSegmentedColormap.from_list("newsvoices_tone", [NEGATIVE, "#F7F7F7", POSITIVE])
#: Marker shapes paired with the colours, so that a series is told by its shape as well.
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")

#: rcParams used by every chart.
STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.axisbelow": True,
    "axes.prop_cycle": cycler(color=PALETTE),
}

#: Figures made here (not handed in by the caller): they may grow to fit their labels.
_OWN_FIGURES: weakref.WeakSet = weakref.WeakSet()


def wrap_label(label: object, width: int = 28) -> str:
    """Shorten and wrap a tick label so long ids and names stay readable.

    Example:
        >>> wrap_label("002_51685c235f0e8719", 12)
        '002_51685c23…'
    """
    text = str(label)
    if len(text) > width and " " not in text:
        return text[: width] + "…"
    return "\n".join(textwrap.wrap(text, width, max_lines=2, placeholder="…")) or text


def describe(ax: Axes) -> str:
    """A text description of a chart for its alt text: title, axes, and what is drawn.

    Example:
        >>> import matplotlib.pyplot as plt
        >>> _, ax = plt.subplots()
        >>> _ = ax.barh(["a", "b"], [3, 1]); _ = ax.set_title("Counts"); _ = ax.set_xlabel("n")
        >>> describe(ax)
        'Counts. Horizontal axis: n. 2 bars; labels: b, a.'
        >>> plt.close("all")
    """
    parts = []
    for axis in ax.figure.axes:
        if axis.get_label() == "<colorbar>":
            continue
        title = axis.get_title() or "Chart"
        bits = [title.rstrip(".") + "."]
        if axis.get_xlabel():
            bits.append(f"Horizontal axis: {axis.get_xlabel()}.")
        if axis.get_ylabel():
            bits.append(f"Vertical axis: {axis.get_ylabel()}.")
        bars = [p for p in axis.patches if hasattr(p, "get_width")]
        if bars:
            bits.append(f"{len(bars)} bars;")
        if axis.images:
            bits.append(f"a {axis.images[0].get_array().shape[0]} × {axis.images[0].get_array().shape[1]} grid of cells;")
        labels = [t.get_text() for t in axis.get_yticklabels() if t.get_text()]
        if not labels:
            labels = [t.get_text() for t in axis.get_xticklabels() if t.get_text()]
        if labels and (bars or axis.images):
            ordered = labels[::-1] if bars else labels  # bars are listed top first
            shown = ", ".join(label.replace("\n", " ") for label in ordered[:8])
            bits.append(f"labels: {shown}{', …' if len(labels) > 8 else ''}.")
        elif bits[-1].endswith(";"):
            bits[-1] = bits[-1][:-1] + "."
        if bits[-1].endswith(";"):
            bits[-1] = bits[-1][:-1] + "."
        parts.append(" ".join(bits))
    return " ".join(parts)


def show(ax: Axes, alt: str | None = None) -> None:
    """Display the chart of ``ax`` in the notebook with alt text, then close it.

    The alt text (``alt``, or :func:`describe`) travels in the output's metadata, so the HTML
    report gives every image a description.
    """
    from IPython.display import Image, display

    fig = ax.figure
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(fig)
    display(Image(data=buffer.getvalue(), format="png"), metadata={"image/png": {"alt": alt or describe(ax)}})


def _label_bars(ax: Axes, bars, texts, fontsize: int = 8) -> None:
    """Write ``texts`` just past the end of horizontal ``bars`` (``None``: no label)."""
    for bar, text in zip(bars, texts):
        if text is not None:
            ax.annotate(text, (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                        xytext=(4, 0), textcoords="offset points", va="center", fontsize=fontsize)


def _axes(ax: Axes | None, height: float) -> Axes:
    if ax is None:
        fig, ax = plt.subplots(figsize=(8, max(2.5, height)), layout="constrained")
        _OWN_FIGURES.add(fig)
    return ax


def _drawn_labels(axis) -> list:
    """The tick labels of ``axis`` that are drawn: visible, not empty, inside the view."""
    axis.get_ticklabels()  # brings the ticks up to date
    low, high = sorted(axis.get_view_interval())
    slack = (high - low) * 1e-9
    return [tick.label1 for tick in axis.get_major_ticks()
            if low - slack <= tick.get_loc() <= high + slack and tick.label1.get_visible() and tick.label1.get_text()]


def _boxes(texts) -> list:
    """Window extents of drawn ``texts``, each shrunk by half a pixel (touching is not overlapping)."""
    return [t.get_window_extent().padded(-0.5) for t in texts]


def label_overlaps(ax: Axes) -> list[tuple[str, str]]:
    """Pairs of labels of ``ax`` drawn over each other: tick labels of each axis, and the texts
    written on the chart outside the plotting area (as the article names of
    :func:`dispersion_plot`). Empty when every label can be read.

    Example:
        >>> _, ax = plt.subplots(figsize=(3, 0.5))
        >>> _ = ax.barh(["one label", "another label", "a third label"], [1, 2, 3])
        >>> label_overlaps(ax)[0]
        ('one label', 'another label')
        >>> plt.close("all")
    """
    ax.figure.draw_without_rendering()
    pairs = []
    outside = [t for t in ax.texts if t.get_visible() and t.get_text() and not _inside(ax, t)]
    for texts in (_drawn_labels(ax.xaxis), _drawn_labels(ax.yaxis), outside):
        boxes = _boxes(texts)
        pairs += [(texts[i].get_text(), texts[j].get_text()) for i in range(len(texts))
                  for j in range(i + 1, len(texts)) if boxes[i].overlaps(boxes[j])]
    return pairs


def _inside(ax: Axes, text) -> bool:
    return ax.get_window_extent().padded(-1).contains(*_centre(text.get_window_extent()))


def _centre(box) -> tuple[float, float]:
    return ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)


def _crowding(texts, along: int) -> float:
    """How much farther apart neighbouring ``texts`` must be, along x (0) or y (1), so that none
    overlaps the next: 1.0 when they already fit."""
    boxes = sorted(_boxes(texts), key=lambda b: _centre(b)[along])
    need = 1.0
    for a, b in itertools.pairwise(boxes):
        if not a.overlaps(b):
            continue
        size = (a.size[along] + b.size[along]) / 2 + 2  # 2 px between them
        gap = abs(_centre(b)[along] - _centre(a)[along])
        need = max(need, size / gap if gap > 0 else 2.0)
    return need


def _fit_labels(ax: Axes) -> Axes:
    """Make every tick label of ``ax`` readable, none over another: a figure made here grows to
    fit its rows (a long name wraps on two lines); x labels turn upright, then the figure
    widens; on an Axes handed in by the caller the labels get smaller instead (down to 6 pt)."""
    fig = ax.figure
    own = fig in _OWN_FIGURES
    for _ in range(5):
        fig.draw_without_rendering()
        tall = _crowding(_drawn_labels(ax.yaxis), 1)
        wide = _crowding(_drawn_labels(ax.xaxis), 0)
        if tall <= 1 and wide <= 1:
            break
        if tall > 1:
            if own and fig.get_figheight() < 60:
                rows = ax.get_window_extent().height / fig.dpi
                fig.set_figheight(min(60, fig.get_figheight() + rows * (tall - 1) * 1.1 + 0.1))
            else:
                _shrink(ax.yaxis, tall)
        if wide > 1:
            labels = _drawn_labels(ax.xaxis)
            if any(t.get_rotation() not in (90, 270) for t in labels):
                for t in labels:
                    t.set_rotation(90)
                    t.set_horizontalalignment("center")
            elif own and fig.get_figwidth() < 30:
                cols = ax.get_window_extent().width / fig.dpi
                fig.set_figwidth(min(30, fig.get_figwidth() + cols * (wide - 1) * 1.1 + 0.1))
            else:
                _shrink(ax.xaxis, wide)
    return ax


def _shrink(axis, factor: float) -> None:
    for t in _drawn_labels(axis):
        t.set_fontsize(max(6.0, t.get_fontsize() / factor))


def surface_forms(tokens: pd.DataFrame, key: str = "norm") -> dict[str, str]:
    """How each word is written most often, so that charts of lower-cased terms show names
    as the articles write them (``abe`` → ``Abe``, ``us`` stays ``us``).

    The first word of a sentence is left out of the count (its capital is the sentence's),
    unless the word occurs nowhere else; a tie goes to the form of ``key``. Only words whose
    form differs from their ``key`` are returned.

    Args:
        tokens: :func:`newsvoices.tokens` of the corpus (or of a sample of its articles):
            columns ``token``, ``norm``, ``lemma``, and ``article``, ``sentence``, ``position``
            to tell the first word of a sentence.
        key: ``"norm"`` for the term charts, ``"lemma"`` for charts of lemmas.

    Returns:
        ``{term: form}``, e.g. ``{"abe": "Abe"}``: pass it as ``forms`` to :func:`top_terms`,
        :func:`terms_by_article` or :func:`keyness_bars`.

    Example:
        >>> t = pd.DataFrame({"article": ["a"] * 6, "sentence": [0, 0, 0, 1, 1, 1], "position": range(6),
        ...                   "token": ["Sanctions", "hurt", "Abe’s", "Abe", "said", "sanctions"],
        ...                   "norm": ["sanctions", "hurt", "abe", "abe", "said", "sanctions"]})
        >>> surface_forms(t)
        {'abe': 'Abe'}
    """
    if tokens.empty:
        return {}
    keys = tokens[key].astype(str)
    written = tokens["token"].astype(str)
    forms = [_form(k, w) for k, w in zip(keys.tolist(), written.tolist())]
    if {"article", "sentence", "position"} <= set(tokens.columns):
        first = tokens.groupby(["article", "sentence"])["position"].transform("min").eq(tokens["position"])
    else:
        first = pd.Series(False, index=tokens.index)
    counts = pd.DataFrame({"key": keys.to_numpy(), "form": forms, "first": first.to_numpy(dtype=bool)})
    inside = counts[~counts["first"]]
    counts = pd.concat([inside, counts[~counts["key"].isin(set(inside["key"]))]])  # first words: only when alone
    tally = counts.groupby(["key", "form"]).size().reset_index(name="count")
    tally["is_key"] = tally["form"] == tally["key"]
    best = tally.sort_values(["key", "count", "is_key"], ascending=[True, False, False]).drop_duplicates("key")
    best = best[~best["is_key"]]
    return dict(zip(best["key"], best["form"]))


def _form(key: str, token: str) -> str:
    """``key`` written as ``token`` writes it (``Japan’s`` writes ``japan`` as ``Japan``)."""
    if token.lower() == key.lower():
        return token
    if token[:1].isupper() and key[:1].islower():
        return key[:1].upper() + key[1:]
    return key


def _term_label(term: object, forms: Mapping[str, str] | None, width: int = 30) -> str:
    """A term as the articles write it (each word of a phrase through ``forms``), wrapped."""
    text = str(term)
    if forms:
        text = forms.get(text) or " ".join(forms.get(word, word) for word in text.split(" "))
    return wrap_label(text, width)


def article_lengths(frame: pd.DataFrame, ax: Axes | None = None, *, label: str = "id") -> Axes:
    """Words per article: one bar each (sentence count at its end), or a histogram past 40.

    Args:
        frame: ``Corpus.to_frame()`` (columns ``id``, ``words``, ``sentences``).
        ax: Axes to draw on (a new figure when ``None``).
        label: Column used for the bar labels.

    Returns:
        The Axes.
    """
    with plt.rc_context(STYLE):
        if len(frame) > MAX_BARS:
            ax = _axes(ax, 3.5)
            ax.hist(frame["words"], bins=min(50, max(10, len(frame) // 20)), color=PALETTE[0])
            ax.set_title(f"Article length ({len(frame):,} articles)")
            ax.set_xlabel("Length (words)")
            ax.set_ylabel("Articles (count)")
            return ax
        ax = _axes(ax, 0.45 * len(frame) + 1.2)
        data = frame.iloc[::-1]
        labels = [wrap_label(x) for x in data[label]]
        bars = ax.barh(labels, data["words"], color=PALETTE[0])
        _label_bars(ax, bars, [f"{n} sentences" for n in data["sentences"]])
        ax.set_title(f"Article length ({len(frame)} articles)")
        ax.set_xlabel("Length (words)")
        ax.set_ylabel("Article")
        ax.margins(x=0.15)
        _fit_labels(ax)
    return ax


# ---- words
# Charts for newsvoices.words: top terms, terms × article, keyness, dispersion.

__all__ += ["top_terms", "terms_by_article", "keyness_bars", "dispersion_plot"]

_NGRAM_NAMES = {1: "words", 2: "two-word phrases", 3: "three-word phrases"}


def _no_data(ax: Axes, title: str, message: str) -> Axes:
    """Draw a 'no data' note instead of a chart (an empty corpus, a term that never occurs)."""
    ax.set_title(title)
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center",
            fontsize=11, color="#666666", wrap=True)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    return ax


def _terms_kind(terms: pd.Series) -> str:
    sizes = {len(str(t).split()) for t in terms}
    return _NGRAM_NAMES.get(sizes.pop(), "terms") if len(sizes) == 1 else "terms"


def top_terms(frame: pd.DataFrame, ax: Axes | None = None, *, n: int = 20, title: str | None = None,
              forms: Mapping[str, str] | None = None) -> Axes:
    """Horizontal bars of the most frequent terms, each annotated with its rate per 1,000 words.

    Args:
        frame: ``newsvoices.term_frequencies(corpus)`` (columns ``term``, ``count``,
            ``per_1000``); with an ``article`` column, counts are summed over articles.
        ax: Axes to draw on (a new figure when ``None``).
        n: Number of bars (the first ``n`` rows by count).
        title: Chart title (default: "Most frequent words", "... two-word phrases", ...).
        forms: How each term is written (:func:`surface_forms`), so names keep their capitals;
            ``None``: the terms as counted (lower-cased).

    Returns:
        The Axes.

    Example:
        >>> import newsvoices as nv
        >>> corpus = nv.load_corpus("seeds")                                                  # doctest: +SKIP
        >>> forms = nv.plots.surface_forms(nv.tokens(corpus))                                 # doctest: +SKIP
        >>> ax = nv.plots.top_terms(nv.term_frequencies(corpus), n=15, forms=forms)           # doctest: +SKIP
    """
    if "article" in frame.columns and len(frame):
        frame = frame.groupby("term", as_index=False)["count"].sum()
    data = frame.sort_values(["count", "term"], ascending=[False, True]).head(n)
    with plt.rc_context(STYLE):
        title = title or f"Most frequent {_terms_kind(data['term']) if len(data) else 'words'}"
        ax = _axes(ax, 0.3 * len(data) + 1.2)
        if data.empty:
            return _no_data(ax, title, "No terms to show: the corpus has no content words.")
        data = data.iloc[::-1]
        y = np.arange(len(data))
        bars = ax.barh(y, data["count"], color=PALETTE[0])
        ax.set_yticks(y, [_term_label(t, forms) for t in data["term"]])
        if "per_1000" in data.columns:
            _label_bars(ax, bars, [f"{rate:.1f} ‰" for rate in data["per_1000"]])
        ax.set_title(title)
        ax.set_xlabel("Occurrences (count; label: per 1,000 words)")
        ax.set_ylabel("Term")
        ax.margins(x=0.15)
        _fit_labels(ax)
    return ax


def terms_by_article(
    frame: pd.DataFrame, ax: Axes | None = None, *, n: int = 15, title: str | None = None,
    forms: Mapping[str, str] | None = None,
) -> Axes:
    """Heatmap of the top terms (rows) in each article (columns), coloured per 1,000 words.

    Each cell shows the raw count. Pass the full per-article table (no ``top``) so that a
    term missing from an article really means zero. More than 40 articles: the 40 with the
    most occurrences of these terms are shown.

    Args:
        frame: ``newsvoices.term_frequencies(corpus, by="article")`` (columns ``article``,
            ``term``, ``count``, ``per_1000``).
        ax: Axes to draw on (a new figure when ``None``).
        n: Number of terms: the ``n`` most frequent in the whole corpus.
        title: Chart title.
        forms: How each term is written (:func:`surface_forms`).

    Returns:
        The Axes.

    Example:
        >>> import newsvoices as nv
        >>> freq = nv.term_frequencies(nv.load_corpus("seeds"), by="article")   # doctest: +SKIP
        >>> ax = nv.plots.terms_by_article(freq, n=12)                           # doctest: +SKIP
    """
    title = title or "Top terms by article"
    with plt.rc_context(STYLE):
        if frame.empty:
            return _no_data(_axes(ax, 3), title, "No terms to show: the corpus has no content words.")
        totals = frame.groupby("term")["count"].sum().reset_index()
        terms = totals.sort_values(["count", "term"], ascending=[False, True])["term"].head(n).tolist()
        sub = frame[frame["term"].isin(terms)]
        order = pd.unique(frame["article"]).tolist()  # first appearance order; fast on millions of rows
        per = sub.pivot_table(index="term", columns="article", values="per_1000", aggfunc="sum", fill_value=0)
        cnt = sub.pivot_table(index="term", columns="article", values="count", aggfunc="sum", fill_value=0)
        articles = [a for a in order if a in per.columns]
        shown = len(articles)
        if shown > MAX_BARS:
            keep = set(cnt.sum().sort_values(ascending=False).index[:MAX_BARS])
            articles = [a for a in articles if a in keep]
            title = f"{title} (the {MAX_BARS} articles using them most, of {shown})"
        per = per.reindex(index=terms, columns=articles, fill_value=0)
        cnt = cnt.reindex(index=terms, columns=articles, fill_value=0)
        if ax is None:
            fig, ax = plt.subplots(figsize=(min(16, 3 + 0.9 * len(articles)), 0.35 * len(terms) + 2.2),
                                   layout="constrained")
            _OWN_FIGURES.add(fig)
        image = ax.imshow(per.to_numpy(dtype=float), aspect="auto", cmap="Blues", vmin=0)
        if per.size <= 600:
            top = float(per.to_numpy().max()) or 1.0
            for (i, j), value in pd.DataFrame(cnt.to_numpy()).stack().items():
                ax.text(j, i, str(int(value)), ha="center", va="center", fontsize=8,
                        color="white" if per.iat[i, j] > 0.6 * top else "#222222")
        ax.set_xticks(range(len(articles)), [wrap_label(a, 14) for a in articles],
                      rotation=30 if len(articles) > 3 else 0, ha="right" if len(articles) > 3 else "center",
                      fontsize=8)
        ax.set_yticks(range(len(terms)), [_term_label(t, forms) for t in terms])
        ax.grid(False)
        ax.figure.colorbar(image, ax=ax, label="Occurrences per 1,000 words", shrink=0.8)
        ax.set_title(title)
        ax.set_xlabel("Article (cell: count)")
        ax.set_ylabel("Term")
        _fit_labels(ax)
    return ax


def keyness_bars(
    frame: pd.DataFrame, ax: Axes | None = None, *, n: int = 10, max_articles: int = 12,
    title: str | None = None, forms: Mapping[str, str] | None = None,
) -> Axes:
    """Distinctive terms of each article: bars of log-likelihood G², grouped by article.

    Only over-represented terms (``log_ratio`` > 0) are drawn, the ``n`` highest G² per
    article; each bar is labelled with its log ratio (effect size). The dashed line marks
    G² = 3.84 (p < 0.05).

    Args:
        frame: ``newsvoices.keyness(corpus)``.
        ax: Axes to draw on (a new figure when ``None``).
        n: Terms per article.
        max_articles: Articles drawn at most (in corpus order).
        title: Chart title.
        forms: How each term is written (:func:`surface_forms`).

    Returns:
        The Axes.

    Example:
        >>> import newsvoices as nv
        >>> ax = nv.plots.keyness_bars(nv.keyness(nv.load_corpus("seeds")), n=8)   # doctest: +SKIP
    """
    title = title or "Distinctive terms per article (log-likelihood keyness)"
    data = frame[frame["log_ratio"] > 0] if len(frame) else frame
    data = data.sort_values("log_likelihood", ascending=False, kind="stable").groupby(
        "article", sort=False).head(n) if len(data) else data
    with plt.rc_context(STYLE):
        if data.empty:
            return _no_data(_axes(ax, 3), title,
                            "No distinctive terms: keyness compares an article with the others,\n"
                            "so it needs at least two articles with repeated words.")
        with_rows = set(data["article"])
        articles = [a for a in pd.unique(frame["article"]).tolist() if a in with_rows]
        if len(articles) > max_articles:
            title = f"{title} (first {max_articles} of {len(articles)} articles)"
            articles = articles[:max_articles]
        labels, values, ratios, colours, headers = [], [], [], [], []
        for k, article in enumerate(articles):
            block = data[data["article"] == article]
            headers.append(len(labels))
            labels.append(wrap_label(article, 30))
            values.append(0.0)
            ratios.append(None)
            colours.append("none")
            for row in block.itertuples():
                labels.append(_term_label(row.term, forms))
                values.append(row.log_likelihood)
                ratios.append(row.log_ratio)
                colours.append(PALETTE[k % len(PALETTE)])
        ax = _axes(ax, 0.27 * len(labels) + 1.4)
        y = list(range(len(labels)))[::-1]
        bars = ax.barh(y, values, color=colours)
        _label_bars(ax, bars, [None if r is None else f"LR {r:+.1f}" for r in ratios], fontsize=7)
        ax.set_yticks(y, labels, fontsize=8)
        for i in headers:
            tick = ax.get_yticklabels()[i]
            tick.set_fontweight("bold")
            tick.set_fontsize(9)
        ax.axvline(3.84, color=GREY, linestyle="--", linewidth=1, label="p < 0.05 (G² = 3.84)")
        ax.legend(loc="lower right", fontsize=8)
        ax.set_title(title)
        ax.set_xlabel("Log-likelihood G² (higher = more distinctive; label: log ratio)")
        ax.set_ylabel("Article (bold) and term")
        ax.margins(x=0.15)
        _fit_labels(ax)
    return ax


#: Above this many articles the dispersion plot does not mark where each one starts.
MAX_ARTICLE_LINES = 200


def dispersion_plot(
    frame: pd.DataFrame,
    ax: Axes | None = None,
    *,
    terms: list[str] | None = None,
    articles: pd.DataFrame | None = None,
    title: str | None = None,
) -> Axes:
    """Where each term occurs: one lane per term, one tick per occurrence, across the corpus.

    The x axis runs through the articles in corpus order (in words); dotted lines mark where
    each article starts. Lane labels give the number of occurrences.

    Args:
        frame: ``newsvoices.dispersion(corpus, terms)``.
        ax: Axes to draw on (a new figure when ``None``).
        terms: Lanes, in order (default: the terms found in ``frame``); a term without
            occurrences keeps an empty lane.
        articles: ``corpus.to_frame()`` (columns ``id``, ``words``) to mark every article,
            even one without any occurrence.
        title: Chart title.

    Returns:
        The Axes.

    Example:
        >>> import newsvoices as nv
        >>> corpus = nv.load_corpus("seeds")                                          # doctest: +SKIP
        >>> hits = nv.dispersion(corpus, ["Iran", "Japan", "US"])                     # doctest: +SKIP
        >>> ax = nv.plots.dispersion_plot(hits, terms=["Iran", "Japan", "US"], articles=corpus.to_frame())  # doctest: +SKIP
    """
    title = title or "Where the terms occur"
    lanes = list(dict.fromkeys(terms if terms is not None else frame["term"]))
    with plt.rc_context(STYLE):
        if not lanes:
            return _no_data(_axes(ax, 3), title, "No terms to show.")
        if articles is not None and len(articles):
            ids = list(articles["id"])
            starts = [0, *pd.Series(articles["words"]).cumsum().tolist()[:-1]]
            total = int(pd.Series(articles["words"]).sum())
        else:
            spans = (frame.assign(first=frame["corpus_position"] - frame["position"])
                     .drop_duplicates("article")[["article", "first", "words"]])
            ids, starts = list(spans["article"]), list(spans["first"])
            total = int((spans["first"] + spans["words"]).max()) if len(spans) else 1
        ax = _axes(ax, 0.45 * len(lanes) + 1.6)
        labels = []
        for k, term in enumerate(lanes):
            xs = frame.loc[frame["term"] == term, "corpus_position"]
            y = len(lanes) - 1 - k
            ax.scatter(xs, [y] * len(xs), marker="|", s=300, linewidths=1.5, color=PALETTE[k % len(PALETTE)])
            labels.append(f"{wrap_label(term, 24)} ({len(xs)})")
        ax.set_yticks(range(len(lanes)), labels[::-1])
        ax.set_ylim(-0.6, len(lanes) - 0.4)
        ax.set_xlim(0, max(total, 1))
        marked = len(ids) <= MAX_ARTICLE_LINES  # thousands of lines would only grey the chart
        if marked:  # one collection of lines, not one artist per article
            ax.vlines(starts, 0, 1, transform=ax.get_xaxis_transform(), colors=GREY, linestyles=":",
                      linewidth=1)
        names = [ax.annotate(wrap_label(article, 16), (start, 1), xycoords=("data", "axes fraction"),
                             xytext=(2, 2), textcoords="offset points", fontsize=7, color="#555555", va="bottom")
                 for article, start in zip(ids, starts)] if len(ids) <= 8 else []
        if frame.empty:
            ax.text(0.5, 0.5, "None of these terms occurs in the corpus.", transform=ax.transAxes,
                    ha="center", va="center", fontsize=11, color="#666666")
        ax.grid(False)
        ax.set_xlabel("Position in the corpus (words; articles in corpus order"
                      + (", dotted lines = article start)" if marked else f", {len(ids):,} articles)"))
        ax.set_ylabel("Term (occurrences)")
        ax.set_title(title, pad=6 + _stagger(names))
        _fit_labels(ax)
    return ax


def _stagger(names: list) -> float:
    """Lift each of the ``names`` written above a chart to the lowest row where it overlaps no
    name before it (short articles start close together); returns their height in points."""
    if not names:
        return 0.0
    fig = names[0].figure
    fig.draw_without_rendering()
    boxes = [name.get_window_extent().padded(-0.5) for name in names]  # all on the first row yet
    step = max(b.height for b in boxes) * 72 / fig.dpi + 2
    rows: list[list] = []  # the boxes on each row
    for name, box in zip(names, boxes):
        row = next((k for k, taken in enumerate(rows) if not any(box.overlaps(b) for b in taken)), len(rows))
        if row == len(rows):
            rows.append([])
        rows[row].append(box)
        name.xyann = (2, 2 + step * row)
    return step * len(rows) + 2


# ---- attribution

__all__ += ["statements_by_article", "mode_share", "speaks_vs_mentioned_plot"]


def statements_by_article(table: pd.DataFrame, ax: Axes | None = None, *, top: int = 15,
                          top_articles: int = 20) -> Axes:
    """Heatmap of statements per speaker (rows) and article (columns), counts in the cells.

    Args:
        table: ``statements(corpus)``.
        ax: Axes to draw on.
        top: Speakers shown (the most quoted).
        top_articles: Articles shown (those with most statements by these speakers); the
            title says how many there are in all.
    """
    title = "Statements per speaker and article"
    with plt.rc_context(STYLE):
        known = table.dropna(subset=["speaker"])
        if known.empty:
            return _no_data(_axes(ax, 3), title, "No attributed statements in this corpus")
        counts = known.groupby(["speaker", "article"])["statement_id"].nunique().unstack(fill_value=0)
        counts = counts.loc[counts.sum(axis=1).sort_values(ascending=False).index[:top]]
        if counts.shape[1] > top_articles:
            title += f" (the {top_articles} articles with most statements, of {counts.shape[1]:,})"
            keep = set(counts.sum(axis=0).sort_values(ascending=False).index[:top_articles])
            counts = counts[[c for c in counts.columns if c in keep]]
        ax = _axes(ax, 0.4 * len(counts) + 1.8)
        image = ax.imshow(counts.values, cmap="Blues", aspect="auto", vmin=0)
        for (i, j), value in np.ndenumerate(counts.values):
            if value:
                ax.text(j, i, str(value), ha="center", va="center", fontsize=8,
                        color="white" if value > counts.values.max() / 2 else "black")
        ax.set_xticks(range(counts.shape[1]), [wrap_label(c, 14) for c in counts.columns], rotation=30, ha="right")
        ax.set_yticks(range(counts.shape[0]), [wrap_label(r) for r in counts.index])
        ax.grid(False)
        ax.set_title(title)
        ax.set_xlabel("Article")
        ax.set_ylabel("Speaker")
        ax.figure.colorbar(image, ax=ax, label="Statements (count)", shrink=0.8)
        _fit_labels(ax)
    return ax


def mode_share(summary: pd.DataFrame, ax: Axes | None = None, *, top: int = 15) -> Axes:
    """Stacked horizontal bars: direct vs indirect statements per speaker.

    Args:
        summary: ``speaker_summary(statements(corpus))``.
    """
    title = "Direct quotes vs reported speech per speaker"
    with plt.rc_context(STYLE):
        if summary.empty:
            return _no_data(_axes(ax, 3), title, "No attributed statements in this corpus")
        data = summary.head(top).iloc[::-1]
        ax = _axes(ax, 0.4 * len(data) + 1.5)
        labels = [wrap_label(s) for s in data["speaker"]]
        y = np.arange(len(data))
        ax.barh(y, data["indirect"], color=PALETTE[5], label="Indirect (reported speech)")
        ax.barh(y, data["direct"], left=data["indirect"], color=PALETTE[1], label="Direct (quoted words)")
        ax.set_yticks(y, labels)
        ax.set_title(title)
        ax.set_xlabel("Statements (count)")
        ax.set_ylabel("Speaker")
        ax.legend(loc="lower right", fontsize=8)
        _fit_labels(ax)
    return ax


def speaks_vs_mentioned_plot(frame: pd.DataFrame, ax: Axes | None = None, *, top: int = 15) -> Axes:
    """Paired bars per actor: statements made vs times mentioned.

    Args:
        frame: ``speaks_vs_mentioned(statements, mentions)``.
    """
    title = "Who speaks and who is spoken of"
    with plt.rc_context(STYLE):
        if frame.empty:
            return _no_data(_axes(ax, 3), title, "No actors found in this corpus")
        data = frame.head(top).iloc[::-1]
        ax = _axes(ax, 0.45 * len(data) + 1.5)
        y = np.arange(len(data))
        ax.barh(y + 0.2, data["statements"], height=0.4, color=PALETTE[1], label="Statements made")
        ax.barh(y - 0.2, data["mentions"], height=0.4, color=PALETTE[0], label="Times mentioned")
        ax.set_yticks(y, [wrap_label(a) for a in data["actor"]])
        ax.set_title(title)
        ax.set_xlabel("Count")
        ax.set_ylabel("Actor")
        ax.legend(loc="lower right", fontsize=8)
        _fit_labels(ax)
    return ax


# ---- tone

__all__ += ["tone_by_actor_plot", "tone_toward_plot", "tone_scatter", "stance_heatmap", "tone_words_plot"]


def _tone_color(value: float) -> str:
    return POSITIVE if value >= 0.05 else NEGATIVE if value <= -0.05 else GREY


def _interval_bars(frame: pd.DataFrame, label: str, value: str, ax: Axes | None, title: str, xlabel: str,
                   top: int) -> Axes:
    with plt.rc_context(STYLE):
        if frame.empty:
            return _no_data(_axes(ax, 3), title, "Nothing to score in this corpus")
        data = frame.head(top).iloc[::-1]
        ax = _axes(ax, 0.42 * len(data) + 1.6)
        y = np.arange(len(data))
        thin = data["thin"].to_numpy(dtype=bool) if "thin" in data else np.zeros(len(data), dtype=bool)
        bars = ax.barh(y, data[value], color=[_tone_color(v) for v in data[value]], alpha=0.85)
        for bar, is_thin in zip(bars, thin):
            if is_thin:  # too few observations to rank on: drawn faint and hatched
                bar.set_alpha(0.3)
                bar.set_hatch("///")
        defined = data["ci_low"].notna()
        lower = (data[value] - data["ci_low"]).where(defined, 0)
        upper = (data["ci_high"] - data[value]).where(defined, 0)
        ax.errorbar(data[value][defined], y[defined.to_numpy()], xerr=[lower[defined], upper[defined]],
                    fmt="none", ecolor="black", color="black", capsize=3, linewidth=1)
        for yi, (n, ok, is_thin) in enumerate(zip(data["n"], defined, thin)):
            note = " (thin: no CI)" if is_thin else ("" if ok else " (no CI)")
            ax.annotate(f"n={n}{note}", (1.0, yi), xycoords=("axes fraction", "data"),
                        xytext=(4, 0), textcoords="offset points", va="center", fontsize=8, annotation_clip=False)
        ax.set_yticks(y, [wrap_label(v) for v in data[label]])
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_xlim(-1, 1)
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(label.capitalize())
        _fit_labels(ax)
    return ax


def tone_by_actor_plot(frame: pd.DataFrame, ax: Axes | None = None, *, by: str = "speaker", top: int = 15) -> Axes:
    """Mean polarity of what each actor says, with bootstrap 95% intervals (none for n = 1).

    Args:
        frame: ``tone_by_actor(scored, by=...)``.
    """
    return _interval_bars(frame, by, "mean_polarity", ax, "Tone of what each actor says",
                          "Mean polarity of statements (TextBlob, −1 to 1; bars: 95% bootstrap CI)", top)


def tone_toward_plot(frame: pd.DataFrame, ax: Axes | None = None, *, top: int = 15) -> Axes:
    """Mean tone toward each actor over its mentions (:func:`newsvoices.target_tone`), with 95%
    intervals (none below three mentions: those bars are drawn faint).

    Args:
        frame: ``tone_toward(corpus)``.
    """
    return _interval_bars(frame, "target", "mean_tone", ax, "Tone toward each actor",
                          "Mean tone toward its mentions (−1 to 1, 0 neutral; bars: 95% CI)", top)


def tone_scatter(scored: pd.DataFrame, ax: Axes | None = None, *, top: int = 8) -> Axes:
    """Polarity × subjectivity of every statement, coloured by speaker (the ``top`` most quoted;
    past the eight colours of :data:`PALETTE`, the marker shape still tells them apart).

    Args:
        scored: ``score_statements(statements(corpus))``.
    """
    title = "Statements by polarity and subjectivity"
    with plt.rc_context(STYLE):
        data = scored.dropna(subset=["speaker"]).drop_duplicates(["statement_id", "speaker"])
        if data.empty:
            return _no_data(_axes(ax, 3), title, "No attributed statements in this corpus")
        ax = _axes(ax, 4.5)
        order = data["speaker"].value_counts().index
        keep = list(order[:top])
        for i, speaker in enumerate(keep):  # colour and shape: told apart without colour vision too
            part = data[data["speaker"] == speaker]
            ax.scatter(part["polarity"], part["subjectivity"], s=40, alpha=0.8, color=PALETTE[i % len(PALETTE)],
                       marker=MARKERS[i % len(MARKERS)], label=wrap_label(speaker, 24), edgecolor="white",
                       linewidth=0.5)
        rest = data[~data["speaker"].isin(keep)]
        if len(rest):
            ax.scatter(rest["polarity"], rest["subjectivity"], s=25, alpha=0.5, color=GREY, label="others")
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_xlim(-1.05, 1.05)
        ax.set_ylim(-0.05, 1.05)
        ax.set_title(title)
        ax.set_xlabel("Polarity (TextBlob, −1 negative to 1 positive)")
        ax.set_ylabel("Subjectivity (0 factual to 1 opinion)")
        ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    return ax


def stance_heatmap(matrix: pd.DataFrame, ax: Axes | None = None, *, top: int = 12) -> Axes:
    """Diverging heatmap of who speaks about whom: speakers (rows) × targets (columns).

    Cells show the mean stance (−1 hostile … +1 friendly) and, below it, the number of
    statements behind it; cells with fewer than three are drawn faint, in grey italics (thin
    evidence, said under the axis); empty
    cells mean the speaker never spoke of that target.

    Args:
        matrix: ``stance_matrix(stance(corpus))``.
    """
    title = "Stance: who speaks about whom, and how"
    with plt.rc_context(STYLE):
        if matrix.empty:
            return _no_data(_axes(ax, 3), title, "No statement names another actor")
        speakers = matrix.groupby("speaker")["n"].sum().sort_values(ascending=False).index[:top]
        targets = matrix.groupby("target")["n"].sum().sort_values(ascending=False).index[:top]
        sub = matrix[matrix["speaker"].isin(speakers) & matrix["target"].isin(targets)]
        values = sub.pivot(index="speaker", columns="target", values="stance").reindex(index=speakers, columns=targets)
        counts = sub.pivot(index="speaker", columns="target", values="n").reindex(index=speakers, columns=targets)
        grid = values.to_numpy(dtype=float)
        thin = counts.to_numpy(dtype=float) < MIN_N  # too few statements to rank on: drawn faint
        ax = _axes(ax, 0.5 * len(speakers) + 2.2)
        image = ax.imshow(np.where(thin, np.nan, grid), cmap=TONE_CMAP, vmin=-1, vmax=1, aspect="auto")
        ax.imshow(np.where(thin, grid, np.nan), cmap=TONE_CMAP, vmin=-1, vmax=1, aspect="auto", alpha=0.35)
        for (i, j), v in np.ndenumerate(grid):
            if not np.isnan(v):
                faint = bool(thin[i, j])
                ax.text(j, i, f"{v:+.2f}\nn={int(counts.iat[i, j])}", ha="center",
                        va="center", fontsize=7, color="#555555" if faint else ("white" if abs(v) > 0.6 else "black"),
                        style="italic" if faint else "normal")
        ax.set_xticks(range(len(targets)), [wrap_label(t, 16) for t in targets], rotation=45, ha="right")
        ax.set_yticks(range(len(speakers)), [wrap_label(s) for s in speakers])
        ax.grid(False)
        ax.set_title(title)
        ax.set_xlabel("Target (the actor spoken about); faint cells: fewer than 3 statements, thin evidence")
        ax.set_ylabel("Speaker")
        ax.figure.colorbar(image, ax=ax, label="Stance (−1 hostile to +1 friendly)", shrink=0.8)
        _fit_labels(ax)
    return ax


def tone_words_plot(words: pd.DataFrame, ax: Axes | None = None, *, by: str = "speaker", top: int = 6) -> Axes:
    """The lexicon words behind the tone of the most quoted actors (weight = count × polarity):
    one group of bars per actor, under the actor's name (in bold, as in the tables).

    Args:
        words: ``tone_words(scored, by=...)``.
        ax: Axes to draw on (a new figure, as tall as the rows need, when ``None``).
        by: The actor column of ``words``.
        top: Actors shown: those whose words weigh most.

    Returns:
        The Axes.

    Example:
        >>> w = pd.DataFrame({"speaker": ["Abe", "Abe", "Rouhani"], "word": ["good", "bad", "illegal"],
        ...                   "count": [2, 1, 1], "polarity": [0.7, -0.7, -0.5], "weight": [1.4, -0.7, -0.5]})
        >>> ax = tone_words_plot(w)
        >>> [t.get_text() for t in ax.get_yticklabels()]
        ['illegal', 'Rouhani', 'bad', 'good', 'Abe']
        >>> plt.close("all")
    """
    title = "The words behind each actor's tone"
    with plt.rc_context(STYLE):
        data = words[words["weight"] != 0]
        if data.empty:
            return _no_data(_axes(ax, 3), title, "No lexicon word carries tone in these statements")
        weight = data["weight"].abs().groupby(data[by]).sum()
        actors = sorted(weight.index, key=lambda a: (-weight[a], str(a)))[:top]
        labels, values, colours, headers = [], [], [], []
        for actor in actors:
            block = data[data[by] == actor]
            block = block.iloc[np.argsort(-block["weight"].abs().to_numpy(), kind="stable")]
            headers.append(len(labels))
            labels.append(wrap_label(actor, 30))
            values.append(0.0)
            colours.append("none")
            labels += [wrap_label(w, 24) for w in block["word"]]
            values += block["weight"].tolist()
            colours += [_tone_color(v) for v in block["weight"]]
        ax = _axes(ax, 0.3 * len(labels) + 1.8)
        y = np.arange(len(labels))  # from the bottom: the first actor's name on top
        ax.barh(y, values[::-1], color=colours[::-1])
        ax.set_yticks(y, labels[::-1], fontsize=9)
        ticks = ax.get_yticklabels()
        for i in headers:
            ticks[len(labels) - 1 - i].set_fontweight("bold")
            ticks[len(labels) - 1 - i].set_fontsize(10)
        ax.axvline(0, color="black", linewidth=0.8)
        ax.legend(handles=[Patch(color=POSITIVE, label="raises the tone"), Patch(color=NEGATIVE, label="lowers it")],
                  loc="lower right", fontsize=8)
        ax.set_title(title)
        ax.set_xlabel("Contribution (statements × word polarity)")
        ax.set_ylabel("Actor (bold) and word")
        ax.margins(x=0.1)
        _fit_labels(ax)
    return ax


# ---- over time

__all__ += ["timeline_plot"]

#: Length of each period of :func:`newsvoices.timeline`, for the margins of a chart of one period.
_PERIOD_DAYS = {"day": 1, "week": 7, "month": 30}
_PERIOD_FORMATS = {"day": "%d %b %Y", "week": "%d %b %Y", "month": "%b %Y"}
_PERIOD_NAMES = {"day": "Day", "week": "Week (from its Monday)", "month": "Month"}


def timeline_plot(table: pd.DataFrame, ax: Axes | None = None, *, top: int = 6, tone_ax: Axes | None = None) -> Axes:
    """Statements per actor over time (above) and their mean tone (below), one colour and marker
    shape per actor; a hollow marker is a mean of fewer than three statements (thin). Each
    actor's points sit a little aside from the period's tick, so equal values stay visible.

    Args:
        table: ``newsvoices.timeline(statements, articles)``.
        ax: Axes for the statement counts; ``None`` makes a figure with both panels.
        top: Actors shown: the ``top`` with most statements.
        tone_ax: Axes for the mean tone (made with the figure when ``ax`` is ``None``; with an
            ``ax`` but no ``tone_ax``, only the counts are drawn).

    Returns:
        The Axes of the counts. When no article carries a date, it holds a note that says how
        to give them one.

    Example:
        >>> t = pd.DataFrame({"period": pd.to_datetime(["2019-12-20", "2019-12-21"]), "actor": ["Abe", "Abe"],
        ...                   "n": [3, 1], "mean_polarity": [0.2, -0.4], "thin": [False, True]})
        >>> ax = timeline_plot(t)
        >>> [line.get_ydata().tolist() for line in ax.lines]
        [[3, 1]]
        >>> plt.close("all")
    """
    freq = table.attrs.get("freq") or "period"
    undated = int(table.attrs.get("undated_articles", 0))
    dated = int(table.attrs.get("dated_articles", 0))
    left_out = f"; {undated:,} undated article{'s' if undated != 1 else ''} left out" if undated else ""
    title = "Statements per actor over time"
    with plt.rc_context(STYLE):
        if table.empty or not table["n"].sum():
            carry = "article carries" if undated == 1 else "articles carry"
            message = (f"No dated statements: {undated:,} {carry} no date.\n"
                       "Give each a first line 'date 2019-12-20', or put a metadata.csv\n"
                       "(id,title,date,source) beside the articles." if undated and not dated
                       else f"No attributed statements in the {dated:,} dated article{'s' if dated != 1 else ''}.")
            return _no_data(_axes(ax, 3.5), title, message)
        totals = table.groupby("actor", sort=False)["n"].sum()
        actors = sorted(totals.index, key=lambda a: (-totals[a], str(a)))[:top]
        if ax is None:
            fig, (ax, tone_ax) = plt.subplots(2, 1, figsize=(9, 6.5), sharex=True, layout="constrained")
            _OWN_FIGURES.add(fig)
        width = pd.Timedelta(days=_PERIOD_DAYS.get(freq, 1))
        for k, actor in enumerate(actors):
            part = table[table["actor"] == actor].sort_values("period")
            # each actor a little aside from the others, so that equal values do not hide each other
            part = part.assign(period=part["period"] + width * 0.06 * (k - (len(actors) - 1) / 2))
            style = {"color": PALETTE[k % len(PALETTE)], "marker": MARKERS[k % len(MARKERS)]}
            ax.plot(part["period"], part["n"], linewidth=1.5, markersize=6, label=wrap_label(actor, 24), **style)
            said = part[part["n"] > 0]
            if tone_ax is not None and len(said):
                tone_ax.plot(said["period"], said["mean_polarity"], linewidth=1, alpha=0.5, color=style["color"])
                for is_thin, face in ((False, style["color"]), (True, "none")):
                    points = said[said["thin"] == is_thin]
                    tone_ax.scatter(points["period"], points["mean_polarity"], s=45, marker=style["marker"],
                                    facecolors=face, edgecolors=style["color"], linewidths=1.2)
        periods = pd.to_datetime(pd.Series(sorted(table["period"].unique())))
        ax.set_title(f"{title} (by {freq})")
        ax.set_ylabel("Statements (count)")
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, title="Actor",
                  title_fontsize=8)
        below = tone_ax if tone_ax is not None else ax
        if tone_ax is not None:
            tone_ax.axhline(0, color="black", linewidth=0.8)
            tone_ax.set_ylim(-1.05, 1.05)
            tone_ax.set_title("Mean tone of their statements (hollow: fewer than 3, thin)")
            tone_ax.set_ylabel("Mean polarity (−1 to 1)")
        below.set_xlabel(f"{_PERIOD_NAMES.get(freq, 'Period')} (dated articles only{left_out})")
        if len(periods) <= 8:  # a tick on each period, named in full
            below.set_xticks(mdates.date2num(periods), [p.strftime(_PERIOD_FORMATS.get(freq, "%d %b %Y"))
                                                        for p in periods])
        else:
            locator = mdates.AutoDateLocator(maxticks=10)
            below.xaxis.set_major_locator(locator)
            below.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        if len(periods) == 1:
            below.set_xlim(mdates.date2num(periods.iloc[0] - width), mdates.date2num(periods.iloc[0] + width))
        _fit_labels(below)
    return ax
