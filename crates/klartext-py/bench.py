"""Python throughput: klartext.extract_many on all cores against a loop of trafilatura.extract.

All runs read the same pages (bytes, already in memory) in the same process, one after the
other, and print pages/s and the ratio to the trafilatura loop. The acceptance figure of
issue 12 is `extract_many, all cores` / `trafilatura.extract loop` >= 5.

    pip install . trafilatura
    python crates/klartext-py/bench.py target/data/trafilatura-eval-dev/pages --repeat 3

Run it on a quiet machine: it measures wall time.
"""

import argparse
import os
import pathlib
import time

import klartext
from klartext.compat import trafilatura as compat


def timed(label, run, pages, repeat):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run(pages)
        best = min(best, time.perf_counter() - start)
    return label, len(pages) / best


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("pages", type=pathlib.Path, help="a directory of .html pages")
    p.add_argument("--limit", type=int, default=0, help="use only the first N pages")
    p.add_argument("--repeat", type=int, default=3, help="best of R runs")
    p.add_argument("--no-trafilatura", action="store_true", help="skip the trafilatura loop")
    args = p.parse_args()
    files = sorted(args.pages.glob("*.html"))
    if args.limit:
        files = files[: args.limit]
    pages = [f.read_bytes() for f in files]
    cores = os.cpu_count() or 1
    runs = []
    if not args.no_trafilatura:
        import trafilatura

        runs.append(("trafilatura.extract loop", lambda ps: [trafilatura.extract(x) for x in ps]))
    runs += [
        ("klartext.extract loop", lambda ps: [klartext.extract(x) for x in ps]),
        ("compat.trafilatura.extract loop", lambda ps: [compat.extract(x) for x in ps]),
        ("extract_many, 1 thread", lambda ps: klartext.extract_many(ps, threads=1)),
        (f"extract_many, all cores ({cores})", lambda ps: klartext.extract_many(ps)),
    ]
    results = [timed(label, run, pages, args.repeat) for label, run in runs]
    base = results[0][1]
    print(f"{len(pages)} pages from {args.pages}, best of {args.repeat}")
    for label, rate in results:
        print(f"{label:36} {rate:9.1f} pages/s  {rate / base:6.2f}x")


if __name__ == "__main__":
    main()
