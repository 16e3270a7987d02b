#!/usr/bin/env python3
"""Trains the block model: gradient-boosted trees that take the rules' verdict on each block,
with the block's features, and decide again whether it is article text.

Input: the block features written by `klartext-bench --features` (one JSON line per page: the
blocks' texts and feature vectors) and the sets' gold. Labels come from the gold:
  trafilatura-eval (Apache-2.0): a block holding a "with" snippet (or held by one) is article
    text, one holding a "without" snippet is not; other blocks are unlabelled;
  wcxb-dev (CC-BY-4.0): a block whose text occurs in the gold text is article text, a block
    with little of its words in the gold is not; the rest is unlabelled.
readability-dev is never trained on: it stays a held-out check.

Only the tune part of each set is read (the split by site that the bench writes to
target/bench/split/<set>.tsv): check pages are never trained on. A word or markup token enters
a vocabulary only when it occurs on at least 5 distinct sites (--min-sites); the weight files
give each token's site count in a third column.

It reports, by 5-fold cross-validation grouped by site (each page's blocks are predicted by a
model that never saw that page's site), the snippet F1 (trafilatura-eval) and mean word F1
(wcxb) of the rules alone and of rules + model, scored as ../shared/eval/kinds/*.py score
them. Then it trains on all labelled tune blocks and writes the trees to
crates/klartext/data/block-model.txt.

    python3 -m venv target/train-venv && target/train-venv/bin/pip install -r tools/requirements-train.txt
    cargo run --release -p klartext-bench -- --sets trafilatura-eval-dev,wcxb-dev,readability-dev --features
    target/train-venv/bin/python tools/train_block_model.py
"""
import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

WS = re.compile(r"\s+")
TOKEN = re.compile(r"\w+")
TRAIN_SETS = ["trafilatura-eval-dev", "wcxb-dev"]
SEED = 7


def norm(text):
    return WS.sub(" ", text).strip()


def tokens(text):
    return TOKEN.findall(text.lower())


