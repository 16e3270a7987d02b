//! klartext over web archives: a streaming WARC reader that hands out the pages of a
//! crawl, and the extraction of one page with its WARC facts.
//!
//! ```no_run
//! let mut records = klartext_warc::Records::open("crawl.warc.gz".as_ref())?;
//! for item in &mut records {
//!     match item {
//!         Ok(record) => {
//!             let json = klartext_warc::extract_record(&record, &klartext::Options::default());
//!             println!("{}", json.map(|j| j.to_string()).unwrap_or_default());
//!         }
//!         Err(err) => eprintln!("{err}"),
//!     }
//! }
//! eprintln!("skipped: {:?}", records.skipped());
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! Layers, bottom up: `source` (decompression: gzip members, whole-file gzip, zstd with or
//! without a dictionary; offsets), `record` (WARC header blocks and bodies, resync after
//! damage), `http` (the HTTP response head, chunked and content codings, charset), and
//! here the choice of records and [`extract_record`]. `batch` groups records for parallel
//! extraction within a bound on records and payload bytes, so memory stays flat.
//!
//! Why not the `warc` crate (0.4): it decodes gzip with libflate through one multi-member
//! decoder, so an error cannot name the member it happened in; `iter_records` reads every
//! body whole whatever its size; its errors carry no offsets; and a malformed record ends
//! the reading. The record format itself is small, so it is read here.

pub mod batch;
mod http;
mod record;
pub mod schema;
mod source;

use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

pub use batch::{BatchLimit, Batcher};
pub use source::Compression;

use record::{HeadError, RecordReader};
use source::Source;

/// Largest WARC record body read (bigger records are skipped as [`Skip::TooLarge`]); the
/// same as klartext's default input cap.
pub const DEFAULT_MAX_RECORD: u64 = 64 << 20;

/// A page taken from a WARC file: the payload ready for klartext, and the WARC facts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// `WARC-Record-ID`, e.g. `<urn:uuid:…>`.
    pub record_id: Option<String>,
    /// `WARC-Type`: `response` or `resource`.
    pub record_type: String,
    /// `WARC-Target-URI`: the URL the page was fetched from.
    pub target_uri: Option<String>,
    /// `WARC-Date` as written (ISO 8601, UTC).
    pub date: Option<String>,
    /// The HTTP status of a `response` record; `None` for a `resource` record.
    pub http_status: Option<u16>,
    /// The media type (`text/html`, …), lower case without parameters, when declared.
    pub content_type: Option<String>,
    /// The charset the HTTP `Content-Type` declared (a label encoding_rs knows).
    pub charset: Option<String>,
    /// The payload with chunking and content coding undone: the page's bytes.
    pub body: Vec<u8>,
    /// Where the record is in the file, as an offset one can seek to: in an uncompressed
    /// file the record's first byte; in a compressed file the start of the gzip member or
    /// zstd frame holding the record.
    pub offset: u64,
    /// The decompressed bytes before the record in that member: 0 in a plain file and
    /// for the usual one record per member (`.warc.gz`, per-record `.warc.zst`); in a
    /// file compressed whole, the record's place in the decompressed stream.
    pub within: u64,
}

impl Record {
    /// True when the payload is declared `text/plain`: klartext reads it as a text dump.
    pub fn is_text_dump(&self) -> bool {
        self.content_type.as_deref() == Some("text/plain")
    }
}

