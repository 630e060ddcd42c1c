"""Dateline and byline parser (pure): the forms agencies and press offices print at the top of a story.

    Astana, Kazakhstan (AFP) July 3, 2024        place (agency) date
    WASHINGTON, July 1 (UPI) --                  place, date (agency) separator
    PARIS (Reuters) -  /  LONDON (AP) —          place (agency) separator
    Pasadena CA (JPL) Jun 28, 2024               place with a state code
    by AFP Staff Writers  /  By Jane Doe, UPI    bylines

``parse_dateline`` and ``parse_byline`` read one string; ``split_lead`` and ``strip_lead_html`` find both at
the start of a plain-text or HTML body and return the body without them, so the dateline lives in its
fields and not twice on the page.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from dateline.ingest.places import agency_code, is_country, region_name

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
    # AFP's French wire: janv., févr., mars, avr., mai, juin, juil., août, sept., oct., nov., déc.
    "jui": 7, "fév": 2, "fev": 2, "avr": 4, "mai": 5, "aoû": 8, "aou": 8, "déc": 12,
}
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
          r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
          r"|janv?|f[ée]vr?|mars|avr|mai|juin|juil|ao[ûu]t|d[ée]c)\.?")
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
_DATE = (
    rf"(?P<date>(?:{_WEEKDAY},?\s+)?(?:"
    rf"(?P<mon>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<mon2>{_MONTH})(?:,?\s+(?P<year2>\d{{4}}))?"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})"
    rf")|{_WEEKDAY})"
)
_AGENCY = r"\(\s*(?P<agency>[A-Za-z][A-Za-z .&'\-]{0,38}?)\s*\)"
_SEP = r"(?P<sep>\s*(?:--|[-—–:|/]|&mdash;|&ndash;)\s*)"
_PLACE = r"(?P<place>[^\W\d_][\w'’.\-]*(?:[ ]+[\w'’.\-]+){0,5}(?:,[ ]*[^\W\d_][\w'’.\-]*(?:[ ]+[\w'’.\-]+){0,4}){0,2})"

# Forms, tried in order; each anchored at the start of the text.
_FORMS = [
    re.compile(rf"{_PLACE}\s*,\s*{_DATE}\s*{_AGENCY}(?:{_SEP})?"),  # WASHINGTON, July 1 (UPI) --
    re.compile(rf"{_PLACE}\s*{_AGENCY}\s*(?:{_DATE}\s*)?(?:{_SEP})?"),  # Astana, Kazakhstan (AFP) July 3, 2024
    re.compile(rf"{_PLACE}\s*,\s*{_DATE}{_SEP}"),  # BERLIN, March 3 --
    re.compile(r"(?P<place>[A-Z][A-Z'’.\-]+(?:[ ]+[A-Z'’.\-]+){0,3}(?:,[ ]*[A-Z][\w'’.\-]*(?:[ ]+[\w'’.\-]+){0,2})?)"
               r"(?P<sep>\s+(?:--|—|–|-)\s+)"),  # WASHINGTON — (AP house style without the agency)
]
_CONNECTORS = {"de", "del", "da", "das", "do", "dos", "di", "du", "des", "la", "le", "les", "el", "al", "am", "an",
               "of", "on", "upon", "sur", "en", "y", "i", "van", "von", "der", "den", "the", "bin", "ibn", "ben"}
_NOT_PLACES = {"by", "in", "on", "at", "for", "and", "but", "a", "an", "it", "this", "that", "he", "she", "they",
               "we", "i", "you", "if", "when", "after", "before", "as", "said", "says", "update", "updated",
               "photo", "video", "editor", "note", "eds", "correction", "breaking", "exclusive", "analysis"}


@dataclass(frozen=True)
class DatelineMatch:
    text: str
    city: str = ""
    region: str = ""
    country: str = ""
    agency: str = ""
    date: datetime | None = None
    end: int = 0  # where the story text starts in the input


@dataclass(frozen=True)
class BylineMatch:
    text: str  # the names as printed (all-caps names title-cased), without "By" and the agency
    agency: str = ""
    printed: str = ""  # the whole line as printed ("by AFP Staff Writers"): what a page shows


def _title(word: str) -> str:
    return word.title() if word.isupper() and len(word) > 1 else word


def _split_place(place: str) -> tuple[str, str, str] | None:
    parts = [" ".join(p.split()) for p in place.split(",")]
    if not parts or any(not p for p in parts) or len(place) > 60:
        return None
    for part in parts:
        words = part.split(" ")
        if words[0].lower().strip(".") in _NOT_PLACES and part.lower() != "the hague":
            return None
        for word in words:
            if not (word[0].isupper() or word.lower() in _CONNECTORS or word[0] in "'’"):
                return None
    city, region, country = parts[0], "", ""
    rest = parts[1:]
    words = city.split(" ")
    if not rest and len(words) > 1 and region_name(words[-1]) and words[-1].replace(".", "").isupper():
        city, rest = " ".join(words[:-1]), [words[-1]]  # "Pasadena CA", "Washington DC"
    for part in rest:
        if is_country(part) and not part.endswith("."):
            country = _title_words(part)  # "Tbilisi, Georgia" is the country; AP writes the state "Ga."
        elif not region and region_name(part):
            region = region_name(part) or ""
        elif not region:
            region = _title_words(part)
        else:
            return None
    if region and region_name(region) in _US_STATE_NAMES and not country:
        country = "United States"
    return _title_words(city), region, country


def _title_words(value: str) -> str:
    return " ".join(_title(w) for w in value.split(" "))


def _date(match: re.Match, reference: datetime | None) -> datetime | None:
    groups = match.groupdict()
    if groups.get("iso"):
        try:
            return datetime.strptime(groups["iso"], "%Y-%m-%d").replace(tzinfo=UTC)
        except ValueError:
            return None
    mon = groups.get("mon") or groups.get("mon2")
    day = groups.get("day") or groups.get("day2")
    year = groups.get("year") or groups.get("year2")
    if not mon or not day:
        return None
    key = mon[:4].lower()
    month = 6 if key == "juin" else 7 if key == "juil" else _MONTHS[mon[:3].lower()]
    if year:
        years = [int(year)]
    elif reference is not None:
        years = [reference.year, reference.year - 1]
    else:
        return None
    for y in years:
        try:
            value = datetime(y, month, int(day), tzinfo=UTC)
        except ValueError:
            return None
        # A dateline is never more than a couple of days after publication: "Dec 31" read on Jan 2.
        if year or reference is None or value <= reference + timedelta(days=2):
            return value
    return None


def parse_dateline(text: str, *, reference: datetime | None = None) -> DatelineMatch | None:
    """The dateline at the start of ``text``, or None. ``reference`` supplies the year when it is omitted."""
    lead = len(text) - len(text.lstrip(" \t\"'“"))
    body = text[lead:]
    for index, form in enumerate(_FORMS):
        match = form.match(body)
        if not match:
            continue
        groups = match.groupdict()
        agency_raw = groups.get("agency") or ""
        if agency_raw and not _plausible_agency(agency_raw):
            continue
        end = match.end()
        following = body[end:end + 1]
        if not groups.get("sep") and following and following.isalnum() and not groups.get("date"):
            continue  # "Agency (EPA) said" is a sentence, not a dateline
        if index == 1 and not groups.get("sep") and not groups.get("date") and following.isalpha():
            continue
        if index == 3 and not _caps_place(groups["place"]):
            continue
        place = _split_place(groups["place"])
        if place is None:
            continue
        city, region, country = place
        printed = body[: match.start("sep")] if groups.get("sep") else body[:end]
        return DatelineMatch(
            text=" ".join(printed.split()),
            city=city, region=region, country=country,
            agency=agency_code(agency_raw) if agency_raw else "",
            date=_date(match, reference),
            end=lead + end,
        )
    return None


def parse_place(text: str) -> DatelineMatch | None:
    """A bare place as printed in a dateline field ("FORT WASHINGTON, Pa."), or None."""
    value = " ".join(text.split()).strip(" -—–:")
    if not value or len(value) > 60 or any(c.isdigit() for c in value):
        return None
    place = _split_place(value)
    if place is None:
        return None
    return DatelineMatch(text=value, city=place[0], region=place[1], country=place[2], end=len(text))


def _caps_place(place: str) -> bool:
    first = place.split(",")[0]
    letters = [c for c in first if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _plausible_agency(value: str) -> bool:
    words = value.split()
    if len(words) > 4:
        return False
    if _is_agency(value):
        return True  # a known agency, however it is capitalised ("dpa")
    return all(w[0].isupper() for w in words)


_BYLINE = re.compile(r"\s*by\s+(?P<who>[^\n]{2,100}?)\s*$", re.I)
_BYLINE_SPLIT = re.compile(r"\s*(?:,|\||\bfor\b|\s[-—–]\s)\s*", re.I)
_NAME_WORDS = {"and", "de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "bin", "al", "el", "y", "del",
               "staff", "writer", "writers", "correspondent", "correspondents", "reporter", "reporters", "editor",
               "in", "&", "dos", "das", "ter", "st.", "mc"}
_ROLE_WORDS = {"staff", "writer", "writers", "correspondent", "correspondents", "reporter", "reporters", "editor",
               "science", "business", "political", "chief", "senior", "sports", "medical", "technology",
               "economics", "diplomatic", "white", "house", "legal", "entertainment", "national", "special", "aerospace",
               "space", "health", "climate", "auto", "energy", "tech", "markets", "economy", "foreign", "military",
               "religion", "education", "environment", "environmental", "investigative", "courts", "congressional",
               "global", "asia", "europe", "africa", "news", "photographer", "video", "journalist", "contributor"}


def parse_byline(line: str) -> BylineMatch | None:
    """A byline line ("by AFP Staff Writers", "By Jane Doe, UPI"), or None for ordinary sentences."""
    match = _BYLINE.match(line)
    if not match:
        return None
    who = match.group("who").strip().rstrip(".")
    parts = [p for p in _BYLINE_SPLIT.split(who) if p]
    if not parts:
        return None
    names, agency = [], ""
    for part in parts:
        words = part.split()
        cut = next((i for i, w in enumerate(words) if i and _is_agency(w)
                    and all(x.lower() in _ROLE_WORDS for x in words[i + 1:])), None)
        if cut is not None and "staff" not in {w.lower() for w in words}:
            names.append(_title_words(" ".join(words[:cut])))  # "MARCIA DUNN AP Aerospace Writer"
            agency = agency or agency_code(words[cut])
            continue
        if _is_agency(part):
            agency = agency or agency_code(part)
            continue
        if not all(w[0].isupper() or w.lower() in _NAME_WORDS or w[0] in "&'" for w in words):
            return None
        code = agency_code(part) if _is_agency(part) else ""
        first_code = agency_code(words[0]) if _is_agency(words[0]) else ""
        if code:
            agency = agency or code
        elif first_code and all(w.lower() in _ROLE_WORDS for w in words[1:]):
            agency = agency or first_code  # "AP Science Writer", "AFP Staff Writers"
            if words[1:] and {"staff"} & {w.lower() for w in words[1:]}:
                names.append(part)
        elif all(w.lower() in _ROLE_WORDS for w in words):
            if not names or {"staff"} & {w.lower() for w in words}:
                names.append(part)
        else:
            names.append(_title_words(part))
    if not names and not agency:
        return None
    return BylineMatch(text=", ".join(names) or agency, agency=agency, printed=" ".join(line.split()))


def _is_agency(value: str) -> bool:
    key = " ".join(value.lower().split()).strip(" .")
    from dateline.ingest.places import AGENCIES

    return key in AGENCIES and bool(AGENCIES[key])


@dataclass(frozen=True)
class Lead:
    byline: BylineMatch | None
    dateline: DatelineMatch | None
    body: str


def split_lead(text: str, *, reference: datetime | None = None) -> Lead:
    """Byline line(s) and dateline at the start of a plain-text body; ``body`` is what remains."""
    rest = text.lstrip("\n\r ")
    byline = None
    first, _, after = rest.partition("\n")
    found = parse_byline(first)
    if found:
        byline, rest = found, after.lstrip("\n\r ")
    dateline = parse_dateline(rest, reference=reference)
    if dateline:
        rest = rest[dateline.end:].lstrip(" \t")
        rest = rest.lstrip("\n\r ") if rest.startswith(("\n", "\r")) else rest
    return Lead(byline, dateline, rest)


_HTML_LEAD = re.compile(r"\s*(?:<(?:p|div|section|article)\b[^>]*>\s*){0,3}")
_EMPTY_P = re.compile(r"^\s*<p\b[^>]*>\s*(?:<br\s*/?>\s*)*</p>\s*", re.I)
_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.I)


def strip_lead_html(html: str, *, reference: datetime | None = None) -> Lead:
    """The same for an HTML body: byline and dateline are removed from its first paragraph."""
    byline = dateline = None
    for _ in range(2):
        opening = _HTML_LEAD.match(html)
        start = opening.end() if opening else 0
        stop = html.find("<", start)
        stop = len(html) if stop < 0 else stop
        segment = htmllib.unescape(html[start:stop])
        if byline is None and dateline is None:
            found = parse_byline(segment.strip())
            if found and (stop == len(html) or html.startswith(("</p", "<br", "</div"), stop)):
                byline = found
                brk = _BREAK.match(html, stop)
                html = html[:start] + html[brk.end() if brk else stop:]
                html = _EMPTY_P.sub("", html, count=1)
                continue
        if dateline is None:
            found_dl = parse_dateline(segment, reference=reference)
            if found_dl:
                dateline = found_dl
                remaining = segment[found_dl.end:].lstrip()
                html = html[:start] + htmllib.escape(remaining, quote=False) + html[stop:]
                if not remaining:
                    brk = _BREAK.match(html, start)
                    if brk:
                        html = html[:start] + html[brk.end():]
                html = _EMPTY_P.sub("", html, count=1)
        break
    return Lead(byline, dateline, html)


_US_STATE_NAMES = frozenset({
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida",
    "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine",
    "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska",
    "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio",
    "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas",
    "Utah", "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming", "District of Columbia",
})
