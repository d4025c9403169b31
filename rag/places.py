"""Place names by kind, and the other names of countries.

"The U.S.", "American" and "Britain" name the United States and the United Kingdom
(``country_key``): a question that names one does not get it back as its answer.
"Ukrainian" names Ukraine (``demonym_country``): a short-answer candidate "Ukraine" counts
the sentences that speak of "Ukrainian athletes" as agreeing with it. pycountry gives the
ISO names but no nationality words, so the common ones in news are listed here (plurals
such as "Ukrainians" are read without their "s"); "American" and "British" are left out of
those votes: US and UK news says them in nearly every story.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rag.sentences import words

_DEMONYMS = (
    "afghan:afghanistan albanian:albania algerian:algeria argentine:argentina argentinian:argentina "
    "armenian:armenia australian:australia austrian:austria azerbaijani:azerbaijan bangladeshi:bangladesh "
    "belarusian:belarus belgian:belgium bolivian:bolivia brazilian:brazil bulgarian:bulgaria "
    "cambodian:cambodia canadian:canada chilean:chile chinese:china colombian:colombia congolese:congo "
    "croatian:croatia cuban:cuba cypriot:cyprus czech:czech_republic danish:denmark dutch:netherlands "
    "ecuadorian:ecuador egyptian:egypt english:england estonian:estonia ethiopian:ethiopia "
    "filipino:philippines finnish:finland french:france german:germany ghanaian:ghana greek:greece "
    "greenlandic:greenland guatemalan:guatemala haitian:haiti honduran:honduras hungarian:hungary "
    "icelandic:iceland indian:india indonesian:indonesia iranian:iran iraqi:iraq irish:ireland "
    "israeli:israel italian:italy jamaican:jamaica japanese:japan jordanian:jordan kenyan:kenya "
    "kuwaiti:kuwait latvian:latvia lebanese:lebanon libyan:libya lithuanian:lithuania malaysian:malaysia "
    "mexican:mexico moroccan:morocco nepalese:nepal nepali:nepal nigerian:nigeria norwegian:norway "
    "pakistani:pakistan palestinian:palestine panamanian:panama peruvian:peru polish:poland "
    "portuguese:portugal qatari:qatar romanian:romania russian:russia rwandan:rwanda saudi:saudi_arabia "
    "scottish:scotland serbian:serbia singaporean:singapore slovak:slovakia somali:somalia "
    "south_african:south_africa south_korean:south_korea north_korean:north_korea spanish:spain "
    "sri_lankan:sri_lanka sudanese:sudan swedish:sweden swiss:switzerland syrian:syria taiwanese:taiwan "
    "thai:thailand turkish:turkey ugandan:uganda ukrainian:ukraine emirati:united_arab_emirates "
    "venezuelan:venezuela vietnamese:vietnam welsh:wales yemeni:yemen zimbabwean:zimbabwe"
)
# the US and the UK under their other names, so a question naming one does not get it as the answer
COUNTRY_NAMES = re.compile(
    r"\b(U\.?S\.?A?|United States(?: of America)?|America|American|Americans|U\.?K\.?|United Kingdom|"
    r"(?:Great )?Britain|British)(?![\w.])",
)
_ALIASES = {
    **dict.fromkeys(("us", "u s", "usa", "u s a", "america", "american", "americans"), "united states"),
    **dict.fromkeys(("united states of america",), "united states"),
    **dict.fromkeys(("uk", "u k", "britain", "great britain", "british"), "united kingdom"),
}
_BY_DEMONYM = {a.replace("_", " "): b.replace("_", " ") for pair in _DEMONYMS.split() for a, b in [pair.split(":")]}


def country_key(key: str) -> str:
    """The United States or the United Kingdom for their other names ("u s", "british"),
    lower case; any other ``key`` as it is."""
    return _ALIASES.get(key, key)


def demonym_country(text: str) -> str:
    """The country a nationality word names ("Ukrainian", "Cubans"), or ""."""
    key = " ".join(words(text))
    return _BY_DEMONYM.get(key) or _BY_DEMONYM.get(key.removesuffix("s")) or ""


def countries_named(question: str) -> set[str]:
    """The countries ``question`` names under another name or by their people's ("the US",
    "British", "which South Korean city"): none of them is its answer."""
    named = {country_key(" ".join(words(m.group()))) for m in COUNTRY_NAMES.finditer(question)}
    said = words(question)
    pairs = [" ".join(said[i : i + 2]) for i in range(len(said) - 1)]
    return named | {demonym_country(w) for w in [*said, *pairs]} - {""}


# countries under names pycountry's ISO data does not use
_COUNTRY_ALIASES = (
    "Russia;UK;U.K.;Britain;Great Britain;England;Scotland;Wales;US;U.S.;USA;America;Turkey;Czech Republic"
)


@lru_cache(maxsize=1)
def place_kinds() -> dict[str, str]:
    """Normalised place name -> "country" or "state" (US states), from pycountry's ISO data."""
    import pycountry

    kinds: dict[str, str] = {}
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")):
            if name:
                kinds[" ".join(words(name))] = "country"
    for name in _COUNTRY_ALIASES.split(";"):
        kinds[" ".join(words(name))] = "country"
    for sub in pycountry.subdivisions.get(country_code="US") or ():
        kinds.setdefault(" ".join(words(sub.name)), "state")
    return kinds


def countries_in(text: str) -> set[str]:
    """The countries ``text`` names by any name or by their people's ("Brazil", "Brazilian",
    "the UK", "British"), as ``country_key`` and ``demonym_country`` give them."""
    said = " ".join(words(text))
    plain = {c for c in _COUNTRIES if re.search(rf"\b{c}\b", said)}
    return plain | countries_named(text)


_COUNTRIES = frozenset({*_BY_DEMONYM.values(), "united states", "united kingdom"})
