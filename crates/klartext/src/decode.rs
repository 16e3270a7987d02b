//! Decoding: bytes to text the way browsers do it.
//!
//! Rules in order, the first that applies decides:
//!
//! 1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE);
//! 2. the charset the caller passes (an HTTP `Content-Type` header, say); an unknown label
//!    is an error ([`Error::UnknownCharset`]);
//! 3. the `<meta charset>` / `<meta http-equiv="Content-Type">` prescan of the first
//!    1024 bytes, after the WHATWG HTML prescan algorithm (a UTF-16 declaration there
//!    means UTF-8, `x-user-defined` means windows-1252);
//! 4. the bytes are valid UTF-8 (then the text borrows the input, no copy);
//! 5. chardetng on a capped prefix;
//! 6. windows-1252 when the detector has no real signal.
//!
//! Labels are resolved by the WHATWG Encoding Standard (encoding_rs), so `iso-8859-1`
//! and `us-ascii` decode as windows-1252, as in every browser. When a declaration names an
//! encoding the bytes do not fit (UTF-8 declared, Latin-1 bytes), the declaration still
//! wins and bad sequences become U+FFFD: that is what a reader of the page sees too.
//! Labels that the standard maps to the *replacement* encoding (ISO-2022-KR, HZ-GB-2312,
//! …) are ignored rather than turning the whole page into one U+FFFD.
//!
//! The rule that decided is recorded so a wrong decode can be traced.
//!
//! Bytes that are no text at all are refused before any of this ([`binary_kind`], after
//! the byte-order mark): a file signature (PDF, images, archives, executables), or many
//! NUL and control bytes, which no text encoding but UTF-16 produces. The refusal is
//! [`Error::NotText`], so a caller gets "not text: looks like PDF" rather than garbage.

use std::borrow::Cow;

use chardetng::EncodingDetector;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};

use crate::Error;

/// How many bytes the `<meta>` prescan looks at (the HTML standard's number).
pub const PRESCAN_BYTES: usize = 1024;

/// How many bytes the statistical detector is fed at most.
pub const DETECT_BYTES: usize = 64 * 1024;

/// Which rule chose the encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeRule {
    ByteOrderMark,
    Declared,
    MetaPrescan,
    ValidUtf8,
    Detected,
    Fallback,
}

/// Text decoded from bytes, with the encoding and the rule that chose it.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static Encoding,
    pub rule: DecodeRule,
}

impl Decoded<'_> {
    /// A short description such as `UTF-8 (valid-utf8)`.
    pub fn describe(&self) -> String {
        let rule = match self.rule {
            DecodeRule::ByteOrderMark => "bom",
            DecodeRule::Declared => "declared",
            DecodeRule::MetaPrescan => "meta",
            DecodeRule::ValidUtf8 => "valid-utf8",
            DecodeRule::Detected => "detected",
            DecodeRule::Fallback => "fallback",
        };
        format!("{} ({rule})", self.encoding.name())
    }
}

/// Decodes `bytes`, honouring a charset declared outside the document.
///
/// `declared` is a WHATWG encoding label such as `"utf-8"` or `"ISO-8859-1"`; surrounding
/// whitespace is ignored and an empty label counts as none. A label no standard knows is
/// refused with [`Error::UnknownCharset`] even when a byte-order mark would have decided,
/// so a caller's typo does not go unnoticed.
pub fn decode<'a>(bytes: &'a [u8], declared: Option<&str>) -> Result<Decoded<'a>, Error> {
    let declared = match declared.map(str::trim).filter(|l| !l.is_empty()) {
        None => None,
        Some(label) => match Encoding::for_label(label.as_bytes()) {
            None => return Err(Error::UnknownCharset(label.to_string())),
            Some(enc) if enc == encoding_rs::REPLACEMENT => None,
            Some(enc) => Some(enc),
        },
    };

    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        return Ok(with(encoding, rest, DecodeRule::ByteOrderMark));
    }
    if let Some(kind) = binary_kind(bytes, declared) {
        return Err(Error::NotText(kind));
    }
    if let Some(encoding) = declared {
        return Ok(with(encoding, bytes, DecodeRule::Declared));
    }
    if let Some(encoding) = prescan(bytes) {
        return Ok(with(encoding, bytes, DecodeRule::MetaPrescan));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: UTF_8,
            rule: DecodeRule::ValidUtf8,
        });
    }
    let (encoding, rule) = detect(bytes);
    Ok(with(encoding, bytes, rule))
}

