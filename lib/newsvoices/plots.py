"""Charts for the notebooks and the report.

Every function takes a tidy DataFrame from the library and an optional matplotlib ``Axes``,
draws on it inside :func:`matplotlib.pyplot.rc_context` (global settings are never changed),
sets a title, axis labels with units, and returns the ``Axes``.

Example:
    >>> import newsvoices as nv
    >>> ax = nv.plots.article_lengths(nv.load_corpus("seeds").to_frame())   # doctest: +SKIP
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

__all__ = ["STYLE", "article_lengths", "wrap_label"]

#: Above this many categories a chart switches to a summary form (histogram, top N).
MAX_BARS = 40

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
}


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


def _axes(ax: Axes | None, height: float) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=(8, max(2.5, height)), layout="constrained")
    return ax


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
            ax.hist(frame["words"], bins=min(50, max(10, len(frame) // 20)), color="#4C72B0")
            ax.set_title(f"Article length ({len(frame):,} articles)")
            ax.set_xlabel("Length (words)")
            ax.set_ylabel("Articles (count)")
            return ax
        ax = _axes(ax, 0.45 * len(frame) + 1.2)
        data = frame.iloc[::-1]
        labels = [wrap_label(x) for x in data[label]]
        bars = ax.barh(labels, data["words"], color="#4C72B0")
        for bar, n in zip(bars, data["sentences"]):
            ax.annotate(f"{n} sentences", (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                        xytext=(4, 0), textcoords="offset points", va="center", fontsize=8)
        ax.set_title(f"Article length ({len(frame)} articles)")
        ax.set_xlabel("Length (words)")
        ax.set_ylabel("Article")
        ax.margins(x=0.15)
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


def top_terms(frame: pd.DataFrame, ax: Axes | None = None, *, n: int = 20, title: str | None = None) -> Axes:
    """Horizontal bars of the most frequent terms, each annotated with its rate per 1,000 words.

    Args:
        frame: ``newsvoices.term_frequencies(corpus)`` (columns ``term``, ``count``,
            ``per_1000``); with an ``article`` column, counts are summed over articles.
        ax: Axes to draw on (a new figure when ``None``).
        n: Number of bars (the first ``n`` rows by count).
        title: Chart title (default: "Most frequent words", "... two-word phrases", ...).

    Returns:
        The Axes.

    Example:
        >>> import newsvoices as nv
        >>> ax = nv.plots.top_terms(nv.term_frequencies(nv.load_corpus("seeds")), n=15)  # doctest: +SKIP
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
        bars = ax.barh([wrap_label(t, 30) for t in data["term"]], data["count"], color="#4C72B0")
        if "per_1000" in data.columns:
            for bar, rate in zip(bars, data["per_1000"]):
                ax.annotate(f"{rate:.1f} ‰", (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                            xytext=(4, 0), textcoords="offset points", va="center", fontsize=8)
        ax.set_title(title)
        ax.set_xlabel("Occurrences (count; label: per 1,000 words)")
        ax.set_ylabel("Term")
        ax.margins(x=0.15)
    return ax


def terms_by_article(
    frame: pd.DataFrame, ax: Axes | None = None, *, n: int = 15, title: str | None = None
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
        order = list(dict.fromkeys(frame["article"]))
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
            _, ax = plt.subplots(figsize=(min(16, 3 + 0.9 * len(articles)), 0.35 * len(terms) + 2.2),
                                 layout="constrained")
        image = ax.imshow(per.to_numpy(dtype=float), aspect="auto", cmap="Blues", vmin=0)
        if per.size <= 600:
            top = float(per.to_numpy().max()) or 1.0
            for (i, j), value in pd.DataFrame(cnt.to_numpy()).stack().items():
                ax.text(j, i, str(int(value)), ha="center", va="center", fontsize=8,
                        color="white" if per.iat[i, j] > 0.6 * top else "#222222")
        ax.set_xticks(range(len(articles)), [wrap_label(a, 14) for a in articles],
                      rotation=30 if len(articles) > 3 else 0, ha="right" if len(articles) > 3 else "center",
                      fontsize=8)
        ax.set_yticks(range(len(terms)), [wrap_label(t, 30) for t in terms])
        ax.grid(False)
        ax.figure.colorbar(image, ax=ax, label="Occurrences per 1,000 words", shrink=0.8)
        ax.set_title(title)
        ax.set_xlabel("Article (cell: count)")
        ax.set_ylabel("Term")
    return ax


def keyness_bars(
    frame: pd.DataFrame, ax: Axes | None = None, *, n: int = 10, max_articles: int = 12,
    title: str | None = None,
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
        articles = [a for a in dict.fromkeys(frame["article"]) if a in set(data["article"])]
        if len(articles) > max_articles:
            title = f"{title} (first {max_articles} of {len(articles)} articles)"
            articles = articles[:max_articles]
        labels, values, ratios, colours, headers = [], [], [], [], []
        palette = plt.rcParams["axes.prop_cycle"].by_key()["color"]
        for k, article in enumerate(articles):
            block = data[data["article"] == article]
            headers.append(len(labels))
            labels.append(wrap_label(article, 30))
            values.append(0.0)
            ratios.append(None)
            colours.append("none")
            for row in block.itertuples():
                labels.append(wrap_label(row.term, 30))
                values.append(row.log_likelihood)
                ratios.append(row.log_ratio)
                colours.append(palette[k % len(palette)])
        ax = _axes(ax, 0.27 * len(labels) + 1.4)
        y = list(range(len(labels)))[::-1]
        bars = ax.barh(y, values, color=colours)
        for bar, ratio in zip(bars, ratios):
            if ratio is not None:
                ax.annotate(f"LR {ratio:+.1f}", (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                            xytext=(4, 0), textcoords="offset points", va="center", fontsize=7)
        ax.set_yticks(y, labels, fontsize=8)
        for i in headers:
            tick = ax.get_yticklabels()[i]
            tick.set_fontweight("bold")
            tick.set_fontsize(9)
        ax.axvline(3.84, color="#888888", linestyle="--", linewidth=1, label="p < 0.05 (G² = 3.84)")
        ax.legend(loc="lower right", fontsize=8)
        ax.set_title(title)
        ax.set_xlabel("Log-likelihood G² (higher = more distinctive; label: log ratio)")
        ax.set_ylabel("Article (bold) and term")
        ax.margins(x=0.15)
    return ax


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
        palette = plt.rcParams["axes.prop_cycle"].by_key()["color"]
        labels = []
        for k, term in enumerate(lanes):
            xs = frame.loc[frame["term"] == term, "corpus_position"]
            y = len(lanes) - 1 - k
            ax.scatter(xs, [y] * len(xs), marker="|", s=300, linewidths=1.5, color=palette[k % len(palette)])
            labels.append(f"{wrap_label(term, 24)} ({len(xs)})")
        ax.set_yticks(range(len(lanes)), labels[::-1])
        ax.set_ylim(-0.6, len(lanes) - 0.4)
        ax.set_xlim(0, max(total, 1))
        for article, start in zip(ids, starts):
            ax.axvline(start, color="#999999", linestyle=":", linewidth=1)
            if len(ids) <= 8:
                ax.annotate(wrap_label(article, 16), (start, 1), xycoords=("data", "axes fraction"),
                            xytext=(2, 2), textcoords="offset points", fontsize=7, color="#555555",
                            va="bottom")
        if frame.empty:
            ax.text(0.5, 0.5, "None of these terms occurs in the corpus.", transform=ax.transAxes,
                    ha="center", va="center", fontsize=11, color="#666666")
        ax.grid(False)
        ax.set_title(title, pad=18 if len(ids) <= 8 else 6)
        ax.set_xlabel("Position in the corpus (words; articles in corpus order, dotted lines = article start)")
        ax.set_ylabel("Term (occurrences)")
    return ax


# ---- attribution

__all__ += ["statements_by_article", "mode_share", "speaks_vs_mentioned_plot"]


def statements_by_article(table: pd.DataFrame, ax: Axes | None = None, *, top: int = 15) -> Axes:
    """Heatmap of statements per speaker (rows) and article (columns), counts in the cells.

    Args:
        table: ``statements(corpus)``.
        ax: Axes to draw on.
        top: Speakers shown (the most quoted).
    """
    title = "Statements per speaker and article"
    with plt.rc_context(STYLE):
        known = table.dropna(subset=["speaker"])
        if known.empty:
            return _no_data(_axes(ax, 3), title, "No attributed statements in this corpus")
        counts = known.groupby(["speaker", "article"])["statement_id"].nunique().unstack(fill_value=0)
        counts = counts.loc[counts.sum(axis=1).sort_values(ascending=False).index[:top]]
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
        ax.barh(labels, data["indirect"], color="#8FA9C9", label="Indirect (reported speech)")
        ax.barh(labels, data["direct"], left=data["indirect"], color="#C44E52", label="Direct (quoted words)")
        ax.set_title(title)
        ax.set_xlabel("Statements (count)")
        ax.set_ylabel("Speaker")
        ax.legend(loc="lower right", fontsize=8)
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
        ax.barh(y + 0.2, data["statements"], height=0.4, color="#C44E52", label="Statements made")
        ax.barh(y - 0.2, data["mentions"], height=0.4, color="#4C72B0", label="Times mentioned")
        ax.set_yticks(y, [wrap_label(a) for a in data["actor"]])
        ax.set_title(title)
        ax.set_xlabel("Count")
        ax.set_ylabel("Actor")
        ax.legend(loc="lower right", fontsize=8)
    return ax
