#!/usr/bin/env python3
"""Trains the dump model: gradient-boosted trees that take the dump rules' verdict on each
block of a text dump, with the block's features, and decide again whether it is article text
(the text-dump analogue of tools/train_block_model.py).

Input: the block features written by the `dump_features` example (one JSON line per dump:
the blocks' texts and feature vectors, the first line the feature names) and the sets' gold.
Labels come from the gold, as for the block model:
  trafilatura-eval (Apache-2.0): a block holding a "with" snippet (or held by one) is article
    text, one holding a "without" snippet is not; other blocks are unlabelled;
  wcxb-dev (CC-BY-4.0, article pages only, the pages the bench dumps): a block whose text
    occurs in the gold text is article text, a block with little of its words in it is not.
readability-dev is never trained on: it stays the held-out check (the bench's --dumps run).

Only the tune part of each set is read (target/bench/split/<set>.tsv, the bench's split by
site); words enter the vocabulary only when they occur on 5 or more sites.

It reports, by 5-fold cross-validation grouped by site (each dump's blocks are judged by a
model, and a word model, that never saw that dump's site), the snippet F1 (trafilatura-eval) and
mean word F1 (wcxb) of the rules alone and of rules + model under the policy that
classify/dump.rs `model_verdicts` implements. Then it trains on all labelled blocks and
writes the trees to crates/klartext/data/dump-model.txt and the word weights to
crates/klartext/data/dump-words.txt. Deterministic (fixed seed).

    python3 -m venv target/train-venv && target/train-venv/bin/pip install -r tools/requirements-train.txt
    cargo run --release -p klartext-bench -- --data ../shared/data --sets trafilatura-eval-dev,wcxb-dev --dumps
    cargo build --release -p klartext --example dump_features
    for s in trafilatura-eval-dev wcxb-dev; do
      target/release/examples/dump_features target/bench/dumps/$s target/dumpfeat/$s.jsonl; done
    target/train-venv/bin/python tools/train_dump_model.py
"""
import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_block_model import (  # noqa: E402  (one definition of labels, scores and words)
    SEED, TRAIN_SETS, TokenModel, offsets_of, score_snippets, score_words, snippet_labels,
    split_table, wcxb_labels, write_trees)

import json  # noqa: E402
from sklearn.ensemble import HistGradientBoostingClassifier  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402


def load(features_dir, data_dir, name, split_dir):
    """The tune dumps of a set (each features line gets its "site") and the feature names."""
    split = split_table(split_dir, name)
    gold = {}
    with open(data_dir / name / "gold.jsonl", encoding="utf-8") as f:
        for line in f:
            g = json.loads(line)
            gold[str(g["id"])] = g
    pages, names = [], None
    with open(features_dir / f"{name}.jsonl", encoding="utf-8") as f:
        for line in f:
            page = json.loads(line)
            if "names" in page:
                names = page["names"]
                continue
            site, part = split.get(page["id"], (None, "check"))
            if page["id"] in gold and part == "tune":
                page["site"] = site
                pages.append((page, gold[page["id"]]))
    return pages, names


def matrix(pages, label_fn, site_ids):
    """Features, labels, group (the dump's site, numbered in site_ids) and texts of every
    block."""
    xs, ys, groups, texts = [], [], [], []
    for page, g in pages:
        gi = site_ids.setdefault(page["site"], len(site_ids))
        labels = label_fn(page["blocks"], g)
        for b, y in zip(page["blocks"], labels):
            xs.append(b["features"])
            ys.append(y)
            groups.append(gi)
            texts.append(b["text"])
    x = np.array(xs, dtype=np.float32).reshape(len(xs), -1)
    return x, np.array(ys), np.array(groups), texts


def model(args):
    return HistGradientBoostingClassifier(
        max_iter=args.trees, max_depth=args.depth, learning_rate=args.rate,
        min_samples_leaf=40, l2_regularization=1.0, random_state=SEED)


def shipped_policy(pages, x, probs, names, drop_below, add_above, max_drop_chars,
                   keep_sentence_chars=0, any_add=False):
    """What classify/dump.rs model_verdicts does: drop a kept block shorter than
    max_drop_chars below drop_below, take a block the rules left outside the article (outside
    the best run, in a trailing section, a short line) from add_above (any_add: any dropped
    block but the headline); leave the page to the rules when that would lose more than half
    its kept text."""
    col = {n: i for i, n in enumerate(names)}
    chars = np.rint(np.expm1(x[:, col["log_chars"]]))
    rule = x[:, col["rule_keeps"]] > 0.5
    if any_add:
        may_add = ~rule & (x[:, col["reason_headline"]] < 0.5)
    else:
        may_add = ((x[:, col["reason_outside_main"]] > 0.5)
                   | (x[:, col["reason_trailing_section"]] > 0.5)
                   | (x[:, col["dump_reason_short_line"]] > 0.5))
    may_drop = chars < max_drop_chars
    if keep_sentence_chars:
        may_drop &= ~((x[:, col["ends_like_sentence"]] > 0.5) & (chars >= keep_sentence_chars))
    revised = ((rule & ~(may_drop & (probs < drop_below)))
               | (may_add & (probs >= add_above)))
    out = []
    for (page, _), start in zip(pages, offsets_of(pages)):
        sl = slice(start, start + len(page["blocks"]))
        before, after = (chars[sl] * rule[sl]).sum(), (chars[sl] * revised[sl]).sum()
        out.append(list(revised[sl] if after >= 0.5 * before else rule[sl]))
    return out