/// File signatures at the start of the bytes, and what they say the file is.
const SIGNATURES: [(&[u8], &str); 13] = [
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1F\x8B", "gzip-compressed data"),
    (b"\x28\xB5\x2F\xFD", "zstd-compressed data"),
    (b"BZh91AY&SY", "bzip2-compressed data"),
    (b"\xFD7zXZ\x00", "xz-compressed data"),
    (b"\x7FELF", "an executable"),
    (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "an old office document",
    ),
    (b"\x00\x00\x01\x00", "an icon"),
];

/// At least this many control bytes, and more than one in [`CONTROL_SHARE`] of the bytes
/// looked at, make the input binary. Random bytes hold one in ten; text pages none, or a
/// stray NUL or two.
const MIN_CONTROL_BYTES: usize = 8;
const CONTROL_SHARE: usize = 100;

/// 1 for the C0 controls that do not occur in text, 0 for every other byte.
static CONTROL: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        if !matches!(b, 0x09 | 0x0A | 0x0B | 0x0C | 0x0D | 0x1B) {
            table[b] = 1;
        }
        b += 1;
    }
    table
};

/// What the bytes are when they are no text: a file signature's kind, or binary data
/// (many NUL and control bytes in the first [`DETECT_BYTES`]; a declared UTF-16, whose
/// NULs are text, is let through). `None` for anything that may be text.
pub fn binary_kind(bytes: &[u8], declared: Option<&'static Encoding>) -> Option<&'static str> {
    if let Some((_, kind)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Some(kind);
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some("a WebP image");
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Some("a video or HEIF image");
    }
    if declared.is_some_and(|e| e == UTF_16LE || e == UTF_16BE) {
        return None;
    }
    let head = &bytes[..bytes.len().min(DETECT_BYTES)];
    // Tab, line feed, vertical tab, form feed, carriage return and escape (ISO-2022-JP)
    // occur in text; the other C0 controls do not.
    // A table lookup summed without branches (a filter with a `matches!` branched on
    // every byte).
    let control: usize = head
        .iter()
        .map(|&b| usize::from(CONTROL[usize::from(b)]))
        .sum();
    if control < MIN_CONTROL_BYTES || control * CONTROL_SHARE <= head.len() {
        return None;
    }
    let nul_at = |parity: usize| {
        head.iter()
            .enumerate()
            .filter(|&(i, &b)| b == 0 && i % 2 == parity)
            .count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    if even.max(odd) * 4 > head.len() && even.min(odd) * 20 < even.max(odd) {
        return Some(
            "UTF-16 text without a byte-order mark (pass its charset, utf-16le or utf-16be)",
        );
    }
    Some("binary data (NUL and control bytes)")
}

/// Decodes all of `bytes` (no BOM sniffing) as `encoding`, lossily. encoding_rs borrows
/// when it can: valid UTF-8 as UTF-8, pure ASCII in an ASCII-compatible encoding.
fn with<'a>(encoding: &'static Encoding, bytes: &'a [u8], rule: DecodeRule) -> Decoded<'a> {
    let (text, _had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text,
        encoding,
        rule,
    }
}

/// Runs chardetng over at most [`DETECT_BYTES`]. A guess that beat no other candidate is
/// no evidence, so it gives way to windows-1252.
fn detect(bytes: &[u8]) -> (&'static Encoding, DecodeRule) {
    let prefix = &bytes[..bytes.len().min(DETECT_BYTES)];
    let mut detector = EncodingDetector::new();
    // `last` only when the prefix is the whole input: a multi-byte sequence cut by the cap
    // must not count against UTF-8.
    detector.feed(prefix, prefix.len() == bytes.len());
    match detector.guess_assess(None, true) {
        (encoding, true) => (encoding, DecodeRule::Detected),
        (_, false) => (WINDOWS_1252, DecodeRule::Fallback),
    }
}

/// The WHATWG "prescan a byte stream to determine its encoding" over the first
/// [`PRESCAN_BYTES`]: finds the first `<meta>` that names a known encoding.
pub fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let input = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let mut p = Prescan { input, pos: 0 };
    p.run()
}

struct Prescan<'a> {
    input: &'a [u8],
    pos: usize,
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

impl Prescan<'_> {
    fn at(&self, offset: usize) -> Option<u8> {
        self.input.get(self.pos + offset).copied()
    }

    fn starts_with_ci(&self, pat: &[u8]) -> bool {
        self.input
            .get(self.pos..self.pos + pat.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(pat))
    }

    /// Moves to just past the next occurrence of `pat` (or to the end).
    fn skip_past(&mut self, pat: &[u8]) {
        let rest = &self.input[self.pos.min(self.input.len())..];
        self.pos = match rest.windows(pat.len()).position(|w| w == pat) {
            Some(i) => self.pos + i + pat.len(),
            None => self.input.len(),
        };
    }

    fn run(&mut self) -> Option<&'static Encoding> {
        while self.pos < self.input.len() {
            if self.starts_with_ci(b"<!--") {
                // The comment's own dashes may close it: `<!-->` is a whole comment.
                self.pos += 2;
                self.skip_past(b"-->");
                continue;
            }
            if self.starts_with_ci(b"<meta") && self.at(5).is_some_and(|b| is_space(b) || b == b'/')
            {
                self.pos += 6;
                if let Some(encoding) = self.meta() {
                    return Some(encoding);
                }
                continue;
            }
            let tag_start = match (self.at(0), self.at(1), self.at(2)) {
                (Some(b'<'), Some(b), _) if b.is_ascii_alphabetic() => Some(1),
                (Some(b'<'), Some(b'/'), Some(b)) if b.is_ascii_alphabetic() => Some(2),
                _ => None,
            };
            if let Some(skip) = tag_start {
                self.pos += skip;
                while self.at(0).is_some_and(|b| !is_space(b) && b != b'>') {
                    self.pos += 1;
                }
                while self.attribute().is_some() {}
                // Now at '>' (or the end); step over it.
                self.pos += 1;
                continue;
            }
            if matches!(
                (self.at(0), self.at(1)),
                (Some(b'<'), Some(b'!' | b'/' | b'?'))
            ) {
                self.pos += 2;
                self.skip_past(b">");
                continue;
            }
            self.pos += 1;
        }
        None
    }

    /// The attributes of one `<meta>`, turned into an encoding when they declare one.
    fn meta(&mut self) -> Option<&'static Encoding> {
        let mut seen: Vec<Vec<u8>> = Vec::new();
        let mut got_pragma = false;
        let mut need_pragma: Option<bool> = None;
        let mut charset: Option<&'static Encoding> = None;
        while let Some((name, value)) = self.attribute() {
            if seen.contains(&name) {
                continue;
            }
            match name.as_slice() {
                b"http-equiv" => got_pragma |= value == b"content-type",
                b"content" if charset.is_none() => {
                    if let Some(label) = charset_from_content(&value) {
                        if let Some(enc) = Encoding::for_label(label) {
                            charset = Some(enc);
                            need_pragma = Some(true);
                        }
                    }
                }
                b"charset" => {
                    charset = Encoding::for_label(&value);
                    need_pragma = Some(false);
                }
                _ => {}
            }
            seen.push(name);
        }
        match need_pragma {
            None => return None,
            Some(true) if !got_pragma => return None,
            _ => {}
        }
        let charset = charset?;
        Some(if charset == UTF_16LE || charset == UTF_16BE {
            UTF_8
        } else if charset == X_USER_DEFINED {
            WINDOWS_1252
        } else if charset == encoding_rs::REPLACEMENT {
            return None;
        } else {
            charset
        })
    }

    /// The WHATWG "get an attribute": the next attribute as (lower-cased name, value), or
    /// `None` at `>` or the end of the input. Leaves `pos` at the `>` that ends the tag.
    fn attribute(&mut self) -> Option<(Vec<u8>, Vec<u8>)> {
        while self.at(0).is_some_and(|b| is_space(b) || b == b'/') {
            self.pos += 1;
        }
        if self.at(0)? == b'>' {
            return None;
        }
        let mut name = Vec::new();
        let mut value = Vec::new();
        loop {
            match self.at(0)? {
                b'=' if !name.is_empty() => {
                    self.pos += 1;
                    break;
                }
                b if is_space(b) => {
                    while self.at(0).is_some_and(is_space) {
                        self.pos += 1;
                    }
                    if self.at(0)? != b'=' {
                        return Some((name, value));
                    }
                    self.pos += 1;
                    break;
                }
                b'/' | b'>' => return Some((name, value)),
                b => name.push(b.to_ascii_lowercase()),
            }
            self.pos += 1;
        }
        while self.at(0).is_some_and(is_space) {
            self.pos += 1;
        }
        match self.at(0)? {
            quote @ (b'"' | b'\'') => loop {
                self.pos += 1;
                match self.at(0)? {
                    b if b == quote => {
                        self.pos += 1;
                        return Some((name, value));
                    }
                    b => value.push(b.to_ascii_lowercase()),
                }
            },
            b'>' => return Some((name, value)),
            b => {
                value.push(b.to_ascii_lowercase());
                self.pos += 1;
            }
        }
        loop {
            match self.at(0) {
                // Cut off by the end of the prescan window: no attribute.
                None => return None,
                Some(b) if is_space(b) || b == b'>' => return Some((name, value)),
                Some(b) => value.push(b.to_ascii_lowercase()),
            }
            self.pos += 1;
        }
    }
}

