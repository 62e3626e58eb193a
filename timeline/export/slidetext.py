"""The HTML of a TimelineJS slide as clean text, and clean text back as the slide's HTML.

Holds: ``SlideText`` (a slide's text read: the summary, the quotes, the links as sources and the
sources it lists), ``read_slide_text``, ``clean_line``, ``clean_inline``, ``outlet_of``, and the
writers ``slide_html``, ``quote_html``, ``inline_html``.
May import: ``timeline.model``, ``timeline.store.records`` (the address pattern the store
accepts) and the standard library (``html.parser``).

Clean text is what an editor would type: no tags, entities read, whitespace collapsed as a
browser collapses it (an inline tag adds no space, so "<b>word</b>, word" stays "word, word"),
a line break for ``<br>`` and a blank line between paragraphs. Links in the text become sources
(their text stays in the sentence); links in a caption or credit, which credit a picture rather
than report the event, are kept in the text as ``[text](https://...)``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from typing import Callable
from urllib.parse import urlsplit

from timeline.model import Source
from timeline.store.records import URL_PATTERN

OUTLETS = {
    "reuters.com": "Reuters", "apnews.com": "AP", "afp.com": "AFP", "bbc.co.uk": "BBC", "bbc.com": "BBC",
    "nytimes.com": "The New York Times", "washingtonpost.com": "The Washington Post", "cnn.com": "CNN",
    "foxnews.com": "Fox News", "theguardian.com": "The Guardian", "aljazeera.com": "Al Jazeera",
    "aljazeera.net": "Al Jazeera", "al-monitor.com": "Al-Monitor", "wikipedia.org": "Wikipedia",
    "youtube.com": "YouTube", "youtu.be": "YouTube", "twitter.com": "Twitter", "x.com": "X",
    "kurdistan24.net": "Kurdistan 24", "irna.ir": "IRNA", "mehrnews.com": "Mehr News Agency",
}
"""Outlets named by their own domain (a subdomain counts as its domain); any other link's outlet
is its domain as written ('thedailybeast.com'), never a guessed name."""

_BLOCKS = frozenset("p div li ul ol dl dt dd h1 h2 h3 h4 h5 h6 table tr section article header footer figure "
                    "figcaption pre hr address aside nav main".split())
_SOURCES_LABEL = re.compile(r"^sources?:\s*", re.I)
_PUBLISHED = re.compile(r",\s*(\d{4}-\d\d-\d\d)$")
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]*)\]\((https?://[^\s()]+)\)")


@dataclass(frozen=True)
class SlideText:
    """A slide's ``text.text`` read: paragraphs as text, links as sources (in order, each
    address once) and, when its last paragraph starts 'Source:'/'Sources:', the sources listed."""

    summary: str | None
    quote: str | None
    links: tuple[Source, ...]
    listed: tuple[Source, ...] | None


def outlet_of(url: str) -> str:
    """Return the outlet an address belongs to: a known outlet's name, else its domain."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    for domain, name in OUTLETS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return host or url


def web_address(href: str | None) -> str | None:
    """Return an http(s) address, with a protocol-relative one ('//host/...') made https; else None."""
    href = (href or "").strip().replace(" ", "%20")
    if href.startswith("//"):
        href = "https:" + href
    return href if URL_PATTERN.match(href) and urlsplit(href).netloc else None


def read_slide_text(fragment: str) -> SlideText:
    """Read the HTML of a slide's text (or of a media that is a quote)."""
    reader = _read(fragment)
    paragraphs = reader.main.paragraphs()
    listed = None
    if paragraphs and _SOURCES_LABEL.match(_text_of(paragraphs[-1][0])):
        listed = tuple(source for line in paragraphs.pop() if (source := _listed_source(line)))
    summary = _join(paragraphs, _text_of) or None
    quote = _join(reader.quote.paragraphs(), _text_of) or None
    links: dict[str, Source] = {}
    for url, text in reader.links:
        title = " ".join(text.split()) or None
        if title and title[0] in "#@":  # a hashtag or a mention links to a search, not a report
            continue
        links.setdefault(url, Source(outlet=outlet_of(url), title=title if title != url else None, url=url))
    return SlideText(summary, quote, tuple(links.values()), listed)


