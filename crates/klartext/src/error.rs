//! Errors a caller can see. Bad input gets one of these, never a panic.

use thiserror::Error;

/// Why a document could not be extracted.
#[derive(Debug, Error)]
pub enum Error {
    /// The input is larger than [`crate::Limits::max_input_bytes`].
    #[error("input of {size} bytes exceeds the limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    /// The caller named a charset that no encoding standard knows.
    #[error("unknown charset {0:?}")]
    UnknownCharset(String),
    /// The bytes are no text: a binary file's signature, or NUL and control bytes.
    #[error("not text: looks like {0}")]
    NotText(&'static str),
    /// The time budget was spent before parsing could start (decoding alone took it).
    #[error("time budget of {0:?} exceeded")]
    Timeout(std::time::Duration),
}
