"""klartext.iter_warc on WARC files written by warcio."""

import pytest

import klartext
from conftest import PAGES, WARC_DATE, write_warc


def expected(uri, body, content_type):
    """What klartext.extract gives for the page with the record's facts."""
    charset = content_type.split("charset=")[1]
    kind = "text" if content_type.startswith("text/plain") else "auto"
    article = klartext.extract(body, url=uri, charset=charset, input=kind,
                               reference_time=WARC_DATE)
    article["canonical_url"] = article.pop("url")
    return article


def test_every_page_equals_its_extract(warc_path):
    pages = klartext.iter_warc(warc_path, threads=2)
    got = list(pages)
    assert [p["url"] for p in got] == [uri for uri, _, _ in PAGES]
    for page, (uri, body, content_type) in zip(got, PAGES):
        assert page.pop("warc_record_id").startswith("<urn:uuid:")
        assert page.pop("warc_date") == WARC_DATE
        assert page.pop("http_status") == 200
        assert page.pop("url") == uri
        assert page == expected(uri, body, content_type)
    assert "Straßenbahn fährt" in got[1]["text"]
    assert pages.skipped == {"content type image/png": 1, "record type request": 3,
                             "record type warcinfo": 1}
    assert pages.errors == []


def test_plain_warc_file_object_and_filters(tmp_path, warc_path):
    plain = write_warc(tmp_path / "pages.warc", gzip=False)
    assert [p["text"] for p in klartext.iter_warc(str(plain))] == \
        [p["text"] for p in klartext.iter_warc(warc_path)]
    with open(warc_path, "rb") as stream:
        assert len(list(klartext.iter_warc(stream))) == 3
    only_en = klartext.iter_warc(warc_path, lang="en")
    assert list(only_en) == []
    assert only_en.skipped["language not asked for"] == 3
    assert len(list(klartext.iter_warc(warc_path, lang=["de", "en"]))) == 3
    assert len(list(klartext.iter_warc(warc_path, min_chars=100_000))) == 0


def test_truncated_file(tmp_path, warc_path):
    data = warc_path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    # Inside a record, never on the boundary between two gzip members (a cut there leaves
    # a shorter, valid file): 2/3 of the way falls near the end of the second page's record.
    cut.write_bytes(data[: len(data) * 2 // 3 + 100])
    pages = klartext.iter_warc(cut, errors="skip")
    got = list(pages)
    assert 1 <= len(got) < 3
    assert len(pages.errors) == 1 and "cut.warc.gz: offset " in pages.errors[0]
    with pytest.raises(klartext.ExtractError, match="offset"):
        list(klartext.iter_warc(cut))


def test_bad_arguments(tmp_path, warc_path):
    with pytest.raises(OSError, match="no such file"):
        klartext.iter_warc(tmp_path / "missing.warc.gz")
    with pytest.raises(ValueError, match="errors must be"):
        klartext.iter_warc(warc_path, errors="return")
    with pytest.raises(TypeError):
        klartext.iter_warc(42)