/// The WHATWG "extract a character encoding from a meta element": the label after
/// `charset=` in a `content` value such as `text/html; charset=iso-8859-1`.
fn charset_from_content(content: &[u8]) -> Option<&[u8]> {
    let mut pos = 0;
    loop {
        let rest = content.get(pos..)?;
        let found = rest
            .windows(7)
            .position(|w| w.eq_ignore_ascii_case(b"charset"))?;
        pos += found + 7;
        while content.get(pos).copied().is_some_and(is_space) {
            pos += 1;
        }
        if content.get(pos) == Some(&b'=') {
            pos += 1;
            break;
        }
        // Not followed by '=': look for the next "charset" from here.
    }
    while content.get(pos).copied().is_some_and(is_space) {
        pos += 1;
    }
    let rest = content.get(pos..)?;
    match rest.first()? {
        &quote @ (b'"' | b'\'') => {
            let end = rest[1..].iter().position(|&b| b == quote)?;
            Some(&rest[1..1 + end])
        }
        _ => {
            let end = rest
                .iter()
                .position(|&b| is_space(b) || b == b';')
                .unwrap_or(rest.len());
            Some(&rest[..end])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GERMAN: &str = "Grüße aus Köln: Die Straße kostet 5 € mehr.";

    fn latin1_page(head: &str) -> Vec<u8> {
        let html = format!("<html><head>{head}<title>Köln</title></head><body><p>{GERMAN}</p><p>Über die Brücke gehen täglich Tausende Menschen, schöne Grüße.</p></body></html>");
        let (bytes, _, errors) = WINDOWS_1252.encode(&html);
        assert!(!errors);
        bytes.into_owned()
    }

    #[test]
    fn utf8_bom_decides_and_is_removed() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice("<p>Grüße</p>".as_bytes());
        let d = decode(&bytes, Some("windows-1252")).expect("decodes");
        assert_eq!(d.rule, DecodeRule::ByteOrderMark);
        assert_eq!(d.encoding, UTF_8);
        assert_eq!(d.text, "<p>Grüße</p>");
        assert_eq!(d.describe(), "UTF-8 (bom)");
    }

    #[test]
    fn utf16_with_bom_both_byte_orders() {
        let text = "<p>Grüße aus Köln €</p>";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        let d = decode(&le, None).expect("le");
        assert_eq!((d.encoding, d.rule), (UTF_16LE, DecodeRule::ByteOrderMark));
        assert_eq!(d.text, text);
        let d = decode(&be, None).expect("be");
        assert_eq!((d.encoding, d.rule), (UTF_16BE, DecodeRule::ByteOrderMark));
        assert_eq!(d.text, text);
    }

    #[test]
    fn declared_charset_beats_meta_and_utf8() {
        // Valid UTF-8 bytes, but the header says Latin-1: the header wins, as in browsers.
        let bytes = "<meta charset=utf-8><p>Grüße</p>".as_bytes();
        let d = decode(bytes, Some(" ISO-8859-1 ")).expect("decodes");
        assert_eq!(d.rule, DecodeRule::Declared);
        assert_eq!(d.encoding, WINDOWS_1252);
        assert!(d.text.contains("GrÃ¼ÃŸe"));
    }

    #[test]
    fn unknown_declared_label_is_an_error() {
        let err = decode(b"<p>x</p>", Some("klingon-8")).expect_err("unknown label");
        assert!(matches!(err, Error::UnknownCharset(ref l) if l == "klingon-8"));
        assert!(
            decode(b"x", Some("  ")).is_ok(),
            "blank label counts as none"
        );
    }

    #[test]
    fn latin1_german_page_declared_by_meta() {
        for head in [
            r#"<meta charset="iso-8859-1">"#,
            "<META CHARSET=latin1>",
            r#"<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">"#,
            r#"<meta content='text/html;charset="windows-1252"' http-equiv=content-type>"#,
        ] {
            let bytes = latin1_page(head);
            let d = decode(&bytes, None).expect("decodes");
            assert_eq!(d.rule, DecodeRule::MetaPrescan, "{head}");
            assert_eq!(d.encoding, WINDOWS_1252, "{head}");
            assert!(d.text.contains(GERMAN), "{head}: {}", d.text);
            assert!(!d.text.contains('\u{FFFD}') && !d.text.contains("Ã"));
        }
    }

    #[test]
    fn latin1_german_page_declared_by_header() {
        let bytes = latin1_page("");
        let d = decode(&bytes, Some("iso-8859-1")).expect("decodes");
        assert_eq!((d.encoding, d.rule), (WINDOWS_1252, DecodeRule::Declared));
        assert!(d.text.contains(GERMAN));
    }

    #[test]
    fn latin1_german_page_undeclared_is_detected() {
        let bytes = latin1_page("");
        let d = decode(&bytes, None).expect("decodes");
        assert_eq!(d.rule, DecodeRule::Detected);
        assert_eq!(d.encoding, WINDOWS_1252);
        assert!(d.text.contains(GERMAN), "{}", d.text);
        assert!(d.text.contains("Über die Brücke"));
    }

    #[test]
    fn valid_utf8_borrows() {
        let html = format!("<p>{GERMAN}</p>");
        let d = decode(html.as_bytes(), None).expect("decodes");
        assert_eq!((d.encoding, d.rule), (UTF_8, DecodeRule::ValidUtf8));
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert_eq!(d.describe(), "UTF-8 (valid-utf8)");
    }

    #[test]
    fn meta_utf8_on_valid_bytes_borrows_too() {
        let html = format!("<meta charset=utf-8><p>{GERMAN}</p>");
        let d = decode(html.as_bytes(), None).expect("decodes");
        assert_eq!((d.encoding, d.rule), (UTF_8, DecodeRule::MetaPrescan));
        assert!(matches!(d.text, Cow::Borrowed(_)));
    }

    #[test]
    fn meta_utf8_with_latin1_bytes_stays_utf8_like_a_browser() {
        let bytes = latin1_page(r#"<meta charset="utf-8">"#);
        let d = decode(&bytes, None).expect("decodes");
        assert_eq!((d.encoding, d.rule), (UTF_8, DecodeRule::MetaPrescan));
        assert!(d.text.contains("Gr\u{FFFD}\u{FFFD}e"));
    }

    #[test]
    fn meta_utf16_means_utf8_and_x_user_defined_means_1252() {
        let d = decode(b"<meta charset=utf-16le><p>x\xE9</p>", None).expect("decodes");
        assert_eq!((d.encoding, d.rule), (UTF_8, DecodeRule::MetaPrescan));
        let d = decode(b"<meta charset=x-user-defined><p>caf\xE9</p>", None).expect("decodes");
        assert_eq!(
            (d.encoding, d.rule),
            (WINDOWS_1252, DecodeRule::MetaPrescan)
        );
        assert!(d.text.contains("café"));
    }

    #[test]
    fn meta_after_1024_bytes_is_ignored() {
        let mut html = String::from("<html><head><title>x</title>");
        html.push_str(&"<!-- filler -->".repeat(80));
        assert!(html.len() > PRESCAN_BYTES);
        html.push_str(r#"<meta charset="koi8-r"></head><body><p>plain ascii</p></body></html>"#);
        let d = decode(html.as_bytes(), None).expect("decodes");
        assert_eq!(d.rule, DecodeRule::ValidUtf8);
        assert_eq!(prescan(html.as_bytes()), None);
    }

    #[test]
    fn prescan_skips_comments_and_other_tags_attributes() {
        let cases: &[(&[u8], Option<&'static Encoding>)] = &[
            (
                b"<!-- <meta charset=koi8-r> --><meta charset=utf-8>",
                Some(UTF_8),
            ),
            (
                b"<div title='<meta charset=koi8-r>'><meta charset=gbk>",
                Some(encoding_rs::GBK),
            ),
            (
                b"<meta http-equiv=refresh content='0; charset=koi8-r'>",
                None,
            ),
            (b"<meta content='text/html; charset=koi8-r'>", None),
            (
                b"<meta name=x><meta/charset=shift_jis>",
                Some(encoding_rs::SHIFT_JIS),
            ),
            (
                b"<meta charset=nonsense><meta charset=euc-kr>",
                Some(encoding_rs::EUC_KR),
            ),
            (b"<meta charset=\"utf-8", None),
            (b"<meta charset=utf-8", None),
            (b"<metacharset=utf-8>", None),
            (b"<meta charset=iso-2022-kr>", None),
        ];
        for (bytes, want) in cases {
            assert_eq!(prescan(bytes), *want, "{}", String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn charset_from_content_follows_the_standard() {
        assert_eq!(
            charset_from_content(b"text/html; charset=utf-8"),
            Some(&b"utf-8"[..])
        );
        assert_eq!(
            charset_from_content(b"text/html;charset = 'koi8-r' ;x"),
            Some(&b"koi8-r"[..])
        );
        assert_eq!(
            charset_from_content(b"charsetx; charset=gbk"),
            Some(&b"gbk"[..])
        );
        assert_eq!(charset_from_content(b"text/html; charset=\"utf-8"), None);
        assert_eq!(charset_from_content(b"text/html"), None);
    }

    #[test]
    fn no_signal_falls_back_to_windows_1252() {
        // A lone high byte in ASCII: nothing for the detector to go on.
        let d = decode(b"plain text \x80", None).expect("decodes");
        assert_eq!(d.encoding, WINDOWS_1252);
        assert!(matches!(
            d.rule,
            DecodeRule::Fallback | DecodeRule::Detected
        ));
        assert!(d.text.ends_with('€'));
    }

    #[test]
    fn garbage_bytes_do_not_panic() {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut bytes = Vec::with_capacity(200_000);
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            bytes.push(state as u8);
        }
        for end in [0, 1, 2, 3, 17, 1023, 1024, 1025, 70_000, bytes.len()] {
            match decode(&bytes[..end], None) {
                Ok(d) => assert!(end == 0 || !d.text.is_empty()),
                Err(Error::NotText(_)) => assert!(end >= 17),
                Err(other) => panic!("{other}"),
            }
        }
        // Truncated tags and attributes at the prescan boundary.
        for s in [
            &b"<"[..],
            b"<m",
            b"<meta",
            b"<meta ",
            b"<meta charset",
            b"<meta charset=",
            b"<!--",
            b"</",
            b"<a b='",
        ] {
            assert!(decode(s, None).is_ok());
            assert!(decode(s, Some("utf-16be")).is_ok());
        }
    }

    #[test]
    fn binary_input_is_refused_with_what_it_looks_like() {
        let not_text = |b: &[u8]| match decode(b, None) {
            Err(Error::NotText(kind)) => Some(kind),
            _ => None,
        };
        assert_eq!(not_text(b"%PDF-1.7\n%\xE2\xE3"), Some("PDF"));
        assert_eq!(
            not_text(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some("a PNG image")
        );
        assert_eq!(not_text(b"RIFF\0\0\0\0WEBPVP8 "), Some("a WebP image"));
        let random: Vec<u8> = (0u32..4096)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert_eq!(
            not_text(&random),
            Some("binary data (NUL and control bytes)")
        );
        let utf16: Vec<u8> = "<p>Hallo Welt, ein Satz.</p>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(not_text(&utf16).is_some_and(|k| k.starts_with("UTF-16")));
        assert!(decode(&utf16, Some("utf-16le")).is_ok());
        // A stray NUL or escape in a page is no reason to refuse it.
        assert_eq!(not_text(b"<p>Ein\0 Satz mit\0\0 Nullbytes.</p>"), None);
        assert_eq!(not_text(b"\x1b$B$3$s$K$A$O\x1b(B"), None);
        assert_eq!(not_text("Grüße aus Köln".as_bytes()), None);
    }
}
