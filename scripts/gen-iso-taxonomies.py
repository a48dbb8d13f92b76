#!/usr/bin/env python3
"""Regenerates data/taxonomy/countries.json and languages.json from Debian's
iso-codes package (ISO 3166-1 and ISO 639-1 lists with their Chinese and
Russian translations), adding the SCO, EAEU, EU and ICH groups below.

Run on Debian 12 with iso-codes installed: scripts/gen-iso-taxonomies.py
The outputs are committed; the build does not run this script.
"""
import gettext
import json
import pathlib

ISO = pathlib.Path("/usr/share/iso-codes/json")
LOCALE = "/usr/share/locale"
OUT = pathlib.Path(__file__).resolve().parent.parent / "data" / "taxonomy"

# Member states, as published by each organisation (checked 2024):
GROUPS = {
    # Shanghai Cooperation Organisation, sectsco.org: members after Belarus joined in July 2024.
    "sco": "BY CN IN IR KZ KG PK RU TJ UZ",
    # Eurasian Economic Union, eaeunion.org.
    "eaeu": "AM BY KZ KG RU",
    # European Union, european-union.europa.eu.
    "eu": "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE",
    # ICH regulatory members (founding, standing and regulatory members; observers
    # are not flagged), ich.org "Members & Observers": EC for the EU states, FDA,
    # MHLW/PMDA, Health Canada, Swissmedic, ANVISA, MFDS, NMPA, HSA, TFDA, TITCK,
    # SFDA, COFEPRIS, MHRA, EDA.
    "ich": "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE "
           "US JP CA CH BR KR CN SG TW TR SA MX GB EG",
}


# Codes in wide use outside ISO 3166-1 proper: XK (Kosovo) is the user-assigned
# code that the EU, GeoNames and ROR use.
EXTRA_COUNTRIES = [
    {"code": "XK", "labels": {"en": "Kosovo", "zh": "科索沃", "ru": "Косово"}},
]


def translators(domain):
    return (gettext.translation(domain, localedir=LOCALE, languages=["zh_CN"]),
            gettext.translation(domain, localedir=LOCALE, languages=["ru"]))


def write(name, source, entries):
    lines = ",\n".join("    " + json.dumps(e, ensure_ascii=False) for e in entries)
    text = ('{\n  "taxonomy": %s,\n  "source": %s,\n  "entries": [\n%s\n  ]\n}\n'
            % (json.dumps(name), json.dumps(source, ensure_ascii=False), lines))
    (OUT / f"{name}.json").write_text(text, encoding="utf-8")


def countries():
    zh, ru = translators("iso_3166-1")
    members = {g: set(codes.split()) for g, codes in GROUPS.items()}
    entries = []
    for c in json.loads((ISO / "iso_3166-1.json").read_text())["3166-1"]:
        code = c["alpha_2"]
        en = c.get("common_name", c["name"])
        labels = {"en": en, "zh": zh.gettext(c["name"]), "ru": ru.gettext(c["name"])}
        entry = {"code": code, "labels": labels}
        groups = [g for g in GROUPS if code in members[g]]
        if groups:
            entry["groups"] = groups
        entries.append(entry)
    entries.extend(EXTRA_COUNTRIES)
    entries.sort(key=lambda e: e["code"])
    assert all(code in {e["code"] for e in entries} for g in members.values() for code in g)
    write("countries",
          "ISO 3166-1 alpha-2 codes with Chinese and Russian names from Debian's iso-codes "
          "4.15 package, plus XK (Kosovo, user-assigned, as used by the EU, GeoNames and ROR); "
          "groups: SCO, EAEU and EU member states and ICH regulatory members as published by "
          "those organisations (see scripts/gen-iso-taxonomies.py).",
          entries)


def languages():
    zh, ru = translators("iso_639-2")
    entries = []
    for lang in json.loads((ISO / "iso_639-2.json").read_text())["639-2"]:
        if "alpha_2" not in lang:
            continue
        name = lang["name"]
        entries.append({"code": lang["alpha_2"],
                        "labels": {"en": name.split(";")[0], "zh": zh.gettext(name).split(";")[0],
                                   "ru": ru.gettext(name).split(";")[0]}})
    entries.sort(key=lambda e: e["code"])
    write("languages",
          "ISO 639-1 codes with English, Chinese and Russian names from Debian's iso-codes "
          "4.15 package (scripts/gen-iso-taxonomies.py).",
          entries)


if __name__ == "__main__":
    countries()
    languages()
