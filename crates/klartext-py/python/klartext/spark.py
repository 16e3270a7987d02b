"""klartext on Spark: WARC files or pages in, a DataFrame of articles out.

:func:`extract_warc` maps a DataFrame of WARC paths (local, ``file://``, ``s3a://`` /
``s3://`` and other pyarrow file systems, ``http(s)://``) to one row per page under the
fixed schema :func:`warc_schema`: a ``mapPartitions`` in which each task streams its files
through :func:`klartext.iter_warc` (bounded memory, the file's records extracted in
parallel batches). A record that cannot be read gives a row with ``error`` set; a file
that cannot be opened, one row with its ``error``.

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

import urllib.parse
import urllib.request

import klartext

__all__ = ["article_schema", "warc_schema", "extract_html", "extract_warc", "open_warc"]

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


_WARC_FIELDS = ("warc_path", "warc_record_id", "url", "warc_date", "http_status", "canonical_url")


def warc_schema():
    """The fixed schema of :func:`extract_warc`: the WARC facts, then klartext's fields."""
    head = _struct(
        ("warc_path", _STR),
        ("warc_record_id", _STR),
        ("url", _STR),
        ("warc_date", _STR),
        ("http_status", LongType()),
        ("canonical_url", _STR),
    )
    rest = [f for f in article_schema().fields if f.name != "url"]
    return StructType(head.fields + rest)


def open_warc(path):
    """What :func:`klartext.iter_warc` reads for ``path``: a local path as it is, a remote
    file as a binary stream (``s3a://``, ``s3n://`` and ``s3://`` through pyarrow's S3 file
    system with the usual AWS credential chain; ``http(s)://`` through urllib; any other
    scheme pyarrow knows, such as ``gs://`` or ``hdfs://``)."""
    if "://" not in path:
        return path
    scheme, rest = path.split("://", 1)
    scheme = scheme.lower()
    if scheme == "file":
        return urllib.parse.unquote(urllib.parse.urlsplit(path).path)
    if scheme in ("http", "https"):
        return urllib.request.urlopen(path)  # noqa: S310 (the caller names the URL)
    if scheme in ("s3a", "s3n"):
        path = "s3://" + rest
    from pyarrow import fs

    filesystem, inner = fs.FileSystem.from_uri(path)
    # compression=None: the WARC reader tells gzip and zstd from the bytes itself.
    return filesystem.open_input_stream(inner, compression=None)


def _warc_mapper(path_index, names, options):
    """The function run on each partition: rows of paths in, rows of pages out."""

    def failed(path, message):
        row = dict.fromkeys(names)
        row.update(warc_path=path, error=message)
        return tuple(row[n] for n in names)

    def run(rows):
        for row in rows:
            path = row[path_index]
            try:
                source = open_warc(path)
                pages = klartext.iter_warc(source, errors="skip", **options)
            except Exception as err:  # noqa: BLE001 (a bad file is a row, not a dead job)
                yield failed(path, f"{type(err).__name__}: {err}")
                continue
            for page in pages:
                page["warc_path"] = path
                page["error"] = None
                yield tuple(page.get(n) for n in names)
            for message in pages.errors:
                yield failed(path, message)
            if hasattr(source, "close"):
                source.close()

    return run


def extract_warc(df, path_col="path", *, lang=None, min_chars=0, threads=1, input="auto"):
    """Extract every page of every WARC file named in a DataFrame.

    Args:
        df: a DataFrame with a string column of WARC paths; each row's file is read by
            one task, so repartition to spread the files (``df.repartition(n_files)``).
        path_col: that column's name.
        lang, min_chars, input: as in :func:`klartext.iter_warc`.
        threads: extraction threads per task (1: Spark already runs a task per core).

    Returns:
        A DataFrame with :func:`warc_schema`: one row per page, ``error`` set on the rows
        of records or files that could not be read.
    """
    columns = df.columns
    if path_col not in columns:
        raise ValueError(f"no column {path_col!r} in {columns}")
    schema = warc_schema()
    options = {"lang": lang, "min_chars": min_chars, "threads": threads, "input": input}
    mapper = _warc_mapper(columns.index(path_col), schema.names, options)
    rdd = df.rdd.mapPartitions(mapper)
    return df.sparkSession.createDataFrame(rdd, schema)
