"""Stories: a store's told sequences of events, or the story of the reader's selection, one step
at a time (the story view and ``export --format story``).

A store's story is told whole, whatever the sidebar's filters: its steps keep their numbers, so
a teacher's link to step 5 opens step 5 for every reader. The steps whose events the filters hide
are marked (``TellingStep.shown``), not dropped. The story of the selection is made from the
events shown: all of them when they are few, else the most important, in date order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from timeline.errors import TimelineError
from timeline.lang.catalogs import N_, messages
from timeline.model import Event, Timeline
from timeline.store.stories import SELECTION_ID

SELECTION_TITLE = N_("The story of this selection")
FEW_EVENTS = 12
"""A selection of at most this many events is told whole."""
IMPORTANT = 4
"""Above ``FEW_EVENTS``, the selection's story tells the events of at least this importance."""
MIN_IMPORTANT = 3
"""...unless fewer than this many are: then the selection's story tells the events shown."""
MAX_SELECTION_STEPS = 60
"""The selection's story tells at most this many steps: a longer one is a table, not a story."""


class UnknownStory(TimelineError):
    """A story id the store does not hold; ``ids`` are the ones it does."""

    def __init__(self, story_id: str, ids: Sequence[str]) -> None:
        known = ", ".join(ids) if ids else "none: the store defines no stories"
        super().__init__(f"no story '{story_id}' in this store; use one of: {known} "
                         f"(or '{SELECTION_ID}' for the story of the selected events)")
        self.story_id = story_id
        self.ids = tuple(ids)


@dataclass(frozen=True)
class TellingStep:
    """One step as told: the event, the storyteller's words, and whether the filters show it."""

    event: Event
    narration: str | None = None
    shown: bool = True


@dataclass(frozen=True)
class Telling:
    """A story ready to tell: a store's (``id`` its id) or the selection's (``id`` ``SELECTION_ID``)."""

    id: str
    title: str
    steps: tuple[TellingStep, ...]
    intro: str | None = None

    @property
    def hidden(self) -> int:
        """How many steps tell an event the sidebar's filters hide."""
        return sum(not step.shown for step in self.steps)

    @property
    def event_ids(self) -> tuple[str, ...]:
        """The events of the steps, in order."""
        return tuple(step.event.id for step in self.steps)

    def step_of(self, event_id: str | None) -> int | None:
        """Return the 1-based step telling ``event_id`` (its first), or None."""
        return next((n for n, step in enumerate(self.steps, 1) if step.event.id == event_id), None)


def story_choices(timeline: Timeline, *, lang: str = "en") -> list[tuple[str, str]]:
    """Return the stories a reader can pick, as (id, title): the store's, then the selection's,
    titled in the reader's language ``lang`` where the store gives it (else as written)."""
    return [(story.id, _title(story, lang)) for story in timeline.stories] + [
        (SELECTION_ID, messages(lang).gettext(SELECTION_TITLE))]


def _title(story: object, lang: str) -> str:
    shown = story.text("title", lang)  # type: ignore[attr-defined]
    return shown.text if shown else story.title  # type: ignore[attr-defined]


def default_story_id(timeline: Timeline) -> str:
    """Return the story told when none is asked for: the store's first, else the selection's."""
    return timeline.stories[0].id if timeline.stories else SELECTION_ID


def tell(timeline: Timeline, story_id: str | None, shown: Sequence[Event],
         by_id: Mapping[str, Event] | None = None, *, lang: str = "en") -> Telling:
    """Return the story ``story_id`` (None: the default one) against the events ``shown``
    (``by_id``: the store's events by id, when the caller keeps them, as the page does). The
    selection's story is titled and introduced in the reader's language ``lang``; a store's story
    keeps its own text (its ``text(field, lang)`` gives it in a reader's language).

    Raises:
        UnknownStory: the store holds no story ``story_id``.
    """
    story_id = story_id or default_story_id(timeline)
    if story_id == SELECTION_ID:
        return selection_story(shown, lang=lang)
    story = next((s for s in timeline.stories if s.id == story_id), None)
    if story is None:
        raise UnknownStory(story_id, [s.id for s in timeline.stories])
    by_id = by_id if by_id is not None else {event.id: event for event in timeline.events}
    shown_ids = {event.id for event in shown} if len(shown) < len(timeline.events) else None
    # The store checked every step's id when it loaded; a step that names no event cannot occur.
    steps = tuple(TellingStep(by_id[step.event_id], step.narration,
                              shown_ids is None or step.event_id in shown_ids) for step in story.steps)
    return Telling(id=story.id, title=story.title, steps=steps, intro=story.intro)


