#!/usr/bin/env python3
"""The WARC side of klartext-bench --warc: build a WARC from a set's pages, and time the
Python pipelines over it (single thread, in this process).

usage:
  warc_bench.py build SET_DIR OUT.warc.gz [--repeat N]
      warcio writes one gzip-per-record WARC/1.0 `response` record per page of SET_DIR/pages
      (HTTP/1.1 200, Content-Type text/html with the set's charset when set.json names one,
      WARC-Target-URI the gold `url` or https://example.org/<id>), the pages in file-name
      order, the whole list N times (default 1). Prints {"records", "html_bytes", "warc_bytes"}.
  warc_bench.py run TOOL WARC
      fastwarc-resiliparse  FastWARC's ArchiveIterator (response records, HTTP parsed), then
                            resiliparse extract_plain_text(bytes_to_str(body, detect_encoding(body)),
                            main_content=True)
      warcio-trafilatura    warcio's ArchiveIterator, then trafilatura.extract(body,
                            output_format="json", with_metadata=True, url=target_uri)
      Only HTTP 200 text/html responses are extracted. The clocks run over the whole loop
      (reading, decompressing, parsing the record, extracting): wall time and this process's
      CPU time (the machine may be shared; CPU time is the steadier figure). Prints one JSON
      line: tool, version, pages, bytes (HTML payload), seconds (wall), cpu_seconds,
      pages_per_s and mb_per_s (by CPU time), errors.
"""
import io
import json
from importlib.metadata import version
import os
import sys
import time


def build(set_dir, out, repeat):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(os.path.join(set_dir, "set.json"), encoding="utf-8") as f:
        charset = json.load(f).get("charset")
    urls = {}
    with open(os.path.join(set_dir, "gold.jsonl"), encoding="utf-8") as f:
        for line in f:
            g = json.loads(line)
            urls[str(g.get("id"))] = g.get("url")
    pages_dir = os.path.join(set_dir, "pages")
    names = sorted(n for n in os.listdir(pages_dir) if n.endswith(".html"))
    content_type = "text/html" + (f"; charset={charset}" if charset else "")
    records = html_bytes = 0
    with open(out, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        for copy in range(repeat):
            for name in names:
                with open(os.path.join(pages_dir, name), "rb") as p:
                    body = p.read()
                page_id = name[: -len(".html")]
                url = urls.get(page_id) or f"https://example.org/{page_id}"
                if copy:
                    url += ("&" if "?" in url else "?") + f"copy={copy}"
                headers = StatusAndHeaders(
                    "200 OK",
                    [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                    protocol="HTTP/1.1",
                )
                record = writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
                writer.write_record(record)
                records += 1
                html_bytes += len(body)
    print(json.dumps({"records": records, "html_bytes": html_bytes, "warc_bytes": os.path.getsize(out)}))


def fastwarc_resiliparse(path):
    from fastwarc.warc import ArchiveIterator, WarcRecordType
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    def pages():
        with open(path, "rb") as f:
            for rec in ArchiveIterator(f, record_types=WarcRecordType.response, parse_http=True):
                if rec.http_headers.status_code != 200:
                    continue
                if not (rec.http_content_type or "").startswith("text/html"):
                    continue
                body = rec.reader.read()
                yield body, lambda b=body: extract_plain_text(
                    bytes_to_str(b, detect_encoding(b)), main_content=True
                )

    return pages, f"fastwarc {version('fastwarc')}, resiliparse {version('resiliparse')}"


def warcio_trafilatura(path):
    import trafilatura
    from warcio.archiveiterator import ArchiveIterator

    def pages():
        with open(path, "rb") as f:
            for rec in ArchiveIterator(f):
                if rec.rec_type != "response" or rec.http_headers.get_statuscode() != "200":
                    continue
                if not (rec.http_headers.get_header("Content-Type") or "").startswith("text/html"):
                    continue
                url = rec.rec_headers.get_header("WARC-Target-URI")
                body = rec.content_stream().read()
                yield body, lambda b=body, u=url: trafilatura.extract(
                    b, output_format="json", with_metadata=True, url=u
                )

    return pages, f"warcio {version('warcio')}, trafilatura {version('trafilatura')}"


TOOLS = {"fastwarc-resiliparse": fastwarc_resiliparse, "warcio-trafilatura": warcio_trafilatura}


def run(tool, path):
    pages, versions = TOOLS[tool](path)
    count = size = errors = 0
    started, cpu = time.perf_counter(), time.process_time()
    for body, extract in pages():
        try:
            extract()
        except Exception:  # a failing page is counted, not fatal
            errors += 1
        count += 1
        size += len(body)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(json.dumps({
        "tool": tool, "version": versions, "pages": count, "bytes": size,
        "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3),
        "pages_per_s": round(count / cpu, 1), "mb_per_s": round(size / 1e6 / cpu, 2),
        "errors": errors,
    }))


def main(argv):
    if len(argv) >= 4 and argv[1] == "build":
        repeat = int(argv[5]) if len(argv) >= 6 and argv[4] == "--repeat" else 1
        build(argv[2], argv[3], repeat)
    elif len(argv) == 4 and argv[1] == "run" and argv[2] in TOOLS:
        run(argv[2], argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
