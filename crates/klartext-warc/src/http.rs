//! The HTTP response inside a `response` record: the head (httparse, lenient about the
//! header quirks real servers send), then the payload with its transfer coding (chunked)
//! and content coding (gzip, deflate, br) undone, never past the caller's size cap.
//!
//! Archives differ in what they stored: some keep the bytes as sent (wget, warcio), some
//! store the payload already decoded but keep the header. So a payload that does not
//! look encoded the way the header says (no gzip magic, no chunk-size line) is taken as
//! it is rather than failed.

use std::io::Read;

/// Most header lines read from one response head.
const MAX_HEADERS: usize = 256;

/// The parts of an HTTP response head the reader uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub content_type: Option<String>,
    pub transfer_encoding: Option<String>,
    pub content_encoding: Option<String>,
    /// Where the payload starts in the record body.
    pub payload_start: usize,
}

/// Why a payload could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PayloadError {
    /// The HTTP head is malformed or incomplete.
    BadHead(String),
    /// A content coding the reader does not decode (e.g. `compress`, `zstd`).
    UnknownEncoding(String),
    /// The decoded payload would exceed the cap.
    TooLarge,
    /// The payload claims a coding but its bytes are broken.
    Corrupt(String),
}

/// Parses the HTTP response head at the start of `body`.
pub fn parse_response(body: &[u8]) -> Result<Response, PayloadError> {
    let mut headers = vec![httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut res = httparse::Response::new(&mut headers);
    let mut config = httparse::ParserConfig::default();
    config
        .allow_spaces_after_header_name_in_responses(true)
        .allow_obsolete_multiline_headers_in_responses(true)
        .allow_multiple_spaces_in_response_status_delimiters(true)
        .ignore_invalid_headers_in_responses(true);
    let head_len = match config.parse_response(&mut res, body) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => {
            return Err(PayloadError::BadHead("the HTTP head is incomplete".into()))
        }
        Err(e) => return Err(PayloadError::BadHead(format!("HTTP head: {e}"))),
    };
    let header = |name: &str| {
        res.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
    };
    Ok(Response {
        status: res.code.unwrap_or(0),
        content_type: header("Content-Type"),
        transfer_encoding: header("Transfer-Encoding"),
        content_encoding: header("Content-Encoding"),
        payload_start: head_len,
    })
}

/// The payload of `body` with chunking and content coding undone, at most `cap` bytes.
pub fn payload(body: &[u8], res: &Response, cap: usize) -> Result<Vec<u8>, PayloadError> {
    let raw = &body[res.payload_start.min(body.len())..];
    let chunked = res
        .transfer_encoding
        .as_deref()
        .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"));
    let dechunked = if chunked { dechunk(raw, cap)? } else { None };
    let bytes = dechunked.as_deref().unwrap_or(raw);
    let coding = res
        .content_encoding
        .as_deref()
        .map(|c| c.trim().to_ascii_lowercase())
        .unwrap_or_default();
    match coding.as_str() {
        "" | "identity" | "none" => capped_copy(bytes, cap),
        "gzip" | "x-gzip" if bytes.starts_with(&[0x1f, 0x8b]) => {
            inflate(flate2::read::MultiGzDecoder::new(bytes), cap, "gzip")
        }
        "deflate" if bytes.first().is_some_and(|b| b & 0x0f == 8) => {
            // Servers send either zlib-wrapped (as the RFC says) or raw deflate.
            inflate(flate2::read::ZlibDecoder::new(bytes), cap, "deflate")
                .or_else(|_| inflate(flate2::read::DeflateDecoder::new(bytes), cap, "deflate"))
        }
        "deflate" => inflate(flate2::read::DeflateDecoder::new(bytes), cap, "deflate"),
        "br" => inflate(brotli::Decompressor::new(bytes, 64 * 1024), cap, "br"),
        // The header says gzip but the bytes are not: stored already decoded.
        "gzip" | "x-gzip" => capped_copy(bytes, cap),
        other => Err(PayloadError::UnknownEncoding(other.to_string())),
    }
}

fn capped_copy(bytes: &[u8], cap: usize) -> Result<Vec<u8>, PayloadError> {
    if bytes.len() > cap {
        return Err(PayloadError::TooLarge);
    }
    Ok(bytes.to_vec())
}

fn inflate(reader: impl Read, cap: usize, name: &str) -> Result<Vec<u8>, PayloadError> {
    let mut out = Vec::new();
    reader
        .take(cap as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| PayloadError::Corrupt(format!("{name} content: {e}")))?;
    if out.len() > cap {
        return Err(PayloadError::TooLarge);
    }
    Ok(out)
}

