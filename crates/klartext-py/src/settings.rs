//! What a Python caller asks for, checked and turned into [`klartext::Options`].
//!
//! Every function here returns a plain message on a bad argument; the bindings raise it as
//! `ValueError`, so a typo is reported before any document is read.

use klartext::{InputKind, Options};

/// What `extract` returns for one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A dict with the CLI's JSON field names.
    Dict,
    /// The CLI's JSON as one compact line.
    Json,
    /// The clean text.
    Text,
    /// The Markdown rendering.
    Markdown,
}

impl Format {
    /// Reads `"dict"`, `"json"`, `"text"` or `"markdown"`.
    pub fn parse(name: &str) -> Result<Format, String> {
        match name {
            "dict" => Ok(Format::Dict),
            "json" => Ok(Format::Json),
            "text" => Ok(Format::Text),
            "markdown" => Ok(Format::Markdown),
            other => Err(format!(
                "format must be \"dict\", \"json\", \"text\" or \"markdown\", not {other:?}"
            )),
        }
    }
}

/// Reads `"auto"`, `"html"` or `"text"`.
pub fn parse_input(name: &str) -> Result<InputKind, String> {
    match name {
        "auto" => Ok(InputKind::Auto),
        "html" => Ok(InputKind::Html),
        "text" => Ok(InputKind::Text),
        other => Err(format!(
            "input must be \"auto\", \"html\" or \"text\", not {other:?}"
        )),
    }
}

/// Reads a reference time given as text: seconds since 1970, or a date the way klartext
/// reads a page's dates ("2025-11-30", "2025-11-30T14:00:00Z"), as the CLI does.
pub fn parse_reference_time(value: &str) -> Result<i64, String> {
    let v = value.trim();
    // Eight digits could be a compact date; they are seconds only when no date reading fits.
    if let Ok(secs) = v.parse::<i64>() {
        if v.len() != 8 {
            return Ok(secs);
        }
    }
    klartext::metadata::dates::parse_value(v)
        .map(|d| d.timestamp())
        .ok_or_else(|| {
            format!("reference_time must be seconds since 1970 or a date like 2025-11-30, not {value:?}")
        })
}

/// Checks a charset label against the WHATWG Encoding Standard.
pub fn check_charset(label: &str) -> Result<(), String> {
    match klartext::decode::decode(b"", Some(label)) {
        Err(klartext::Error::UnknownCharset(_)) => Err(format!(
            "unknown charset {label:?} (try utf-8, iso-8859-1, windows-1252, ...)"
        )),
        _ => Ok(()),
    }
}

/// Everything `extract` and `extract_many` were asked, checked.
#[derive(Debug, Clone)]
pub struct Request {
    pub options: Options,
    pub format: Format,
}

impl Request {
    /// Builds the request; `markdown` also fills the `markdown` field of dict/json output.
    pub fn new(
        input: &str,
        format: &str,
        url: Option<String>,
        charset: Option<String>,
        reference_time: Option<i64>,
        markdown: bool,
    ) -> Result<Request, String> {
        let format = Format::parse(format)?;
        if let Some(label) = &charset {
            check_charset(label)?;
        }
        let options = Options {
            input: parse_input(input)?,
            url,
            charset,
            reference_time,
            markdown: markdown || format == Format::Markdown,
            ..Options::default()
        };
        Ok(Request { options, format })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_and_typos_refused() {
        assert_eq!(Format::parse("markdown"), Ok(Format::Markdown));
        assert!(Format::parse("xml").unwrap_err().contains("\"xml\""));
        assert_eq!(parse_input("text"), Ok(InputKind::Text));
        assert!(parse_input("pdf").is_err());
    }

    #[test]
    fn reference_time_takes_seconds_or_dates() {
        assert_eq!(parse_reference_time("1700000000"), Ok(1_700_000_000));
        assert_eq!(parse_reference_time("2025-11-30"), Ok(1_764_460_800));
        assert_eq!(parse_reference_time("20251130"), Ok(1_764_460_800));
        assert!(parse_reference_time("next week").is_err());
    }

    #[test]
    fn charset_is_checked_and_markdown_follows_the_format() {
        let err = Request::new("auto", "dict", None, Some("latin-7x".into()), None, false);
        assert!(err.unwrap_err().contains("unknown charset"));
        let req = Request::new("html", "markdown", None, Some("latin1".into()), None, false);
        let req = req.expect("valid request");
        assert!(req.options.markdown);
        assert_eq!(req.options.input, InputKind::Html);
    }
}