def split_table(split_dir, name):
    """id -> (site, part) as the bench's split.rs assigns them."""
    table = {}
    with open(split_dir / f"{name}.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            pid, site, part = line.rstrip("\n").split("\t")
            table[pid] = (site, part)
    return table


def load(features_dir, data_dir, name, split_dir):
    """The tune pages of a set: (features line with its "site", gold record)."""
    split = split_table(split_dir, name)
    gold = {}
    with open(data_dir / name / "gold.jsonl", encoding="utf-8") as f:
        for line in f:
            g = json.loads(line)
            gold[str(g["id"])] = g
    pages = []
    with open(features_dir / f"{name}.jsonl", encoding="utf-8") as f:
        for line in f:
            page = json.loads(line)
            site, part = split[page["id"]]
            if part != "tune":
                continue
            page["site"] = site
            pages.append((page, gold[page["id"]]))
    return pages


def snippet_labels(blocks, g):
    """+1 / 0 / -1 (unlabelled) per block from the with/without snippets."""
    withs = [norm(s) for s in g.get("with") or [] if norm(s)]
    withouts = [norm(s) for s in g.get("without") or [] if norm(s)]
    labels = []
    for b in blocks:
        t = norm(b["text"])
        if not t:
            labels.append(-1)
            continue

        def hits(snippets):
            return any(s in t or (len(t) >= 15 and t in s) for s in snippets)

        pos, neg = hits(withs), hits(withouts)
        labels.append(1 if pos and not neg else 0 if neg and not pos else -1)
    return labels


def wcxb_labels(blocks, g):
    gold_text = g.get("text") or ""
    gold_low = norm(gold_text).lower()
    gold_lines = {norm(l).lower() for l in gold_text.split("\n") if norm(l)}
    gold_tokens = set(tokens(gold_text))
    labels = []
    for b in blocks:
        t = norm(b["text"]).lower()
        toks = tokens(t)
        if not toks:
            labels.append(-1)
        elif (len(toks) >= 4 and t in gold_low) or t in gold_lines:
            labels.append(1)
        elif sum(1 for w in toks if w in gold_tokens) / len(toks) < 0.5:
            labels.append(0)
        elif len(toks) < 4 and t not in gold_low:
            labels.append(0)
        else:
            labels.append(-1)
    return labels


def page_text(blocks, keep):
    return "\n\n".join(b["text"] for b, k in zip(blocks, keep) if k)


def score_snippets(pages, keeps):
    tp = fp = fn = 0
    for (page, g), keep in zip(pages, keeps):
        t = norm(page_text(page["blocks"], keep))
        w = [s for s in g.get("with") or []]
        wo = [s for s in g.get("without") or []]
        found = sum(1 for s in w if norm(s) in t)
        tp += found
        fn += len(w) - found
        fp += sum(1 for s in wo if norm(s) in t)
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0


def word_f1(gold_text, text):
    gt, pt = tokens(gold_text or ""), tokens(text)
    if not gt:
        return 1.0 if not pt else 0.0
    if not pt:
        return 0.0
    overlap = sum((Counter(pt) & Counter(gt)).values())
    p, r = overlap / len(pt), overlap / len(gt)
    return 2 * p * r / (p + r) if p + r else 0.0


def score_words(pages, keeps, only_type=None):
    f1s = [word_f1(g.get("text"), page_text(page["blocks"], keep))
           for (page, g), keep in zip(pages, keeps)
           if only_type is None or g.get("page_type") == only_type]
    return sum(f1s) / len(f1s) if f1s else 0.0


def matrix(pages, label_fn, site_ids):
    """Features, labels, group (the page's site, numbered in site_ids, which grows), texts and
    markup words of every block."""
    xs, ys, groups, texts, markups = [], [], [], [], []
    for page, g in pages:
        labels = label_fn(page["blocks"], g) if label_fn else [-1] * len(page["blocks"])
        gi = site_ids.setdefault(page["site"], len(site_ids))
        for b, y in zip(page["blocks"], labels):
            xs.append(b["features"])
            ys.append(y)
            groups.append(gi)
            texts.append(b["text"])
            markups.append(b.get("markup", ""))
    return np.array(xs, dtype=np.float32), np.array(ys), np.array(groups), texts, markups


def words_of(text):
    """The distinct words of a block as the crate cuts them (classify::model::word_score):
    runs of letters and digits of two characters or more, lower-cased."""
    cut = "".join(c if c.isalnum() else " " for c in text)
    return {w.lower() for w in cut.split() if len(w) >= 2}


def markup_words_of(markup):
    """The markup words of a block as the crate hands them over
    (classify::features::markup_words), already distinct and lower-cased."""
    return set(markup.split())


class TokenModel:
    """Logistic regression over the tokens of a block: its words (the text feature of the
    trees) or its markup words (the markup feature)."""

    def __init__(self, texts, sites, cut=words_of, min_sites=5, title="word"):
        """The vocabulary: the tokens of `texts` that occur on at least `min_sites` distinct
        sites (`sites[i]` is the site of `texts[i]`), so that no weight can name one site."""
        self.cut = cut
        self.title = title
        seen = {}
        for t, site in zip(texts, sites):
            for w in cut(t):
                seen.setdefault(w, set()).add(site)
        self.sites = {w: len(s) for w, s in seen.items() if len(s) >= min_sites}
        self.vocab = {w: i for i, w in enumerate(sorted(self.sites))}

    def matrix(self, texts):
        rows, cols = [], []
        for r, t in enumerate(texts):
            for w in self.cut(t):
                c = self.vocab.get(w)
                if c is not None:
                    rows.append(r)
                    cols.append(c)
        return csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                          shape=(len(texts), len(self.vocab)))

    def fit(self, texts, y, weights):
        self.lr = LogisticRegression(C=0.5, max_iter=300)
        self.lr.fit(self.matrix(texts), y, sample_weight=weights)
        return self

    def score(self, texts):
        return self.lr.decision_function(self.matrix(texts))

    def write(self, path, keep=6000):
        w = self.lr.coef_[0]
        words = sorted(self.vocab, key=lambda t: -abs(w[self.vocab[t]]))[:keep]
        lines = [f"# klartext block model, {self.title} weights (tools/train_block_model.py)",
                 "# token, weight, distinct training sites the token occurs on",
                 f"<intercept> {float(self.lr.intercept_[0])!r}"]
        lines += [f"{t} {float(w[self.vocab[t]])!r} {self.sites[t]}" for t in sorted(words)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def words_model(texts, sites):
    return TokenModel(texts, sites)


def markup_model(markups, sites):
    return TokenModel(markups, sites, cut=markup_words_of, title="markup")


def with_token_scores(x, texts, y, weights, col, folds, make, groups):
    """Fills a token-score column out of fold (a block's score comes from a token model
    that never saw its site), so the trees learn how far to trust it on unseen sites."""
    labelled = y >= 0
    for train, test in folds:
        train = train[labelled[train]]
        tm = make([texts[i] for i in train], groups[train]).fit(
            [texts[i] for i in train], y[train], weights[train])
        x[test, col] = tm.score([texts[i] for i in test])


def model(args):
    return HistGradientBoostingClassifier(
        max_iter=args.trees, max_depth=args.depth, learning_rate=args.rate,
        min_samples_leaf=40, l2_regularization=1.0, random_state=SEED)


def keeps_from(pages, probs, offsets, threshold):
    out = []
    for (page, _), start in zip(pages, offsets):
        n = len(page["blocks"])
        out.append([p >= threshold for p in probs[start:start + n]])
    return out


def offsets_of(pages):
    offs, at = [], 0
    for page, _ in pages:
        offs.append(at)
        at += len(page["blocks"])
    return offs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--features", default="target/bench/features", type=Path)
    ap.add_argument("--data", default="target/data", type=Path)
    ap.add_argument("--split", default="target/bench/split", type=Path,
                    help="the bench's split tables (<set>.tsv: id, site, part)")
    ap.add_argument("--out", default="crates/klartext/data/block-model.txt", type=Path)
    ap.add_argument("--words-out", default="crates/klartext/data/block-words.txt", type=Path)
    ap.add_argument("--markup-out", default="crates/klartext/data/block-markup.txt", type=Path)
    ap.add_argument("--names", default="crates/klartext/src/classify/features.rs", type=Path)
    ap.add_argument("--trees", type=int, default=150)
    ap.add_argument("--depth", type=int, default=5)
    ap.add_argument("--rate", type=float, default=0.1)
    ap.add_argument("--drop-below", type=float, default=0.5,
                    help="a block the rules keep is dropped below this probability")
    ap.add_argument("--drop-max-chars", type=int, default=150,
                    help="the model may drop only blocks shorter than this")
    ap.add_argument("--add-above", type=float, default=0.6,
                    help="a block outside the rules' main region is taken from this probability")
    ap.add_argument("--no-write", action="store_true", help="cross-validate only")
    ap.add_argument("--oof", type=Path, help="save the out-of-fold probabilities here (.npy)")
    ap.add_argument("--weight", choices=["none", "sqrt-chars"], default="sqrt-chars")
    args = ap.parse_args()

    names = re.findall(r'^    "([a-z_]+)",$', args.names.read_text(encoding="utf-8"), re.M)
    sets = {n: load(args.features, args.data, n, args.split) for n in TRAIN_SETS}
    label_fns = {"trafilatura-eval-dev": snippet_labels, "wcxb-dev": wcxb_labels}
    # One group per site over both sets: a site's pages are never split across folds.
    site_ids = {}
    parts = [matrix(sets[n], label_fns[n], site_ids) for n in TRAIN_SETS]
    xs, ys, gs, texts, markups = [], [], [], [], []
    for x, y, g, t, m in parts:
        xs.append(x)
        ys.append(y)
        gs.append(g)
        texts += t
        markups += m
    x, y, groups = np.concatenate(xs), np.concatenate(ys), np.concatenate(gs)
    assert x.shape[1] == len(names), (x.shape, len(names))
    labelled = y >= 0
    print(f"{sum(len(p) for p in sets.values())} tune pages of {len(site_ids)} sites, "
          f"{x.shape[0]} blocks, {labelled.sum()} labelled "
          f"({(y == 1).sum()} article, {(y == 0).sum()} furniture)", file=sys.stderr)
    keep_col = names.index("rule_keeps")
    # A long paragraph weighs more in both scores than a one-word label.
    weights = (np.sqrt(np.expm1(x[:, names.index("log_chars")]) + 1.0)
               if args.weight == "sqrt-chars" else np.ones(x.shape[0]))

    folds = list(GroupKFold(n_splits=5).split(x, y, groups))
    word_col = names.index("word_score")
    # Word scores out of fold: a block's score comes from a word model that never saw its
    # page, as on a page in the wild. (A training block's score may come from a word model
    # that saw the test fold; the test blocks' own scores never do.)
    with_token_scores(x, texts, y, weights, word_col, folds, words_model, groups)
    with_token_scores(x, markups, y, weights, names.index("markup_score"), folds, markup_model,
                      groups)
    # Out-of-fold probabilities for every block (labelled or not).
    probs = np.zeros(x.shape[0], dtype=np.float64)
    for train, test in folds:
        train = train[labelled[train]]
        clf = model(args).fit(x[train], y[train], sample_weight=weights[train])
        probs[test] = clf.predict_proba(x[test])[:, 1]
    if args.oof:
        np.save(args.oof, probs)
    at = 0
    for name, (xp, _, _, _, _) in zip(TRAIN_SETS, parts):
        pages = sets[name]
        p = probs[at:at + xp.shape[0]]
        rule = keeps_from(pages, xp[:, keep_col], offsets_of(pages), 0.5)
        learned = shipped_policy(pages, xp, p, names, args)
        if name.startswith("trafilatura"):
            print(f"{name}: snippet F1 rules {score_snippets(pages, rule):.4f} "
                  f"rules+model {score_snippets(pages, learned):.4f}")
        else:
            print(f"{name}: mean F1 rules {score_words(pages, rule):.4f} "
                  f"rules+model {score_words(pages, learned):.4f}; article pages "
                  f"{score_words(pages, rule, 'article'):.4f} → "
                  f"{score_words(pages, learned, 'article'):.4f}")
        at += xp.shape[0]
    if args.no_write:
        return
    # Shipping: the trees learn on out-of-fold word scores (as the word model will score
    # pages it never saw), the word model itself on every labelled block.
    clf = model(args).fit(x[labelled], y[labelled], sample_weight=weights[labelled])
    write_model(clf, names, args)
    for make, tokens, out in [(words_model, texts, args.words_out),
                              (markup_model, markups, args.markup_out)]:
        rows = np.flatnonzero(labelled)
        make([tokens[i] for i in rows], groups[rows]).fit(
            [tokens[i] for i in rows], y[labelled], weights[labelled]).write(out)
    print(f"wrote {args.out}", file=sys.stderr)


def shipped_policy(pages, x, probs, names, args):
    """What classify::model_verdicts does with the probabilities: drop a kept block below
    --drop-below unless it is --drop-max-chars characters or longer, code, a table cell or unspaced text;
    take a block outside the main region from --add-above; leave the page to the rules
    when that would lose more than half of its kept text."""
    col = {n: i for i, n in enumerate(names)}
    chars = np.rint(np.expm1(x[:, col["log_chars"]]))
    words = np.rint(np.expm1(x[:, col["log_words"]]))
    may_drop = ((chars < args.drop_max_chars) & (x[:, col["is_pre"]] == 0) & (x[:, col["is_cell"]] == 0)
                & (chars <= 20 * np.maximum(words, 1)))
    rule = x[:, col["rule_keeps"]] > 0.5
    outside = x[:, col["reason_outside_main"]] > 0.5
    revised = (rule & ~(may_drop & (probs < args.drop_below))) | (outside & (probs >= args.add_above))
    out = []
    for (page, _), start in zip(pages, offsets_of(pages)):
        sl = slice(start, start + len(page["blocks"]))
        before, after = (chars[sl] * rule[sl]).sum(), (chars[sl] * revised[sl]).sum()
        out.append(list(revised[sl] if after >= 0.5 * before else rule[sl]))
    return out


def write_model(clf, names, args):
    write_trees(clf, args.out, [
        "# klartext block model: gradient-boosted trees (tools/train_block_model.py)",
        f"# trained on the tune parts of {', '.join(TRAIN_SETS)}; trees={args.trees} depth={args.depth} "
        f"rate={args.rate}"], names, {
        "drop_below": args.drop_below,
        "add_above": args.add_above,
        "drop_max_chars": args.drop_max_chars})


def write_trees(clf, path, comments, names, settings):
    """The format classify::model::Trees reads: comment lines, the feature names, one line
    per setting, the baseline, then one line per node of each tree."""
    lines = list(comments) + ["features " + " ".join(names)]
    lines += [f"{name} {value}" for name, value in settings.items()]
    lines.append(f"baseline {float(np.ravel(clf._baseline_prediction)[0])!r}")
    for predictors in clf._predictors:
        nodes = predictors[0].nodes
        lines.append(f"tree {len(nodes)}")
        for n in nodes:
            if n["is_leaf"]:
                lines.append(f"leaf {float(n['value'])!r}")
            else:
                left = "L" if n["missing_go_to_left"] else "R"
                lines.append(f"split {int(n['feature_idx'])} {float(n['num_threshold'])!r} "
                             f"{int(n['left'])} {int(n['right'])} {left}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
