"""Write a synthetic event store of N events with realistic, mixed date forms.

Dates are drawn from a pool of "news days" (a few per week over 2014-2024, some much busier than
others, as in a newsroom's data), then written in one of the forms editors use: ISO, "13
September 2020", "Sept. 13, 2020", "September 2020", "late September 2020", Arabic "25 سبتمبر
2020", a year, or a range with an ``end``. The output is deterministic for a given N and seed.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
             "Dec."]
ARABIC_MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
                 "أكتوبر", "نوفمبر", "ديسمبر"]
ACTORS = [
    "Mustafa al-Kadhimi", "Muqtada al-Sadr", "Ali al-Sistani", "Kataib Hezbollah", "Asaib Ahl al-Haq",
    "Popular Mobilization Units", "Council of Representatives of Iraq", "United States", "Iran",
    "Qasem Soleimani", "Abu Mahdi al-Muhandis", "Falih al-Fayyadh", "Hadi al-Amiri", "Nouri al-Maliki",
    "Barham Salih", "Mohammed Shia al-Sudani", "Kurdistan Regional Government", "Masoud Barzani",
    "Turkey", "Islamic State", "Counter-Terrorism Service", "Ministry of Interior", "UNAMI",
    "Jeanine Hennis-Plasschaert", "Esmail Qaani", "Mike Pompeo", "Antony Blinken", "Saudi Arabia",
    "Fatah Alliance", "Sairoon", "Federal Supreme Court", "Central Bank of Iraq", "Adil Abdul-Mahdi",
    "Haider al-Abadi", "Ammar al-Hakim", "Qais al-Khazali", "Hashd al-Atabat", "Peshmerga",
    "Sunni tribal leaders", "Tishreen protesters",
]
PLACES = ["Baghdad", "Basra", "Najaf", "Karbala", "Erbil", "Mosul", "Kirkuk", "Sulaymaniyah", "Anbar",
          "Nasiriyah", "Diyala", "Salahuddin", "Tehran", "Washington", "Amman", "Riyadh", "Ankara",
          "Jurf al-Sakhar", "Sinjar", "Al-Qaim", "Green Zone", "Baghdad airport", "Ain al-Asad"]
TAGS = ["militias", "us-iran", "elections", "protests", "oil", "budget", "rocket-attacks", "pmu-law",
        "foreign-forces", "kurdistan", "corruption", "isis", "diplomacy", "courts", "electricity",
        "water", "border", "drones", "assassinations", "government-formation"]
CATEGORIES = ["statement", "meeting", "visit", "decision", "military", "attack", "protest", "election",
              "publication", "other"]
VERBS = ["announces", "rejects", "meets", "visits", "condemns", "orders", "denies", "warns",
         "welcomes", "calls for", "approves", "postpones"]
OBJECTS = ["a ceasefire", "new elections", "the budget", "militia disarmament", "a security plan",
           "foreign troop withdrawal", "the cabinet line-up", "an investigation", "talks in Baghdad",
           "border closures", "oil exports", "an amnesty law"]
OUTLETS = ["Al-Monitor", "Reuters", "AP", "AFP", "Rudaw", "Shafaq News", "The National", "Al Jazeera"]

FORMS = (  # (form, weight): roughly how often each form appears in hand-kept newsroom data
    ("iso", 36), ("dmy", 22), ("ap", 10), ("month", 9), ("qualified", 7), ("arabic", 8),
    ("range", 5), ("year", 3),
)


def news_days(count: int, rng: random.Random) -> list[date]:
    """Return ``count`` distinct days between 2014 and 2024, the pool events are dated from."""
    first, span = date(2014, 1, 1), (date(2024, 12, 31) - date(2014, 1, 1)).days
    return sorted(first + timedelta(days=d) for d in rng.sample(range(span + 1), min(count, span + 1)))


def write_date(day: date, form: str, rng: random.Random) -> tuple[str, str | None]:
    """Return (date text, end text or None) for ``day`` written in ``form``."""
    d, m, y = day.day, day.month - 1, day.year
    if form == "iso":
        return day.isoformat(), None
    if form == "dmy":
        return f"{d} {MONTHS[m]} {y}", None
    if form == "ap":
        return f"{AP_MONTHS[m]} {d}, {y}", None
    if form == "month":
        return f"{MONTHS[m]} {y}", None
    if form == "qualified":
        return f"{rng.choice(['early', 'mid-', 'late'])}{'' if False else ' '}{MONTHS[m]} {y}".replace("- ", "-"), None
    if form == "arabic":
        return f"{d} {ARABIC_MONTHS[m]} {y}", None
    if form == "range":
        return day.isoformat(), (day + timedelta(days=rng.randint(1, 20))).isoformat()
    return str(y), None


def last_day(day: date, form: str, end: str | None) -> date:
    """Return the last day a date written in ``form`` covers: its source is published after it."""
    if end:
        return date.fromisoformat(end)
    if form in ("month", "qualified"):
        following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return following - timedelta(days=1)
    if form == "year":
        return date(day.year, 12, 31)
    return day


def generate(count: int, seed: int = 2020) -> str:
    """Return the YAML text of a valid store with ``count`` events."""
    rng = random.Random(seed)
    # A newsroom store repeats its dates a lot: about one news day per 5 events, capped by the
    # days in the period; some days are far busier than others (Pareto weights).
    days = news_days(max(50, count // 5), rng)
    weights = [rng.paretovariate(1.5) for _ in days]
    forms = [f for f, _ in FORMS]
    form_weights = [w for _, w in FORMS]
    lines = [
        "# Synthetic store written by benchmarks/generate.py; do not edit.",
        "defaults:",
        "  source:",
        "    outlet: Al-Monitor",
        "    title: A decade of Iraq's militias, an archive",
        # After every event: a date past its sources' publication is cut or refused.
        "    published: 2025-01-31",
        "",
        "eras:",
        "  - id: kadhimi-government",
        "    label: Kadhimi government",
        "    start: 7 May 2020",
        "    end: 27 October 2022",
        "",
        "events:",
    ]
    picked_days = rng.choices(days, weights=weights, k=count)
    for index, day in enumerate(picked_days):
        form = rng.choices(forms, weights=form_weights)[0]
        text, end = write_date(day, form, rng)
        actors = rng.sample(ACTORS, rng.choice([1, 1, 2, 2, 3]))
        title = f"{actors[0]} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        quoted_date = f"'{text}'" if form != "iso" and form != "range" else text
        lines += [
            f"  - id: event-{index:06d}",
            f"    title: {title}",
            f"    date: {quoted_date}",
        ]
        if end:
            lines.append(f"    end: {end}")
        lines += [
            f"    category: {rng.choice(CATEGORIES)}",
            f"    importance: {rng.choices([1, 2, 3, 4, 5], weights=[30, 30, 25, 10, 5])[0]}",
            f"    actors: [{', '.join(actors)}]",
            f"    places: [{', '.join(rng.sample(PLACES, rng.choice([1, 1, 2])))}]",
            f"    tags: [{', '.join(rng.sample(TAGS, rng.choice([0, 1, 2, 2, 3])))}]",
        ]
        if rng.random() < 0.6:
            lines.append(f"    summary: >-\n      {title}, according to officials quoted by the outlet;\n"
                         f"      the report gives no further detail.")
        if rng.random() < 0.3:
            outlet = rng.choice(OUTLETS)
            lines += [
                "    sources:",
                f"      - outlet: {outlet}",
                f"        title: \"{title}\"",
                f"        url: https://example.org/{outlet.lower().replace(' ', '-')}/{index}",
                f"        published: {(last_day(day, form, end) + timedelta(days=rng.randint(0, 3))).isoformat()}",
            ]
        if index > 10 and rng.random() < 0.1:
            lines.append(f"    related: [event-{rng.randrange(index):06d}]")
    return "\n".join(lines) + "\n"


def distinct_dates(text: str) -> int:
    """Return how many distinct date texts (date: and end: values) a generated store holds."""
    return len({line.split(":", 1)[1].strip() for line in text.splitlines()
                if line.startswith(("    date:", "    end:"))})


if __name__ == "__main__":
    size = int(sys.argv[1])
    out = Path(sys.argv[2])
    out.write_text(generate(size), encoding="utf-8")
    print(f"{out}: {size} events, {distinct_dates(out.read_text(encoding='utf-8'))} distinct date texts")
