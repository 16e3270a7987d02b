//! WARC records as they lie in the stream: the header block, then `Content-Length` bytes.
//!
//! [`RecordReader::next_head`] reads one header block (WARC/1.0 or WARC/1.1, at most
//! [`MAX_HEAD`] bytes), after skipping the blank lines between records. A block that does
//! not parse is reported with its offset, and the reader then looks for the next line that
//! opens a record (`WARC/1.x`), so one corrupt record costs only itself. The body is then
//! either read ([`RecordReader::read_body`], bounded by the caller's cap) or skipped
//! ([`RecordReader::skip_body`]) without being held.

use std::io::{self, BufRead, Read};

/// The largest WARC header block read.
pub const MAX_HEAD: usize = 64 * 1024;

/// One WARC header block, with where it started.
#[derive(Debug, Clone, Default)]
pub struct Head {
    /// Position of the `WARC/` line in the decompressed stream.
    pub pos: u64,
    /// `(name, value)` in file order; names as written.
    pub fields: Vec<(String, String)>,
    pub content_length: u64,
}

impl Head {
    /// The first field of that name (ASCII case-insensitive), trimmed.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What went wrong at a header block.
#[derive(Debug)]
pub enum HeadError {
    /// Reading or decompressing failed at the block that starts at `pos` (its `WARC/`
    /// line, or the end of the record before when no line of it was read); nothing after
    /// this point can be trusted.
    Io { pos: u64, err: io::Error },
    /// The block is malformed; the reader has moved on to the next record start.
    Malformed { pos: u64, reason: String },
}

/// Reads records from a decompressed stream, counting the position.
pub struct RecordReader<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> RecordReader<R> {
    pub fn new(inner: R) -> Self {
        RecordReader { inner, pos: 0 }
    }

    pub fn get_ref(&self) -> &R {
        &self.inner
    }

    pub fn get_mut(&mut self) -> &mut R {
        &mut self.inner
    }

    /// The next header block; `Ok(None)` at the clean end of the stream.
    pub fn next_head(&mut self) -> Result<Option<Head>, HeadError> {
        let begin = self.pos;
        let mut line = Vec::new();
        // Blank lines between records (the record's closing CRLF CRLF) are skipped.
        let start = loop {
            let at = self.pos;
            let read = self.read_line(&mut line, MAX_HEAD);
            if read.map_err(|err| HeadError::Io { pos: begin, err })? == 0 {
                return Ok(None);
            }
            if !trim_eol(&line).is_empty() {
                break at;
            }
        };
        let io = |err| HeadError::Io { pos: start, err };
        let first = String::from_utf8_lossy(trim_eol(&line)).into_owned();
        match first.strip_prefix("WARC/") {
            Some("1.0" | "1.1") => {}
            Some(v) => return self.resync(start, format!("unsupported WARC version {v:?}")),
            None => return self.resync(start, "no WARC record starts here".to_string()),
        }
        let mut head = Head {
            pos: start,
            ..Head::default()
        };
        let mut size = line.len();
        loop {
            let n = self.read_line(&mut line, MAX_HEAD - size).map_err(io)?;
            size += n;
            if n == 0 {
                return Err(io(cut_short("the WARC header block")));
            }
            if line.last() != Some(&b'\n') {
                return self.resync(start, format!("WARC header block over {MAX_HEAD} bytes"));
            }
            let text = trim_eol(&line);
            if text.is_empty() {
                break;
            }
            let text = String::from_utf8_lossy(text);
            if text.starts_with([' ', '\t']) {
                // A folded continuation line (WARC/1.0 allows it).
                if let Some((_, v)) = head.fields.last_mut() {
                    v.push(' ');
                    v.push_str(text.trim());
                }
                continue;
            }
            match text.split_once(':') {
                Some((n, v)) => head
                    .fields
                    .push((n.trim().to_string(), v.trim().to_string())),
                None => return self.resync(start, format!("header line without ':' ({text:.60})")),
            }
        }
        match head.get("Content-Length").map(|v| v.parse::<u64>()) {
            Some(Ok(n)) => head.content_length = n,
            _ => return self.resync(start, "no valid Content-Length".to_string()),
        }
        Ok(Some(head))
    }

