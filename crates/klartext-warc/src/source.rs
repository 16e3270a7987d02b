//! The bytes under the records: a WARC file as a stream of decompressed bytes.
//!
//! The compression is told from the first bytes, never from the file name (so standard
//! input works too): gzip (one member per record, the usual `.warc.gz`, or one member for
//! the whole file), zstd (`.warc.zst`, with or without the dictionary that the IIPC zstd
//! WARC layout stores in a leading skippable frame), or none. Everything is read through
//! fixed buffers; nothing is read whole.
//!
//! Compressed files are read one member at a time — a gzip member, or a zstd frame — so
//! that every position can be told as a place in the file. Offsets:
//! [`Source::file_offset`] maps a position in the decompressed stream to an offset a user
//! can seek to in the file: in a plain file the position itself; in a compressed one the
//! start of the member holding it, and how far into that member's decompressed bytes it
//! lies (0 for the usual one record per member, `.warc.gz` and per-record `.warc.zst`).
//! A member whose decompression fails is remembered ([`Source::damage`]): that is where
//! the damage is, whatever position the reader above had reached.

use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader, Read};

/// The largest zstd dictionary accepted (Common Crawl's are about 100 KiB).
const MAX_DICTIONARY: u64 = 16 << 20;
/// Member starts remembered for offset lookups (older ones are dropped first).
const MAX_MEMBERS: usize = 4096;
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];
/// The skippable frame the zstd WARC layout keeps its dictionary in.
const ZSTD_DICT_FRAME: [u8; 4] = [0x5d, 0x2a, 0x4d, 0x18];

/// How the file is compressed, as told from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

/// A `BufRead` that counts the bytes consumed from it: the position in the file.
pub(crate) struct Counted<R> {
    inner: R,
    pos: u64,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt);
    }
}

type Raw = Counted<BufReader<Box<dyn Read + Send>>>;

/// One gzip member or one zstd frame being decompressed.
enum Member {
    Gzip(Box<flate2::bufread::GzDecoder<Raw>>),
    Zstd(Box<zstd::stream::read::Decoder<'static, Raw>>),
}

impl Member {
    fn raw(&self) -> &Raw {
        match self {
            Member::Gzip(m) => m.get_ref(),
            Member::Zstd(m) => m.get_ref(),
        }
    }

    /// The file reader, positioned just after this member.
    fn into_raw(self) -> Raw {
        match self {
            Member::Gzip(m) => m.into_inner(),
            Member::Zstd(m) => m.finish(),
        }
    }

    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Member::Gzip(m) => m.read(buf),
            Member::Zstd(m) => m.read(buf),
        }
    }
}

enum Decoder {
    Plain(Raw),
    /// The member being read, or `None` between members (and at the end); `rest` holds
    /// the file reader between members.
    Members {
        member: Option<Member>,
        rest: Option<Raw>,
    },
}

/// The decompressed bytes of one WARC file, with the file position of each member.
pub struct Source {
    decoder: Decoder,
    compression: Compression,
    /// The zstd dictionary every frame is decoded with (empty: none).
    dictionary: Vec<u8>,
    /// Bytes handed out so far (the decompressed position).
    out_pos: u64,
    /// `(decompressed start, file offset)` of the recent members, oldest first.
    members: VecDeque<(u64, u64)>,
    /// File bytes consumed when the last member ended (for [`Source::file_position`]).
    last_file_pos: u64,
    /// The file offset of the member (or, in a plain file, the position) where reading
    /// failed.
    damage: Option<u64>,
}

impl Source {
    /// Opens a stream, telling its compression from the first bytes.
    ///
    /// Errors: reading fails, or a zstd dictionary frame is malformed or too large.
    pub fn new(reader: Box<dyn Read + Send>) -> io::Result<Source> {
        let mut raw = Counted {
            inner: BufReader::with_capacity(256 * 1024, reader),
            pos: 0,
        };
        let head = fill_at_least(&mut raw, 4)?;
        let compression = if head.starts_with(&GZIP_MAGIC) {
            Compression::Gzip
        } else if head.starts_with(&ZSTD_MAGIC) || head.starts_with(&ZSTD_DICT_FRAME) {
            Compression::Zstd
        } else {
            Compression::None
        };
        let mut dictionary = Vec::new();
        let decoder = match compression {
            Compression::None => Decoder::Plain(raw),
            Compression::Gzip | Compression::Zstd => {
                if compression == Compression::Zstd {
                    dictionary = zstd_dictionary(&mut raw)?;
                }
                Decoder::Members {
                    member: None,
                    rest: Some(raw),
                }
            }
        };
        Ok(Source {
            decoder,
            compression,
            dictionary,
            out_pos: 0,
            members: VecDeque::new(),
            last_file_pos: 0,
            damage: None,
        })
    }

    /// The compression told from the first bytes.
    pub fn compression(&self) -> Compression {
        self.compression
    }

    /// File bytes read so far (compressed bytes for a compressed file), for progress.
    pub fn file_position(&self) -> u64 {
        match &self.decoder {
            Decoder::Plain(raw) => raw.pos,
            Decoder::Members {
                member: Some(m), ..
            } => m.raw().pos,
            Decoder::Members { rest: Some(r), .. } => r.pos,
            Decoder::Members { .. } => self.last_file_pos,
        }
    }

