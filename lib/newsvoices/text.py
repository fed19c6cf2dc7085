"""Text primitives shared by every module: decoding, normalisation, paragraphs, sentences,
quotations, tokens.

Everything here works on plain strings and character offsets, needs no downloaded data and
never changes a word: normalisation only touches invisible characters, line endings and the
Unicode form. Offsets returned by the splitters index into the string they were given.

Sentence splitting uses sentencex (Wikimedia's rule-based, data-free segmenter). It splits
the seeds and every test article exactly as pysbd does (216 of 216 paragraphs agree) at about
300 times pysbd's speed. Paragraphs are still cut into bounded pieces at likely sentence
boundaries first (:data:`MAX_SEGMENT_CHARS`), so that no segmenter ever sees a multi-megabyte
one-line file whole and the cost stays linear.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Collection, Iterator

from charset_normalizer import from_bytes
from sentencex import segment

__all__ = [
    "CLOSING_QUOTES",
    "dateline_end",
    "decode_bytes",
    "MAX_PARAGRAPH_CHARS",
    "MAX_SEGMENT_CHARS",
    "OPENING_QUOTES",
    "normalise_text",
    "quote_spans",
    "split_paragraphs",
    "split_sentences",
    "split_text",
    "tokenize",
    "count_words",
]

#: Longest piece of text handed to the sentence segmenter at once (characters).
MAX_SEGMENT_CHARS = 3000
#: Longest paragraph kept whole (characters; news paragraphs hold a few hundred). Longer is
#: text whose paragraph breaks were lost (a page flattened to one line): it is cut between
#: sentences into paragraphs of at most this size (see :func:`split_text`).
MAX_PARAGRAPH_CHARS = 3000

# Invisible characters removed by normalisation. ZWNJ/ZWJ (U+200C/U+200D) are kept on purpose:
# in Persian, Arabic, Indic scripts and emoji they are part of the spelling of a word.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u180e\u00ad"), None)
# Space-like characters that become a plain space.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000"), " ")
_TRANSLATE = {**_ZERO_WIDTH, **_SPACES}
# str.translate walks every character through a dict: only worth it when one is there.
_TO_TRANSLATE = re.compile("[" + "".join(map(chr, _TRANSLATE)) + "]")

_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
# A line that ends a paragraph: sentence-final punctuation, optionally followed by closers.
_LINE_ENDS_SENTENCE = re.compile(r"""[.!?:;]["'”’»)\]]*[ \t]*$""")
# Likely sentence boundaries used only to cut over-long paragraphs before segmentation.
_SOFT_BOUNDARY = re.compile(r"""[.!?]["'”’»)\]]*\s+(?=["“‘«(\[]?[A-Z0-9])""")
_SPACE = re.compile(r"\s+")
# An honorific that always stands before a name: a sentence never ends on it (the segmenter
# cuts after "Ms." now and then: '"...," Ms. | Acosta said', 113 times in PolNeAR's train articles).
_ENDS_ON_HONORIFIC = re.compile(r"(?:^|\s|[\"“'‘(])(?:Mr|Ms|Mrs|Messrs|Mmes|Mx)\.$")
# A cut between two letters of a dotted abbreviation, no space between them ("R-S.|C.", "U.|S.").
_INSIDE_ABBREVIATION = re.compile(r"[^\W\d_]\.[A-Z]\.")
# Control characters that no decoded text holds (a wrong guess of the encoding makes them).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# Tokens: dotted acronyms (U.S., U.K.), numbers with separators, words with inner
# apostrophes or hyphens (Japan’s, anti-submarine, don't). Unicode letters count as letters.
TOKEN_RE = re.compile(
    r"(?:[^\W\d_]\.){2,}(?![^\W\d_])"  # U.S.  e.g.  U.N.
    r"|\d+(?:[.,:]\d+)*%?(?!\w)"  # 250,000  2.5 (but "90th" is one word, next branch)
    r"|\w+(?:['’\-]\w+)*",
)