    /// Reads the body of `head` whole (the caller has checked its size against the cap).
    /// A body cut short by the end of the stream is an `UnexpectedEof` error.
    pub fn read_body(&mut self, head: &Head) -> io::Result<Vec<u8>> {
        let len = head.content_length;
        let mut body = Vec::with_capacity(len.min(1 << 20) as usize);
        (&mut self.inner).take(len).read_to_end(&mut body)?;
        self.pos += body.len() as u64;
        if (body.len() as u64) < len {
            return Err(cut_short("the record body"));
        }
        Ok(body)
    }

    /// Reads past the body of `head` without keeping it.
    pub fn skip_body(&mut self, head: &Head) -> io::Result<()> {
        let len = head.content_length;
        let n = io::copy(&mut (&mut self.inner).take(len), &mut io::sink())?;
        self.pos += n;
        if n < len {
            return Err(cut_short("the record body"));
        }
        Ok(())
    }

    /// Reports the malformed block at `start`, then moves to the next line that opens a
    /// record (`WARC/1.`), leaving it unread.
    fn resync(&mut self, start: u64, reason: String) -> Result<Option<Head>, HeadError> {
        let err = HeadError::Malformed { pos: start, reason };
        loop {
            let buf = match self.inner.fill_buf() {
                Ok(b) => b,
                Err(_) => return Err(err),
            };
            if buf.is_empty() {
                return Err(err);
            }
            // The reader stands at a line start, the only place a record can open. (A
            // record start split by the buffer's edge is missed; the next one is found.)
            if buf.starts_with(b"WARC/1.") {
                return Err(err);
            }
            let mut line = Vec::new();
            match self.read_line(&mut line, MAX_HEAD) {
                Ok(0) | Err(_) => return Err(err),
                Ok(_) => {}
            }
        }
    }

    /// Reads one line (through `\n`) into `line`, at most `cap` bytes; returns the bytes read.
    fn read_line(&mut self, line: &mut Vec<u8>, cap: usize) -> io::Result<usize> {
        line.clear();
        let n = (&mut self.inner).take(cap as u64).read_until(b'\n', line)?;
        self.pos += n as u64;
        Ok(n)
    }
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn cut_short(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::UnexpectedEof,
        format!("the file ends inside {what} (truncated)"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, body: &str) -> String {
        format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
            body.len()
        )
    }

    #[test]
    fn reads_heads_and_bodies_in_turn() {
        let data = record("resource", "hello") + &record("warcinfo", "x: y");
        let mut r = RecordReader::new(data.as_bytes());
        let h = r.next_head().ok().flatten().expect("first head");
        assert_eq!((h.pos, h.get("warc-type")), (0, Some("resource")));
        assert_eq!(r.read_body(&h).expect("body"), b"hello");
        let h = r.next_head().ok().flatten().expect("second head");
        assert_eq!(h.pos, record("resource", "hello").len() as u64);
        r.skip_body(&h).expect("skip");
        assert!(matches!(r.next_head(), Ok(None)));
    }

    #[test]
    fn a_corrupt_record_is_reported_and_the_next_one_found() {
        let data = format!("garbage line\r\nmore\r\n{}", record("resource", "ok"));
        let mut r = RecordReader::new(data.as_bytes());
        match r.next_head() {
            Err(HeadError::Malformed { pos, .. }) => assert_eq!(pos, 0),
            other => panic!("expected a malformed head, got {other:?}"),
        }
        let h = r
            .next_head()
            .ok()
            .flatten()
            .expect("the record after the damage");
        assert_eq!(r.read_body(&h).expect("body"), b"ok");
    }

    #[test]
    fn a_body_cut_short_is_an_eof_error() {
        let data = "WARC/1.0\r\nContent-Length: 100\r\n\r\nshort";
        let mut r = RecordReader::new(data.as_bytes());
        let h = r.next_head().ok().flatten().expect("head");
        let err = r.read_body(&h).expect_err("cut short");
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
    }

    #[test]
    fn an_endless_header_line_is_capped() {
        let data = format!("WARC/1.0\r\nX: {}", "a".repeat(MAX_HEAD * 2));
        let mut r = RecordReader::new(data.as_bytes());
        assert!(matches!(r.next_head(), Err(HeadError::Malformed { .. })));
    }
}
