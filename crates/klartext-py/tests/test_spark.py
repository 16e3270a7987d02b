"""klartext.spark in PySpark local mode (local[2]) on pages the test writes itself."""

import os
import shutil
import sys

import pytest

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("PySpark needs Java", allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402

import klartext  # noqa: E402
from klartext.spark import article_schema, extract_html  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("klartext-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_extract_html_fixed_schema_and_values(spark, article_html, latin1_bytes, tmp_path):
    rows = [
        (1, article_html.encode("utf-8"), "https://example.org/saale"),
        (2, latin1_bytes, None),
        (3, b"x" * (64 * 1024 * 1024 + 1), None),
        (4, None, None),
    ]
    df = spark.createDataFrame(rows, "id long, html binary, url string").repartition(2)
    out = extract_html(df, url_col="url", batch_size=2)
    assert out.schema.names == ["id"] + article_schema().names
    got = {r["id"]: r for r in out.collect()}
    assert len(got) == 4
    expected = klartext.extract(article_html, url="https://example.org/saale")
    assert got[1]["text"] == expected["text"]
    assert got[1]["title"] == expected["title"]
    assert got[1]["url"] == "https://example.org/saale"
    assert got[1]["error"] is None
    assert list(got[1]["authors"]) == expected["authors"]
    assert [q["text"] for q in got[1]["quotes"]] == [q["text"] for q in expected["quotes"]]
    assert "Straßenbahn" in got[2]["text"]
    assert got[3]["error"].startswith("TooLarge: ") and got[3]["text"] is None
    assert got[4]["error"] is None
    # The fixed schema writes to Parquet and reads back the same.
    path = str(tmp_path / "articles.parquet")
    out.write.parquet(path)
    back = spark.read.parquet(path)
    assert back.schema == out.schema
    assert back.count() == 4


def test_extract_html_string_column(spark, article_html):
    df = spark.createDataFrame([(article_html,)], "page string")
    row = extract_html(df, html_col="page").first()
    assert "Nach drei Jahren Bauzeit" in row["text"]
    with pytest.raises(ValueError, match="no column"):
        extract_html(df, html_col="html")


def test_extract_warc_local_and_file_urls(spark, warc_path, tmp_path):
    from klartext.spark import extract_warc, warc_schema

    missing = str(tmp_path / "missing.warc.gz")
    paths = [(str(warc_path),), (warc_path.as_uri(),), (missing,)]
    df = spark.createDataFrame(paths, "path string").repartition(2)
    out = extract_warc(df)
    assert out.schema == warc_schema()
    rows = out.collect()
    pages = [r for r in rows if r["error"] is None]
    assert len(pages) == 6
    direct = {p["url"]: p for p in klartext.iter_warc(warc_path)}
    for row in pages:
        assert row["text"] == direct[row["url"]]["text"]
        assert row["warc_date"] == direct[row["url"]]["warc_date"]
        assert row["http_status"] == 200
    failed = [r for r in rows if r["error"] is not None]
    assert [r["warc_path"] for r in failed] == [missing]
    assert "no such file" in failed[0]["error"]
    path = str(tmp_path / "warc.parquet")
    out.write.parquet(path)
    assert spark.read.parquet(path).schema == warc_schema()