#: A wire-style dateline opening a line: a place in capitals, maybe a date and an agency, a dash.
_DATELINE = re.compile(r"\A\s*[A-Z][A-Z .'’-]{1,30}[A-Z](?:,[^\n(]{1,40}?)?\s*(?:\([^)\n]{1,40}\))?"
                       r"\s*(?:--|[-—–])\s")
#: The same with a place in title case, which needs its agency ("São Paulo (AFP) – ").
_TITLE_DATELINE = re.compile(r"\A\s*[A-Z][^\W\d_]*\.?(?:[ -][^\W\d_]+\.?){0,3}(?:,[^\n(]{1,40}?)?\s*"
                             r"\((?P<agency>[^()\n]{2,20})\)\s*(?:--|[-—–])\s")


def dateline_end(text: str, agencies: Collection[str] = ()) -> int:
    """Where a wire-style dateline that opens ``text`` ends, or 0: a place in capitals, maybe a date
    and an agency, and a dash ("CANBERRA, March 20 (Reuters) - "); or a place in title case with
    one of ``agencies`` (lower case) in brackets ("New York (AFP) – "; the library passes
    ``data/wire_agencies.csv``), since a name and a word in brackets open lines of results and
    transcripts too ("Jeremy Corbyn (Labour) – ").

    Example:
        >>> text = "NIAMEY, Niger - Niger's junta welcomed the decision."
        >>> text[dateline_end(text):]
        "Niger's junta welcomed the decision."
        >>> dateline_end("Washington (AFP) – Clinton said", agencies={"afp"})
        19
    """
    match = _DATELINE.match(text)
    if match:
        return match.end()
    match = _TITLE_DATELINE.match(text) if agencies else None
    return match.end() if match and match["agency"].lower() in agencies else 0


