"""Data and pictures out (and TimelineJS back in).

Holds: images through kaleido, the only module that touches it (:mod:`.images`), the exported
view's figure and its standalone HTML page (:mod:`.figures`), CSV and JSON (:mod:`.formats`) and
TimelineJS JSON: out (:mod:`.timelinejs`), in (:mod:`.timelinejsimport`, with what our export keeps
in ``timeline_extra`` read by :mod:`.timelinejsextra`), the kind of file and the older format
(:mod:`.timelinejsfiles`), a slide's dates (:mod:`.slidedates`) and its HTML as clean text and
back (:mod:`.slidetext`); a story as an offline HTML slideshow (:mod:`.storyhtml`); the map exported
(:mod:`.mapview`) with its world outlines from this machine (:mod:`.outlines`).

Images, HTML, the map and the story are written in the reader's language (``lang``).

May import: ``timeline.chart``, ``timeline.view``, ``timeline.store``, ``timeline.dates``,
``timeline.lang``, the model and the errors. Never ``edit`` or ``cli``.
"""
