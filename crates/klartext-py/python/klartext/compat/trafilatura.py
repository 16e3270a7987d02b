"""A drop-in for ``trafilatura.extract``: the same call, klartext's extraction.

Replace ``from trafilatura import extract`` by
``from klartext.compat.trafilatura import extract``: the common arguments are accepted,
and the result has the shape trafilatura gives it (a str, or None when nothing was
found or the document could not be read).

Supported ``output_format``: ``"txt"`` (paragraphs on their own lines; with
``with_metadata`` a ``---`` header of ``key: value`` lines), ``"markdown"``, ``"json"``
(trafilatura's keys: ``text``, ``comments`` and, with metadata, ``title``, ``author``,
``hostname``, ``date``, ``source``, ``source-hostname``, ``excerpt``, ...), ``"xml"``
(``<doc>`` with the metadata as attributes, ``<main>`` with ``<p>``, ``<head>``,
``<list>``, ``<quote>``), ``"html"`` and ``"csv"``. ``"xmltei"`` raises ``ValueError``.

What differs: klartext does not extract comments (``comments`` is always empty); the
switches that tune trafilatura's own algorithm (``favor_precision``, ``favor_recall``,
``no_fallback``/``fast``, ``include_tables``, ``include_images``, ``include_links``,
``deduplicate``, ``max_tree_size``, ``prune_xpath``, ``config``, ``settingsfile``,
``date_extraction_params``, ...) are accepted and ignored; ``fingerprint``, ``license``
and ``pagetype`` stay empty. ``target_language``, ``only_with_metadata``,
``url_blacklist``, ``author_blacklist``, ``record_id``, ``include_formatting`` and
``with_metadata`` are honoured.
"""

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import klartext

__all__ = ["extract"]

_FORMATS = ("txt", "markdown", "json", "xml", "html", "csv", "python")
# The metadata keys of trafilatura's txt header, in its order.
_HEADER_KEYS = (
    "title",
    "author",
    "url",
    "hostname",
    "description",
    "sitename",
    "date",
    "categories",
    "tags",
    "fingerprint",
    "id",
    "license",
)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")


def extract(
    filecontent,
    url=None,
    record_id=None,
    no_fallback=False,
    favor_precision=False,
    favor_recall=False,
    include_comments=True,
    output_format="txt",
    tei_validation=False,
    target_language=None,
    include_tables=True,
    include_images=False,
    include_formatting=False,
    include_links=False,
    deduplicate=False,
    date_extraction_params=None,
    with_metadata=False,
    only_with_metadata=False,
    max_tree_size=None,
    url_blacklist=None,
    author_blacklist=None,
    settingsfile=None,
    prune_xpath=None,
    config=None,
    options=None,
    **ignored,
):
    """Extract the main text of a page the way ``trafilatura.extract`` is called.

    Args:
        filecontent: the page as ``str`` or ``bytes`` (or an lxml tree).
        url: the page's URL (fallback canonical URL, ``hostname``).
        output_format: ``"txt"``, ``"markdown"``, ``"json"``, ``"xml"``, ``"html"``,
            ``"csv"`` (or ``"python"``: the trafilatura-shaped dict).
        with_metadata: add title, author, date, ... to the output.
        only_with_metadata: return None unless title, date and URL were all found.
        target_language: return None unless the page is in this language (ISO 639-1).
        url_blacklist: return None when the URL is in this set.
        author_blacklist: authors to leave out.
        record_id: the ``id`` field.
        include_formatting: for ``"txt"``, keep headings, lists and emphasis as Markdown.
        **ignored: trafilatura's other arguments are accepted and have no effect.

    Returns:
        The extracted document as a str, or None when nothing was extracted.
    """
    fmt = "markdown" if output_format == "txt" and include_formatting else output_format
    if fmt not in _FORMATS:
        raise ValueError(
            f"output_format {output_format!r} is not supported by klartext's trafilatura "
            f"compatibility (use one of {', '.join(_FORMATS)})"
        )
    if url_blacklist and url in url_blacklist:
        return None
    try:
        article = klartext.extract(_as_page(filecontent), url=url, markdown=True)
    except klartext.KlartextError:
        return None
    if not article["text"].strip():
        return None
    doc = _document(article, url, record_id, author_blacklist or ())
    if target_language and doc["language"] and doc["language"] != target_language:
        return None
    if only_with_metadata and not (doc["date"] and doc["title"] and doc["url"]):
        return None
    return _shape(doc, article, fmt, with_metadata)


def _as_page(filecontent):
    """str or bytes as they are; an lxml tree serialised back to HTML."""
    if isinstance(filecontent, (str, bytes, bytearray)):
        return filecontent
    try:
        from lxml import etree
    except ImportError as err:
        raise TypeError("filecontent must be str or bytes") from err
    return etree.tostring(filecontent, encoding="unicode", method="html")


