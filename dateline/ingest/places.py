"""Place and agency vocabularies for the dateline parser: explicit literals, no look-ups at run time.

US states follow the AP Stylebook abbreviations agencies print in datelines ("Cape Canaveral, Fla.")
as well as USPS codes ("Pasadena CA"); countries are the names wires use in datelines.
"""

from __future__ import annotations

US_STATES: dict[str, str] = {
    "alabama": "Alabama", "ala.": "Alabama", "al": "Alabama",
    "alaska": "Alaska", "ak": "Alaska",
    "arizona": "Arizona", "ariz.": "Arizona", "az": "Arizona",
    "arkansas": "Arkansas", "ark.": "Arkansas", "ar": "Arkansas",
    "california": "California", "calif.": "California", "ca": "California",
    "colorado": "Colorado", "colo.": "Colorado", "co": "Colorado",
    "connecticut": "Connecticut", "conn.": "Connecticut", "ct": "Connecticut",
    "delaware": "Delaware", "del.": "Delaware", "de": "Delaware",
    "florida": "Florida", "fla.": "Florida", "fl": "Florida",
    "georgia": "Georgia", "ga.": "Georgia", "ga": "Georgia",
    "hawaii": "Hawaii", "hi": "Hawaii",
    "idaho": "Idaho", "id": "Idaho",
    "illinois": "Illinois", "ill.": "Illinois", "il": "Illinois",
    "indiana": "Indiana", "ind.": "Indiana", "in": "Indiana",
    "iowa": "Iowa", "ia": "Iowa",
    "kansas": "Kansas", "kan.": "Kansas", "ks": "Kansas",
    "kentucky": "Kentucky", "ky.": "Kentucky", "ky": "Kentucky",
    "louisiana": "Louisiana", "la.": "Louisiana", "la": "Louisiana",
    "maine": "Maine", "me": "Maine",
    "maryland": "Maryland", "md.": "Maryland", "md": "Maryland",
    "massachusetts": "Massachusetts", "mass.": "Massachusetts", "ma": "Massachusetts",
    "michigan": "Michigan", "mich.": "Michigan", "mi": "Michigan",
    "minnesota": "Minnesota", "minn.": "Minnesota", "mn": "Minnesota",
    "mississippi": "Mississippi", "miss.": "Mississippi", "ms": "Mississippi",
    "missouri": "Missouri", "mo.": "Missouri", "mo": "Missouri",
    "montana": "Montana", "mont.": "Montana", "mt": "Montana",
    "nebraska": "Nebraska", "neb.": "Nebraska", "ne": "Nebraska",
    "nevada": "Nevada", "nev.": "Nevada", "nv": "Nevada",
    "new hampshire": "New Hampshire", "n.h.": "New Hampshire", "nh": "New Hampshire",
    "new jersey": "New Jersey", "n.j.": "New Jersey", "nj": "New Jersey",
    "new mexico": "New Mexico", "n.m.": "New Mexico", "nm": "New Mexico",
    "new york": "New York", "n.y.": "New York", "ny": "New York",
    "north carolina": "North Carolina", "n.c.": "North Carolina", "nc": "North Carolina",
    "north dakota": "North Dakota", "n.d.": "North Dakota", "nd": "North Dakota",
    "ohio": "Ohio", "oh": "Ohio",
    "oklahoma": "Oklahoma", "okla.": "Oklahoma", "ok": "Oklahoma",
    "oregon": "Oregon", "ore.": "Oregon", "or": "Oregon",
    "pennsylvania": "Pennsylvania", "pa.": "Pennsylvania", "pa": "Pennsylvania",
    "rhode island": "Rhode Island", "r.i.": "Rhode Island", "ri": "Rhode Island",
    "south carolina": "South Carolina", "s.c.": "South Carolina", "sc": "South Carolina",
    "south dakota": "South Dakota", "s.d.": "South Dakota", "sd": "South Dakota",
    "tennessee": "Tennessee", "tenn.": "Tennessee", "tn": "Tennessee",
    "texas": "Texas", "tx": "Texas",
    "utah": "Utah", "ut": "Utah",
    "vermont": "Vermont", "vt.": "Vermont", "vt": "Vermont",
    "virginia": "Virginia", "va.": "Virginia", "va": "Virginia",
    "washington": "Washington", "wash.": "Washington", "wa": "Washington",
    "west virginia": "West Virginia", "w.va.": "West Virginia", "wv": "West Virginia",
    "wisconsin": "Wisconsin", "wis.": "Wisconsin", "wi": "Wisconsin",
    "wyoming": "Wyoming", "wyo.": "Wyoming", "wy": "Wyoming",
    "d.c.": "District of Columbia", "dc": "District of Columbia", "district of columbia": "District of Columbia",
}

# Canadian provinces and Australian states appear in the same position as US states.
OTHER_REGIONS: dict[str, str] = {
    "ontario": "Ontario", "ont.": "Ontario", "quebec": "Quebec", "que.": "Quebec",
    "british columbia": "British Columbia", "b.c.": "British Columbia", "alberta": "Alberta",
    "alta.": "Alberta", "manitoba": "Manitoba", "nova scotia": "Nova Scotia", "n.s.": "Nova Scotia",
    "new south wales": "New South Wales", "nsw": "New South Wales", "victoria": "Victoria",
    "queensland": "Queensland", "qld": "Queensland", "western australia": "Western Australia",
    "bavaria": "Bavaria", "scotland": "Scotland", "wales": "Wales", "england": "England",
    "northern ireland": "Northern Ireland", "catalonia": "Catalonia", "sichuan": "Sichuan",
    "gansu": "Gansu", "hainan": "Hainan", "inner mongolia": "Inner Mongolia", "kerala": "Kerala",
    "tamil nadu": "Tamil Nadu", "karnataka": "Karnataka", "andhra pradesh": "Andhra Pradesh",
    "french guiana": "French Guiana",
}