def clean_line(fragment: str) -> str:
    """Return the text of an HTML fragment on one line (a headline, a name)."""
    reader = _read(fragment)
    lines = [_text_of(line) for flow in (reader.main, reader.quote) for para in flow.paragraphs() for line in para]
    return " ".join(" ".join(lines).split())


def clean_inline(fragment: str) -> str | None:
    """Return a caption's or credit's text, its links written ``[text](https://...)``."""
    reader = _read(fragment)
    paragraphs = reader.main.paragraphs() + reader.quote.paragraphs()
    return _join(paragraphs, _markdown_of) or None


def slide_html(summary: str | None, quote: str | None, sources: tuple[Source, ...]) -> str:
    """Return a slide's ``text.text``: the summary's paragraphs, the quote, and the sources,
    last, in the form :func:`read_slide_text` reads back (``Outlet: <a>Title</a>, 2020-09-28``)."""
    parts = [_paragraph(block) for block in (summary or "").split("\n\n") if block.strip()]
    if quote:
        parts.append(quote_html(quote))
    items = [_source_html(source) for source in sources]
    if items:
        label = "Source: " if len(items) == 1 else "Sources:<br>"
        parts.append(f"<p>{label}{'<br>'.join(items)}</p>")
    return "".join(parts)


def quote_html(quote: str) -> str:
    """Return a quote as TimelineJS's ``<blockquote>``, its paragraphs kept."""
    blocks = [block for block in quote.split("\n\n") if block.strip()]
    inner = _lines_html(blocks[0]) if len(blocks) == 1 else "".join(_paragraph(block) for block in blocks)
    return f"<blockquote>{inner}</blockquote>"


def inline_html(text: str | None) -> str:
    """Return a caption or credit as HTML: escaped, ``[text](url)`` as a link, lines as ``<br>``."""
    if not text:
        return ""
    pieces, last = [], 0
    for match in _MARKDOWN_LINK.finditer(text):
        pieces += [html.escape(text[last:match.start()], quote=False),
                   f'<a href="{html.escape(match[2])}">{html.escape(match[1], quote=False)}</a>']
        last = match.end()
    pieces.append(html.escape(text[last:], quote=False))
    return "".join(pieces).replace("\n", "<br>")


def _paragraph(block: str) -> str:
    return f"<p>{_lines_html(block)}</p>"


def _lines_html(block: str) -> str:
    return "<br>".join(html.escape(line, quote=False) for line in block.split("\n"))


def _source_html(source: Source) -> str:
    if source.url:
        link = f'<a href="{html.escape(source.url)}">{html.escape(source.title or source.outlet, quote=False)}</a>'
        item = f"{html.escape(source.outlet, quote=False)}: {link}" if source.title else link
    else:
        item = html.escape(f"{source.outlet}: {source.title}" if source.title else source.outlet, quote=False)
    return item + (f", {source.published.isoformat()}" if source.published else "")


def _listed_source(line: list[_Piece]) -> Source | None:
    """Read one item of a 'Sources:' paragraph: ``Outlet: <a href=U>Title</a>, 2020-09-28``,
    ``<a href=U>Outlet</a>``, ``Outlet: Title`` or ``Outlet``."""
    text = _SOURCES_LABEL.sub("", _text_of(line))
    published = None
    if match := _PUBLISHED.search(text):
        try:
            published = date.fromisoformat(match[1])
            text = text[:match.start()]
        except ValueError:
            published = None
    first = next((index for index, piece in enumerate(line) if piece.url), None)
    if first is not None:
        url = line[first].url or ""
        link_text = _text_of([piece for piece in line[first:] if piece.url == url]) or None
        before = _SOURCES_LABEL.sub("", _text_of(line[:first])).removesuffix(":").strip()
        if before:
            return Source(outlet=before, title=link_text, url=url, published=published)
        return Source(outlet=link_text or outlet_of(url), url=url, published=published)
    outlet, _, title = text.partition(": ")
    return Source(outlet=outlet.strip(), title=title.strip() or None, published=published) if outlet.strip() else None


