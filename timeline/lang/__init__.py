"""The reader's language: which languages the interface speaks, their direction, and the
message catalogs every piece of interface text comes from.

Holds: ``languages`` (the languages, their names and direction, the reader's language from a
browser's ``Accept-Language``, bidirectional isolation, digits) and ``catalogs`` (``Messages``:
the interface text in one language, from gettext catalogs in ``locale/`` managed with Babel).
May import: Babel (only when a catalog other than English is first read), nothing of the package.
"""
