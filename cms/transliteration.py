"""Serbian script transliteration: Cyrillic ↔ Gaj's Latin, for plain text and HTML.

Serbian content is written once, in either script, and shown in the reader's script.

Cyrillic → Latin is exact: every Serbian Cyrillic letter has one Latin spelling. Љ, Њ and Џ
become "LJ", "NJ", "DŽ" next to another capital (ЉУБЉАНА → LJUBLJANA) and "Lj", "Nj", "Dž"
otherwise (Љубљана → Ljubljana, an initial "Љ." → "Lj."). Other characters, Russian or
Macedonian letters included, pass through.

Latin → Cyrillic has to guess, and follows these rules:

* lj, nj, dž are one letter (љ, њ, џ) in the case forms lj/Lj/LJ, nj/Nj/NJ, dž/Dž/DŽ and as
  the single code points ǉ ǈ Ǉ ǌ ǋ Ǌ ǆ ǅ Ǆ. "lJ", "nJ", "dŽ" never occur in Serbian
  words, so a word holding one is taken for an identifier (see camelCase below).
* Words starting with a stem in ``DIGRAPH_EXCEPTIONS`` (optionally after the negation "ne")
  keep those two letters apart: injekcija → инјекција, nadživeti → надживети. Elsewhere an
  author can force the split with a zero-width non-joiner (U+200C) between the letters,
  which the conversion then drops.
* "dj" is two letters (дј), never đ: Gaj's Latin writes đ, and "dj" is too often a real
  d + j (odjek, podjela) to guess.
* Left in Latin, as written:
  - whitespace-separated chunks that are URLs (``://``, ``www.``), e-mail addresses and
    handles (``@``), paths (leading ``/``, or two slashes), domain or file names
    (``example.org``, ``index.html``) or code (any of ``_ = { } \\ ` | < > + #``);
  - foreign words: any letter outside the Serbian Latin alphabet (q, w, x, y, ü, é, ş …),
    or camelCase (iPhone, LinkedIn, JavaScript);
  - words starting with a stem in ``LATIN_WORDS``: brands and English words that contain
    only Serbian letters but would read wrongly letter by letter (Facebook, Google, online);
  - the acronyms in ``LATIN_ACRONYMS``, written in capitals, with any case ending
    ("UNDP-a"): English names of organisations whose Serbian acronym differs (OSCE is ОЕБС);
  - Roman numerals of two letters or more (II svetski rat → II светски рат), except the
    words MI, VI, LI, DI, DIV that are also numerals.
  Every other all-capital word is Serbian and is converted: EU → ЕУ, NATO → НАТО, UN → УН,
  as Serbian Cyrillic texts write them. Text in other languages should be marked in the
  markup (``lang="en"``, ``translate="no"``): ``transliterate_html`` leaves it alone.
* Text not in Unicode NFC (č typed as c + combining caron) is composed first.

``transliterate_html`` converts text nodes and the ``alt``, ``title``, ``aria-label`` and
``placeholder`` attributes, and nothing else: no tag or attribute names, no other attribute
values, nothing inside script, style, code, pre, kbd, samp, var or textarea, nor inside an
element marked ``translate="no"``, ``class="notranslate"`` or with a non-Serbian ``lang``
(Serbian is "sr" or "sr-…"). The whole element and its descendants are skipped; elements
end at their end tag (a <p lang="en"> left open runs on to its parent's end). Markup is
copied from the source as written (entities, comments, doctype, odd spacing and quoting),
so a document without Serbian text comes out identical to the input.
"""

import functools
import re
import unicodedata
from html.parser import HTMLParser

CYRILLIC_ALPHABET = "АБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ"
LATIN_ALPHABET = (
    "A", "B", "V", "G", "D", "Đ", "E", "Ž", "Z", "I", "J", "K", "L", "LJ", "M",
    "N", "NJ", "O", "P", "R", "S", "T", "Ć", "U", "F", "H", "C", "Č", "DŽ", "Š",
)  # fmt: skip

# Stems of words whose n+j or d+ž are two letters (prefix boundary or loan word), lower case.
# Every n+j and d+ž inside a stem is split, so a stem never holds a whole real digraph.
DIGRAPH_EXCEPTIONS = (
    # n + j: Latin loans with in-/kon- before j, and compounds of "van" (outside)
    "anjon", "injekc", "injekt", "injicir", "injunkc", "konjug", "konjunk", "tanjug",
    "vanjezi",
    # d + ž: the prefixes nad-, od-, pod-, pred- before a word starting with ž
    "feldžandar", "nadživ", "nadžn", "nadžup", "odžal", "odžar", "odživ", "odžubor",
    "odžvak", "podžanr", "podžeć", "podžeg", "podžež", "podžig", "podželud", "podžup",
    "predželud", "predživot",
)  # fmt: skip

