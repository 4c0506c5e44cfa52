#!/usr/bin/env python3
"""Generates tests/data/cf_reference.csv: pseudo-random people with their expected codice fiscale.

Usage: tests/tools/gen_cf_reference.py [--rows N] [--seed S]

An implementation of DM 23/12/1976 written from the rules, independently of sportello's C++, so that the
C++ test reading the CSV compares two implementations. Birth places are sampled from data/comuni_belfiore.csv
and data/stati_esteri_belfiore.csv among those valid on the birth date. Deterministic for a given seed.

Columns: surname,name,sex,birth_date,birth_place,province,belfiore,codice_fiscale
birth_place is a name (sometimes re-cased or stripped of accents, as people type it) or, in a few rows,
the Belfiore code itself; province is empty when the name alone is unambiguous on the birth date.
"""
import argparse
import csv
import datetime
import os
import random
import re
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

SURNAMES = [
    "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
    "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti",
    "D'Angelo", "Dell'Acqua", "Lo Russo", "Di Pietro", "La Rosa", "Dall'Ò", "Dell'Orto", "D'Alì",
    "Fò", "Bò", "Re", "Po", "Eco", "Ai", "Fo", "Li", "Yu", "Xu", "Oé", "Ea",
    "Cantù", "Mazzà", "Sciascia", "Santangelo", "Schön", "Müller", "Núñez", "García", "Dvořák",
    "Pellegrino", "Caruso", "Ferrara", "Fontana", "Santoro", "Marchetti", "Barbieri", "Benedetti",
    "Zanetti", "Quaranta", "Vitale", "Serra", "Aiello", "Iuliano", "Oliva", "Ieie", "Abbà", "Piccolomini Todeschini",
]
MALE_NAMES = [
    "Mario", "Giuseppe", "Giovanni", "Antonio", "Luca", "Marco", "Francesco", "Alessandro", "Gianfranco",
    "Gian Luca", "Pier Paolo", "Ugo", "Al", "Bo", "Ivo", "Elio", "Nicolò", "Niccolò", "Gianluca",
    "Cristoforo", "Christian", "Jean-Luc", "Andrea", "Lorenzo", "Federico", "Raffaele", "Salvatore",
    "Domenico", "Emanuele", "Ettore", "Aldo", "Noè", "Mosè", "Gian Maria", "Eo", "Stefano", "Brando",
]
FEMALE_NAMES = [
    "Maria", "Anna", "Giulia", "Francesca", "Maria Grazia", "Anna Maria", "Ida", "Eva", "Ada", "Bea",
    "Zoe", "Zoë", "Noemi", "Cristina", "Chiara", "Lucia", "Rosalba", "Agnese", "Gioia", "Aurora", "Irene",
    "Ilaria", "Mariangela", "Maria Teresa", "Assunta", "Concetta", "Renée", "Chloé", "Ai", "Io", "Ester",
    "Benedetta", "Annunziata", "Filomena", "Pia",
]

VOWELS = set("AEIOU")
MONTHS = dict(zip(range(1, 13), "ABCDEHLMPRST"))
# Conversion table for characters in odd positions (1st, 3rd, ...), as printed in the decree.
ODD = {
    "0": 1, "1": 0, "2": 5, "3": 7, "4": 9, "5": 13, "6": 15, "7": 17, "8": 19, "9": 21,
    "A": 1, "B": 0, "C": 5, "D": 7, "E": 9, "F": 13, "G": 15, "H": 17, "I": 19, "J": 21, "K": 2, "L": 4,
    "M": 18, "N": 20, "O": 11, "P": 3, "Q": 6, "R": 8, "S": 12, "T": 14, "U": 16, "V": 10, "W": 22,
    "X": 25, "Y": 24, "Z": 23,
}
EVEN = {**{str(d): d for d in range(10)}, **{chr(ord("A") + i): i for i in range(26)}}


