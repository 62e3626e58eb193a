"""The ``timeline`` command: parse the arguments, call one library function, print.

Holds: the parser and the reading commands (:mod:`.main`), the editing commands
(:mod:`.edit`), ``export`` and ``import-timelinejs`` (:mod:`.export`), ``import-csv``
(:mod:`.importing`) and shared argument types (:mod:`.arguments`).

May import: everything below it. Heavy libraries (pandas, plotly, kaleido, dateparser) only
inside the command that needs them, so that ``timeline validate`` starts fast.
"""
