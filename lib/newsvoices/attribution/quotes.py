"""The quotations of an article: where each opens and closes, and what lies inside one."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Token

from ..text import CLOSING_QUOTES, OPENING_QUOTES, quote_spans

__all__ = ["Quotes"]

_LINES = re.compile(r"[^\n]+")
_OPENERS = (*OPENING_QUOTES, ":")
_CLOSERS = CLOSING_QUOTES


class Quotes:
    """The quotation spans of a text (marks included), each within one line and one paragraph
    (``paragraphs``: the article's, which cut a page that lost its line breaks): a quotation left
    open at the end of a paragraph runs to its end (news convention for a quotation that goes on in
    the next paragraph). See :func:`newsvoices.text.quote_spans` for how marks pair up.

    Example:
        >>> q = Quotes('He said “yes” and "no".')
        >>> q.spans, q.inside(9), q.inside(2)
        ([(8, 13), (18, 22)], True, False)
    """

    def __init__(self, text: str, paragraphs: tuple[tuple[int, int], ...] = ()) -> None:
        self.spans: list[tuple[int, int]] = []
        cuts = sorted({e for _, e in paragraphs})  # a paragraph cut out of a flattened page ends a quotation too
        for line in _LINES.finditer(text):
            start = line.start()
            for cut in cuts[bisect.bisect_right(cuts, start) :]:
                if cut >= line.end():
                    break
                self.spans.extend(quote_spans(text, start, cut))
                start = cut
            self.spans.extend(quote_spans(text, start, line.end()))
        self.starts = [s for s, _ in self.spans]

    def at(self, pos: int) -> tuple[int, int] | None:
        """The quotation holding character ``pos``, or ``None``."""
        k = bisect.bisect_right(self.starts, pos) - 1
        if k >= 0 and self.spans[k][0] <= pos < self.spans[k][1]:
            return self.spans[k]
        return None

    def inside(self, pos: int) -> bool:
        """Whether character ``pos`` lies inside a quotation."""
        return self.at(pos) is not None

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """The quotations overlapping ``[start, end)``."""
        k = bisect.bisect_left(self.starts, start)
        out = []
        if k > 0 and self.spans[k - 1][1] > start:
            out.append(self.spans[k - 1])
        while k < len(self.spans) and self.spans[k][0] < end:
            out.append(self.spans[k])
            k += 1
        return out

    def touches(self, token: Token) -> bool:
        """Whether a quotation opens within three tokens after ``token`` (or a colon introduces
        one) or closes within three tokens before it: ``said: “...”``, ``“...,” he said``."""
        doc = token.doc
        for j in range(token.i + 1, min(len(doc), token.i + 4)):
            if doc[j].text in _OPENERS or (self.inside(doc[j].idx) and doc[j].text not in _CLOSERS):
                return True
            if doc[j].is_sent_start:
                break
        return any(doc[j].text in _CLOSERS for j in range(token.i - 1, max(-1, token.i - 4), -1))