/// Undoes chunked transfer coding; `None` when `raw` does not open with a chunk-size
/// line (the archive stored it dechunked). A body cut inside a chunk keeps what arrived.
fn dechunk(raw: &[u8], cap: usize) -> Result<Option<Vec<u8>>, PayloadError> {
    let mut out = Vec::new();
    let mut rest = raw;
    let mut first = true;
    loop {
        let (start, size) = match httparse::parse_chunk_size(rest) {
            Ok(httparse::Status::Complete((start, size))) => (start, size),
            Ok(httparse::Status::Partial) if !first => break,
            _ if first => return Ok(None),
            _ => return Err(PayloadError::Corrupt("bad chunk-size line".into())),
        };
        first = false;
        if size == 0 {
            break;
        }
        let size = usize::try_from(size).unwrap_or(usize::MAX);
        let chunk = &rest[start..];
        let take = size.min(chunk.len());
        if out.len() + take > cap {
            return Err(PayloadError::TooLarge);
        }
        out.extend_from_slice(&chunk[..take]);
        if take < size {
            break;
        }
        rest = &chunk[take..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
    Ok(Some(out))
}

/// The media type (lower case, no parameters) and the charset parameter of a
/// `Content-Type` value; a charset label the Encoding Standard does not know is dropped,
/// so the decoder sniffs instead of failing.
pub fn media_type(content_type: &str) -> (String, Option<String>) {
    let mut parts = content_type.split(';');
    let mime = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, v)| v.trim().trim_matches(['"', '\'']).to_string())
        .filter(|label| encoding_rs::Encoding::for_label(label.as_bytes()).is_some());
    (mime, charset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn response(head: &str, payload: &[u8]) -> Vec<u8> {
        let mut v = format!("HTTP/1.1 200 OK\r\n{head}\r\n").into_bytes();
        v.extend_from_slice(payload);
        v
    }

    fn decoded(head: &str, payload: &[u8]) -> Result<Vec<u8>, PayloadError> {
        let body = response(head, payload);
        let res = parse_response(&body)?;
        super::payload(&body, &res, 1000)
    }

    #[test]
    fn chunked_and_gzip_are_undone() {
        let chunked = b"5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n";
        assert_eq!(
            decoded("Transfer-Encoding: chunked\r\n", chunked),
            Ok(b"hello world".to_vec())
        );
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<p>zipped</p>").expect("gzip");
        let gz = gz.finish().expect("gzip");
        assert_eq!(
            decoded("Content-Encoding: gzip\r\n", &gz),
            Ok(b"<p>zipped</p>".to_vec())
        );
        // Stored already decoded under the original header: taken as it is.
        assert_eq!(
            decoded(
                "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n",
                b"<p>x</p>"
            ),
            Ok(b"<p>x</p>".to_vec())
        );
    }

    #[test]
    fn deflate_both_ways_and_brotli() {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(b"zlib body").expect("zlib");
        assert_eq!(
            decoded("Content-Encoding: deflate\r\n", &z.finish().expect("zlib")),
            Ok(b"zlib body".to_vec())
        );
        let mut d = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        d.write_all(b"raw deflate body").expect("deflate");
        assert_eq!(
            decoded(
                "Content-Encoding: deflate\r\n",
                &d.finish().expect("deflate")
            ),
            Ok(b"raw deflate body".to_vec())
        );
        let mut br = Vec::new();
        brotli::CompressorWriter::new(&mut br, 4096, 5, 22)
            .write_all(b"brotli body")
            .expect("br");
        assert_eq!(
            decoded("Content-Encoding: br\r\n", &br),
            Ok(b"brotli body".to_vec())
        );
    }

    #[test]
    fn caps_and_unknown_codings() {
        assert_eq!(decoded("", &[b'a'; 1001]), Err(PayloadError::TooLarge));
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&[b'a'; 100_000]).expect("gzip");
        assert_eq!(
            decoded("Content-Encoding: gzip\r\n", &gz.finish().expect("gzip")),
            Err(PayloadError::TooLarge)
        );
        assert_eq!(
            decoded("Content-Encoding: compress\r\n", b"x"),
            Err(PayloadError::UnknownEncoding("compress".into()))
        );
        assert!(matches!(
            parse_response(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"),
            Err(PayloadError::BadHead(_))
        ));
    }

    #[test]
    fn media_type_and_charset() {
        assert_eq!(
            media_type("Text/HTML; Charset=\"ISO-8859-1\""),
            ("text/html".to_string(), Some("ISO-8859-1".to_string()))
        );
        assert_eq!(
            media_type("text/html; charset=bogus"),
            ("text/html".to_string(), None)
        );
    }
}
