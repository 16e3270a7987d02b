#!/usr/bin/env python3
"""Builds the English quotation dev set (gold.jsonl in the German set's schema) from the
hand-annotated passages in passages.txt.

    python3 build.py OUT_DIR [--part all|tune|check|STYLE]

Markup in passages.txt: a passage starts with `## ID STYLE`; its text follows (blank lines
are paragraph breaks). `<q1 KIND>…</q1>` marks the first span of quotation 1 with its kind
(direct, indirect, free_indirect, reported); a further `<q1>…</q1>` adds a span to it.
`<s1>…</s1>` marks the speaker of quotation 1 as written there (`<s1,2>` for a mention
that is the speaker of quotations 1 and 2). Offsets are Python str (code point) offsets.
The check part is every passage whose number is divisible by 3; the tune part the others;
a style (wire, broadsheet, tabloid, broadcast, release) selects the passages of that style.
"""
import json
import os
import re
import sys

TAG = re.compile(r"<(/?)([qs])([0-9,]+)(?: ([a-z_]+))?>")
TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")


def parse(block):
    head, _, body = block.partition("\n")
    pid, style = head.split()[1:3]
    body = body.strip("\n")
    text, opened, quotes, speakers = [], {}, {}, {}
    pos, last = 0, 0
    for m in TAG.finditer(body):
        chunk = body[last:m.start()]
        text.append(chunk)
        pos += len(chunk)
        last = m.end()
        close, what, ids, kind = m.groups()
        key = (what, ids)
        if not close:
            if key in opened:
                raise SystemExit(f"{pid}: {what}{ids} opened twice")
            opened[key] = pos
            if what == "q":
                q = quotes.setdefault(int(ids), {"kind": None, "spans": []})
                if kind:
                    q["kind"] = kind
        else:
            start = opened.pop(key)
            if what == "q":
                quotes[int(ids)]["spans"].append([start, pos])
            else:
                for i in ids.split(","):
                    speakers.setdefault(int(i), []).append([start, pos])
    text.append(body[last:])
    if opened:
        raise SystemExit(f"{pid}: unclosed {opened}")
    text = "".join(text)
    tokens = [[m.start(), m.end()] for m in TOKEN.finditer(text)]
    gold = []
    for n, (i, q) in enumerate(sorted(quotes.items())):
        if q["kind"] is None:
            raise SystemExit(f"{pid}: q{i} has no kind")
        spans = sorted(q["spans"])
        sp = sorted(speakers.get(i, []))
        gold.append({
            "ann_id": n,
            "text": " ".join(text[a:b] for a, b in spans),
            "start": spans[0][0],
            "end": spans[-1][1],
            "spans": spans,
            "kind": q["kind"],
            "speaker": " ".join(text[a:b] for a, b in sp) or None,
            "speaker_spans": sp,
        })
    unknown = set(speakers) - set(quotes)
    if unknown:
        raise SystemExit(f"{pid}: speakers without quotation {unknown}")
    return {"id": pid, "style": style, "text": text, "tokens": tokens, "quotes": gold}


def main():
    out = sys.argv[1]
    part = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--part" else "all"
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "passages.txt"), encoding="utf-8") as f:
        blocks = [b for b in re.split(r"(?m)^(?=## )", f.read()) if b.startswith("## ")]
    docs = [parse(b) for b in blocks]
    ids = [d["id"] for d in docs]
    if len(set(ids)) != len(ids):
        raise SystemExit("duplicate passage ids")
    if part in ("tune", "check"):
        check = part == "check"
        docs = [d for d in docs if (int(d["id"].split("-")[1]) % 3 == 0) == check]
    elif part != "all":
        docs = [d for d in docs if d["style"] == part]
    os.makedirs(out, exist_ok=True)
    kinds = {}
    for d in docs:
        for q in d["quotes"]:
            kinds[q["kind"]] = kinds.get(q["kind"], 0) + 1
    meta = {
        "name": f"klartext-english-quotes-dev-{part}",
        "kind": "quotes",
        "split": "dev",
        "license": "CC0-1.0",
        "language": "en",
        "offsets": "Python str (Unicode code point) offsets into `text`",
        "documents": len(docs),
        "quotes": sum(kinds.values()),
        "quotes_by_kind": dict(sorted(kinds.items())),
    }
    with open(os.path.join(out, "set.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=1, ensure_ascii=False)
    with open(os.path.join(out, "gold.jsonl"), "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
