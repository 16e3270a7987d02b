"""Lists lines of the repository that quote the dev sets.

Every run of N words (default 7) in the code, tests, data files and docs is looked up among
the runs of N words of the dev sets' gold (`target/data/*/gold.jsonl` and the quotation
set's documents). A hit is a line to paraphrase: tests and comments use pages and sentences
written here, never text from a dev page. Common phrases ("your email address will not be
published") also hit; judge each by eye.

    python3 tools/check_dev_leaks.py [--words 7] [--data target/data]
"""
import argparse
import html
import json
import pathlib
import re
import sys

SCANNED = ("*.rs", "*.txt", "*.html", "*.md", "*.py")


def words(text):
    return re.findall(r"\w+", text.lower())


def shingles(ws, n):
    return {" ".join(ws[i:i + n]) for i in range(len(ws) - n + 1)}


def gold_shingles(data, n):
    seen = set()

    def walk(value):
        if isinstance(value, str):
            if len(value) > 30:
                seen.update(shingles(words(value), n))
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for path in sorted(data.glob("*/gold.jsonl")) + sorted(data.glob("german-news*/*.jsonl")):
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                walk(json.loads(line))
    return seen


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--words", type=int, default=7)
    ap.add_argument("--data", type=pathlib.Path, default=pathlib.Path("target/data"))
    args = ap.parse_args()
    gold = gold_shingles(args.data, args.words)
    if not gold:
        sys.exit(f"no gold under {args.data}: run the benchmark once to unpack the sets")
    hits = 0
    for root in ("crates", "tools", "examples"):
        for pattern in SCANNED:
            for path in sorted(pathlib.Path(root).rglob(pattern)):
                if "target" in path.parts:
                    continue
                try:
                    text = path.read_text(encoding="utf-8")
                except (UnicodeDecodeError, OSError):
                    continue
                for number, line in enumerate(text.split("\n"), 1):
                    found = shingles(words(html.unescape(line)), args.words) & gold
                    if found:
                        hits += 1
                        print(f"{path}:{number}: {sorted(found)[0]}")
    print(f"{hits} lines share a run of {args.words} words with the dev gold", file=sys.stderr)


if __name__ == "__main__":
    main()