COUNTRIES: frozenset[str] = frozenset({
    "afghanistan", "albania", "algeria", "andorra", "angola", "argentina", "armenia", "australia",
    "austria", "azerbaijan", "bahamas", "bahrain", "bangladesh", "barbados", "belarus", "belgium",
    "belize", "benin", "bhutan", "bolivia", "bosnia", "bosnia-herzegovina", "botswana", "brazil",
    "brunei", "bulgaria", "burkina faso", "burundi", "cambodia", "cameroon", "canada", "chad", "chile",
    "china", "colombia", "congo", "costa rica", "croatia", "cuba", "cyprus", "czech republic", "czechia",
    "denmark", "djibouti", "dominican republic", "dr congo", "ecuador", "egypt", "el salvador", "eritrea",
    "estonia", "ethiopia", "fiji", "finland", "france", "gabon", "gambia", "georgia", "germany", "ghana",
    "greece", "guatemala", "guinea", "guyana", "haiti", "honduras", "hong kong", "hungary", "iceland",
    "india", "indonesia", "iran", "iraq", "ireland", "israel", "italy", "ivory coast", "jamaica", "japan",
    "jordan", "kazakhstan", "kenya", "kosovo", "kuwait", "kyrgyzstan", "laos", "latvia", "lebanon",
    "lesotho", "liberia", "libya", "liechtenstein", "lithuania", "luxembourg", "macau", "madagascar",
    "malawi", "malaysia", "maldives", "mali", "malta", "mauritania", "mauritius", "mexico", "moldova",
    "monaco", "mongolia", "montenegro", "morocco", "mozambique", "myanmar", "namibia", "nepal",
    "netherlands", "new zealand", "nicaragua", "niger", "nigeria", "north korea", "north macedonia",
    "norway", "oman", "pakistan", "palestinian territories", "panama", "papua new guinea", "paraguay",
    "peru", "philippines", "poland", "portugal", "qatar", "romania", "russia", "rwanda", "saudi arabia",
    "senegal", "serbia", "sierra leone", "singapore", "slovakia", "slovenia", "somalia", "south africa",
    "south korea", "south sudan", "spain", "sri lanka", "sudan", "suriname", "sweden", "switzerland",
    "syria", "taiwan", "tajikistan", "tanzania", "thailand", "togo", "trinidad and tobago", "tunisia",
    "turkey", "turkiye", "turkmenistan", "uganda", "ukraine", "united arab emirates", "uae",
    "united kingdom", "uk", "britain", "united states", "us", "usa", "uruguay", "uzbekistan",
    "vatican city", "venezuela", "vietnam", "yemen", "zambia", "zimbabwe", "korea", "scotland",
    "the netherlands", "the philippines", "kazakstan", "french guiana", "greenland", "puerto rico",
})

# Agency names as printed in datelines and bylines → the code Dateline stores.
AGENCIES: dict[str, str] = {
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "ap": "AP", "associated press": "AP", "the associated press": "AP",
    "reuters": "Reuters", "thomson reuters": "Reuters",
    "upi": "UPI", "united press international": "UPI",
    "ians": "IANS", "ani": "ANI", "pti": "PTI", "dpa": "dpa", "efe": "EFE", "ansa": "ANSA",
    "xinhua": "Xinhua", "xna": "Xinhua", "kyodo": "Kyodo", "yonhap": "Yonhap", "tass": "TASS",
    "ria novosti": "RIA Novosti", "aap": "AAP", "pa": "PA", "bloomberg": "Bloomberg",
    "jpl": "JPL", "nasa": "NASA", "esa": "ESA", "spx": "SPX", "cnes": "CNES", "jaxa": "JAXA",
    "isro": "ISRO", "roscosmos": "Roscosmos", "anadolu": "Anadolu", "sputnik": "Sputnik",
    "canadian press": "CP", "cp": "CP", "apa": "APA", "ntb": "NTB", "tt": "TT", "stt": "STT",
    "belga": "Belga", "anp": "ANP", "bernama": "Bernama", "antara": "Antara", "wam": "WAM",
    "irna": "IRNA", "sana": "SANA", "kcna": "KCNA", "mena": "MENA", "cna": "CNA", "lusa": "Lusa",
    "ctk": "CTK", "pap": "PAP", "mti": "MTI", "hina": "HINA", "bta": "BTA", "ukrinform": "Ukrinform",
    "interfax": "Interfax", "bna": "BNA", "kuna": "KUNA", "qna": "QNA", "spa": "SPA",
    "news wires": "", "wires": "",
}


def agency_code(name: str) -> str:
    """The stored code for an agency as printed; unknown short names are kept as printed."""
    key = " ".join(name.lower().split()).strip(" .")
    if key in AGENCIES:
        return AGENCIES[key]
    return name.strip() if len(name.strip()) <= 40 else ""


def known_agency(name: str) -> str:
    """The code of a known agency named exactly ``name``, or "" (provider names are often not agencies)."""
    return AGENCIES.get(" ".join(name.lower().split()).strip(" ."), "")


def region_name(token: str) -> str | None:
    key = " ".join(token.lower().split())
    return US_STATES.get(key) or OTHER_REGIONS.get(key)


def is_country(token: str) -> bool:
    return " ".join(token.lower().split()).strip(".") in COUNTRIES