# Stems of foreign words written only with Serbian letters that stay Latin, lower case.
LATIN_WORDS = (
    "apple", "chat", "cookie", "covid", "django", "e-mail", "email", "facebook", "gmail",
    "google", "microsoft", "moodle", "offline", "online", "podcast",
)  # fmt: skip

# English acronyms of organisations that Serbian texts keep in Latin, matched as written.
LATIN_ACRONYMS = (
    "GDPR", "ICRC", "IFRC", "IOM", "NGO", "OECD", "OHCHR", "OSCE", "UNDP", "UNFPA",
    "UNHCR", "UNICEF", "UNODC", "USAID",
)  # fmt: skip


# Cyrillic → Latin

_LATIN_OF = dict(zip(CYRILLIC_ALPHABET, LATIN_ALPHABET, strict=True))
_TO_LATIN = str.maketrans(
    {c: lat.title() for c, lat in _LATIN_OF.items()}
    | {c.lower(): lat.lower() for c, lat in _LATIN_OF.items()}
)
# A capital Љ, Њ, Џ beside another capital belongs to an all-caps word: "LJ", not "Lj".
_CAPITAL_DIGRAPH_IN_CAPS = re.compile("[ЉЊЏ](?:(?=[Ѐ-Я])|(?<=[Ѐ-Я].))")


def cyrillic_to_latin(text: str) -> str:
    """Serbian Cyrillic → Gaj's Latin, exactly; other characters unchanged."""
    if "Љ" in text or "Њ" in text or "Џ" in text:
        text = _CAPITAL_DIGRAPH_IN_CAPS.sub(lambda m: _LATIN_OF[m[0]], text)
    return text.translate(_TO_LATIN)


# Latin → Cyrillic

_TO_CYRILLIC = str.maketrans(
    {lat: c for c, lat in _LATIN_OF.items() if len(lat) == 1}
    | {lat.lower(): c.lower() for c, lat in _LATIN_OF.items() if len(lat) == 1}
    | dict(zip("ǄǅǆǇǈǉǊǋǌ", "ЏЏџЉЉљЊЊњ", strict=True))
)
# Replaced before single letters; "lJ", "nJ", "dŽ" are deliberately not among them.
_DIGRAPHS = tuple(
    (form, c if form[0].isupper() else c.lower())
    for c, lat in _LATIN_OF.items()
    if len(lat) == 2
    for form in (lat.lower(), lat.title(), lat)
)
_ZWNJ = "\u200c"
_SPLIT_DIGRAPH = re.compile("(?<=[nN])(?=[jJ])|(?<=[dD])(?=[žŽ])")
_FORCED_APART = re.compile("(?<=[нНлЛ])\u200c(?=[јЈ])|(?<=[дД])\u200c(?=[жЖ])")

# Latin letters Serbian does not use: q w x y and the accented letters but č ć đ š ž (and the
# digraph code points), spelt out as one character class so that the regex engine can skip
# ahead on it.
_FOREIGN_LETTERS = "qwxyQWXY" + "".join(
    c
    for c in map(chr, [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)])
    if c.isalpha() and c not in "čćđšžČĆĐŠŽǄǅǆǇǈǉǊǋǌ"
)
_FOREIGN_LETTER = f"[{re.escape(_FOREIGN_LETTERS)}]"
_ROMAN = "(?=[IVXLCDM]{2})M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"

# Trying every rule at every position is slow, so cheap scans find the few characters where
# a rule may apply, and the rules are then tried on the chunk or word around them.
_TRIGGERS = (
    re.compile(r"[:@_={}\\`|<>+#/]"),  # URL, e-mail address, path, code
    re.compile(r"\.[a-z]"),  # domain or file name
    re.compile(_FOREIGN_LETTER),
    re.compile("[A-ZČĆĐŠŽ](?:(?<=[a-zčćđšž].)|(?<![A-Z].)(?=[A-Z]))"),  # camelCase, acronym
)
_LATIN_CHUNK = re.compile(  # tried on a whitespace-separated chunk
    r"://|@|[_={}\\`|<>+#]"  # URL, e-mail address or handle, code
    r"|^(?:www\.|[~.]{0,2}/)|/.*/"  # host, path
    r"|\w\.[a-z]{2,}(?![^\W\d_])"  # domain or file name
)
_LATIN_WORD = re.compile(  # tried on a word, hyphenated forms whole ("show-biznis", "UNDP-a")
    f"{_FOREIGN_LETTER}|[a-zčćđšž][A-ZČĆĐŠŽ]"
    rf"|^(?!(?:MI|VI|LI|DI|DIV)(?:-|$))(?:{'|'.join(LATIN_ACRONYMS)}|{_ROMAN})(?:-\w+)?$"
)


