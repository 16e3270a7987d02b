#!/usr/bin/env python3
"""Text dumps of a set's pages with one fixed converter (issue 4): html-text 0.7.x,
`html_text.extract_text(html, guess_layout=True)`.

usage: make_dumps.py PAGES.jsonl OUT_DIR [--body-only]
PAGES.jsonl holds one {"id", "html"} object per line: the page already decoded to a str by
klartext-bench with klartext's own decoder (BOM, set.json charset, <meta> prescan, UTF-8
validity, chardetng, windows-1252), so the dump and klartext's HTML run read the same text.
Writes OUT_DIR/<id>.txt (UTF-8) and prints one JSON line: pages, seconds, html-text version.
One process per set.

--body-only: the page's <head> (with its <title>) and any other <title> are removed first,
so the dump starts at the body, as a browser's "save as text", innerText or a copy-paste do
(issue 13).
"""
import json
import os
import sys
import time
from importlib.metadata import version

import html_text


def body_only(html):
    """The page parsed, with <head> and every <title> removed: html-text then reads the body."""
    tree = html_text.parse_html(html)
    for el in tree.xpath("//head | //title"):
        el.drop_tree()
    return tree


def main():
    pages_path, out_dir = sys.argv[1:3]
    body = "--body-only" in sys.argv[3:]
    os.makedirs(out_dir, exist_ok=True)
    spent, n = 0.0, 0
    with open(pages_path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            page = json.loads(line)
            t = time.perf_counter()
            html = body_only(page["html"]) if body else page["html"]
            text = html_text.extract_text(html, guess_layout=True)
            spent += time.perf_counter() - t
            with open(os.path.join(out_dir, page["id"] + ".txt"), "w", encoding="utf-8") as out:
                out.write(text)
            n += 1
    print(json.dumps({"converter": "html_text.extract_text(html, guess_layout=True)",
                      "body_only": body, "version": version("html-text"), "pages": n, "seconds": round(spent, 3)}))


if __name__ == "__main__":
    main()
