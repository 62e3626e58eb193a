"""Proposing draft events from a news article: each sentence that carries a date becomes a draft.

Why not dateparser's ``search_dates``: it splits "On Sept. 13, 2020" into "On Sept" (a wrong
date) and "13, 2020", and finds dates in words like "may". Here date expressions are found by
a pattern over month names, ISO dates and the relative words news is written in ("on Sunday",
"late Wednesday", "last week", "earlier this month", "yesterday"), then each one is read by
:func:`timeline.dates.parse_date` against the publication date and dropped if it cannot be read;
a date running past the publication is cut there, one wholly after it is no event.

What is not news is skipped: a dateline ("BAGHDAD, Sept. 29 (Xinhua) --", or a line that is only
a date) says where and when the article was filed; photo captions and credits ("FILE PHOTO: ...
REUTERS/...", "(AP Photo/...)") describe a picture; bylines and "Reporting by" lines name the
writers. The drafts are for an editor to review, never saved as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Iterator

from timeline.dates.reading import describe_date, parse_date
from timeline.edit.events import new_event_id
from timeline.errors import DateError
from timeline.edit.eventtext import field_lines
from timeline.model import DateValue

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?![A-Za-z])\.?")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?(?!\d)"
_YEAR = r"(?:1[89]|20)\d\d(?!\d)"
_QUALIFIER = r"(?:(?:[Ee]arly|[Mm]id|[Ll]ate)[\s-]+)?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DATE_PATTERN = re.compile(
    r"(?<![\w-])(?:"
    rf"{_QUALIFIER}{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?"  # Sept. 13 / Sept. 13, 2020 / Sept. 26-27
    rf"|{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?"  # 13 September 2020
    rf"|{_QUALIFIER}{_MONTH},?\s+{_YEAR}"  # September 2020 / late September 2020
    rf"|(?:[Ee]arly|[Mm]id|[Ll]ate)[\s-]+{_MONTH}(?![\s,]*\d)"  # late September (of the article's year)
    r"|\d{4}-\d{2}-\d{2}(?!\d)"  # 2020-09-13
    rf"|(?:(?:[Oo]n|[Ll]ate|[Ee]arly)\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?"  # on Sunday
    r"|(?:[Yy]esterday|[Tt]oday)(?![’']s)"
    r"|(?:[Ee]arlier\s+)?(?:[Tt]his|[Ll]ast)\s+(?:week|month|year)(?![’']s)"  # last week, earlier this month
    r"|(?:[Tt]he\s+)?(?:1[5-9]|20)\d0s"  # the 1980s
    r")(?![\w-])"
)
"""A date as journalists write it; every match is then checked by ``parse_date``."""

_DATELINE = re.compile(
    r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"  # BAGHDAD / Tehran / NEW YORK
    r"(?=[,\s(])(?:,\s*[^()–—\n-]{1,30}?)?\s*(?:\([^)]{1,40}\))?"  # , Sept. 29 / (Reuters)
    r"\s*(?:--|—|–|-)\s+")
"""A wire dateline at a paragraph's start: where and when the article was filed, not an event."""
_CAPTION = re.compile(r"^(?:FILE PHOTO|PHOTO|Photo(?:\s+caption)?|Caption|Pictured)\s*[:\-–—]|\((?:AP|AFP|Reuters)\s+Photo"
                      r"|REUTERS/|AFP via Getty|Getty Images|^\((?:[A-Z]+\s+)?Photo\b", re.I)
_BYLINE = re.compile(r"^(?:By\s+[A-Z][\w.'’ -]{0,60}|(?:\(?(?:Reporting|Writing|Editing|Additional reporting)"
                     r"\s+by\b.*))$")
_ABBREVIATIONS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec gen lt col maj capt sgt adm gov sen rep "
    "mr mrs ms dr prof st jr sr no vs etc inc corp co dept est approx".split())
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_LEADING_DATE = re.compile(r"^(?:(?:on|in|by|since|from|until|as of|early|late)\s+)?\x00,?\s*", re.I)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_NAME_WORD = r"(?:[A-Z][\w’'.-]*|(?:al|el|bin|ibn|bint|abu|abd)-[A-Z][\w-]*)"
_NAME = re.compile(rf"{_NAME_WORD}(?:\s+(?:of\s+(?:the\s+)?)?{_NAME_WORD})*")
_POSSESSIVE = re.compile(r"(?<=\w)[’']s$")
_NOT_NAMES = frozenset(
    "on in at to the a an but and or however meanwhile although though thus then when after before "
    "since while during as this that these those it its he she they we his her their our top "
    "ayatollah grand supreme leader president prime minister foreign defence defense interior "
    "secretary gen general lt col sheikh imam sayyid mr mrs ms dr speaker commander chief deputy "
    "senior cleric iraqi iranian american us u.s. shiite sunni kurdish "
    "monday tuesday wednesday thursday friday saturday sunday".split())
_TITLE_WORDS = 10
_TITLE_STOPWORDS = frozenset("the a an to of on in at and or for with by as that".split())


@dataclass(frozen=True)
class Draft:
    """A proposed event: the sentence, the date as written and resolved, a title, actors."""

    sentence: str
    date_text: str
    date: DateValue
    title: str
    actors: tuple[str, ...]


