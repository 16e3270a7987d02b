#!/usr/bin/env python3
"""Builds real WARC files from the test fixture pages, with real writers.

Usage: make_warcs.py OUT_DIR VENV_DIR

- warcio (from PyPI, installed into VENV_DIR, which this script creates) writes the
  fixture pages as response/resource records, with a warcinfo, a request, a non-HTML
  response, a 404, a gzip-encoded Latin-1 page and a chunked page: as per-record gzip
  (warcio.warc.gz), uncompressed (warcio.warc), whole-file gzip (warcio-whole.warc.gz)
  and zstd (warcio.warc.zst, via the zstandard package).
- wget (Debian's; installed with apt-get when missing) fetches the pages from a small
  http.server on 127.0.0.1 with --warc-file (wget.warc.gz): plain, charset in the
  header, chunked, gzip-encoded, a text dump, a JSON file and a 404.
- Two damaged copies: warcio.warc.gz and warcio.warc cut inside a record.

Writes OUT_DIR/manifest.json: for each WARC, the pages it must yield (target URI,
fixture file, the charset and input kind to extract the file with) and, for the damaged
ones, the offset of the cut record. Any missing tool is installed or the script fails
with a non-zero status: the tests must never pass by skipping.
"""

import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
FIXTURES = HERE / "fixtures"
ARTICLE_DE = REPO / "examples" / "article-de.html"
DATE = "2025-11-30T12:00:00Z"
BASE = "https://example.org"


def ensure_venv(venv: Path) -> None:
    """Re-runs this script inside VENV_DIR with warcio and zstandard installed."""
    if os.environ.get("KLARTEXT_WARC_VENV") == str(venv):
        return
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    probe = subprocess.run([str(python), "-c", "import warcio, zstandard"], capture_output=True)
    if probe.returncode != 0:
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "warcio==1.7.5", "zstandard"],
            check=True,
        )
    env = dict(os.environ, KLARTEXT_WARC_VENV=str(venv))
    os.execve(str(python), [str(python), __file__, *sys.argv[1:]], env)


def ensure_wget() -> str:
    found = shutil.which("wget")
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit("make_warcs.py: wget is missing and apt-get needs root; install wget")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wget"], check=True, env=env)
    found = shutil.which("wget")
    if not found:
        sys.exit("make_warcs.py: wget still missing after apt-get install")
    return found


def chunked(data: bytes, size: int = 300) -> bytes:
    parts = [b"%x\r\n%s\r\n" % (len(data[i : i + size]), data[i : i + size])
             for i in range(0, len(data), size)]
    return b"".join(parts) + b"0\r\n\r\n"


def page(uri, fixture, charset=None, input_kind="auto"):
    return {"uri": uri, "file": str(fixture), "charset": charset, "input": input_kind}


def write_warcio(path: Path, gzip_records: bool) -> list:
    """Writes the warcio WARC; returns the pages it must yield, in order."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = []
    with open(path, "wb") as out:
        w = WARCWriter(out, gzip=gzip_records, warc_version="WARC/1.1")
        w.write_record(w.create_warcinfo_record(path.name, {"software": "warcio"}))

        def response(uri, body, headers, status="200 OK"):
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            rec = w.create_warc_record(uri, "response", payload=BytesIO(body),
                                       http_headers=http,
                                       warc_headers_dict={"WARC-Date": DATE})
            w.write_record(rec)

        uri = BASE + "/de/article"
        req = StatusAndHeaders("GET /de/article HTTP/1.1", [("Host", "example.org")],
                               is_http_request=True)
        w.write_record(w.create_warc_record(uri, "request", payload=BytesIO(b""),
                                           http_headers=req,
                                           warc_headers_dict={"WARC-Date": DATE}))
        response(uri, ARTICLE_DE.read_bytes(), [("Content-Type", "text/html; charset=utf-8")])
        pages.append(page(uri, ARTICLE_DE, "utf-8"))

        latin1 = (FIXTURES / "latin1.html").read_bytes()
        uri = BASE + "/latin1"
        response(uri, gzip.compress(latin1),
                 [("Content-Type", "text/html; charset=iso-8859-1"), ("Content-Encoding", "gzip")])
        pages.append(page(uri, FIXTURES / "latin1.html", "iso-8859-1"))

        uri = BASE + "/en/chunked"
        response(uri, chunked((FIXTURES / "news-en.html").read_bytes()),
                 [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")])
        pages.append(page(uri, FIXTURES / "news-en.html"))

        uri = BASE + "/en/deflate"
        response(uri, zlib.compress((FIXTURES / "news-en.html").read_bytes()),
                 [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "deflate")])
        pages.append(page(uri, FIXTURES / "news-en.html", "utf-8"))

        response(BASE + "/data.json", (FIXTURES / "data.json").read_bytes(),
                 [("Content-Type", "application/json")])
        response(BASE + "/missing", b"<html><body>Not found</body></html>",
                 [("Content-Type", "text/html")], status="404 Not Found")

        uri = BASE + "/dump.txt"
        w.write_record(w.create_warc_record(
            uri, "resource", payload=BytesIO((FIXTURES / "dump.txt").read_bytes()),
            warc_content_type="text/plain", warc_headers_dict={"WARC-Date": DATE}))
        pages.append(page(uri, FIXTURES / "dump.txt", None, "text"))
    return pages


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the fixtures; a few paths are sent with a charset, chunked or gzip-encoded."""

    protocol_version = "HTTP/1.1"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(FIXTURES), **kwargs)

    def log_message(self, *args):
        pass

    def send_body(self, body, content_type, extra=(), chunk=False):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        for name, value in extra:
            self.send_header(name, value)
        if chunk:
            self.send_header("Transfer-Encoding", "chunked")
            body = chunked(body)
        else:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/latin1.html":
            body = (FIXTURES / "latin1.html").read_bytes()
            return self.send_body(body, "text/html; charset=iso-8859-1")
        if self.path == "/chunked/news-en.html":
            body = (FIXTURES / "news-en.html").read_bytes()
            return self.send_body(body, "text/html; charset=utf-8", chunk=True)
        if self.path == "/gzip/article-de.html":
            body = gzip.compress(ARTICLE_DE.read_bytes())
            return self.send_body(body, "text/html", [("Content-Encoding", "gzip")])
        if self.path == "/article-de.html":
            return self.send_body(ARTICLE_DE.read_bytes(), "text/html")
        return super().do_GET()


