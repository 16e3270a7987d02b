"""klartext: news pages (HTML or text dumps) into the article.

The clean text in reading order, its metadata (headline, teaser, authors, dates, site,
language, canonical URL, images, agencies) and who said what (quotations, persons and
organisations), with the same field names as the ``klartext extract`` JSON.

>>> import klartext
>>> article = klartext.extract("<html>...</html>", url="https://example.org/news/1")
>>> article["title"], article["text"]

Functions:

- :func:`extract` — one document.
- :func:`extract_many` — many documents in parallel on all cores, the GIL released.
- :func:`iter_warc` — the pages of a WARC file (``.warc``, ``.warc.gz``, ``.warc.zst``).
- :mod:`klartext.compat.trafilatura` — a drop-in for ``trafilatura.extract``.
- :mod:`klartext.spark` — the same on a Spark cluster.

Errors for a document derive from :class:`KlartextError`: :class:`TooLarge` (over the
64 MiB input limit) and :class:`ExtractError`. Bad arguments raise ``ValueError`` or
``TypeError`` before any work is done.
"""

from klartext._native import (
    ExtractError,
    KlartextError,
    TooLarge,
    __version__,
)
from klartext._native import extract as _extract
from klartext._native import extract_many as _extract_many
from klartext._native import iter_warc as _iter_warc

__all__ = [
    "extract",
    "extract_many",
    "iter_warc",
    "KlartextError",
    "TooLarge",
    "ExtractError",
    "__version__",
]


def extract(
    html,
    *,
    url=None,
    input="auto",
    reference_time=None,
    format="dict",
    charset=None,
    markdown=False,
):
    """Extract the article from one page.

    Args:
        html: the page as ``str`` (already decoded text) or ``bytes``/``bytearray``
            (decoded the way a browser does: byte-order mark, ``charset``, ``<meta>``,
            detection).
        url: the page's URL: resolves relative links and is the fallback canonical URL.
        input: ``"auto"`` (tell HTML from a text dump by looking), ``"html"`` or ``"text"``
            (a plain-text dump of a page).
        reference_time: when the page was fetched, for relative dates ("vor 3 Stunden",
            "yesterday") and the check that no date lies in the future: seconds since
            1970, a ``datetime`` (a naive one is local time) or a string such as
            ``"2025-11-30"``. Default: now.
        format: ``"dict"`` (the CLI's JSON fields as a dict), ``"json"`` (that JSON as one
            compact string), ``"text"`` (the clean text) or ``"markdown"``.
        charset: the charset of ``bytes`` as an HTTP header declares it (e.g.
            ``"iso-8859-1"``); overrides ``<meta>``. Ignored for ``str`` input.
        markdown: also fill the ``"markdown"`` field of dict/json output.

    Returns:
        A dict or a str, as ``format`` says.

    Raises:
        TooLarge: the input is over 64 MiB.
        ExtractError: the document could not be extracted.
        ValueError: an unknown ``input``, ``format``, ``charset`` or ``reference_time``.
        TypeError: ``html`` is neither str nor bytes.
    """
    return _extract(
        html,
        url=url,
        input=input,
        reference_time=reference_time,
        format=format,
        charset=charset,
        markdown=markdown,
    )


def extract_many(
    documents,
    *,
    threads=None,
    url=None,
    input="auto",
    reference_time=None,
    format="dict",
    charset=None,
    markdown=False,
    errors="raise",
):
    """Extract many pages in parallel; the results come back in input order.

    The iterable is read first (so for an unbounded stream call this on batches of a few
    thousand), then the documents are extracted on a pool of threads with the GIL
    released, and converted to Python objects.

    Args:
        documents: an iterable of ``str``/``bytes`` pages, or of ``(html, url)`` tuples
            to give each page its own URL.
        threads: threads to use (default: one per core).
        errors: ``"raise"`` (the first failed document raises its exception, named by its
            index) or ``"return"`` (the exception object takes the document's place in
            the list, the others still come out).
        url, input, reference_time, format, charset, markdown: as in :func:`extract`,
            for every document (a tuple's URL wins over ``url``).

    Returns:
        A list with one dict or str per document (or exception, with ``errors="return"``).
    """
    return _extract_many(
        documents,
        threads=threads,
        url=url,
        input=input,
        reference_time=reference_time,
        format=format,
        charset=charset,
        markdown=markdown,
        errors=errors,
    )


def iter_warc(
    source,
    *,
    threads=None,
    input="auto",
    charset=None,
    markdown=False,
    lang=None,
    min_chars=0,
    errors="raise",
):
    """Iterate over the pages of a WARC file as dicts, in file order.

    WARC/1.0 and 1.1, plain, gzip per record (``.warc.gz``), whole-file gzip or zstd.
    ``response`` and ``resource`` records with an HTML (or ``text/plain``: a text dump)
    payload are extracted; chunked transfer and gzip/deflate/br content codings are undone
    and the HTTP charset is used. Other records are passed over and counted in the
    iterator's ``skipped`` dict. Records are read a batch at a time and extracted in
    parallel with the GIL released; memory stays bounded by the batch.

    Each dict has klartext's fields (as :func:`extract` gives them) plus
    ``warc_record_id``, ``url`` (the ``WARC-Target-URI``), ``warc_date`` (also the
    reference time for relative dates), ``http_status`` and ``canonical_url`` (the
    article's own canonical URL, which ``url`` holds in :func:`extract`).

    Args:
        source: a path (``str`` or ``os.PathLike``), or a binary file object with
            ``read(n)`` (an open file, an S3 or HTTP stream).
        threads: threads to extract with (default: one per core).
        input, charset, markdown: as in :func:`extract` (the record's HTTP charset wins).
        lang: keep only pages in these languages: ``"de,en"`` or ``["de", "en"]``.
        min_chars: keep only pages with at least this many characters of text.
        errors: ``"raise"`` (a record that cannot be read or extracted raises
            :class:`ExtractError` naming the file and offset; ``next()`` goes on with
            the next record where the file allows) or ``"skip"`` (such records are left
            out and listed in the iterator's ``errors``).

    Returns:
        An iterator of dicts, with ``skipped`` (reason -> count) and ``errors`` attributes.

    Raises:
        OSError: the file cannot be opened.
    """
    return _iter_warc(
        source,
        threads=threads,
        input=input,
        charset=charset,
        markdown=markdown,
        lang=lang,
        min_chars=min_chars,
        errors=errors,
    )