    /// Where decompressed position `pos` lies in the file: `(offset, within)`, the file
    /// offset of the member holding it and the decompressed bytes before it in that
    /// member; in a plain file `(pos, 0)`. Also forgets the members before that one, so
    /// positions must be asked for in increasing order.
    pub fn file_offset(&mut self, pos: u64) -> (u64, u64) {
        if self.compression == Compression::None {
            return (pos, 0);
        }
        while self.members.len() > 1 && self.members[1].0 <= pos {
            self.members.pop_front();
        }
        match self.members.front() {
            Some(&(start, file)) if start <= pos => (file, pos - start),
            // Older than every member remembered (not reached by in-order lookups).
            _ => (0, pos),
        }
    }

    /// The file offset of the member whose decompression failed (in a plain file, the
    /// position where reading failed); `None` while nothing has failed.
    pub fn damage(&self) -> Option<u64> {
        self.damage
    }

    fn read_members(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let Decoder::Members { member, rest } = &mut self.decoder else {
            return Ok(0);
        };
        loop {
            if let Some(m) = member {
                let n = m.read(buf)?;
                if n > 0 || buf.is_empty() {
                    return Ok(n);
                }
                // The member ended: the next one starts at the reader's position.
                *rest = member.take().map(Member::into_raw);
            }
            let Some(mut raw) = rest.take() else {
                return Ok(0);
            };
            self.last_file_pos = raw.pos;
            if raw.fill_buf()?.is_empty() {
                return Ok(0);
            }
            if self.members.len() == MAX_MEMBERS {
                self.members.pop_front();
            }
            self.members.push_back((self.out_pos, raw.pos));
            *member = Some(match self.compression {
                Compression::Zstd => Member::Zstd(Box::new(zstd_frame(raw, &self.dictionary)?)),
                _ => Member::Gzip(Box::new(flate2::bufread::GzDecoder::new(raw))),
            });
        }
    }
}

impl Read for Source {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let read = match &mut self.decoder {
            Decoder::Plain(raw) => raw.read(buf),
            Decoder::Members { .. } => self.read_members(buf),
        };
        match read {
            Ok(n) => {
                self.out_pos += n as u64;
                Ok(n)
            }
            Err(err) => {
                if self.damage.is_none() {
                    self.damage = Some(match self.members.back() {
                        Some(&(_, file)) if self.compression != Compression::None => file,
                        _ => self.file_position(),
                    });
                }
                Err(err)
            }
        }
    }
}

/// Peeks at least `n` bytes (fewer only at the end of the stream) without consuming them.
fn fill_at_least(raw: &mut Raw, n: usize) -> io::Result<Vec<u8>> {
    // BufReader refills only when empty, so a short first read is topped up by hand.
    let buf = raw.inner.fill_buf()?;
    if buf.len() >= n || buf.is_empty() {
        return Ok(buf[..buf.len().min(n)].to_vec());
    }
    let mut head = buf.to_vec();
    let got = head.len();
    raw.inner.consume(got);
    let mut more = vec![0; n - got];
    let mut filled = 0;
    while filled < more.len() {
        match raw.inner.read(&mut more[filled..])? {
            0 => break,
            k => filled += k,
        }
    }
    head.extend_from_slice(&more[..filled]);
    // Put the bytes back in front of the rest of the stream.
    let rest = std::mem::replace(
        &mut raw.inner,
        BufReader::new(Box::new(io::empty()) as Box<dyn Read + Send>),
    );
    let chained: Box<dyn Read + Send> = Box::new(io::Cursor::new(head.clone()).chain(rest));
    raw.inner = BufReader::with_capacity(256 * 1024, chained);
    Ok(head)
}

/// The dictionary of a zstd WARC (IIPC zstd WARC layout: a leading skippable frame
/// `0x184D2A5D` holding it, itself possibly zstd-compressed), consumed from `raw`; empty
/// when the file has none.
fn zstd_dictionary(raw: &mut Raw) -> io::Result<Vec<u8>> {
    let head = fill_at_least(raw, 8)?;
    if !head.starts_with(&ZSTD_DICT_FRAME) {
        return Ok(Vec::new());
    }
    let size = head
        .get(4..8)
        .and_then(|b| b.try_into().ok())
        .map(u32::from_le_bytes)
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "zstd dictionary frame cut short",
            )
        })?;
    if u64::from(size) > MAX_DICTIONARY {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("zstd dictionary of {size} bytes (limit {MAX_DICTIONARY})"),
        ));
    }
    raw.consume(8);
    let mut dict = Vec::with_capacity(size as usize);
    raw.take(u64::from(size)).read_to_end(&mut dict)?;
    if dict.len() < size as usize {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "zstd dictionary frame cut short",
        ));
    }
    if dict.starts_with(&ZSTD_MAGIC) {
        let mut plain = Vec::new();
        zstd::stream::read::Decoder::new(dict.as_slice())?
            .take(MAX_DICTIONARY + 1)
            .read_to_end(&mut plain)?;
        if plain.len() as u64 > MAX_DICTIONARY {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "zstd dictionary too large",
            ));
        }
        dict = plain;
    }
    Ok(dict)
}