def normalise_text(text: str) -> str:
    """Return ``text`` in NFC with LF line endings and without invisible characters.

    Zero-width spaces, word joiners, BOMs and soft hyphens are removed; non-breaking and
    other fixed-width spaces become ordinary spaces. Words are never altered.

    Example:
        >>> normalise_text("Tokyo\\u00a0and\\u200b Tehran\\r\\n")
        'Tokyo and Tehran\\n'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _TO_TRANSLATE.search(text):
        text = text.translate(_TRANSLATE)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into paragraphs and return their ``(start, end)`` offsets.

    A blank line always ends a paragraph. A single line break ends one too when the line
    ends like a sentence (``.``, ``?``, ``!``, ``:`` or ``;``, optionally followed by a
    closing quote or bracket); otherwise it is taken as a soft wrap inside the paragraph.
    Offsets exclude surrounding whitespace.

    Example:
        >>> split_paragraphs("One.\\n\\nTwo is\\nwrapped.\\nThree.")
        [(0, 4), (6, 21), (22, 28)]
    """
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _blocks(text):
        start = block_start
        pos = block_start
        while True:
            nl = text.find("\n", pos, block_end)
            if nl == -1:
                break
            if _LINE_ENDS_SENTENCE.search(text, start, nl):
                spans.append(_strip(text, start, nl))
                start = nl + 1
            pos = nl + 1
        spans.append(_strip(text, start, block_end))
    return [s for s in spans if s[1] > s[0]]


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for m in _BLANK_LINES.finditer(text):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _segment(piece: str) -> list[str]:
    return list(segment("en", piece))


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` (one paragraph) into sentences; return article offsets.

    Pieces longer than :data:`MAX_SEGMENT_CHARS` are first cut at likely sentence boundaries
    (or, failing that, at a space) so that the segmenter's cost stays bounded. Each returned
    span is stripped of surrounding whitespace and maps exactly onto ``text``.

    Example:
        >>> t = "Last year, U.S. President Donald Trump withdrew. Iran objected."
        >>> [t[a:b] for a, b in split_sentences(t)]
        ['Last year, U.S. President Donald Trump withdrew.', 'Iran objected.']
        >>> t = 'It rained. "We stay," Ms. Acosta said.'
        >>> [t[a:b] for a, b in split_sentences(t)]
        ['It rained.', '"We stay," Ms. Acosta said.']
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for piece_start, piece_end in _bounded_pieces(text, start, end):
        piece = text[piece_start:piece_end]
        cursor = 0
        for sent in _segment(piece):
            body = sent.strip()
            if not body:
                continue
            found = piece.find(body, cursor)
            if found == -1:  # the segmenter altered the text: fall back to the raw remainder
                found = cursor
                body = piece[cursor:].strip()
                if not body:
                    break
            s, e = _strip(text, piece_start + found, piece_start + found + len(body))
            if e > s:
                spans.append((s, e))
            cursor = found + len(body)
        # anything the segmenter dropped at the end of the piece is kept, never lost
        rest = _strip(text, piece_start + cursor, piece_end)
        if rest[1] > rest[0]:
            spans.append(rest)
    return _join_honorifics(text, spans)


def _join_honorifics(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with a sentence that ends on "Mr." or "Ms." joined to the next one, and one cut
    inside a dotted abbreviation ("Sen. Lindsey Graham, R-S. | C., said"; "A.F.L.-C. | I.O.")."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and (_ENDS_ON_HONORIFIC.search(text, out[-1][0], out[-1][1]) and text[s : s + 1].isupper()
                    or s == out[-1][1] and _INSIDE_ABBREVIATION.match(text, out[-1][1] - 2)):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def split_text(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int, int]]]:
    """Paragraphs and sentences of ``text``: ``(paragraph spans, sentences)``, each sentence
    as ``(paragraph index, start, end)``.

    The paragraphs of :func:`split_paragraphs`, except that one longer than
    :data:`MAX_PARAGRAPH_CHARS` is cut between sentences into paragraphs of at most that size
    (a sentence is never cut; none is longer than :data:`MAX_SEGMENT_CHARS`). A cut may fall
    inside a quotation: :func:`quote_spans` then takes the closing mark at the start of the
    next paragraph for what it is, not for the opening of a new quotation. Text that lost its
    paragraph breaks would otherwise be one paragraph of megabytes: an unclosed quotation mark
    would run to its end, and the work done per paragraph would grow with the square of the
    file. The sentences are those of :func:`split_sentences` either way.

    Example:
        >>> paragraphs, sentences = split_text("Abe spoke. Rouhani listened.\\n\\nKono agreed.")
        >>> paragraphs, sentences
        ([(0, 28), (30, 42)], [(0, 0, 10), (0, 11, 28), (1, 30, 42)])
    """
    paragraphs: list[tuple[int, int]] = []
    sentences: list[tuple[int, int, int]] = []
    for start, end in split_paragraphs(text):
        spans = split_sentences(text, start, end)
        if end - start <= MAX_PARAGRAPH_CHARS or not spans:
            sentences.extend((len(paragraphs), s, e) for s, e in spans)
            paragraphs.append((start, end))
            continue
        group_start = spans[0][0]
        for k, (s, e) in enumerate(spans):
            if k and e - group_start > MAX_PARAGRAPH_CHARS:  # close the group before this sentence
                paragraphs.append((group_start, spans[k - 1][1]))
                group_start = s
            sentences.append((len(paragraphs), s, e))
        paragraphs.append((group_start, spans[-1][1]))
    return paragraphs, sentences


def _bounded_pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Pieces of at most :data:`MAX_SEGMENT_CHARS`, cut at the last likely sentence boundary of
    the second half of each window, preferably outside a quotation: the segmenter keeps a
    quotation's sentences together, and a piece that began inside one would read its closing
    mark as an opening one and run sentences together up to the next mark."""
    limit = MAX_SEGMENT_CHARS
    pos = start
    quotes = quote_spans(text, start, end) if end - start > limit else []
    opens = [q[0] for q in quotes]
    while end - pos > limit:
        window_end = pos + limit
        cut = outside = None
        for m in _SOFT_BOUNDARY.finditer(text, pos + limit // 2, window_end):
            cut = m.end()
            k = bisect.bisect_left(opens, cut) - 1
            if k < 0 or quotes[k][1] <= cut:
                outside = cut
        cut = outside if outside is not None else cut
        if cut is None:
            space = text.rfind(" ", pos + 1, window_end)
            cut = space + 1 if space > pos else window_end
        yield pos, cut
        pos = cut
    if end > pos:
        yield pos, end


# ---------------------------------------------------------------- quotations


#: Double quotation marks as the tokenizer gives them, that open and that close a quotation
#: (two apostrophes as the New York Times archive writes them); :func:`quote_spans` also pairs
#: guillemets and low-high quotes.
OPENING_QUOTES = ("“", '"', "''")
CLOSING_QUOTES = ("”", '"', "''")
_QUOTE_MARKS = re.compile("''|[“”«»„\"‘’\n]")


def quote_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans ``(open, close+1)`` of quotations in ``text[start:end]``.

    Double quotes (curly “ ”, straight ", guillemets « », „ “, and two apostrophes '' as in the
    New York Times archive and in corpora made from it) pair up in order; single curly
    quotes ‘ ’ count when ‘ opens a word and ’ closes one (so apostrophes in "can’t" or
    "leaders’ summit" never close a quote). A straight " opens a quotation only where it opens
    a word (after a space, a bracket or a dash, before a non-space): an inch mark (``12" wide``)
    or the closing mark of a quotation that began before ``start`` opens nothing, instead of
    pairing every later mark the wrong way. Marks typed wrong close a quotation too: a straight "
    closed by ” (or “ by "), and a “ that closes a word (``,“ said``). An unbalanced mark opens a
    quote that runs to the end of the paragraph (news convention for multi-paragraph quotes).

    Example:
        >>> quote_spans('He said “yes” and "no".')
        [(8, 13), (18, 22)]
        >>> quote_spans("‘We won’t give in,’ Abe said.")
        [(0, 19)]
        >>> quote_spans("''We won't,'' Abe said.")
        [(0, 13)]
        >>> quote_spans('"We won,” Abe said.'), quote_spans('“We won,“ Abe said.')
        ([(0, 9)], [(0, 9)])
    """
    end = len(text) if end is None else end
    spans = []
    open_at = None
    open_char = ""
    closers = {"“": "”", "«": "»", "„": "“", '"': '"', "‘": "’", "''": "''"}
    for mark in _QUOTE_MARKS.finditer(text, start, end):  # only these characters matter
        i = mark.start()
        ch = mark.group()
        if open_at is None:
            if ch in ("“", "«", "„") or (ch == "‘" and (i == start or not text[i - 1].isalnum())) or (
                ch in ('"', "''") and _opens_word(text, i, start, end, len(ch))
            ):
                open_at, open_char = i, ch
        else:
            closes = closers[open_char]
            if open_char == "‘":
                hit = ch == "’" and (i + 1 >= end or not text[i + 1].isalnum())
            else:
                hit = ch == closes or (open_char == "“" and ch == '"') or (open_char == '"' and ch == "”") or (
                    ch == "“" and _closes_word(text, i, end))
            if hit:
                spans.append((open_at, i + len(ch)))
                open_at = None
            elif ch == "\n" and text[i : i + 2] == "\n\n":
                spans.append((open_at, i))
                open_at = None
    if open_at is not None and open_char != "‘":
        spans.append((open_at, end))
    return spans


def _closes_word(text: str, i: int, end: int) -> bool:
    """Whether the mark at ``i`` stands where a quotation closes: after a letter or punctuation,
    before a space, punctuation or the end (a “ typed for ” in ``,“ said``)."""
    return i > 0 and not text[i - 1].isspace() and (i + 1 >= end or text[i + 1].isspace() or text[i + 1] in ".,;:!?)")


def _opens_word(text: str, i: int, start: int, end: int, width: int = 1) -> bool:
    """Whether the straight quote at ``i`` (``width`` characters: " or '') stands where a
    quotation opens: at the start of the text or after a space, a bracket, a dash or another
    opening mark, and before a non-space."""
    before_ok = i == start or text[i - 1].isspace() or text[i - 1] in "([{—–-/‘“«"
    return before_ok and i + width < end and not text[i + width].isspace()


def trie_pattern(forms, between: str = "", space: str | None = None) -> str:
    """A regular expression matching any of ``forms``, written as a trie.

    Python's ``re`` tries the branches of an alternation one after the other at every
    position; with hundreds of words (reporting verbs, nationality adjectives) that dominates
    the cost. As a trie, each next character selects one branch. Where several forms match
    at a position the longest wins, as in an alternation sorted longest first.

    Args:
        forms: The strings to match (literally).
        between: A pattern allowed between any two characters (``" ?"``: an optional space).
        space: A pattern for each space of a form (``r"\\s+"``: any run of white space).

    Example:
        >>> import re
        >>> re.findall(trie_pattern(["Iran", "Iranian", "Iraq"]), "Iranian and Iraqi")
        ['Iranian', 'Iraq']
    """
    trie: dict = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict) -> str:
        options = []
        for ch, child in sorted(node.items()):
            if ch:
                rest = {k: v for k, v in child.items() if k}
                tail = f"(?:{between}{branch(rest)})" + ("?" if "" in child else "") if rest else ""
                options.append((space if ch == " " and space is not None else re.escape(ch)) + tail)
        return "(?:" + "|".join(options) + ")"

    return branch(trie)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Return the word tokens of ``text[start:end]`` as ``(start, end, token)`` triples.

    Tokens keep their case and their possessive (``Japan’s``); dotted acronyms such as
    ``U.S.`` stay whole; punctuation and whitespace are not tokens.

    Example:
        >>> [t for _, _, t in tokenize("U.S. sanctions hit Japan’s 250,000 firms.")]
        ['U.S.', 'sanctions', 'hit', 'Japan’s', '250,000', 'firms']
    """
    end = len(text) if end is None else end
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, start, end)]


def count_words(text: str) -> int:
    """Count word tokens (as :func:`tokenize` finds them) in ``text``.

    Example:
        >>> count_words("Abe said: “Peace is a must.”")
        6
    """
    return len(TOKEN_RE.findall(text))


def squash_spaces(text: str) -> str:
    """Collapse runs of whitespace to one space (for titles and table cells)."""
    return _SPACE.sub(" ", text).strip()


# ---------------------------------------------------------------- decoding

def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes: UTF-8 (BOM or not), UTF-16 (BOM or not), else a legacy encoding.

    Legacy single-byte files are detected with charset-normalizer, preferring Windows-1252
    (curly quotes as bytes 0x93/0x94) whenever that decodes the file cleanly.

    Raises:
        ValueError: The bytes are binary (NUL bytes outside UTF-16) or undecodable; the
            message says what to do.

    Example:
        >>> decode_bytes("“Peace,” he said.".encode("cp1252"))
        '“Peace,” he said.'
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data:
        utf16 = _guess_utf16(data)
        if utf16:
            return utf16
        raise ValueError("binary file (contains NUL bytes): save the article as plain text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data))
    if matches:
        least = min(m.chaos for m in matches)
        tied = [m for m in matches if m.chaos <= least + 1e-9]
        # Short texts fit several code pages equally well; Windows-1252 is the legacy default
        # for English news, so it wins every tie it is part of.
        try:
            cp1252 = data.decode("cp1252")
        except UnicodeDecodeError:
            cp1252 = None
        if cp1252 is not None and not _CONTROL.search(cp1252):
            if any(m.encoding == "cp1252" or str(m) == cp1252 for m in tied):
                return cp1252
        text = str(tied[0])
        if not _CONTROL.search(text):
            return text
    raise ValueError(
        "undecodable: not UTF-8, UTF-16 or a recognisable legacy encoding; re-save it as UTF-8"
    )


def _guess_utf16(data: bytes) -> str | None:
    if len(data) < 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    encoding = None
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        encoding = "utf-16-le"
    elif even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        encoding = "utf-16-be"
    if encoding is None:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if _CONTROL.search(text) else text
