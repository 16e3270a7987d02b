"""klartext.extract and extract_many: formats, inputs, errors, threads."""

import datetime
import json
import threading

import pytest

import klartext

FIELDS = {
    "source", "url", "title", "description", "authors", "date_published", "date_modified",
    "site_name", "language", "text", "images", "agencies", "quotes", "entities", "encoding",
    "truncated", "markdown", "comments", "page_type",
}


def test_dict_has_the_cli_fields(article_html):
    article = klartext.extract(article_html, url="https://example.org/saale")
    assert set(article) == FIELDS
    assert article["title"] == "Neue Brücke über die Saale eröffnet"
    assert "Nach drei Jahren Bauzeit" in article["text"]
    assert "Impressum" not in article["text"]
    assert article["url"] == "https://example.org/saale"
    assert article["authors"] == ["Erika Mustermann"]
    assert article["date_published"].startswith("2025-11-28")
    assert isinstance(article["truncated"], bool)


def test_json_text_markdown_agree(article_html):
    article = klartext.extract(article_html)
    assert json.loads(klartext.extract(article_html, format="json")) == article
    assert klartext.extract(article_html, format="text") == article["text"]
    md = klartext.extract(article_html, format="markdown")
    assert "## Verkehr ab Montag" in md
    with_md = klartext.extract(article_html, markdown=True)
    assert with_md["markdown"] == md


def test_bytes_are_decoded_and_str_is_not_redecoded(latin1_bytes):
    from_bytes = klartext.extract(latin1_bytes)
    assert "Straßenbahn fährt" in from_bytes["text"]
    # The str is already text: its <meta charset> must not decode it again.
    from_str = klartext.extract(latin1_bytes.decode("iso-8859-1"))
    assert from_str["text"] == from_bytes["text"]
    assert klartext.extract(bytearray(latin1_bytes))["text"] == from_bytes["text"]
    header = klartext.extract(latin1_bytes.replace(b"iso-8859-1", b"utf-8"), charset="latin1")
    assert header["text"] == from_bytes["text"]


def test_text_dump_input(dump_text):
    article = klartext.extract(dump_text, input="text")
    assert "Busse sollen ab Montag" in article["text"]


def test_reference_time_forms(article_html):
    a = klartext.extract(article_html, reference_time="2025-11-30")
    b = klartext.extract(article_html, reference_time=1764460800)
    when = datetime.datetime(2025, 11, 30, tzinfo=datetime.timezone.utc)
    c = klartext.extract(article_html, reference_time=when)
    assert a == b == c


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"format": "xml"}, "format must be"),
        ({"input": "pdf"}, "input must be"),
        ({"charset": "no-such-charset"}, "unknown charset"),
        ({"reference_time": "next week"}, "reference_time must be"),
    ],
)
def test_bad_arguments_raise_value_error(article_html, kwargs, message):
    with pytest.raises(ValueError, match=message):
        klartext.extract(article_html, **kwargs)


def test_bad_types_raise_type_error():
    with pytest.raises(TypeError, match="expected str or bytes, got int"):
        klartext.extract(42)
    with pytest.raises(TypeError):
        klartext.extract("<p>x</p>", reference_time=[1])


def test_too_large_is_a_klartext_error():
    big = b"<p>" + b"a" * (64 * 1024 * 1024) + b"</p>"
    with pytest.raises(klartext.TooLarge, match="exceeds the limit") as info:
        klartext.extract(big)
    assert isinstance(info.value, klartext.KlartextError)
    assert issubclass(klartext.ExtractError, klartext.KlartextError)


def test_empty_and_odd_input_do_not_fail():
    for page in ["", "   ", "<html>", b"\xff\xfe\x00", "<p>" * 10000]:
        assert isinstance(klartext.extract(page)["text"], str)


def test_extract_many_keeps_order_and_urls(article_html, latin1_bytes, dump_text):
    docs = [article_html, (latin1_bytes, "https://example.org/koeln"), dump_text] * 5
    results = klartext.extract_many(docs, threads=2)
    assert len(results) == 15
    single = [klartext.extract(article_html), klartext.extract(dump_text)]
    assert results[0] == results[3] == single[0]
    assert results[2] == single[1]
    assert results[1]["url"] == "https://example.org/koeln"
    texts = klartext.extract_many(iter(docs[:3]), format="text")
    assert texts[0] == single[0]["text"]


def test_extract_many_errors(article_html):
    big = b"x" * (64 * 1024 * 1024 + 1)
    with pytest.raises(klartext.TooLarge, match="^document 1: "):
        klartext.extract_many([article_html, big])
    out = klartext.extract_many([article_html, big, article_html], errors="return")
    assert isinstance(out[1], klartext.TooLarge)
    assert out[0] == out[2]
    with pytest.raises(ValueError, match="errors must be"):
        klartext.extract_many([], errors="skip")
    with pytest.raises(ValueError, match="threads must be at least 1"):
        klartext.extract_many([article_html], threads=0)
    with pytest.raises(TypeError, match="tuple"):
        klartext.extract_many([None])
    assert klartext.extract_many([]) == []


def test_gil_is_released(article_html):
    """Other Python threads run while extract_many works (a counter keeps counting)."""
    ticks = []
    done = threading.Event()

    def count():
        while not done.is_set():
            ticks.append(1)

    thread = threading.Thread(target=count)
    thread.start()
    before = len(ticks)
    klartext.extract_many([article_html] * 200, threads=1)
    during = len(ticks) - before
    done.set()
    thread.join()
    assert during > 0


def test_module_surface():
    assert klartext.__version__
    assert klartext.extract.__doc__ and klartext.extract_many.__doc__
    assert {"extract", "extract_many", "TooLarge", "ExtractError"} <= set(klartext.__all__)