def selection_story(shown: Sequence[Event], *, lang: str = "en") -> Telling:
    """Return the story of the events ``shown`` (in date order): all of them when there are at most
    ``FEW_EVENTS``, else those of importance ``IMPORTANT`` or more (the most important first); with
    fewer than ``MIN_IMPORTANT`` of those (a store that rates no event), the events shown. Never
    more than ``MAX_SELECTION_STEPS``: a level or a selection that does not fit is spread evenly
    over time, not cut at the earliest."""
    text = messages(lang)
    title = text.gettext(SELECTION_TITLE)
    if not shown:
        return Telling(id=SELECTION_ID, title=title, steps=())
    important = _most_important(shown)
    number = lambda n: text.digits(f"{n:,}")  # noqa: E731
    if len(shown) > FEW_EVENTS and len(important) >= MIN_IMPORTANT:
        told = [shown[i] for i in important]
        words = text.ngettext(
            "The {count} most important of the {total} events shown (importance {level} or more), in date order.",
            "The {count} most important of the {total} events shown (importance {level} or more), in date order.",
            len(told)).format(count=number(len(told)), total=number(len(shown)), level=number(IMPORTANT))
    elif len(shown) <= MAX_SELECTION_STEPS:
        told = list(shown)
        words = text.ngettext("The one event shown.", "All {count} events shown, in date order.",
                              len(told)).format(count=number(len(told)))
    else:
        told = [shown[i] for i in _spread(list(range(len(shown))), MAX_SELECTION_STEPS)]
        words = text.gettext("{count} of the {total} events shown, spread evenly over time, in date order (fewer "
                             "than {least} have an importance of {level} or more).").format(
            count=number(len(told)), total=number(len(shown)), least=number(MIN_IMPORTANT), level=number(IMPORTANT))
    return Telling(id=SELECTION_ID, title=title, steps=tuple(TellingStep(event) for event in told), intro=words)


def _most_important(shown: Sequence[Event]) -> list[int]:
    kept: list[int] = []
    for level in range(5, IMPORTANT - 1, -1):
        at_level = [i for i, event in enumerate(shown) if (event.importance or 0) == level]
        kept += _spread(at_level, MAX_SELECTION_STEPS - len(kept))
    return sorted(kept)


def _spread(positions: list[int], room: int) -> list[int]:
    """Return ``room`` of ``positions`` evenly spaced from the first (all when they fit)."""
    if len(positions) <= room:
        return positions
    return [positions[(k * len(positions)) // room] for k in range(room)]


def clamp_step(step: int | None, total: int, *, lang: str = "en") -> tuple[int, str | None]:
    """Return the step to show of ``total`` (1-based; 1 when none is asked for) and a notice when
    ``step`` was out of range, e.g. 'step 40 is past the end; showing step 9 of 9'."""
    if step is None or total <= 0:
        return 1, None
    text = messages(lang)
    if step > total:
        return total, text.gettext("step {step} is past the end; showing step {total} of {total}").format(
            step=text.digits(f"{step:,}"), total=text.digits(f"{total:,}"))
    if step < 1:
        return 1, text.gettext("there is no step {step}; showing step 1 of {total}").format(
            step=text.digits(f"{step:,}"), total=text.digits(f"{total:,}"))
    return step, None


def open_step(telling: Telling, step: int | None, selected: str | None, last_shown: str | None,
              told_before: tuple[str, ...] | None = None, *, lang: str = "en") -> tuple[int, str | None]:
    """Return the step to open (1-based) and a notice when ``step`` was out of range.

    Args:
        step: the step asked for (by the address, a button), None for none.
        selected: the selected event, shared with the other views.
        last_shown: the event of the step this story view showed last, None on the first visit.
        told_before: the events of the story as it was told then (``event_ids``), None on the first visit.

    The selected event wins when a reader picked it elsewhere (it is not the one the view showed
    last) and the story tells it, or on a first visit that names no step. When the story itself
    changed under the reader (the selection's story, as the filters change), the event shown
    stays open if the story still tells it, else the step stays where it can, without a notice.
    Else ``step``, clamped.
    """
    found = telling.step_of(selected) if selected and selected != last_shown else None
    if found is not None and (step is None or last_shown is not None):
        return found, None
    if told_before is not None and told_before != telling.event_ids:
        kept = telling.step_of(last_shown)
        return (kept, None) if kept is not None else (max(1, min(step or 1, len(telling.steps))), None)
    return clamp_step(step, len(telling.steps), lang=lang)


def progress_text(step: int, total: int, *, lang: str = "en") -> str:
    """Return where the reader is: '3 of 9' (in the reader's language ``lang``)."""
    text = messages(lang)
    return text.gettext("{step} of {total}").format(step=text.digits(f"{step:,}"), total=text.digits(f"{total:,}"))
