from datetime import datetime
from os import PathLike
from typing import Any, BinaryIO, Dict, Iterable, Iterator, List, Literal, Optional, Tuple, TypedDict, Union, overload

__version__: str

class KlartextError(Exception):
    """Base class of the errors klartext raises for a document."""

class TooLarge(KlartextError):
    """The document is larger than klartext's input limit (64 MiB)."""

class ExtractError(KlartextError):
    """The document could not be extracted (the message says why)."""

class Image(TypedDict):
    url: str
    caption: Optional[str]
    credit: Optional[str]

class _QuoteBase(TypedDict):
    text: str
    speaker: Optional[str]
    speaker_mention: Optional[str]
    cue: Optional[str]
    kind: Literal["direct", "partial", "indirect", "reported"]
    start: int
    end: int

class Quote(_QuoteBase, total=False):
    speaker_start: int
    speaker_end: int

Entity = TypedDict(
    "Entity",
    {
        "name": str,
        "type": Literal["person", "organization", "place"],
        "roles": List[str],
        "mentions": int,
    },
)

PageType = TypedDict("PageType", {"type": str, "confidence": float})

class _ArticleBase(TypedDict):
    source: Optional[str]
    url: Optional[str]
    title: Optional[str]
    description: Optional[str]
    authors: List[str]
    date_published: Optional[str]
    date_modified: Optional[str]
    site_name: Optional[str]
    language: Optional[str]
    text: str
    images: List[Image]
    agencies: List[str]
    quotes: List[Quote]
    entities: List[Entity]
    encoding: Optional[str]
    truncated: bool
    markdown: Optional[str]
    comments: Optional[str]
    page_type: Optional[PageType]

class Article(_ArticleBase, total=False):
    pass

Html = Union[str, bytes, bytearray]
ReferenceTime = Union[int, float, str, datetime, None]
InputKind = Literal["auto", "html", "text"]

@overload
def extract(
    html: Html,
    *,
    url: Optional[str] = ...,
    input: InputKind = ...,
    reference_time: ReferenceTime = ...,
    format: Literal["dict"] = ...,
    charset: Optional[str] = ...,
    markdown: bool = ...,
) -> Article: ...
@overload
def extract(
    html: Html,
    *,
    url: Optional[str] = ...,
    input: InputKind = ...,
    reference_time: ReferenceTime = ...,
    format: Literal["json", "text", "markdown"],
    charset: Optional[str] = ...,
    markdown: bool = ...,
) -> str: ...
@overload
def extract_many(
    documents: Iterable[Union[Html, Tuple[Html, Optional[str]]]],
    *,
    threads: Optional[int] = ...,
    url: Optional[str] = ...,
    input: InputKind = ...,
    reference_time: ReferenceTime = ...,
    format: Literal["dict"] = ...,
    charset: Optional[str] = ...,
    markdown: bool = ...,
    errors: Literal["raise"] = ...,
) -> List[Article]: ...
@overload
def extract_many(
    documents: Iterable[Union[Html, Tuple[Html, Optional[str]]]],
    *,
    threads: Optional[int] = ...,
    url: Optional[str] = ...,
    input: InputKind = ...,
    reference_time: ReferenceTime = ...,
    format: Literal["json", "text", "markdown"],
    charset: Optional[str] = ...,
    markdown: bool = ...,
    errors: Literal["raise"] = ...,
) -> List[str]: ...
@overload
def extract_many(
    documents: Iterable[Union[Html, Tuple[Html, Optional[str]]]],
    *,
    threads: Optional[int] = ...,
    url: Optional[str] = ...,
    input: InputKind = ...,
    reference_time: ReferenceTime = ...,
    format: Literal["dict", "json", "text", "markdown"] = ...,
    charset: Optional[str] = ...,
    markdown: bool = ...,
    errors: Literal["raise", "return"] = ...,
) -> List[Union[Article, str, KlartextError]]: ...

class WarcPage(Article):
    warc_record_id: Optional[str]
    warc_date: Optional[str]
    http_status: Optional[int]
    canonical_url: Optional[str]

class WarcReader(Iterator[WarcPage]):
    @property
    def skipped(self) -> Dict[str, int]: ...
    @property
    def errors(self) -> List[str]: ...
    def __iter__(self) -> "WarcReader": ...
    def __next__(self) -> WarcPage: ...

def iter_warc(
    source: Union[str, "PathLike[str]", BinaryIO, Any],
    *,
    threads: Optional[int] = ...,
    input: InputKind = ...,
    charset: Optional[str] = ...,
    markdown: bool = ...,
    lang: Union[str, List[str], None] = ...,
    min_chars: int = ...,
    errors: Literal["raise", "skip"] = ...,
) -> WarcReader: ...