/// Why a record was passed over (counted, not reported one by one).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Skip {
    /// A record type other than `response` and `resource` (`request`, `warcinfo`, …).
    RecordType(String),
    /// A `response` record that holds no HTTP response (`text/dns`, …).
    NotHttp,
    /// A target URI that is no web address (`metadata:`, `dns:`, … — crawler notes):
    /// only `http`, `https`, `ftp` and `file` URIs, or none, are pages.
    UriScheme(String),
    /// An HTTP status outside 200–299 (redirects, errors).
    HttpStatus(u16),
    /// A payload that is neither HTML nor plain text.
    ContentType(String),
    /// A content coding the reader does not decode.
    ContentEncoding(String),
    /// The record or its decoded payload is over the size cap.
    TooLarge,
    /// The payload is empty.
    Empty,
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Skip::RecordType(t) => write!(f, "record type {t}"),
            Skip::NotHttp => write!(f, "response without HTTP"),
            Skip::UriScheme(s) => write!(f, "URI scheme {s}"),
            Skip::HttpStatus(s) => write!(f, "HTTP status {s}"),
            Skip::ContentType(t) => write!(f, "content type {t}"),
            Skip::ContentEncoding(e) => write!(f, "content encoding {e}"),
            Skip::TooLarge => write!(f, "over the size cap"),
            Skip::Empty => write!(f, "empty payload"),
        }
    }
}

/// A record that could not be read, with where it is. Shown as `FILE: offset N: message`,
/// with `(+M decompressed)` after N when the record lies M bytes into a member's
/// decompressed data.
#[derive(Debug, Clone)]
pub struct RecordError {
    /// The file as the caller named it (`-` for standard input).
    pub path: String,
    /// Where the damage is, as an offset one can seek to in the file (see
    /// [`Record::offset`]): the malformed record, or, when the file is truncated or its
    /// compression damaged, the gzip member or zstd frame where decompression failed.
    pub offset: u64,
    /// As [`Record::within`].
    pub within: u64,
    pub message: String,
    /// True when the file cannot be read past this point (truncated, bad compression):
    /// the iteration ends after this error.
    pub fatal: bool,
}

