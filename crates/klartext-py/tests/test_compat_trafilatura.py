"""klartext.compat.trafilatura.extract: trafilatura's call, trafilatura's shapes."""

import json
import xml.etree.ElementTree as ET

import pytest

from klartext.compat.trafilatura import extract


def test_txt_is_one_paragraph_per_line(article_html):
    text = extract(article_html)
    assert isinstance(text, str)
    assert "\n\n" not in text
    lines = text.splitlines()
    assert lines[0].startswith("Nach drei Jahren") and lines[0].endswith("an das Ufer.")
    assert "Verkehr ab Montag" in lines


def test_txt_with_metadata_has_a_header(article_html):
    text = extract(article_html, url="https://www.example.org/saale", with_metadata=True)
    header, body = text.split("---\n")[1], text.split("---\n")[2]
    assert "title: Neue Brücke über die Saale eröffnet" in header
    assert "author: Erika Mustermann" in header
    assert "hostname: example.org" in header
    assert "date: 2025-11-28" in header
    assert body.startswith("Nach drei Jahren")


def test_json_keys(article_html):
    plain = json.loads(extract(article_html, output_format="json"))
    assert set(plain) == {"text", "comments"}
    meta = json.loads(extract(article_html, output_format="json", with_metadata=True,
                              url="https://example.org/saale", record_id="r1"))
    for key in ("title", "author", "hostname", "date", "source", "source-hostname",
                "excerpt", "categories", "tags", "text", "comments", "language", "id"):
        assert key in meta
    assert meta["source"] == "https://example.org/saale"
    assert meta["source-hostname"] == "Beispielblatt"
    assert meta["id"] == "r1"


def test_xml_and_markdown(article_html):
    root = ET.fromstring(extract(article_html, output_format="xml", with_metadata=True))
    assert root.tag == "doc" and root.get("title")
    main = root.find("main")
    assert main.find("head").get("rend") == "h2"
    assert any("Bauzeit" in (p.text or "") for p in main.findall("p"))
    assert root.find("comments") is not None
    md = extract(article_html, output_format="markdown")
    assert "## Verkehr ab Montag" in md
    assert extract(article_html, include_formatting=True) == md
    assert "<h2>" in extract(article_html, output_format="html")
    assert extract(article_html, output_format="csv").count("\t") == 10


def test_filters_and_ignored_arguments(article_html):
    assert extract(article_html, target_language="en") is None
    assert extract(article_html, target_language="de") is not None
    assert extract(article_html, only_with_metadata=True) is None
    assert extract(article_html, url="https://e.org/x", url_blacklist={"https://e.org/x"}) is None
    meta = json.loads(extract(article_html, output_format="json", with_metadata=True,
                              author_blacklist={"Erika Mustermann"}))
    assert meta["author"] is None
    same = extract(article_html, favor_precision=True, include_comments=False,
                   include_tables=False, no_fallback=True, deduplicate=True, fast=True)
    assert same == extract(article_html)


def test_nothing_found_is_none():
    assert extract("") is None
    assert extract("<html><body><nav><a href='/'>Start</a></nav></body></html>") is None
    assert extract(b"x" * (64 * 1024 * 1024 + 1)) is None


def test_unsupported_format_is_a_clear_error(article_html):
    with pytest.raises(ValueError, match="xmltei"):
        extract(article_html, output_format="xmltei")
