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

from .tone import MIN_N

__all__ = ["STYLE", "article_lengths", "describe", "show", "wrap_label"]

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

    import io

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
        _label_bars(ax, bars, [f"{n} sentences" for n in data["sentences"]])
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
            _label_bars(ax, bars, [f"{rate:.1f} ‰" for rate in data["per_1000"]])
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
        with_rows = set(data["article"])
        articles = [a for a in pd.unique(frame["article"]).tolist() if a in with_rows]
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
        _label_bars(ax, bars, [None if r is None else f"LR {r:+.1f}" for r in ratios], fontsize=7)
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
        marked = len(ids) <= MAX_ARTICLE_LINES  # thousands of lines would only grey the chart
        if marked:  # one collection of lines, not one artist per article
            ax.vlines(starts, 0, 1, transform=ax.get_xaxis_transform(), colors="#999999", linestyles=":",
                      linewidth=1)
        for article, start in zip(ids, starts):
            if len(ids) <= 8:
                ax.annotate(wrap_label(article, 16), (start, 1), xycoords=("data", "axes fraction"),
                            xytext=(2, 2), textcoords="offset points", fontsize=7, color="#555555",
                            va="bottom")
        if frame.empty:
            ax.text(0.5, 0.5, "None of these terms occurs in the corpus.", transform=ax.transAxes,
                    ha="center", va="center", fontsize=11, color="#666666")
        ax.grid(False)
        ax.set_title(title, pad=18 if len(ids) <= 8 else 6)
        ax.set_xlabel("Position in the corpus (words; articles in corpus order"
                      + (", dotted lines = article start)" if marked else f", {len(ids):,} articles)"))
        ax.set_ylabel("Term (occurrences)")
    return ax


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


# ---- tone

__all__ += ["tone_by_actor_plot", "tone_toward_plot", "tone_scatter", "stance_heatmap", "tone_words_plot"]

_POSITIVE, _NEGATIVE, _NEUTRAL = "#2A7AB0", "#C44E52", "#9A9A9A"


def _tone_color(value: float) -> str:
    return _POSITIVE if value >= 0.05 else _NEGATIVE if value <= -0.05 else _NEUTRAL


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
                    fmt="none", ecolor="black", capsize=3, linewidth=1)
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
    """Polarity × subjectivity of every statement, coloured by speaker (the ``top`` most quoted).

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
        colors = plt.get_cmap("tab10")
        for i, speaker in enumerate(keep):
            part = data[data["speaker"] == speaker]
            ax.scatter(part["polarity"], part["subjectivity"], s=40, alpha=0.75, color=colors(i % 10),
                       label=wrap_label(speaker, 24), edgecolor="white", linewidth=0.5)
        rest = data[~data["speaker"].isin(keep)]
        if len(rest):
            ax.scatter(rest["polarity"], rest["subjectivity"], s=25, alpha=0.5, color="#BBBBBB", label="others")
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
        image = ax.imshow(np.where(thin, np.nan, grid), cmap="RdBu", vmin=-1, vmax=1, aspect="auto")
        ax.imshow(np.where(thin, grid, np.nan), cmap="RdBu", vmin=-1, vmax=1, aspect="auto", alpha=0.35)
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
    return ax


def tone_words_plot(words: pd.DataFrame, ax: Axes | None = None, *, by: str = "speaker", top: int = 6) -> Axes:
    """The lexicon words behind the tone of the most quoted actors (weight = count × polarity).

    Args:
        words: ``tone_words(scored, by=...)``.
    """
    title = "The words behind each actor's tone"
    with plt.rc_context(STYLE):
        data = words[words["weight"] != 0]
        if data.empty:
            return _no_data(_axes(ax, 3), title, "No lexicon word carries tone in these statements")
        actors = data.groupby(by)["weight"].apply(lambda w: w.abs().sum()).sort_values(ascending=False).index[:top]
        data = data[data[by].isin(actors)]
        labels = [f"{wrap_label(a, 18)}: {w}" for a, w in zip(data[by], data["word"])]
        ax = _axes(ax, 0.28 * len(data) + 1.6)
        ax.barh(labels[::-1], data["weight"].iloc[::-1], color=[_tone_color(v) for v in data["weight"].iloc[::-1]])
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_title(title)
        ax.set_xlabel("Contribution (statements × word polarity)")
        ax.set_ylabel("Actor: word")
    return ax