/// A decoder for the one zstd frame `raw` stands at, with the file's dictionary (if any);
/// it stops at the frame's end and leaves `raw` just after it.
fn zstd_frame(
    raw: Raw,
    dictionary: &[u8],
) -> io::Result<zstd::stream::read::Decoder<'static, Raw>> {
    let mut d = if dictionary.is_empty() {
        zstd::stream::read::Decoder::with_buffer(raw)?
    } else {
        zstd::stream::read::Decoder::with_dictionary(raw, dictionary)?
    };
    d.window_log_max(31)?;
    Ok(d.single_frame())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn read_all(bytes: Vec<u8>) -> (Compression, Vec<u8>) {
        let mut s = Source::new(Box::new(io::Cursor::new(bytes))).expect("open");
        let mut out = Vec::new();
        s.read_to_end(&mut out).expect("read");
        (s.compression(), out)
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).expect("gzip");
        e.finish().expect("gzip")
    }

    #[test]
    fn plain_gzip_members_and_zstd_read_the_same() {
        let (c, out) = read_all(b"abc".to_vec());
        assert_eq!((c, out.as_slice()), (Compression::None, &b"abc"[..]));
        let mut members = gzip(b"first ");
        members.extend(gzip(b"second"));
        let (c, out) = read_all(members);
        assert_eq!(
            (c, out.as_slice()),
            (Compression::Gzip, &b"first second"[..])
        );
        let z = zstd::stream::encode_all(&b"zstd bytes"[..], 3).expect("zstd");
        let (c, out) = read_all(z);
        assert_eq!((c, out.as_slice()), (Compression::Zstd, &b"zstd bytes"[..]));
    }

    #[test]
    fn member_starts_map_to_file_offsets() {
        let a = gzip(b"0123456789");
        let len_a = a.len() as u64;
        let mut bytes = a;
        bytes.extend(gzip(b"abcdef"));
        let mut s = Source::new(Box::new(io::Cursor::new(bytes))).expect("open");
        let mut out = Vec::new();
        s.read_to_end(&mut out).expect("read");
        assert_eq!(s.file_offset(0), (0, 0));
        assert_eq!(
            s.file_offset(5),
            (0, 5),
            "inside a member: its start, and how far in"
        );
        assert_eq!(s.file_offset(10), (len_a, 0));
        assert_eq!(s.file_offset(12), (len_a, 2));
    }

    #[test]
    fn zstd_frames_are_members_too() {
        let a = zstd::stream::encode_all(&b"0123456789"[..], 3).expect("zstd");
        let len_a = a.len() as u64;
        let mut bytes = a;
        bytes.extend(zstd::stream::encode_all(&b"abcdef"[..], 3).expect("zstd"));
        let mut s = Source::new(Box::new(io::Cursor::new(bytes))).expect("open");
        let mut out = Vec::new();
        s.read_to_end(&mut out).expect("read");
        assert_eq!(out, b"0123456789abcdef");
        assert_eq!(s.file_offset(10), (len_a, 0));
    }

    #[test]
    fn the_damaged_member_is_remembered() {
        let whole = gzip(b"whole member");
        let start = whole.len() as u64;
        let mut bytes = whole;
        bytes.extend(&gzip(&[b'x'; 5000])[..20]);
        let mut s = Source::new(Box::new(io::Cursor::new(bytes))).expect("open");
        assert_eq!(s.damage(), None);
        let mut out = Vec::new();
        assert!(s.read_to_end(&mut out).is_err());
        assert_eq!(s.damage(), Some(start));
    }

    #[test]
    fn zstd_with_a_dictionary_frame() {
        let samples: Vec<Vec<u8>> = (0..200)
            .map(|i| format!("WARC/1.1\r\nWARC-Type: response\r\nN: {i}\r\n").into_bytes())
            .collect();
        let dict = zstd::dict::from_samples(&samples, 4096).expect("dictionary");
        let mut enc = zstd::bulk::Compressor::with_dictionary(3, &dict).expect("compressor");
        let frame = enc
            .compress(b"WARC/1.1\r\nWARC-Type: response\r\n")
            .expect("compress");
        let mut bytes = ZSTD_DICT_FRAME.to_vec();
        bytes.extend((dict.len() as u32).to_le_bytes());
        bytes.extend(&dict);
        bytes.extend(frame);
        let (c, out) = read_all(bytes);
        assert_eq!(c, Compression::Zstd);
        assert_eq!(out, b"WARC/1.1\r\nWARC-Type: response\r\n");
    }

    #[test]
    fn a_cut_gzip_member_is_an_error_not_a_hang() {
        let mut bytes = gzip(b"whole member");
        bytes.extend(&gzip(&[b'x'; 5000])[..20]);
        let mut s = Source::new(Box::new(io::Cursor::new(bytes))).expect("open");
        let mut out = Vec::new();
        assert!(s.read_to_end(&mut out).is_err());
    }
}
