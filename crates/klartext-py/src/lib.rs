//! The klartext Python module: a thin layer over [`klartext::extract`].
//!
//! The crate has two halves. [`settings`], [`batch`] and [`warc`] are plain Rust: they turn
//! the arguments a Python caller gives (input kind, output format, reference time, charset)
//! into [`klartext::Options`], extract many documents in parallel with rayon, and read the
//! pages of a WARC file in parallel batches. They are what `cargo test` checks, on any
//! machine. `bindings` (behind the `python` feature, which
//! maturin turns on) is the pyo3 glue: argument conversion, the GIL released around the
//! work, Rust errors as Python exceptions, articles as Python dicts.
//!
//! The Python package around the extension (`python/klartext/`) adds the trafilatura
//! drop-in (`klartext.compat.trafilatura`) and the Spark job (`klartext.spark`).

pub mod batch;
pub mod settings;
pub mod warc;

#[cfg(feature = "python")]
mod bindings;