STAGE2 = ["p", "p_prev", "p_next", "p_prev2", "p_next2", "p_window_mean", "p_window_min"]
WINDOW = 3


def neighbour_probs(pages, probs):
    """The second stage's extra features: each block's first-stage probability and its
    neighbours' (0.5 where there is none), as textdump/model.rs `neighbour_probs` computes."""
    out = np.zeros((probs.shape[0], len(STAGE2)), dtype=np.float32)
    for (page, _), start in zip(pages, offsets_of(pages)):
        n = len(page["blocks"])
        p = probs[start:start + n]
        for i in range(n):
            def at(j):
                return float(p[j]) if 0 <= j < n else 0.5
            win = [float(p[j]) for j in range(max(0, i - WINDOW), min(n, i + WINDOW + 1))]
            out[start + i] = [at(i), at(i - 1), at(i + 1), at(i - 2), at(i + 2),
                              sum(win) / len(win), min(win)]
    return out


def rule_keeps(pages, x, names):
    keep = x[:, names.index("rule_keeps")] > 0.5
    return [list(keep[s:s + len(p["blocks"])]) for (p, _), s in zip(pages, offsets_of(pages))]


def report(sets, parts, probs, names, pol, any_add=False):
    at, out = 0, {}
    for name, (xp, _, _, _) in zip(TRAIN_SETS, parts):
        pages = sets[name]
        p = probs[at:at + xp.shape[0]]
        rule = rule_keeps(pages, xp, names)
        learned = shipped_policy(pages, xp, p, names, *pol, any_add=any_add)
        if name.startswith("trafilatura"):
            out[name] = (score_snippets(pages, rule), score_snippets(pages, learned))
        else:
            out[name] = (score_words(pages, rule), score_words(pages, learned))
        at += xp.shape[0]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--features", default="target/dumpfeat", type=Path)
    ap.add_argument("--data", default="target/data", type=Path)
    ap.add_argument("--split", default="target/bench/split", type=Path,
                    help="the bench's split tables (<set>.tsv: id, site, part)")
    ap.add_argument("--out", default="crates/klartext/data/dump-model.txt", type=Path)
    ap.add_argument("--words-out", default="crates/klartext/data/dump-words.txt", type=Path)
    ap.add_argument("--trees", type=int, default=150)
    ap.add_argument("--depth", type=int, default=5)
    ap.add_argument("--rate", type=float, default=0.1)
    ap.add_argument("--drop-below", type=float, default=0.3)
    ap.add_argument("--add-above", type=float, default=0.7)
    ap.add_argument("--max-drop-chars", type=int, default=400)
    ap.add_argument("--keep-sentence-chars", type=int, default=0,
                    help="a kept block this long that ends like a sentence is never dropped")
    ap.add_argument("--policy-only", type=Path,
                    help="read out-of-fold probabilities saved with --oof and print the CV "
                    "figures of the policy over a grid, without training")
    ap.add_argument("--sweep", action="store_true", help="print CV figures over thresholds")
    ap.add_argument("--stages", type=int, choices=[1, 2], default=1,
                    help="2: a second model over the first one's probabilities of each block "
                    "and its neighbours")
    ap.add_argument("--oof", type=Path, help="save the out-of-fold probabilities here (.npy)")
    ap.add_argument("--no-write", action="store_true", help="cross-validate only")
    args = ap.parse_args()

    sets, names = {}, None
    for n in TRAIN_SETS:
        sets[n], names = load(args.features, args.data, n, args.split)
    label_fns = {"trafilatura-eval-dev": snippet_labels, "wcxb-dev": wcxb_labels}
    site_ids = {}
    parts = [matrix(sets[n], label_fns[n], site_ids) for n in TRAIN_SETS]
    xs, ys, gs, texts = [], [], [], []
    for x, y, g, t in parts:
        xs.append(x)
        ys.append(y)
        gs.append(g)
        texts += t
    x, y, groups = np.concatenate(xs), np.concatenate(ys), np.concatenate(gs)
    assert x.shape[1] == len(names), (x.shape, len(names))
    labelled = y >= 0
    print(f"{x.shape[0]} blocks, {labelled.sum()} labelled "
          f"({(y == 1).sum()} article, {(y == 0).sum()} furniture)", file=sys.stderr)
    if args.policy_only:
        probs = np.load(args.policy_only)
        at, cv_parts = 0, []
        for xp, yp, gp, tp in parts:
            cv_parts.append((x[at:at + xp.shape[0]], yp, gp, tp))
            at += xp.shape[0]
        for d in [0.4]:
            for a in [0.8]:
                for mc in [100000]:
                    for ks in [0, 60, 80]:
                        r = report(sets, cv_parts, probs, names, (d, a, mc, ks))
                        print(f"drop<{d} add>={a} maxchars {mc} keep-sentence {ks}: " + " ".join(
                            f"{k[:5]} {v[1]:.4f}" for k, v in r.items()), flush=True)
        return
    weights = np.sqrt(np.expm1(x[:, names.index("log_chars")]) + 1.0)
    # The HTML word score was trained on these pages' HTML blocks: it would leak the gold
    # into the cross-validation, so the trees never see it (constant); the dump's own word
    # score is filled out of fold.
    x[:, names.index("word_score")] = 0.0
    word_col = names.index("dump_word_score")
    folds = list(GroupKFold(n_splits=5).split(x, y, groups))
    for train, test in folds:
        train = train[labelled[train]]
        wm = TokenModel([texts[i] for i in train], groups[train]).fit(
            [texts[i] for i in train], y[train], weights[train])
        x[test, word_col] = wm.score([texts[i] for i in test])
    probs = np.zeros(x.shape[0], dtype=np.float64)
    for train, test in folds:
        train = train[labelled[train]]
        clf = model(args).fit(x[train], y[train], sample_weight=weights[train])
        probs[test] = clf.predict_proba(x[test])[:, 1]
    all_pages = [pg for n in TRAIN_SETS for pg in sets[n]]
    if args.stages == 2:
        x1 = x
        x = np.concatenate([x1, neighbour_probs(all_pages, probs)], axis=1)
        probs1 = probs
        probs = np.zeros(x.shape[0], dtype=np.float64)
        for train, test in folds:
            train = train[labelled[train]]
            clf = model(args).fit(x[train], y[train], sample_weight=weights[train])
            probs[test] = clf.predict_proba(x[test])[:, 1]
    # The per-set slices of x, with the out-of-fold word scores.
    at, cv_parts = 0, []
    for xp, yp, gp, tp in parts:
        cv_parts.append((x[at:at + xp.shape[0]], yp, gp, tp))
        at += xp.shape[0]
    pol = (args.drop_below, args.add_above, args.max_drop_chars, args.keep_sentence_chars)
    if args.sweep:
        for d in [0.3, 0.4, 0.5]:
            for a in [0.7, 0.8, 0.9]:
                for mc in [400, 100000]:
                    r = report(sets, cv_parts, probs, names, (d, a, mc))
                    print(f"drop<{d} add>={a} maxchars {mc}: " + " ".join(
                        f"{k[:5]} {v[1]:.4f}" for k, v in r.items()))
    if args.oof:
        np.save(args.oof, probs)
    r_any = report(sets, cv_parts, probs, names, pol, any_add=True)
    for k, (rule, learned) in r_any.items():
        print(f"{k}: rules + model adding any dropped block {learned:.4f} (5-fold CV)")
    r = report(sets, cv_parts, probs, names, pol)
    for k, (rule, learned) in r.items():
        print(f"{k}: rules {rule:.4f} rules+model {learned:.4f} (5-fold CV, sites grouped)")
    if args.no_write:
        return
    if args.stages == 2:
        clf1 = model(args).fit(x1[labelled], y[labelled], sample_weight=weights[labelled])
        write_model(clf1, names, args, args.out)
        clf = model(args).fit(x[labelled], y[labelled], sample_weight=weights[labelled])
        write_model(clf, names + STAGE2, args, args.out.with_name("dump-model-2.txt"))
    else:
        clf = model(args).fit(x[labelled], y[labelled], sample_weight=weights[labelled])
        write_model(clf, names, args, args.out)
    idx = np.flatnonzero(labelled)
    words = TokenModel([texts[i] for i in idx], groups[idx]).fit([texts[i] for i in idx], y[labelled],
                                                    weights[labelled])
    words.write(args.words_out)
    text = args.words_out.read_text(encoding="utf-8").replace(
        "# klartext block model, word weights (tools/train_block_model.py)",
        "# klartext dump model, word weights (tools/train_dump_model.py)")
    args.words_out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} and {args.words_out}", file=sys.stderr)


def write_model(clf, names, args, path):
    write_trees(clf, path, [
        "# klartext dump model: gradient-boosted trees (tools/train_dump_model.py)",
        f"# trained on the text dumps of the tune parts of {', '.join(TRAIN_SETS)}; trees={args.trees} "
        f"depth={args.depth} rate={args.rate}"], names, {
        "drop_below": args.drop_below,
        "add_above": args.add_above,
        "max_drop_chars": args.max_drop_chars,
        "keep_sentence_chars": args.keep_sentence_chars})


if __name__ == "__main__":
    main()