# A chunk runs between whitespace; a word is letters, digits, "_" and "-". Each pair: the rest
# of the run after a position, and the text before it up to the run's start.
_CHUNK = (re.compile(r"\S*"), re.compile(r"(?:.*\s)?", re.DOTALL))
_WORD = (re.compile(r"[\w-]*"), re.compile(r"(?:.*[^\w-])?", re.DOTALL))


def _around(text: str, at: int, run: tuple[re.Pattern, re.Pattern]) -> tuple[int, int]:
    """(start, end) of the chunk or word at position `at`."""
    rest, before = run
    near = max(0, at - 80)  # runs are short: look back a little, all the way if need be
    start = before.match(text, near, at).end()
    if start == near and near:
        start = before.match(text, 0, at).end()
    return start, rest.match(text, at).end()


@functools.lru_cache(maxsize=128)
def _alternation(stems: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(map(re.escape, stems)))


def _words_starting(text: str, stems: tuple[str, ...], prefix: str = ""):
    """(start, end of stem) of each word starting with `prefix` (optional) and a stem."""
    lowered = text.replace("İ", "I").lower()  # İ is the one letter lower() makes two
    present = tuple(stem for stem in stems if stem in lowered)
    if not present:
        return
    for match in _alternation(present).finditer(lowered):
        start = match.start()
        if prefix and start >= len(prefix) and lowered.startswith(prefix, start - len(prefix)):
            start -= len(prefix)
        if start == 0 or not _WORD[0].fullmatch(lowered, start - 1, start):
            yield start, match.end()


def _latin_spans(text: str) -> list[tuple[int, int]]:
    """Where the text stays Latin, in order (spans may overlap)."""
    triggers = sorted(match.start() for scan in _TRIGGERS for match in scan.finditer(text))
    spans, done = [], 0
    for at in triggers:
        if at < done:
            continue
        for run, rule in ((_CHUNK, _LATIN_CHUNK), (_WORD, _LATIN_WORD)):
            start, end = _around(text, at, run)
            if rule.search(text[start:end]):
                spans.append((start, end))
                done = end
                break
    spans += (_around(text, start, _WORD) for start, _ in _words_starting(text, LATIN_WORDS))
    return sorted(spans)


def _serbian_latin_to_cyrillic(text: str) -> str:
    """Convert text that holds no foreign words."""
    # In exception stems a zero-width non-joiner keeps n+j and d+ž from being read as one.
    parts, done = [], 0
    for start, end in _words_starting(text, DIGRAPH_EXCEPTIONS, prefix="ne"):
        parts += (text[done:start], _SPLIT_DIGRAPH.sub(_ZWNJ, text[start:end]))
        done = end
    if parts:
        text = "".join(parts) + text[done:]
    for latin, cyrillic in _DIGRAPHS:
        text = text.replace(latin, cyrillic)
    text = text.translate(_TO_CYRILLIC)
    return _FORCED_APART.sub("", text) if _ZWNJ in text else text


_MASK = "\ue000"  # stands in for a span kept in Latin, so the rest converts in one go


