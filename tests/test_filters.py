"""Selecting events: window overlap, any-of choices, accent-insensitive search (with Hypothesis)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import load_timeline
from timeline.model import DateValue, Event, Precision, Source
from timeline.view.filters import FilterState, choices, filter_events, fold

EVENTS = load_timeline("data/events.yaml").events


def ids(state: FilterState) -> set[str]:
    return {e.id for e in filter_events(EVENTS, state)}


def test_no_filter_keeps_everything() -> None:
    assert len(filter_events(EVENTS, FilterState())) == len(EVENTS) == 20


def test_actor_filter_finds_khamenei() -> None:
    assert ids(FilterState(actors=("Ali Khamenei",))) == {"khamenei-imam-hassan-tweet"}


def test_several_actors_are_any_of() -> None:
    found = ids(FilterState(actors=("Ali Khamenei", "Ali al-Sistani")))
    assert found == {"khamenei-imam-hassan-tweet", "sistani-calls-for-state-control-of-arms"}


def test_month_precise_event_shows_in_a_window_inside_its_month() -> None:
    found = ids(FilterState(start=date(2020, 9, 14), end=date(2020, 9, 15)))
    assert "hikma-and-nasr-back-government" in found  # 'September 2020' touches the window
    assert "sistani-calls-for-state-control-of-arms" not in found  # the 13th is outside


def test_window_before_all_events_is_empty() -> None:
    assert ids(FilterState(end=date(2019, 12, 31))) == set()


def test_search_is_case_and_accent_insensitive_over_title_summary_quote() -> None:
    assert "sistani-calls-for-state-control-of-arms" in ids(FilterState(search="SĪSTANI asks"))
    assert "ashab-al-kahf-complains-of-betrayal" in ids(FilterState(search="battlefield alone"))  # quote
    assert ids(FilterState(search="no such words anywhere")) == set()


def test_categories_places_and_tags_combine_with_and() -> None:
    found = ids(FilterState(categories=("visit",), places=("Tehran",)))
    assert found == {"fuad-hussein-visits-tehran"}
    assert ids(FilterState(tags=("us-embassy",), categories=("visit",))) == set()


def test_choices_are_sorted_and_distinct() -> None:
    known = choices(EVENTS)
    assert "Ali Khamenei" in known["actors"] and len(set(known["actors"])) == len(known["actors"])
    assert list(known["places"]) == sorted(known["places"], key=fold)


@settings(max_examples=80, deadline=None)
@given(st.dates(date(2019, 12, 1), date(2020, 10, 31)), st.integers(0, 120),
       st.lists(st.sampled_from(choices(EVENTS)["actors"]), max_size=3))
def test_filtered_events_never_fall_outside_the_window(start: date, days: int, actors: list[str]) -> None:
    end = date.fromordinal(start.toordinal() + days)
    shown = filter_events(EVENTS, FilterState(start=start, end=end, actors=tuple(actors)))
    assert all(e.end >= start and e.start <= end for e in shown)
    assert all(not actors or set(e.actors) & set(actors) for e in shown)
    outside = set(EVENTS) - set(shown)
    assert all(e.end < start or e.start > end or (actors and not set(e.actors) & set(actors)) for e in outside)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_the_ascii_shortcut_of_fold_is_the_full_fold(text: str) -> None:
    import unicodedata
    full = "".join(ch for ch in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(ch))
    assert fold(text) == full


@pytest.mark.parametrize("written, typed", [
    ("كَتَائِبُ حِزْبِ اللَّه", "كتائب حزب الله"),  # diacritics (harakat, shadda)
    ("كـتـائب", "كتائب"),  # tatweel
    ("أيلول", "ايلول"), ("إيران", "ايران"), ("آية الله", "اية الله"), ("ٱلله", "الله"),  # alef forms
    ("مؤتمر", "موتمر"), ("رئيس", "رييس"),  # hamza on waw and yaa
    ("كتيبة", "كتيبه"),  # taa marbuta and haa
    ("مصطفى", "مصطفي"),  # alef maksura and yaa
    ("علی خامنه‌ای", "علي خامنهاي"), ("کاظمی", "كاظمي"),  # Persian yeh, keheh, zero-width non-joiner
    ("٢٨ أيلول ٢٠٢٠", "28 ايلول 2020"), ("۱۳۹۹", "1399"),  # Eastern digits
])
def test_arabic_and_persian_spellings_of_one_word_fold_together(written: str, typed: str) -> None:
    assert fold(written) == fold(typed)
    event = Event(id="e", title=f"Statement {written}", date=DateValue(date(2020, 9, 28), date(2020, 9, 28),
                                                                     Precision.DAY),
                  date_text="28 September 2020", category="statement", sources=(Source("Al-Monitor"),))
    assert filter_events([event], FilterState(search=typed)) == (event,)


def test_distinct_arabic_words_stay_distinct() -> None:
    assert fold("حزب") != fold("حرب")  # party and war differ by a dot, which is a letter
    assert fold("عراق") != fold("غراق")


@settings(max_examples=500)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_search_folds_any_text_as_the_whole_text_folded_a_character_at_a_time(text: str) -> None:
    # fold() folds only the runs outside ASCII, in C (fast for a million events): the same result
    # as casefolding, decomposing and dropping every combining mark of the whole text (then lower
    # case: a letter that decomposes to a capital, such as ℌ to H, is searched as h).
    import unicodedata

    from timeline.view.filters import ARABIC_FOLDS
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    expected = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(ARABIC_FOLDS)
    assert fold(text) == expected.lower()
