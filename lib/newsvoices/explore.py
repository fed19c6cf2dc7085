"""Explore an analysis in JupyterLab: choose an actor, read what it says and how it is spoken of.

:func:`explore` gives a menu of the actors of an analysis — those who speak and those spoken
of — and, for the one chosen, the evidence behind the figures of ``03_tone_by_actor``: its row
of :func:`newsvoices.tone_by_actor` (the tone of what it says) and of
:func:`newsvoices.tone_toward_tables` (how it is spoken of), the stance rows where it holds or
receives a stance, its statements, and the sentences that mention it. :func:`actor_tables`
gives the same as tables. Every cell is HTML-escaped: article text shows as text.

In a static page (the report build sets ``NEWSVOICES_NO_PROGRESS``) a menu would be a dead
control, and a widget's state would make the page fetch the widget library from a network: there
:func:`explore` shows the first actor's tables, with a note that JupyterLab offers the menu.

:func:`escape_markdown` makes a value safe inside the notebooks' Markdown sentences.

Example:
    >>> import newsvoices as nv
    >>> nv.explore(nv.analyse(nv.load_corpus("seeds")))       # doctest: +SKIP
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

import pandas as pd

from .parallel import wants_progress
from .records import Analysis
from .tone import tone_by_actor, tone_toward_tables

if TYPE_CHECKING:
    import ipywidgets

__all__ = ["ACTOR_OVERVIEW_COLUMNS", "ActorPage", "actor_overview", "actor_tables", "escape_markdown", "explore"]

#: Columns of :func:`actor_overview`.
ACTOR_OVERVIEW_COLUMNS = ["actor", "statements", "mentions", "stance"]
#: Rows of each table shown for an actor (the tables of :func:`actor_tables` hold them all).
SHOWN_ROWS = 20

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$])")


def escape_markdown(value: object) -> str:
    r"""``value`` as text that a Markdown output shows as written.

    Markdown punctuation (``*``, ``_``, ``[``, ``#``, ``|`` …) and ``$`` (which JupyterLab
    reads as mathematics) are backslash-escaped, ``<``, ``>`` and ``&`` become HTML entities
    (so markup in an article never runs), and line breaks become spaces (they would end the
    sentence's paragraph or list item).

    Args:
        value: Anything; it is shown as ``str(value)``.

    Returns:
        The escaped text.

    Example:
        >>> print(escape_markdown("<b>*Abe*</b> paid $5"))
        &lt;b&gt;\*Abe\*&lt;/b&gt; paid \$5
    """
    text = " ".join(str(value).split())
    return html.escape(_MARKDOWN_SPECIAL.sub(r"\\\1", text), quote=False)


def actor_overview(analysis: Analysis) -> pd.DataFrame:
    """Every actor of an analysis that speaks or is spoken of, most reported first.

    Args:
        analysis: ``newsvoices.analyse(corpus)``.

    Returns:
        Columns ``actor``, ``statements`` (statements it makes), ``mentions`` (times it is
        mentioned), ``stance`` (stance rows it holds or receives); sorted by statements plus
        mentions (highest first), then by name.

    Example:
        >>> from newsvoices.records import TABLE_COLUMNS
        >>> tables = {name: pd.DataFrame(columns=cols) for name, cols in TABLE_COLUMNS.items()}
        >>> tables["statements"] = pd.DataFrame({"statement_id": ["a:1", "a:2"], "speaker": ["Abe", "Abe"]})
        >>> tables["mentions"] = pd.DataFrame({"actor": ["Iran"] * 4 + ["Abe"]})
        >>> actor_overview(Analysis(**tables))
          actor  statements  mentions  stance
        0  Iran           0         4       0
        1   Abe           2         1       0
    """
    said = (analysis.statements.dropna(subset=["speaker"]).drop_duplicates(["statement_id", "speaker"])
            .groupby("speaker").size())
    mentioned = analysis.mentions.dropna(subset=["actor"]).groupby("actor").size()
    stance = analysis.stance
    held = pd.concat([stance["speaker"], stance["target"]]).dropna().value_counts()
    actors = sorted(set(said.index) | set(mentioned.index))
    frame = pd.DataFrame({
        "actor": actors,
        "statements": [int(said.get(a, 0)) for a in actors],
        "mentions": [int(mentioned.get(a, 0)) for a in actors],
        "stance": [int(held.get(a, 0)) for a in actors],
    }, columns=ACTOR_OVERVIEW_COLUMNS)
    order = (frame["statements"] + frame["mentions"]).sort_values(ascending=False, kind="stable").index
    return frame.loc[order].reset_index(drop=True).astype(
        {"statements": "int64", "mentions": "int64", "stance": "int64"})


class _Summaries:
    """The corpus-wide tables an actor's rows are taken from, computed once."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.says = tone_by_actor(analysis.statements, by="speaker")
        self.toward = tone_toward_tables(analysis.mentions, analysis.sentences)
        self.per_mention = tone_toward_tables(analysis.mentions, analysis.sentences, per_mention=True)


def actor_tables(analysis: Analysis, actor: str) -> dict[str, pd.DataFrame]:
    """What the explorer shows for one actor, as tables.

    Args:
        analysis: ``newsvoices.analyse(corpus)``.
        actor: An actor's name as the tables write it (see :func:`actor_overview`).

    Returns:
        Tables by name: ``says`` (its row of :func:`newsvoices.tone_by_actor`), ``spoken_of``
        (its row of :func:`newsvoices.tone_toward_tables`), ``stance`` (stance rows where it is
        the speaker or the target, with the statement behind each), ``statements`` (what it
        says, one row per statement, with its tone) and ``mentions`` (every mention with the
        tone toward it and its sentence, strongest first). A table is empty when the actor has
        no such row (an actor who never speaks has no ``says`` row: it is not "neutral").

    Raises:
        KeyError: No actor of that name speaks or is mentioned; the message lists some that do.

    Example:
        >>> import newsvoices as nv
        >>> tables = actor_tables(nv.analyse(nv.load_corpus("seeds")), "Rouhani")   # doctest: +SKIP
        >>> tables["statements"]["text"].head(1)                                    # doctest: +SKIP
    """
    return _actor_tables(_Summaries(analysis), actor)


def _actor_tables(summaries: _Summaries, actor: str) -> dict[str, pd.DataFrame]:
    analysis = summaries.analysis
    statements = analysis.statements
    mine = statements[statements["speaker"] == actor].drop_duplicates("statement_id")
    mentions = summaries.per_mention[summaries.per_mention["target"] == actor]
    if mine.empty and mentions.empty and not (analysis.mentions["actor"] == actor).any():
        known = actor_overview(analysis)["actor"].head(8).tolist()
        raise KeyError(f"no actor {actor!r} speaks or is mentioned in this analysis; actors include {known}")
    stance = analysis.stance
    strongest = mentions["tone"].abs().sort_values(ascending=False, kind="stable").index
    return {
        "says": summaries.says[summaries.says["speaker"] == actor].reset_index(drop=True),
        "spoken_of": summaries.toward[summaries.toward["target"] == actor].reset_index(drop=True),
        "stance": stance.loc[(stance["speaker"] == actor) | (stance["target"] == actor),
                             ["speaker", "target", "word", "role", "negated", "stance", "evidence", "text"]
                             ].reset_index(drop=True),
        "statements": mine[["article", "mode", "cue", "polarity", "vader", "evidence", "text"]].reset_index(drop=True),
        "mentions": mentions.loc[strongest, ["article", "text", "tone", "sentence"]].reset_index(drop=True),
    }


def _table_html(frame: pd.DataFrame, empty: str) -> str:
    if frame.empty:
        return f"<p><em>{html.escape(empty)}</em></p>"
    body = frame.head(SHOWN_ROWS).to_html(index=False, escape=True, na_rep="", border=0, classes="nv-table",
                                          float_format=lambda x: f"{x:.2f}")
    note = f"{len(frame):,} rows" + (f", first {SHOWN_ROWS} shown" if len(frame) > SHOWN_ROWS else "")
    return f'<div class="nv-table">{body}<p><small>{note}</small></p></div>'


def _actor_html(summaries: _Summaries, actor: str) -> str:
    tables = _actor_tables(summaries, actor)
    n_said, n_mentioned = len(tables["statements"]), len(tables["mentions"])
    parts = [
        f"<h3>{html.escape(actor)}</h3>",
        f"<p>{n_said:,} statement(s); mentioned {n_mentioned:,} time(s); {len(tables['stance']):,} stance row(s).</p>",
        "<h4>The tone of what it says</h4>",
        _table_html(tables["says"], "It makes no statement in these articles."),
        "<h4>How it is spoken of</h4>",
        _table_html(tables["spoken_of"], "It is not mentioned in these articles."),
        "<h4>Stance: who is hostile or friendly, with the statement behind each row</h4>",
        _table_html(tables["stance"], "No stance row holds or targets it."),
        "<h4>Its statements</h4>",
        _table_html(tables["statements"], "It makes no statement in these articles."),
        "<h4>The sentences that mention it, strongest tone first</h4>",
        _table_html(tables["mentions"], "It is not mentioned in these articles."),
    ]
    return "\n".join(parts)


class ActorPage:
    """The explorer in a static page: the first actor's tables and a note on the menu.

    Shown as HTML in a notebook (``_repr_html_``) and as text elsewhere.
    """

    def __init__(self, html_text: str, text: str) -> None:
        self.html_text, self.text = html_text, text

    def _repr_html_(self) -> str:
        return self.html_text

    def __repr__(self) -> str:
        return self.text


def explore(analysis: Analysis, *, interactive: bool | None = None) -> ipywidgets.VBox | ActorPage:
    """A menu of the actors; the tables behind the chosen one's tone, stance and statements.

    Args:
        analysis: ``newsvoices.analyse(corpus)``.
        interactive: ``True``: an ipywidgets menu; ``False``: a static page of the first actor
            (:class:`ActorPage`); ``None``: interactive unless ``NEWSVOICES_NO_PROGRESS`` is set
            (the report build sets it: a static page cannot run a menu).

    Returns:
        An ``ipywidgets.VBox`` holding the menu (a ``Dropdown`` of the actors, most reported
        first, whose values are their names) and the chosen actor's tables (an ``HTML``
        widget); or an :class:`ActorPage`.

    Raises:
        ImportError: ipywidgets is not installed (it is in requirements.txt).

    Example:
        >>> import newsvoices as nv
        >>> box = nv.explore(nv.analyse(nv.load_corpus("seeds")))   # doctest: +SKIP
        >>> box.children[0].value = "Abe"                           # doctest: +SKIP
    """
    overview = actor_overview(analysis)
    summaries = _Summaries(analysis)
    if interactive is None:
        interactive = wants_progress(None)
    if not interactive:
        if overview.empty:
            return ActorPage("<p><em>No actor speaks or is mentioned in these articles.</em></p>",
                             "No actor speaks or is mentioned in these articles.")
        first = overview["actor"].iloc[0]
        note = (f"Open this notebook in JupyterLab to choose among the {len(overview):,} actors from a menu; "
                f"this page shows the most reported, {first}.")
        return ActorPage(f"<p>{html.escape(note)}</p>\n{_actor_html(summaries, first)}", note)
    try:
        import ipywidgets as widgets
    except ImportError as exc:  # pragma: no cover -- it is a requirement
        raise ImportError("newsvoices.explore needs ipywidgets: python -m pip install ipywidgets "
                          "(it is in requirements.txt)") from exc
    options = [(f"{row.actor} ({row.statements} statements, {row.mentions} mentions)", row.actor)
               for row in overview.itertuples()]
    menu = widgets.Dropdown(options=options, description="Actor", layout=widgets.Layout(width="max-content"))
    view = widgets.HTML()

    def show(change: dict | None = None) -> None:
        view.value = (_actor_html(summaries, menu.value) if menu.value is not None
                      else "<p><em>No actor speaks or is mentioned in these articles.</em></p>")

    menu.observe(show, names="value")
    show()
    return widgets.VBox([menu, view])
