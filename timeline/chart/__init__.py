"""The timeline figure: build a ``go.Figure`` and return it; no files, no Streamlit.

Holds: the figure's options (:mod:`.options`), the builder (:mod:`.figure`), its rows and the folding of those that do not fit
(:mod:`.rows`), its frame of axes,
slider, eras and empty chart (:mod:`.frame`), marks' colours and symbols (:mod:`.palette`), hover
text (:mod:`.hover`), on-chart labels (:mod:`.labels`), the density strip (:mod:`.density`) and
which marks a crowded chart draws (:mod:`.thinning`). The actor network: its graph, measures
and layout (:mod:`.actorgraph`), its figure (:mod:`.network`) and its labels (:mod:`.networklabels`).
The story view's compact timeline of a story's steps (:mod:`.storyfigure`).
The map: the shown events by place and the places it cannot show (:mod:`.mapplaces`), and its
figure (:mod:`.mapfigure`).

Every figure speaks the reader's language (``lang`` of its options: words from
``timeline.lang``'s catalogs, dates from ``timeline.dates.readerdates``) and is mirrored for
Arabic and Persian while time runs left to right; hover text and an event's text in a language
(:mod:`.hover`), date ticks in it (:mod:`.axisdates`), fonts and the built-in labels marked for
the catalogs (:mod:`.palette`).

May import: ``timeline.view``, ``timeline.store``, ``timeline.dates``, ``timeline.lang``, the model
and the errors; plotly and numpy; networkx (here only). Never ``edit``, ``export`` or ``cli``.
"""