def plain_letters(text):
    """Upper-case A-Z only: accents decomposed away, apostrophes, spaces and hyphens dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed.upper() if "A" <= ch <= "Z")


def three_letters(sequence):
    return (sequence + "XXX")[:3]


def surname_part(surname):
    letters = plain_letters(surname)
    consonants = [ch for ch in letters if ch not in VOWELS]
    vowels = [ch for ch in letters if ch in VOWELS]
    return three_letters("".join(consonants + vowels))


def name_part(name):
    letters = plain_letters(name)
    consonants = [ch for ch in letters if ch not in VOWELS]
    if len(consonants) > 3:
        return consonants[0] + consonants[2] + consonants[3]
    vowels = [ch for ch in letters if ch in VOWELS]
    return three_letters("".join(consonants + vowels))


def control_letter(partial):
    total = sum(ODD[ch] if i % 2 == 0 else EVEN[ch] for i, ch in enumerate(partial))
    return chr(ord("A") + total % 26)


def codice_fiscale(surname, name, sex, born, belfiore):
    day = born.day + (40 if sex == "F" else 0)
    partial = f"{surname_part(surname)}{name_part(name)}{born.year % 100:02d}{MONTHS[born.month]}{day:02d}{belfiore}"
    return partial + control_letter(partial)


def name_key(name):
    """How sportello matches place names: no case, no accents, any run of other characters one space."""
    decomposed = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return re.sub(r"[^A-Z0-9]+", " ", decomposed.upper()).strip()


def read_places():
    """Every place as (code, name, province, valid_from, valid_to), and the places grouped by name_key."""
    places = []
    with open(os.path.join(ROOT, "data", "comuni_belfiore.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            places.append((row["CODCATASTALE"], row["DENOMINAZIONE_IT"], row["SIGLAPROVINCIA"],
                           row["DATAISTITUZIONE"], row["DATACESSAZIONE"]))
    with open(os.path.join(ROOT, "data", "stati_esteri_belfiore.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            places.append((row["CODCATASTALE"], row["DENOMINAZIONE_IT"], "EE",
                           row["DATAISTITUZIONE"], row["DATACESSAZIONE"]))
    by_key = {}
    for place in places:
        by_key.setdefault(name_key(place[1]), []).append(place)
    return places, by_key


def valid_on(places, iso_day):
    return [p for p in places if p[3] <= iso_day <= p[4]]


def as_typed(rng, name):
    """The name as a person might type it: as written, title case, or without accents."""
    style = rng.random()
    if style < 0.5:
        return name
    if style < 0.8:
        return name.title()
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def pick_place(rng, places, born, foreign):
    places, by_key = places
    iso_day = born.isoformat()
    candidates = [p for p in valid_on(places, iso_day) if (p[2] == "EE") == foreign]
    code, name, province, _, _ = rng.choice(candidates)
    same_name = valid_on(by_key[name_key(name)], iso_day)
    same_name_and_province = [p for p in same_name if p[2] == province]
    if len({p[0] for p in same_name_and_province}) != 1:
        return None  # the source itself has two codes for one name in one province that day
    if rng.random() < 0.05:
        return code, code, ""
    unique_by_name = len({p[0] for p in same_name}) == 1
    given_province = "" if unique_by_name and rng.random() < 0.3 else province
    return code, as_typed(rng, name), given_province


def random_person(rng, places):
    sex = rng.choice("MF")
    name = rng.choice(MALE_NAMES if sex == "M" else FEMALE_NAMES)
    surname = rng.choice(SURNAMES)
    start, end = datetime.date(1930, 1, 1), datetime.date(2010, 12, 31)
    born = start + datetime.timedelta(days=rng.randrange((end - start).days + 1))
    place = pick_place(rng, places, born, foreign=rng.random() < 0.12)
    if place is None:
        return None
    code, birth_place, province = place
    return [surname, name, sex, born.isoformat(), birth_place, province, code,
            codice_fiscale(surname, name, sex, born, code)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--rows", type=int, default=400)
    parser.add_argument("--seed", type=int, default=19761223)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    places = read_places()
    rows = []
    while len(rows) < args.rows:
        row = random_person(rng, places)
        if row is not None:
            assert not any("," in field or '"' in field for field in row), row
            rows.append(row)
    out = os.path.join(ROOT, "tests", "data", "cf_reference.csv")
    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["surname", "name", "sex", "birth_date", "birth_place", "province", "belfiore",
                         "codice_fiscale"])
        writer.writerows(rows)
    print(f"gen_cf_reference: wrote {len(rows)} rows to {out}")


if __name__ == "__main__":
    main()
