"""Reading dates as people write them, keeping how precisely they are known.

Holds: the public ``parse_date`` (:mod:`.reading`), the one dateparser set-up
(:mod:`.engine`), the common
written forms read without dateparser (:mod:`.written`), calendar periods and writing a date back
(:mod:`.periods`), Hijri and Jalali dates (:mod:`.calendars`), weekday checks
(:mod:`.weekdays`) and a date written back in the reader's language, Arabic or Persian, with the
Hijri or Jalali date alongside on request (:mod:`.readerdates`).

May import: ``timeline.model`` and ``timeline.errors`` only. dateparser is imported where a
date needs it, not when this package is imported.
"""
