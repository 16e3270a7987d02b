//! Decoding: bytes to text the way browsers do it.
//!
//! Rules in order: byte-order mark, the charset the caller passes, the `<meta>` prescan of
//! the first bytes, valid UTF-8, chardetng on a capped prefix, windows-1252. The rule that
//! decided is recorded so a wrong decode can be traced.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

use crate::Error;

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
pub fn decode<'a>(bytes: &'a [u8], declared: Option<&str>) -> Result<Decoded<'a>, Error> {
    // Placeholder until the full browser order lands: UTF-8, else windows-1252.
    let _ = declared;
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: Cow::Borrowed(s),
            encoding: UTF_8,
            rule: DecodeRule::ValidUtf8,
        }),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok(Decoded {
                text,
                encoding: encoding_rs::WINDOWS_1252,
                rule: DecodeRule::Fallback,
            })
        }
    }
}
