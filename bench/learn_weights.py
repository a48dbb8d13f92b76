#!/usr/bin/env python3
"""Learns the matcher's feature weights from the shared trials, on a held-back split.

    bench/learn_weights.sh build ../shared/data       # writes the dumps, then runs this

Reads the candidate dumps of bb_eval_matching (--dump, text only: no partner
history), trains a pairwise logistic regression (true partner above a
non-partner of the same query) on the training dumps' queries, never on a
test query, and reports MRR and recall@10 on the test dump for:

  - BM25 (Xapian, same text), and the matcher with today's weights (kWeights);
  - the matcher's own features (relevance, complement, market, area, stage)
    with learnt weights: whether other weights would rank better;
  - the same plus features the matcher does not have, to see what the data
    would support: shared distinctive words of the two organisations' names
    (place or group), the candidate's activity (log of its projects), the
    candidate in the source's own country, a second BM25 score.

Every learnt model ranks the matcher's pool (the candidates its retrieval
found); pure Python, no packages.
"""
import argparse
import collections
import math
import random
import re

WEIGHTS = {"relevance": 0.28, "complement": 0.14, "market": 0.14, "area": 0.05, "stage": 0.04}
GROUPS = {
    "shared_concepts": "relevance", "shared_words": "relevance",
    "partner_kind": "complement", "offer_meets_request": "complement", "request_meets_offer": "complement",
    "complementary_cooperation": "complement", "complementary_kinds": "complement", "looks_for_your_kind": "complement",
    "target_market": "market", "market_presence": "market", "targets_your_country": "market",
    "therapeutic_area": "area", "stage": "stage",
}


def load(path):
    queries = collections.defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            c = {"query": p[0], "id": p[1], "label": int(p[2]), "relevant": int(p[3]), "bm25": float(p[4]),
                 "projects": int(p[5]), "kind": p[6], "owner_kind": p[7], "same_country": int(p[8]),
                 "owner_name": p[9], "name": p[10]}
            for kv in p[11].split():
                k, v = kv.split("=")
                c[k] = float(v)
            queries[p[0]].append(c)
    return queries


def words(name):
    return {w for w in re.findall(r"\w+", name.lower()) if len(w) > 1}


def add_features(queries, idf):
    for cs in queries.values():
        top_bm25 = max(c["bm25"] for c in cs) or 1.0
        for c in cs:
            g = collections.Counter()
            for k, v in c.items():
                if k.startswith("r_") and k[2:] in GROUPS:
                    group = GROUPS[k[2:]]
                    g[group] += v / WEIGHTS[group]
            shared = words(c["owner_name"]) & words(c["name"])
            own = sum(idf(w) for w in words(c["name"]))
            c["f"] = {
                **{k: g[k] for k in WEIGHTS},
                "names": sum(idf(w) for w in shared) / math.sqrt(1 + own) if shared else 0.0,
                "activity": math.log1p(c["projects"]),
                "same_country": float(c["same_country"]),
                "bm25": c["bm25"] / top_bm25,
            }


def metrics(queries, score):
    mrr = recall = 0.0
    for cs in queries.values():
        ranked = sorted(cs, key=score, reverse=True)[:100]
        first = next((i for i, c in enumerate(ranked) if c["label"]), None)
        mrr += 1.0 / (first + 1) if first is not None else 0.0
        recall += sum(c["label"] for c in ranked[:10]) / cs[0]["relevant"]
    return mrr / len(queries), recall / len(queries)


def fit(train, names, seed, epochs=30, pairs=20, rate=0.1, l2=0.01):
    rnd = random.Random(seed)
    w = [0.0] * len(names)
    for _ in range(epochs):
        for pos, neg in train:
            for _ in range(pairs):
                p, n = rnd.choice(pos), rnd.choice(neg)
                d = [p["f"][k] - n["f"][k] for k in names]
                z = sum(a * b for a, b in zip(w, d))
                g = 1.0 / (1.0 + math.exp(min(50.0, z)))
                w = [wi + rate * (g * di - l2 * wi) for wi, di in zip(w, d)]
        rate *= 0.9
    return dict(zip(names, w))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", nargs="+", required=True, help="dumps of other splits")
    ap.add_argument("--test", required=True, help="dump of the held-back split")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    test = load(args.test)
    train_queries = {}
    for path in args.train:
        for q, cs in load(path).items():
            if q not in test and q not in train_queries:  # never a test query, each query once
                train_queries[q] = cs
    every_name = {c["name"] for qs in (test, train_queries) for cs in qs.values() for c in cs}
    df = collections.Counter(w for n in every_name for w in words(n))
    idf = lambda w: max(0.0, math.log(len(every_name) / (1 + df[w])))
    add_features(test, idf)
    add_features(train_queries, idf)
    in_pool = lambda c: "matcher_rank" in c
    pairs = []
    for cs in train_queries.values():
        pos = [c for c in cs if c["label"] and in_pool(c)]
        neg = [c for c in cs if not c["label"] and in_pool(c)]
        if pos and neg:
            pairs.append((pos, neg))
    print(f"training: {len(train_queries)} queries ({len(pairs)} with a partner in the pool); "
          f"test: {len(test)} queries\n")
    print("| method | MRR | recall@10 | weights (relevance = 0.28) |\n|---|---|---|---|")

    def row(label, score, weights=""):
        m, r = metrics(test, score)
        print(f"| {label} | {m:.3f} | {r:.3f} | {weights} |")
        return m

    bm25 = row("BM25 (Xapian, same text)", lambda c: -c.get("bm25_rank", 1e9))
    row("matcher, today's weights", lambda c: c.get("matcher_score", -1e9))
    own = list(WEIGHTS)
    for label, names in [
        ("matcher's features, learnt weights", own),
        ("+ names in common", own + ["names"]),
        ("+ names in common, activity", own + ["names", "activity"]),
        ("+ names in common, activity, same country", own + ["names", "activity", "same_country"]),
        ("+ all of these and a second BM25", own + ["names", "activity", "same_country", "bm25"]),
    ]:
        w = fit(pairs, names, args.seed)
        scale = 0.28 / w["relevance"] if w["relevance"] > 0 else 1.0
        shown = ", ".join(f"{k} {v * scale:.2f}" for k, v in w.items())
        m = row(label, lambda c: sum(w[k] * c["f"][k] for k in names) if in_pool(c) else -1e9, shown)
    print(f"\n(MRR ratio to BM25 of the last row: {m / bm25:.2f})")


if __name__ == "__main__":
    main()