/// The pages of one WARC file, in file order: an iterator of `Result<Record,
/// RecordError>`. Records that are not pages are skipped and counted in
/// [`Records::skipped`]. A malformed record is an `Err` and the reading goes on with the
/// next record; a truncated file or broken compression is a fatal `Err` and the last item.
/// Memory: one record body at a time, at most `max_record` bytes (plus its decoded payload,
/// capped the same).
pub struct Records {
    reader: RecordReader<BufReader<Source>>,
    path: String,
    max_record: u64,
    skipped: BTreeMap<Skip, u64>,
    done: bool,
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: offset {}", self.path, self.offset)?;
        if self.within > 0 {
            write!(f, " (+{} decompressed)", self.within)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for RecordError {}

impl Records {
    /// Opens a WARC file (plain, gzip or zstd, told from its bytes); `-` is standard input.
    pub fn open(path: &Path) -> io::Result<Records> {
        let name = path.display().to_string();
        if name == "-" {
            return Records::from_reader(Box::new(io::stdin()), name);
        }
        Records::from_reader(Box::new(File::open(path)?), name)
    }

    /// Reads WARC records from any byte stream; `name` is used in error messages.
    pub fn from_reader(reader: Box<dyn Read + Send>, name: String) -> io::Result<Records> {
        let source = Source::new(reader)?;
        Ok(Records {
            reader: RecordReader::new(BufReader::with_capacity(64 * 1024, source)),
            path: name,
            max_record: DEFAULT_MAX_RECORD,
            skipped: BTreeMap::new(),
            done: false,
        })
    }

    /// Sets the largest record body read (default [`DEFAULT_MAX_RECORD`]).
    pub fn with_max_record(mut self, bytes: u64) -> Records {
        self.max_record = bytes;
        self
    }

    /// The records passed over so far, by reason.
    pub fn skipped(&self) -> &BTreeMap<Skip, u64> {
        &self.skipped
    }

    /// The compression told from the file's first bytes.
    pub fn compression(&self) -> Compression {
        self.reader.get_ref().get_ref().compression()
    }

    /// File bytes read so far (compressed bytes for a compressed file), for progress.
    pub fn bytes_read(&self) -> u64 {
        self.reader.get_ref().get_ref().file_position()
    }

    /// The error for the record at decompressed position `pos`. A fatal error is placed
    /// at the member whose decompression failed when one did (the reader above may have
    /// stopped at the record before it); otherwise, and for a file cut at a member's
    /// end, at the member holding `pos`.
    fn error(&mut self, pos: u64, message: String, fatal: bool) -> RecordError {
        self.done |= fatal;
        let source = self.reader.get_mut().get_mut();
        let (offset, within) = match source.damage() {
            Some(at) if fatal => (at, 0),
            _ => source.file_offset(pos),
        };
        RecordError {
            path: self.path.clone(),
            offset,
            within,
            message,
            fatal,
        }
    }

    fn skip(&mut self, why: Skip) {
        *self.skipped.entry(why).or_default() += 1;
    }

    /// The next page or error; `None` at the end.
    fn next_page(&mut self) -> Option<Result<Record, RecordError>> {
        loop {
            let head = match self.reader.next_head() {
                Ok(None) => return None,
                Ok(Some(head)) => head,
                Err(HeadError::Malformed { pos, reason }) => {
                    return Some(Err(self.error(
                        pos,
                        format!("malformed record: {reason}"),
                        false,
                    )))
                }
                Err(HeadError::Io { pos, err }) => {
                    return Some(Err(self.error(pos, cut_short(&err), true)));
                }
            };
            let kind = head.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
            let wanted = kind == "response" || kind == "resource";
            let skip = if !wanted {
                Some(Skip::RecordType(kind.clone()))
            } else if head.content_length > self.max_record {
                Some(Skip::TooLarge)
            } else {
                None
            };
            if let Some(why) = skip {
                if let Err(e) = self.reader.skip_body(&head) {
                    return Some(Err(self.error(head.pos, cut_short(&e), true)));
                }
                self.skip(why);
                continue;
            }
            let body = match self.reader.read_body(&head) {
                Ok(b) => b,
                Err(e) => return Some(Err(self.error(head.pos, cut_short(&e), true))),
            };
            let (offset, within) = self.reader.get_mut().get_mut().file_offset(head.pos);
            match page(&head, kind, body, self.max_record) {
                Ok(mut record) => {
                    record.offset = offset;
                    record.within = within;
                    return Some(Ok(record));
                }
                Err(PageError::Skip(why)) => self.skip(why),
                Err(PageError::Bad(message)) => {
                    return Some(Err(self.error(head.pos, message, false)))
                }
            }
        }
    }
}

impl Iterator for Records {
    type Item = Result<Record, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let item = self.next_page();
        if item.is_none() {
            self.done = true;
        }
        item
    }
}

enum PageError {
    Skip(Skip),
    Bad(String),
}

/// Turns a wanted record's body into a page, or says why not.
fn page(head: &record::Head, kind: String, body: Vec<u8>, cap: u64) -> Result<Record, PageError> {
    let cap = usize::try_from(cap).unwrap_or(usize::MAX);
    let warc_type = head.get("Content-Type").map(http::media_type);
    let mut record = Record {
        record_id: head.get("WARC-Record-ID").map(str::to_string),
        target_uri: head
            .get("WARC-Target-URI")
            .map(|u| u.trim_matches(['<', '>']).to_string()),
        date: head.get("WARC-Date").map(str::to_string),
        record_type: kind,
        ..Record::default()
    };
    if let Some(scheme) = record.target_uri.as_deref().and_then(non_web_scheme) {
        return Err(PageError::Skip(Skip::UriScheme(scheme)));
    }
    let (content_type, payload) = if record.record_type == "response" {
        if warc_type
            .as_ref()
            .is_none_or(|(m, _)| m != "application/http")
        {
            return Err(PageError::Skip(Skip::NotHttp));
        }
        let res = http::parse_response(&body).map_err(payload_error)?;
        record.http_status = Some(res.status);
        if !(200..300).contains(&res.status) {
            return Err(PageError::Skip(Skip::HttpStatus(res.status)));
        }
        let payload = http::payload(&body, &res, cap).map_err(payload_error)?;
        (res.content_type.map(|ct| http::media_type(&ct)), payload)
    } else {
        (warc_type, body)
    };
    if let Some((mime, charset)) = content_type {
        if !is_page_type(&mime) {
            return Err(PageError::Skip(Skip::ContentType(mime)));
        }
        record.content_type = Some(mime);
        record.charset = charset;
    }
    if payload.iter().all(u8::is_ascii_whitespace) {
        return Err(PageError::Skip(Skip::Empty));
    }
    record.body = payload;
    Ok(record)
}

/// The scheme of `uri` when it is not one of the web's (`http`, `https`, `ftp`, `file`).
fn non_web_scheme(uri: &str) -> Option<String> {
    let scheme = uri
        .split_once(':')
        .map_or("", |(s, _)| s)
        .to_ascii_lowercase();
    (!matches!(scheme.as_str(), "http" | "https" | "ftp" | "file")).then_some(scheme)
}

/// HTML, XHTML and plain text are pages; a record without a type is left to klartext's
/// sniffing.
fn is_page_type(mime: &str) -> bool {
    matches!(
        mime,
        "text/html" | "application/xhtml+xml" | "text/plain" | ""
    )
}

fn payload_error(e: http::PayloadError) -> PageError {
    match e {
        http::PayloadError::TooLarge => PageError::Skip(Skip::TooLarge),
        http::PayloadError::UnknownEncoding(c) => PageError::Skip(Skip::ContentEncoding(c)),
        http::PayloadError::BadHead(m) | http::PayloadError::Corrupt(m) => PageError::Bad(m),
    }
}

/// Extracts the article from one record: klartext's usual JSON object (the fields of
/// [`klartext::Article`]) plus `warc_record_id`, `url` (the `WARC-Target-URI`),
/// `warc_date` and `http_status`. The article's own canonical URL, which `url` holds in
/// `klartext extract`, moves to `canonical_url`.
///
/// The options are the caller's, with the record's facts laid over them: `url` is the
/// target URI, `reference_time` the `WARC-Date` (when it parses), `charset` the HTTP
/// charset (when declared), and `input` is `Text` for a `text/plain` payload when the
/// caller left it at `Auto`. So the result equals `klartext::extract` on the page's bytes
/// with those options, plus the four fields.
pub fn extract_record(
    record: &Record,
    options: &klartext::Options,
) -> Result<serde_json::Value, klartext::Error> {
    let options = record_options(record, options);
    let article = klartext::extract(&record.body, &options)?;
    let mut json = serde_json::to_value(&article).unwrap_or_default();
    if let Some(map) = json.as_object_mut() {
        let canonical = map.remove("url").unwrap_or_default();
        map.insert("canonical_url".into(), canonical);
        map.insert("warc_record_id".into(), record.record_id.clone().into());
        map.insert("url".into(), record.target_uri.clone().into());
        map.insert("warc_date".into(), record.date.clone().into());
        map.insert("http_status".into(), record.http_status.into());
    }
    Ok(json)
}

/// The options [`extract_record`] extracts a record with (see there).
pub fn record_options(record: &Record, options: &klartext::Options) -> klartext::Options {
    let mut options = options.clone();
    if record.target_uri.is_some() {
        options.url = record.target_uri.clone();
    }
    if let Some(t) = record.date.as_deref().and_then(warc_time) {
        options.reference_time = Some(t);
    }
    if record.charset.is_some() {
        options.charset = record.charset.clone();
    }
    if record.is_text_dump() && options.input == klartext::InputKind::Auto {
        options.input = klartext::InputKind::Text;
    }
    options
}

/// The message for a record the file ends in or whose compression breaks in it.
fn cut_short(err: &io::Error) -> String {
    format!("record cut short: the file is truncated or its compression is damaged ({err}); nothing after this offset is read")
}

/// A `WARC-Date` as seconds since the epoch.
fn warc_time(date: &str) -> Option<i64> {
    klartext::metadata::dates::parse_value(date).map(|d| d.timestamp())
}

#[cfg(test)]
mod tests;
