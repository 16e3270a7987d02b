#!/usr/bin/env python3
"""Run a Python peer on text dumps, as ../shared/eval/run_peer.py runs it on pages.

usage: run_dump_peer.py EVAL_DIR TOOL SET_DIR DUMP_DIR OUT.jsonl
run_peer.py reads SET_DIR/pages/<id>.html and cannot take dump files, so this runner reuses its
`make(TOOL)` (the same calls and settings) on DUMP_DIR/<id>.txt for the ids listed in
DUMP_DIR/ids.txt. The peers need HTML: each non-empty line of the dump becomes one
`<p>` (HTML-escaped) in `<html><body>…</body></html>`, given to the tool as a str. One tool of
its own: `justext-union`, jusText with default parameters and the union of all its stoplists
(a dump has no `<html lang>`; this is the setting that reproduces issue 4's jusText figure). Prints
run_peer.py's JSON line (pages, seconds inside the extractor, pages/s, MB/s of dump text, errors).
"""
import html
import json
import os
import sys
import time


def wrap(dump):
    paras = "\n".join("<p>" + html.escape(l.strip()) + "</p>" for l in dump.splitlines() if l.strip())
    return "<html><body>\n" + paras + "\n</body></html>"


def main():
    eval_dir, tool, set_dir, dump_dir, out_path = sys.argv[1:6]
    sys.path.insert(0, eval_dir)
    import run_peer

    if tool == "justext-union":
        import justext
        from trafilatura.external import jt_stoplist_init
        stop = jt_stoplist_init()

        def run(raw, g):
            paras = justext.justext(raw, stop)
            return {"text": "\n\n".join(p.text for p in paras if not p.is_boilerplate)}
        opts = {"call": "justext(raw, union of all jusText stoplists), default parameters"}
    else:
        run, opts = run_peer.make(tool)
    try:  # warm-up, not timed
        run("<html><body><p>warm up text</p></body></html>", {})
    except Exception:
        pass
    with open(os.path.join(dump_dir, "ids.txt"), encoding="utf-8") as f:
        ids = [l.strip() for l in f if l.strip()]
    gold = {}
    with open(os.path.join(set_dir, "gold.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                g = json.loads(line)
                gold[str(g["id"])] = g
    spent, size, errors = 0.0, 0, 0
    with open(out_path, "w", encoding="utf-8") as out:
        for i in ids:
            with open(os.path.join(dump_dir, i + ".txt"), encoding="utf-8") as f:
                dump = f.read()
            page = wrap(dump)
            size += len(dump.encode("utf-8"))
            t = time.perf_counter()
            try:
                pred = run(page, gold.get(i, {}))
            except Exception as e:  # a failure counts as an empty extraction
                pred = {"error": repr(e)[:200]}
                errors += 1
            spent += time.perf_counter() - t
            pred["id"] = i
            out.write(json.dumps(pred, ensure_ascii=False, default=str) + "\n")
    print(json.dumps({"tool": tool, "version": run_peer.version(tool), "options": opts["call"] + " on <p>-wrapped dump lines",
                      "pages": len(ids), "bytes": size, "seconds": round(spent, 3),
                      "pages_per_s": round(len(ids) / spent, 2) if spent else 0.0,
                      "mb_per_s": round(size / 1e6 / spent, 3) if spent else 0.0, "errors": errors}))


if __name__ == "__main__":
    main()