def extract_drafts(text: str, published: date) -> list[Draft]:
    """Return a draft for each sentence of an article that carries a readable date."""
    drafts = []
    for sentence in sentences(text):
        found = next(find_dates(sentence, published), None)
        if found is None:
            continue
        written, value, span = found
        marked = sentence[:span[0]] + "\x00" + sentence[span[1]:]
        drafts.append(Draft(sentence, written, value, _title(marked), suggest_actors(marked)))
    return drafts


def sentences(text: str) -> Iterator[str]:
    """Yield the sentences of an article's paragraphs, skipping datelines (a line that is a date)."""
    for paragraph in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        flat = " ".join(paragraph.split())
        if not flat or _is_dateline(flat) or _CAPTION.search(flat) or _BYLINE.match(flat):
            continue
        flat = _without_dateline(flat)
        start = 0
        for match in _SENTENCE_END.finditer(flat):
            word = re.findall(r"[\w.]+$", flat[start:match.start()] + ".")
            if word and _is_abbreviation(word[0].rstrip(".")):
                continue
            yield flat[start:match.end()].strip()
            start = match.end()
        if flat[start:].strip():
            yield flat[start:].strip()


def find_dates(sentence: str, published: date) -> Iterator[tuple[str, DateValue, tuple[int, int]]]:
    """Yield (date as written, resolved date, span) for each readable date in a sentence: read
    against the publication date, cut there (news reports what has happened), and left out when
    wholly after it (an announced plan is not yet an event)."""
    for match in DATE_PATTERN.finditer(sentence):
        # "Earlier this month" is written in the draft as "this month": a date field must read
        # back as itself, and the sentence (the draft's quote) keeps the words as written.
        text = re.sub(r"^[Ee]arlier\s+", "", match.group(0))
        try:
            value = parse_date(text, reference=published)
        except DateError:
            continue
        if value.start > published:
            continue
        yield text, replace(value, end=min(value.end, published)), match.span()


def suggest_actors(sentence: str) -> tuple[str, ...]:
    """Return names of two words or more ("Ali al-Sistani"), leaving out quoted speech, titles
    ("Ayatollah", "Supreme Leader") and possessors ("Iran’s")."""
    actors: list[str] = []
    for match in _NAME.finditer(_QUOTED.sub("\x00", sentence)):
        words = match.group(0).split()
        for index, word in enumerate(words):  # "Iran’s Supreme Leader ..." -> after the possessor
            if _POSSESSIVE.search(word):
                words = words[index + 1:] if index < len(words) - 1 else []
                break
        while words and words[0].lower().rstrip(".") in _NOT_NAMES | {"of"}:
            words = words[1:]
        while words and words[-1] in ("of", "the"):
            words = words[:-1]
        name = " ".join(words).rstrip(".,")
        if len(words) >= 2 and name not in actors:
            actors.append(name)
    return tuple(actors)


def drafts_yaml(drafts: list[Draft], *, published: date, outlet: str | None, title: str | None = None,
                url: str | None = None, article: str = "the article") -> str:
    """Return a store file of drafts, with the article as the default source, for review."""
    lines = [
        "# yaml-language-server: $schema=../schema/events.schema.json",
        "# (the $schema path is relative to this file: it fits a file saved in data/; adjust it elsewhere)",
        f"# Draft events proposed by `python -m timeline extract` from {article}.",
        "# Review every draft: fix the title and category, check the actors, delete what is not an",
        "# event, then copy the events you keep into the store and run `python -m timeline validate`.",
        "",
        "defaults:",
        "  source:",
    ]
    source: dict[str, object] = {"outlet": outlet or Path(article).stem}
    if title:
        source["title"] = title
    if url:
        source["url"] = url
    source["published"] = published
    for key, value in source.items():
        lines += field_lines(key, value, 4)
    if not outlet:
        lines[-len(source)] += "  # draft: name the outlet"
    lines += ["", "events:"]
    taken: set[str] = set()
    for draft in drafts:
        event_id = new_event_id(draft.title, taken)
        taken.add(event_id)
        record: dict[str, object] = {"id": event_id, "title": draft.title, "date": draft.date_text,
                                     "category": "statement"}
        if draft.actors:
            record["actors"] = list(draft.actors)
        record["quote"] = draft.sentence
        body = [line for key, value in record.items() for line in field_lines(key, value, 4)]
        body[0] = "  - " + body[0][4:]
        body[2] += f"  # resolves to {describe_date(draft.date)}"
        body[3] += "  # draft: review"
        lines += body + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _without_dateline(paragraph: str) -> str:
    match = _DATELINE.match(paragraph)
    return paragraph[match.end():] if match and len(match.group(0)) <= 70 and (
        "(" in match.group(0) or DATE_PATTERN.search(match.group(0))) else paragraph


def _is_dateline(line: str) -> bool:
    words = re.sub(r"^[\W_]+|[\W_]+$", "", line)
    match = DATE_PATTERN.fullmatch(words)
    return match is not None or len(line.split()) <= 3 and DATE_PATTERN.search(line) is not None


def _is_abbreviation(word: str) -> bool:
    return word.lower() in _ABBREVIATIONS or len(word) == 1 or bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word))


def _title(marked: str) -> str:
    rest = _LEADING_DATE.sub("", marked).replace("\x00", "")
    clause = re.split(r"[,;:“\"(]", rest, maxsplit=1)[0]
    words = clause.split()[:_TITLE_WORDS]
    while len(words) > 1 and words[-1].lower().rstrip(".") in _TITLE_STOPWORDS:
        words.pop()
    title = " ".join(words).rstrip(".!?")
    return title[:1].upper() + title[1:] if title else "Draft event"
