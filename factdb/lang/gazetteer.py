"""Names of the world's countries and of their first-level subdivisions: general knowledge
of places, from the ISO 3166 data that ``pycountry`` ships (no download at run time).

The small English model types many place names it rarely saw as people ("near the border
with X", "X released 40 prisoners"); a name that is a country's, or a state's,
region's or province's, is a place whatever the model said, unless stronger evidence in
the text says otherwise (``factdb.extract.entities.typing._known_place``).
"""

from __future__ import annotations

from functools import cache


@cache
def countries() -> frozenset[str]:
    """Lowercased names of the countries: the ISO short name, the common and the official
    name ("iran, islamic republic of", "iran", "islamic republic of iran")."""
    import pycountry

    return frozenset(
        getattr(c, attr).lower() for c in pycountry.countries
        for attr in ("name", "common_name", "official_name") if getattr(c, attr, None))


@cache
def subdivisions() -> frozenset[str]:
    """Lowercased names of the countries' first-level subdivisions (states, regions,
    provinces, cities with their own status), written in Latin letters."""
    import pycountry

    return frozenset(name for name in (s.name.lower() for s in pycountry.subdivisions
                                       if s.name.isascii() and s.parent_code is None)
                     if not set(name.replace("-", " ").split()) <= _GENERIC)


#: words that name a region only by its position ("Central", "North-East", "Coast"): many
#: countries have one, and the word is more often something else
_GENERIC = frozenset({
    "central", "centre", "center", "east", "eastern", "north", "northern", "south",
    "southern", "west", "western", "coast", "coastal", "lakes", "upper", "lower", "capital",
    "island", "islands", "mountain", "mountains", "valley", "highlands", "plateau", "middle",
    "greater", "interior", "river", "border", "lake", "northeast", "northwest", "southeast",
    "southwest", "city",
})


def place_kind(name: str) -> str | None:
    """"country", "subdivision" or None for a name as written."""
    key = " ".join(name.split()).lower()
    if key in countries():
        return "country"
    if key in subdivisions():
        return "subdivision"
    return None


#: The abbreviations of the US states in news style (AP), as written in datelines and after
#: a city ("LANSING, Mich."): the state they stand for.
STATE_ABBREVIATIONS = {
    "ala.": "Alabama", "ariz.": "Arizona", "ark.": "Arkansas", "calif.": "California",
    "colo.": "Colorado", "conn.": "Connecticut", "del.": "Delaware", "fla.": "Florida",
    "ga.": "Georgia", "ill.": "Illinois", "ind.": "Indiana", "kan.": "Kansas",
    "ky.": "Kentucky", "la.": "Louisiana", "md.": "Maryland", "mass.": "Massachusetts",
    "mich.": "Michigan", "minn.": "Minnesota", "miss.": "Mississippi", "mo.": "Missouri",
    "mont.": "Montana", "neb.": "Nebraska", "nev.": "Nevada", "n.h.": "New Hampshire",
    "n.j.": "New Jersey", "n.m.": "New Mexico", "n.y.": "New York", "n.c.": "North Carolina",
    "n.d.": "North Dakota", "okla.": "Oklahoma", "ore.": "Oregon", "pa.": "Pennsylvania",
    "r.i.": "Rhode Island", "s.c.": "South Carolina", "s.d.": "South Dakota",
    "tenn.": "Tennessee", "vt.": "Vermont", "va.": "Virginia", "wash.": "Washington",
    "w.va.": "West Virginia", "wis.": "Wisconsin", "wyo.": "Wyoming",
}


def state_of_abbreviation(name: str) -> str | None:
    """"Mich." -> "Michigan"; None for any other name."""
    return STATE_ABBREVIATIONS.get(" ".join(name.split()).lower())
