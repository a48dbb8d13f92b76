#!/usr/bin/env python3
"""Words of the shared ClinicalTrials.gov trials that no vocabulary concept covers.

Lists, by the number of trials that use them, the English words of trial titles,
conditions and interventions that no English label of data/vocabulary/ contains, and the
medicines named in the trials' interventions that no label names. This is how the general
clinical terms and the medicines added for issue 18 were chosen: by how often trials use
a word, over every trial of the shared data, never by which queries of an evaluation
would gain. Stemming here is a crude suffix strip, enough to rank candidates; the
vocabulary's own loader (text_test) is what checks the labels written from this list.

  bench/vocabulary_gaps.py ../shared/data [--top 300] [--min-trials 3]
"""
import argparse
import collections
import csv
import glob
import json
import os
import re

SUFFIXES = ("ations", "ation", "ities", "ity", "ness", "ings", "ing", "ies", "ied", "es", "ed", "s", "al", "ic", "y")
STOP = set("""the and of in to for with a an on by at from or as is are be was were not vs versus patients patient
study trial effect effects use using its their this that who which during after before among between into than
other clinical covid sars cov coronavirus disease infection infected treatment evaluation efficacy safety""".split())
INTERVENTION_KINDS = r"(Drug|Other|Procedure|Device|Biological|Behavioral|Dietary Supplement|Diagnostic Test|Radiation|Genetic|Combination Product):"


def stem(word):
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def english_labels(vocabulary_dir):
    for path in glob.glob(os.path.join(vocabulary_dir, "*.json")):
        with open(path, encoding="utf-8") as f:
            for concept in json.load(f)["concepts"]:
                yield from concept.get("en", [])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", help="the shared data directory (holds ctgov_covid_trials/)")
    parser.add_argument("--vocabulary", default=os.path.join(os.path.dirname(__file__), "..", "data", "vocabulary"))
    parser.add_argument("--top", type=int, default=300)
    parser.add_argument("--min-trials", type=int, default=3, help="medicines named in at least this many trials")
    args = parser.parse_args()

    labels = [label.lower() for label in english_labels(args.vocabulary)]
    covered = {stem(t) for label in labels for t in re.findall(r"[a-z0-9]+", label)}
    whole_labels = set(labels)

    words = collections.Counter()
    medicines = collections.Counter()
    with open(os.path.join(args.data, "ctgov_covid_trials", "trials.csv"), encoding="utf-8") as f:
        for trial in csv.DictReader(f):
            interventions = trial["interventions"].split("|")
            text = " ".join([trial["title"], trial["conditions"].replace("|", " "),
                             re.sub(INTERVENTION_KINDS, "", " ".join(interventions))])
            for word in {stem(t) for t in re.findall(r"[a-z]+", text.lower()) if len(t) > 2}:
                if word not in covered and word not in STOP:
                    words[word] += 1
            named = set()
            for intervention in interventions:
                m = re.match(r"(Drug|Biological|Dietary Supplement): *(.*)", intervention)
                if m:
                    named.update(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z\-]{4,}", m.group(2)))
            for name in named - whole_labels:
                medicines[name] += 1

    print(f"# words no English label covers, by trials using them (top {args.top})")
    for word, n in words.most_common(args.top):
        print(f"{n}\t{word}")
    print(f"\n# words of drug, biological and supplement interventions that no label names, in >= {args.min_trials} trials")
    for name, n in medicines.most_common():
        if n < args.min_trials:
            break
        print(f"{n}\t{name}")


if __name__ == "__main__":
    main()