def _document(article, url, record_id, author_blacklist):
    """klartext's fields under trafilatura's names."""
    canonical = article["url"] or url
    host = urlsplit(canonical).hostname if canonical else None
    if host and host.startswith("www."):
        host = host[4:]
    authors = [a for a in article["authors"] if a not in author_blacklist]
    date = article["date_published"] or article["date_modified"]
    text = "\n".join(b for b in article["text"].split("\n\n") if b)
    return {
        "title": article["title"],
        "author": "; ".join(authors) or None,
        "url": canonical,
        "hostname": host,
        "description": article["description"],
        "sitename": article["site_name"],
        "date": date[:10] if date else None,
        "categories": [],
        "tags": [],
        "fingerprint": None,
        "id": record_id,
        "license": None,
        "comments": "",
        "raw_text": text,
        "text": text,
        "language": article["language"],
        "image": article["images"][0]["url"] if article["images"] else None,
        "pagetype": None,
        "filedate": datetime.date.today().isoformat(),
    }


def _shape(doc, article, fmt, with_metadata):
    """The str trafilatura would return for ``fmt``."""
    if fmt == "python":
        return doc
    if fmt == "json":
        return json.dumps(_json_dict(doc, with_metadata), ensure_ascii=False)
    if fmt == "csv":
        return _csv(doc)
    if fmt in ("xml", "html"):
        return _xml(doc, article.get("markdown") or "", with_metadata, fmt == "html")
    body = article.get("markdown") if fmt == "markdown" else doc["text"]
    return _header(doc) + (body or "") if with_metadata else body


def _json_dict(doc, with_metadata):
    if not with_metadata:
        return {"text": doc["text"], "comments": ""}
    out = {k: v for k, v in doc.items() if k not in ("url", "sitename", "description")}
    out.update(
        {
            "source": doc["url"],
            "source-hostname": doc["sitename"],
            "excerpt": doc["description"],
            "categories": ";".join(doc["categories"]),
            "tags": ";".join(doc["tags"]),
        }
    )
    return out


def _header(doc):
    lines = ["---"]
    for key in _HEADER_KEYS:
        value = doc[key]
        if value:
            lines.append(f"{key}: {';'.join(value) if isinstance(value, list) else value}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _csv(doc):
    out = io.StringIO()
    row = [doc[k] for k in ("url", "id", "fingerprint", "hostname", "title", "image", "date")]
    row += [doc["text"], doc["comments"], doc["license"], doc["pagetype"]]
    csv.writer(out, delimiter="\t", lineterminator="\n").writerow(
        ["" if v is None else v for v in row]
    )
    return out.getvalue()


def _xml(doc, markdown, with_metadata, as_html):
    """``<doc><main>…</main><comments/></doc>`` (or an HTML page) from the Markdown."""
    if as_html:
        root = ET.Element("html")
        body = ET.SubElement(root, "body")
        tags = {"head": "h", "list": "ul", "item": "li", "quote": "blockquote", "p": "p"}
    else:
        root = ET.Element("doc")
        if with_metadata:
            for key in _HEADER_KEYS[:7] + ("id", "language"):
                if doc[key]:
                    root.set(key, str(doc[key]))
        body = ET.SubElement(root, "main")
        tags = {"head": "head", "list": "list", "item": "item", "quote": "quote", "p": "p"}
    for block in markdown.split("\n\n"):
        _xml_block(body, block.strip(), tags, as_html)
    if not as_html:
        ET.SubElement(root, "comments")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode")


def _xml_block(parent, block, tags, as_html):
    if not block:
        return
    heading = re.match(r"(#{1,6}) (.*)", block)
    if heading:
        level = len(heading.group(1))
        if as_html:
            ET.SubElement(parent, f"h{level}").text = _plain(heading.group(2))
        else:
            ET.SubElement(parent, tags["head"], rend=f"h{level}").text = _plain(heading.group(2))
        return
    lines = block.split("\n")
    if all(re.match(r"([-*+]|\d+\.) ", line) for line in lines):
        items = ET.SubElement(parent, tags["list"])
        for line in lines:
            ET.SubElement(items, tags["item"]).text = _plain(line.split(" ", 1)[1])
        return
    if all(line.startswith(">") for line in lines):
        text = " ".join(line.lstrip("> ").strip() for line in lines)
        ET.SubElement(parent, tags["quote"]).text = _plain(text)
        return
    ET.SubElement(parent, tags["p"]).text = _plain(" ".join(lines))


def _plain(markdown_text):
    """Markdown inline text as plain text: escapes and emphasis marks removed."""
    text = re.sub(r"(\*\*|__|(?<!\\)\*)", "", markdown_text)
    return _MD_ESCAPE.sub(r"\1", text)
