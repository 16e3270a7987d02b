#!/usr/bin/env python3
"""Trains the page-type model: a multinomial logistic regression over the page-level features
of klartext::pagetype (declared schema.org / Open Graph types, the shape of the blocks) that
tells WCXB's seven page types apart.

Input: the features written by `klartext-bench --features` (each page line carries
`page_features`) and WCXB dev's gold `page_type` (CC-BY-4.0). Only the tune part of the split
(target/bench/split/wcxb-dev.tsv) is read; check pages are never trained on.

It reports the accuracy of 5-fold cross-validation grouped by site (each page is typed by a
model that never saw its site), per type and overall, then trains on every tune page and
writes crates/klartext/data/page-type-model.txt with the standardisation folded into the
weights. Deterministic.

    cargo run --release -p klartext-bench -- --data ../shared/data --sets wcxb-dev --features
    target/train-venv/bin/python tools/train_page_type.py
"""
import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_block_model import split_table  # noqa: E402

TYPES = ["article", "forum", "product", "collection", "listing", "documentation", "service"]


def load(features, data, split_dir):
    split = split_table(split_dir, "wcxb-dev")
    gold = {}
    with open(data / "wcxb-dev" / "gold.jsonl", encoding="utf-8") as f:
        for line in f:
            g = json.loads(line)
            gold[str(g["id"])] = g
    xs, ys, sites = [], [], []
    with open(features / "wcxb-dev.jsonl", encoding="utf-8") as f:
        for line in f:
            page = json.loads(line)
            site, part = split[page["id"]]
            kind = gold[page["id"]].get("page_type")
            if part != "tune" or kind not in TYPES:
                continue
            xs.append(page["page_features"])
            ys.append(TYPES.index(kind))
            sites.append(site)
    return np.array(xs, dtype=np.float64), np.array(ys), sites


def fit(x, y, c):
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=c, max_iter=2000)
    lr.fit((x - mean) / scale, y)
    return lr, mean, scale


def predict(model, x):
    lr, mean, scale = model
    return lr.predict((x - mean) / scale)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--features", default="target/bench/features", type=Path)
    ap.add_argument("--data", default="target/data", type=Path)
    ap.add_argument("--split", default="target/bench/split", type=Path)
    ap.add_argument("--names", default="crates/klartext/src/pagetype.rs", type=Path)
    ap.add_argument("--out", default="crates/klartext/data/page-type-model.txt", type=Path)
    ap.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()

    source = args.names.read_text(encoding="utf-8")
    block = source[source.index("pub const NAMES"):]
    names = re.findall(r'^    "([a-z_0-9]+)",$', block[:block.index("];")], re.M)
    x, y, sites = load(args.features, args.data, args.split)
    assert x.shape[1] == len(names), (x.shape, len(names))
    site_ids = {s: i for i, s in enumerate(sorted(set(sites)))}
    groups = np.array([site_ids[s] for s in sites])
    print(f"{len(y)} tune pages of {len(set(sites))} sites: "
          f"{dict(Counter(TYPES[i] for i in y))}", file=sys.stderr)
    pred = np.zeros_like(y)
    for train, test in GroupKFold(n_splits=5).split(x, y, groups):
        pred[test] = predict(fit(x[train], y[train], args.c), x[test])
    print(f"page type accuracy (5-fold CV, sites grouped): {(pred == y).mean():.4f}")
    for i, t in enumerate(TYPES):
        mask = y == i
        print(f"  {t:14} n={mask.sum():4}  recall {(pred[mask] == i).mean():.3f}  "
              f"precision {(y[pred == i] == i).mean() if (pred == i).any() else 0:.3f}")
    if args.no_write:
        return
    lr, mean, scale = fit(x, y, args.c)
    w = lr.coef_ / scale  # types × features, on raw features
    bias = lr.intercept_ - (lr.coef_ * (mean / scale)).sum(axis=1)
    lines = ["# klartext page-type model: multinomial logistic regression (tools/train_page_type.py)",
             f"# trained on the tune part of wcxb-dev: {len(y)} pages, {len(set(sites))} sites; C={args.c}",
             "types " + " ".join(TYPES),
             "features " + " ".join(names),
             "bias " + " ".join(f"{float(b)!r}" for b in bias)]
    for j, n in enumerate(names):
        lines.append(n + " " + " ".join(f"{float(w[i, j])!r}" for i in range(len(TYPES))))
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