@dataclass
class _Piece:
    """Text as met, with the address of the link it is in."""

    text: str
    url: str | None = None


@dataclass
class _Flow:
    """Paragraphs of lines of pieces, as the parser meets them."""

    blocks: list[list[list[_Piece]]] = field(default_factory=lambda: [[[]]])

    def paragraph(self) -> None:
        if any(piece.text.strip() for line in self.blocks[-1] for piece in line):
            self.blocks.append([[]])

    def line(self) -> None:
        self.blocks[-1].append([])

    def add(self, text: str, url: str | None) -> None:
        self.blocks[-1][-1].append(_Piece(text, url))

    def paragraphs(self) -> list[list[list[_Piece]]]:
        """Paragraphs of non-empty lines; an empty line (``<br><br>``) ends a paragraph."""
        result: list[list[list[_Piece]]] = []
        for block in self.blocks:
            current: list[list[_Piece]] = []
            for line in block:
                if _text_of(line):
                    current.append(line)
                elif current:
                    result.append(current)
                    current = []
            if current:
                result.append(current)
        return result


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.main, self.quote = _Flow(), _Flow()
        self.quote_depth = self.hidden = 0
        self.href: str | None = None
        self.links: list[tuple[str, str]] = []

    @property
    def flow(self) -> _Flow:
        return self.quote if self.quote_depth else self.main

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        elif tag == "blockquote":
            self.main.paragraph()
            self.quote_depth += 1
            self.quote.paragraph()
        elif tag in ("br", "cite"):
            self.flow.line()
        elif tag in _BLOCKS:
            self.flow.paragraph()
        elif tag == "a":
            self.href = web_address(dict(attrs).get("href"))
            if self.href:
                self.links.append((self.href, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden = max(0, self.hidden - 1)
        elif tag == "blockquote" and self.quote_depth:
            self.quote_depth -= 1
            self.quote.paragraph()
            self.main.paragraph()
        elif tag in _BLOCKS:
            self.flow.paragraph()
        elif tag == "a":
            self.href = None

    def handle_data(self, data: str) -> None:
        if self.hidden or not data:
            return
        text = re.sub(r"\s+", " ", data)
        self.flow.add(text, self.href)
        if self.href and self.links and self.links[-1][0] == self.href:
            self.links[-1] = (self.href, self.links[-1][1] + text)


def _read(fragment: str) -> _Reader:
    reader = _Reader()
    reader.feed(fragment)
    reader.close()
    return reader


def _text_of(line: list[_Piece]) -> str:
    return " ".join("".join(piece.text for piece in line).split())


def _markdown_of(line: list[_Piece]) -> str:
    merged: list[_Piece] = []
    for piece in line:
        if merged and merged[-1].url == piece.url:
            merged[-1] = _Piece(merged[-1].text + piece.text, piece.url)
        else:
            merged.append(piece)
    text = "".join(_markdown_link(p) if p.url and p.text.strip() else p.text for p in merged)
    return " ".join(text.split())


def _markdown_link(piece: _Piece) -> str:
    """``[text](url)``, with the spaces around the link's text kept outside the brackets."""
    lead, trail = (" " if piece.text[:1].isspace() else ""), (" " if piece.text[-1:].isspace() else "")
    url = (piece.url or "").replace("(", "%28").replace(")", "%29")
    return f"{lead}[{' '.join(piece.text.split())}]({url}){trail}"


def _join(paragraphs: list[list[list[_Piece]]], render: Callable[[list[_Piece]], str]) -> str:
    return "\n\n".join("\n".join(render(line) for line in para) for para in paragraphs).strip()
