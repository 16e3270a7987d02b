"""Pages the tests share: small news pages written for these tests."""

import pytest

ARTICLE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>Neue Brücke über die Saale eröffnet | Beispielblatt</title>
<meta property="og:site_name" content="Beispielblatt">
<meta name="author" content="Erika Mustermann">
<meta property="article:published_time" content="2025-11-28T09:30:00+01:00">
</head><body>
<nav><ul><li><a href="/">Start</a></li><li><a href="/politik">Politik</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Neue Brücke über die Saale eröffnet</h1>
<p>Nach drei Jahren Bauzeit ist die neue Brücke über die Saale am Freitag für den Verkehr
freigegeben worden. Hunderte Menschen kamen zur Eröffnung an das Ufer.</p>
<p>„Die Brücke verbindet nun endlich beide Stadtteile“, sagte die Bürgermeisterin bei der
Feier. Der Bau hatte mehr gekostet als geplant, weil der Boden nachgab.</p>
<h2>Verkehr ab Montag</h2>
<p>Busse sollen ab Montag über die Brücke fahren. Die Stadtwerke passen dafür drei Linien an
und versprechen kürzere Wege für viele Pendler aus den Dörfern im Norden.</p>
</article>
<footer><p>Impressum · Datenschutz · Kontakt</p></footer>
</body></html>
"""

LATIN1 = (
    "<html><head><meta charset=\"iso-8859-1\"><title>Grüße aus Köln</title></head><body>"
    "<article><h1>Grüße aus Köln</h1><p>Die Straßenbahn fährt wieder über den Rhein, "
    "nachdem die Gleise wochenlang erneuert worden waren; Fahrgäste können aufatmen.</p>"
    "<p>Für die Bauarbeiten mussten die Bahnen über die Südbrücke ausweichen, was viele "
    "Menschen täglich eine halbe Stunde mehr kostete.</p></article></body></html>"
)

DUMP = """Neue Brücke über die Saale eröffnet

Nach drei Jahren Bauzeit ist die neue Brücke über die Saale am Freitag für den Verkehr
freigegeben worden. Hunderte Menschen kamen zur Eröffnung an das Ufer.

Busse sollen ab Montag über die Brücke fahren. Die Stadtwerke passen dafür drei Linien an
und versprechen kürzere Wege für viele Pendler aus den Dörfern im Norden.
"""


@pytest.fixture
def article_html():
    return ARTICLE


@pytest.fixture
def latin1_bytes():
    return LATIN1.encode("iso-8859-1")


@pytest.fixture
def dump_text():
    return DUMP


WARC_DATE = "2025-11-30T12:00:00Z"
PAGES = [
    ("https://example.org/saale", ARTICLE.encode("utf-8"), "text/html; charset=utf-8"),
    ("https://example.org/koeln", LATIN1.replace('<meta charset="iso-8859-1">', "")
     .encode("iso-8859-1"), "text/html; charset=iso-8859-1"),
    ("https://example.org/dump.txt", DUMP.encode("utf-8"), "text/plain; charset=utf-8"),
]


def write_warc(path, pages=PAGES, gzip=True):
    """A WARC written by warcio: a warcinfo record, each page as a response (after its
    request record), and a PNG response that is no page."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "pytest"}))
        for uri, body, content_type in pages:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(
                uri, "request", http_headers=request, warc_headers_dict={"WARC-Date": WARC_DATE}))
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": WARC_DATE}))
        png = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://example.org/logo.png", "response", payload=io.BytesIO(b"\x89PNG\r\n\x1a\n"),
            http_headers=png, warc_headers_dict={"WARC-Date": WARC_DATE}))
    return path


@pytest.fixture(scope="session")
def warc_path(tmp_path_factory):
    return write_warc(tmp_path_factory.mktemp("warc") / "pages.warc.gz")
