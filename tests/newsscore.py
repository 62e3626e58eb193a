"""Scoring `extract` on the news texts in tests/data/news: precision and recall of its drafts
against the events a careful reader dates (tests/data/news/expected.yaml)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple

import yaml

from timeline.edit.extract import extract_drafts

NEWS = Path(__file__).resolve().parent / "data" / "news"


class Score(NamedTuple):
    drafts: int
    expected: int
    right: int

    @property
    def precision(self) -> float:
        return self.right / self.drafts if self.drafts else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


def score(name: str | None = None) -> tuple[Score, list[str]]:
    """Return the score over every text (or one) and a line for each miss and each wrong draft."""
    expected_all = yaml.safe_load((NEWS / "expected.yaml").read_text(encoding="utf-8"))
    drafts = expected = right = 0
    misses: list[str] = []
    for file, spec in expected_all.items():
        if name and file != name:
            continue
        published: date = spec["published"]
        found = extract_drafts((NEWS / file).read_text(encoding="utf-8"), published)
        wanted = [(start, end, phrase) for start, end, phrase in spec["events"]]
        drafts += len(found)
        expected += len(wanted)
        matched = set()
        for draft in found:
            hit = next((i for i, (start, end, phrase) in enumerate(wanted) if i not in matched
                        and phrase in draft.sentence and (draft.date.start, draft.date.end) == (start, end)), None)
            if hit is None:
                misses.append(f"{file}: wrong draft {draft.date.start}..{draft.date.end} from "
                              f"{draft.date_text!r}: {draft.sentence[:70]}")
            else:
                matched.add(hit)
        right += len(matched)
        misses += [f"{file}: missed {wanted[i][0]}..{wanted[i][1]} '{wanted[i][2]}'"
                   for i in range(len(wanted)) if i not in matched]
    return Score(drafts, expected, right), misses


if __name__ == "__main__":
    total, lines = score()
    print("\n".join(lines))
    print(f"drafts {total.drafts}, expected {total.expected}, right {total.right}: "
          f"precision {total.precision:.0%}, recall {total.recall:.0%}")