def write_wget(wget: str, out_dir: Path) -> list:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    urls = [
        (f"{base}/article-de.html", ARTICLE_DE, None, "auto"),
        (f"{base}/latin1.html", FIXTURES / "latin1.html", "iso-8859-1", "auto"),
        (f"{base}/chunked/news-en.html", FIXTURES / "news-en.html", "utf-8", "auto"),
        (f"{base}/gzip/article-de.html", ARTICLE_DE, None, "auto"),
        (f"{base}/dump.txt", FIXTURES / "dump.txt", None, "text"),
        (f"{base}/data.json", None, None, None),
        (f"{base}/missing.html", None, None, None),
    ]
    downloads = out_dir / "wget-downloads"
    downloads.mkdir(exist_ok=True)
    cmd = [wget, "--quiet", "--tries=1", "--timeout=10", "--no-directories",
           f"--directory-prefix={downloads}", f"--warc-file={out_dir / 'wget'}",
           *[u for u, *_ in urls]]
    # wget exits 8 for the 404; the WARC is written all the same.
    result = subprocess.run(cmd, cwd=out_dir)
    server.shutdown()
    if result.returncode not in (0, 8):
        sys.exit(f"make_warcs.py: wget failed with status {result.returncode}")
    shutil.rmtree(downloads)
    return [page(u, f, c, k) for u, f, c, k in urls if f is not None]


def cut(src: Path, dst: Path, record_index: int) -> int:
    """Copies src cut in the middle of its record_index-th record; returns its offset."""
    from warcio.archiveiterator import ArchiveIterator

    with open(src, "rb") as f:
        it = ArchiveIterator(f)
        offsets = []
        for _ in it:
            offsets.append(it.get_record_offset())
    start, end = offsets[record_index], offsets[record_index + 1]
    dst.write_bytes(src.read_bytes()[: start + (end - start) // 2])
    return start


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    out_dir, venv = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    ensure_venv(venv)
    import zstandard

    wget = ensure_wget()
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = write_warcio(out_dir / "warcio.warc.gz", gzip_records=True)
    write_warcio(out_dir / "warcio.warc", gzip_records=False)
    plain = (out_dir / "warcio.warc").read_bytes()
    (out_dir / "warcio-whole.warc.gz").write_bytes(gzip.compress(plain))
    (out_dir / "warcio.warc.zst").write_bytes(zstandard.ZstdCompressor().compress(plain))
    manifest = {
        "warcs": {name: pages for name in
                  ["warcio.warc.gz", "warcio.warc", "warcio-whole.warc.gz", "warcio.warc.zst"]},
        "truncated": {},
    }
    manifest["warcs"]["wget.warc.gz"] = write_wget(wget, out_dir)
    # Records: 0 warcinfo, 1 request, 2 article, 3 latin1, 4 chunked, ... ; cut in 4.
    for name in ["warcio.warc.gz", "warcio.warc"]:
        damaged = "truncated-" + name
        offset = cut(out_dir / name, out_dir / damaged, 4)
        manifest["truncated"][damaged] = {"pages": pages[:2], "offset": offset}
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=1))


if __name__ == "__main__":
    main()
