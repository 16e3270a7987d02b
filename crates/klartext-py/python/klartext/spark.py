"""klartext on Spark: a DataFrame of pages in, a DataFrame of articles out.

:func:`extract_html` maps a DataFrame with an HTML column (``str`` or ``binary``) to one
row per page with klartext's fields under a fixed schema (:func:`article_schema`): a
``mapPartitions`` that hands each partition's pages to :func:`klartext.extract_many` in
batches. A page that fails gives a row with its ``error`` set and empty fields, so no
input row disappears silently. The other input columns are carried over (an article field
of the same name wins, e.g. ``url``, which is the canonical URL or else the given one).

Needs ``pyspark`` on the driver, and ``klartext`` installed on every executor (a wheel
built with ``pip wheel .``, shipped with ``--py-files``, a conda/venv archive or the
cluster's image).

>>> from klartext.spark import extract_html
>>> articles = extract_html(spark.createDataFrame([("<html>...</html>", "https://e.org/1")],
...                                               ["html", "url"]), url_col="url")
>>> articles.write.parquet("articles.parquet")
"""

from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    LongType,
    StringType,
    StructField,
    StructType,
)

import klartext

__all__ = ["article_schema", "extract_html"]

_STR = StringType()


def _struct(*fields):
    return StructType([StructField(name, kind, True) for name, kind in fields])


def article_schema():
    """The fixed schema of klartext's fields (the CLI's JSON) plus ``error``."""
    image = _struct(("url", _STR), ("caption", _STR), ("credit", _STR))
    quote = _struct(
        ("text", _STR),
        ("speaker", _STR),
        ("speaker_mention", _STR),
        ("speaker_start", LongType()),
        ("speaker_end", LongType()),
        ("cue", _STR),
        ("kind", _STR),
        ("start", LongType()),
        ("end", LongType()),
    )
    entity = _struct(
        ("name", _STR),
        ("type", _STR),
        ("roles", ArrayType(_STR)),
        ("mentions", LongType()),
    )
    return _struct(
        ("url", _STR),
        ("title", _STR),
        ("description", _STR),
        ("authors", ArrayType(_STR)),
        ("date_published", _STR),
        ("date_modified", _STR),
        ("site_name", _STR),
        ("language", _STR),
        ("text", _STR),
        ("images", ArrayType(image)),
        ("agencies", ArrayType(_STR)),
        ("quotes", ArrayType(quote)),
        ("entities", ArrayType(entity)),
        ("encoding", _STR),
        ("truncated", BooleanType()),
        ("error", _STR),
    )


def _article_values(result, names):
    """One result of extract_many (a dict or an exception) as values in ``names`` order."""
    if isinstance(result, Exception):
        row = dict.fromkeys(names)
        row["error"] = f"{type(result).__name__}: {result}"
        return [row[n] for n in names]
    return [result.get(n) for n in names[:-1]] + [None]


def _batches(rows, size):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _partition_mapper(html_index, url_index, keep, names, batch_size, threads, kwargs):
    """The function run on each partition: rows in, output tuples out."""

    def run(rows):
        for batch in _batches(rows, batch_size):
            docs = []
            for row in batch:
                html = row[html_index]
                html = bytes(html) if isinstance(html, (bytearray, memoryview)) else html
                url = row[url_index] if url_index is not None else None
                docs.append((html if html is not None else "", url))
            results = klartext.extract_many(docs, threads=threads, errors="return", **kwargs)
            for row, result in zip(batch, results):
                yield tuple(row[i] for i in keep) + tuple(_article_values(result, names))

    return run


def extract_html(
    df,
    html_col="html",
    url_col=None,
    *,
    input="auto",
    reference_time=None,
    batch_size=256,
    threads=1,
):
    """Extract every page of a DataFrame; returns a DataFrame with :func:`article_schema`.

    Args:
        df: a DataFrame with a column of pages (``str`` or ``binary``).
        html_col: that column's name.
        url_col: a column with each page's URL, or None.
        input, reference_time: as in :func:`klartext.extract`.
        batch_size: pages handed to :func:`klartext.extract_many` at a time.
        threads: threads per Spark task (1: Spark already runs a task per core).

    Returns:
        The input's other columns followed by klartext's fields and ``error``.
    """
    fields = df.schema.fields
    columns = [f.name for f in fields]
    if html_col not in columns:
        raise ValueError(f"no column {html_col!r} in {columns}")
    if url_col is not None and url_col not in columns:
        raise ValueError(f"no column {url_col!r} in {columns}")
    schema = article_schema()
    names = schema.names
    keep = [i for i, f in enumerate(fields) if f.name != html_col and f.name not in names]
    out_schema = StructType([fields[i] for i in keep] + schema.fields)
    mapper = _partition_mapper(
        columns.index(html_col),
        columns.index(url_col) if url_col is not None else None,
        keep,
        names,
        batch_size,
        threads,
        {"input": input, "reference_time": reference_time},
    )
    rdd = df.rdd.mapPartitions(mapper)
    return df.sparkSession.createDataFrame(rdd, out_schema)