def latin_to_cyrillic(text: str) -> str:
    """Serbian Latin → Cyrillic, leaving URLs, code and foreign words in Latin."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    gaps, kept, done = [], [], 0
    for start, end in _latin_spans(text):
        if end > done:
            start = max(start, done)
            gaps.append(text[done:start])
            kept.append(text[start:end])
            done = end
    gaps.append(text[done:])
    if _MASK in text:
        converted = [_serbian_latin_to_cyrillic(gap) for gap in gaps]
    else:
        converted = _serbian_latin_to_cyrillic(_MASK.join(gaps)).split(_MASK)
    parts = converted[:1]
    for latin, cyrillic in zip(kept, converted[1:], strict=True):
        parts += (latin, cyrillic)
    return "".join(parts)


# Script detection

_SERBIAN_CYRILLIC_LETTERS = re.compile(f"[{CYRILLIC_ALPHABET}{CYRILLIC_ALPHABET.lower()}]+")
_LATIN_LETTERS = re.compile(f"[A-Za-zčćđšžČĆĐŠŽ{re.escape(_FOREIGN_LETTERS)}]+")


def detect_script(text: str) -> str | None:
    """The script with more letters in the text, "cyrl" or "latn"; None on a tie (or none)."""
    cyrillic = sum(map(len, _SERBIAN_CYRILLIC_LETTERS.findall(text)))
    latin = sum(map(len, _LATIN_LETTERS.findall(text)))
    if cyrillic == latin:
        return None
    return "cyrl" if cyrillic > latin else "latn"


# HTML

READABLE_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "placeholder"})
UNTRANSLATED_ELEMENTS = frozenset(
    {"script", "style", "code", "pre", "kbd", "samp", "var", "textarea"}
)
_VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)  # fmt: skip
# An attribute with a value, in a start tag as written (html.parser's own pattern).
_ATTRIBUTE = re.compile(
    r"""(?<=['"\s/])([^\s/>][^\s/=>]*)\s*=+\s*"""
    r"""(?:'(?P<v1>[^']*)'|"(?P<v2>[^"]*)"|(?!['"])(?P<v3>[^>\s]*))"""
)
_REFERENCE_OR_TEXT = re.compile(r"&#?[0-9A-Za-z]+;?|(?P<text>(?:[^&]|&(?!#?[0-9A-Za-z]))+)")
_SEPARATOR = "\x1f"  # whitespace to the rules above, and not allowed in HTML text


def _is_untranslated(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    if tag in UNTRANSLATED_ELEMENTS:
        return True
    values = {name: (value or "").strip().lower() for name, value in attrs}
    lang = values.get("lang")
    return (
        values.get("translate") == "no"
        or "notranslate" in values.get("class", "").split()
        or (lang is not None and lang != "sr" and not lang.startswith("sr-"))
    )


class _ReadableText(HTMLParser):
    """Finds where in the source the readable text is, as (start, end) spans in order."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.spans: list[tuple[int, int]] = []
        self._line_starts = [0, *(m.end() for m in re.finditer("\n", source))]
        self._open: list[tuple[str, bool]] = []  # (tag, starts an untranslated subtree)
        self._untranslated = 0  # how many of _open start an untranslated subtree

    def _add(self, start: int, end: int) -> None:
        if start < end and (not self.spans or self.spans[-1][1] <= start):
            self.spans.append((start, end))

    def _at(self, raw: str) -> int | None:
        """Where the current event starts in the source, if `raw` is what stands there."""
        line, column = self.getpos()
        start = self._line_starts[line - 1] + column
        return start if self.source.startswith(raw, start) else None

    def _start(self, tag: str, attrs, opens: bool) -> None:
        untranslated = self._untranslated > 0 or _is_untranslated(tag, attrs)
        if opens and tag not in _VOID_ELEMENTS:
            starts_subtree = untranslated and not self._untranslated
            self._open.append((tag, starts_subtree))
            self._untranslated += starts_subtree
        raw = self.get_starttag_text() or ""
        if untranslated or not any(name in READABLE_ATTRIBUTES for name, _ in attrs):
            return
        if (tag_start := self._at(raw)) is None:
            return
        for attribute in _ATTRIBUTE.finditer(raw):
            if attribute[1].lower() in READABLE_ATTRIBUTES:
                group = next(g for g in ("v1", "v2", "v3") if attribute[g] is not None)
                for piece in _REFERENCE_OR_TEXT.finditer(raw, *attribute.span(group)):
                    if piece["text"]:  # character references stay as written
                        self._add(tag_start + piece.start(), tag_start + piece.end())

    def parse_marked_section(self, i, report=1):
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:  # Python 3.11 fails on "<![" without a name: a bogus comment
            return self.parse_bogus_comment(i)

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, opens=True)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, opens=False)

    def handle_endtag(self, tag):
        if all(open_tag != tag for open_tag, _ in self._open):
            return  # a stray end tag closes nothing
        while self._open:
            open_tag, starts_subtree = self._open.pop()
            self._untranslated -= starts_subtree
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not self._untranslated and (start := self._at(data)) is not None:
            self._add(start, start + len(data))


def transliterate_html(html: str, to: str) -> str:
    """Transliterate the readable text of an HTML fragment into "cyrl" or "latn"."""
    convert = {"cyrl": latin_to_cyrillic, "latn": cyrillic_to_latin}.get(to)
    if convert is None:
        raise ValueError(f'to must be "cyrl" or "latn", not {to!r}')
    parser = _ReadableText(html)
    parser.feed(html)
    parser.close()
    texts = [html[start:end] for start, end in parser.spans]
    if not texts:
        return html
    if _SEPARATOR in html:
        converted = list(map(convert, texts))
    else:  # one call for the whole page: a call per text node costs more than converting
        converted = convert(_SEPARATOR.join(texts)).split(_SEPARATOR)
    parts, done = [], 0
    for (start, end), text in zip(parser.spans, converted, strict=True):
        parts += (html[done:start], text)
        done = end
    parts.append(html[done:])
    return "".join(parts)
