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
