//! Reading an extraction request: from a `Content-Type` and the body bytes to a [`Job`]
//! (the document's bytes and the [`klartext::Options`] to extract it with), or to an
//! [`ApiError`] that says what is wrong.
//!
//! Pure functions of their inputs, no I/O: the fuzz target `request` drives them directly.

use klartext::{InputKind, Options};
use serde::Deserialize;

use crate::error::ApiError;

/// What the answer to one document carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// The article as klartext's JSON.
    #[default]
    Json,
    /// The article as JSON with the Markdown rendering in its `markdown` field.
    Markdown,
}

/// One document to extract.
#[derive(Debug, Clone)]
pub struct Job {
    pub bytes: Vec<u8>,
    pub options: Options,
    pub format: Format,
    /// A caller's identifier (batch lines), echoed in the answer.
    pub id: Option<serde_json::Value>,
}

/// The JSON form of a request: exactly one of `html` and `text`, the rest optional.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonRequest {
    html: Option<String>,
    text: Option<String>,
    url: Option<String>,
    /// Seconds since 1970, or an ISO 8601 date ("2025-11-30", "2025-11-30T14:00:00Z").
    reference_time: Option<serde_json::Value>,
    #[serde(default)]
    format: Format,
    id: Option<serde_json::Value>,
}

/// The kinds of body the extraction routes take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyType {
    Html { charset: Option<String> },
    Text { charset: Option<String> },
    Json,
    Ndjson,
}

/// Reads a `Content-Type` header value. `None` (no header, or a type the service does not
/// take) is a 415 for the caller.
pub fn body_type(content_type: Option<&str>) -> Result<BodyType, ApiError> {
    let Some(value) = content_type else {
        return Err(ApiError::unsupported_type(
            "no Content-Type (send text/html, text/plain or application/json)",
        ));
    };
    let mut parts = value.split(';');
    let mime = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (name, v) = p.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"').to_string())
    });
    if let Some(label) = &charset {
        check_charset(label)?;
    }
    match mime.as_str() {
        "text/html" | "application/xhtml+xml" => Ok(BodyType::Html { charset }),
        "text/plain" => Ok(BodyType::Text { charset }),
        "application/json" => Ok(BodyType::Json),
        "application/x-ndjson"
        | "application/ndjson"
        | "application/jsonl"
        | "application/jsonlines" => Ok(BodyType::Ndjson),
        _ => Err(ApiError::unsupported_type(format!(
            "unsupported Content-Type {mime:?} (send text/html, text/plain or application/json)"
        ))),
    }
}

/// A charset label the WHATWG Encoding Standard knows, or a 415.
fn check_charset(label: &str) -> Result<(), ApiError> {
    match klartext::decode::decode(b"", Some(label)) {
        Err(klartext::Error::UnknownCharset(_)) => Err(ApiError::unsupported_type(format!(
            "unknown charset {label:?}"
        ))),
        _ => Ok(()),
    }
}

/// The job of a `POST /v1/extract` (or `/v1/explain`) body of type `body_type`.
pub fn job(body_type: &BodyType, body: &[u8]) -> Result<Job, ApiError> {
    let raw = |input, charset: &Option<String>| Job {
        bytes: body.to_vec(),
        options: Options {
            input,
            charset: charset.clone(),
            ..Options::default()
        },
        format: Format::Json,
        id: None,
    };
    match body_type {
        BodyType::Html { charset } => Ok(raw(InputKind::Html, charset)),
        BodyType::Text { charset } => Ok(raw(InputKind::Text, charset)),
        BodyType::Json => json_job(body),
        BodyType::Ndjson => Err(ApiError::unsupported_type(
            "NDJSON goes to /v1/extract/batch",
        )),
    }
}

/// The job of one JSON object (a JSON body, or one line of a batch).
pub fn json_job(body: &[u8]) -> Result<Job, ApiError> {
    let request: JsonRequest = serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request("bad_json", format!("bad JSON request: {e}")))?;
    let (bytes, input) = match (request.html, request.text) {
        (Some(html), None) => (html.into_bytes(), InputKind::Html),
        (None, Some(text)) => (text.into_bytes(), InputKind::Text),
        _ => {
            return Err(ApiError::bad_request(
                "bad_json",
                "give exactly one of \"html\" and \"text\"",
            ))
        }
    };
    let reference_time = match request.reference_time {
        None | Some(serde_json::Value::Null) => None,
        Some(value) => Some(reference_time(&value)?),
    };
    Ok(Job {
        bytes,
        options: Options {
            input,
            url: request.url,
            reference_time,
            markdown: request.format == Format::Markdown,
            ..Options::default()
        },
        format: request.format,
        id: request.id,
    })
}

/// The strings `reference_time` takes: an ISO 8601 / RFC 3339 calendar date from 1900 to
/// 2099 ("2025-11-30"), optionally with a time of day ("T14:00", "T14:00:05.250") and a
/// zone ("Z", "+01:00"); no zone means UTC. Only real calendar days match (no 2025-02-29).
/// `/openapi.json` states the same pattern (a test keeps them alike).
pub const REFERENCE_TIME_PATTERN: &str = concat!(
    "^(?:(?:19|20)[0-9]{2}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])",
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))",
    "|(?:19(?:0[48]|[2468][048]|[13579][26])|20(?:[02468][048]|[13579][26]))-02-29)",
    "(?:T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:[.][0-9]{1,9})?)?",
    "(?:Z|[+-](?:0[0-9]|1[0-4]):[0-5][0-9])?)?$"
);

/// The range of a numeric `reference_time` (seconds): 1900-01-01T00:00:00Z up to
/// 2099-12-31T23:59:59Z, the span of the date strings.
pub const REFERENCE_TIME_RANGE: std::ops::RangeInclusive<i64> = -2_208_988_800..=4_102_444_799;

static REFERENCE_TIME: std::sync::LazyLock<Option<regex::Regex>> =
    std::sync::LazyLock::new(|| regex::Regex::new(REFERENCE_TIME_PATTERN).ok());

/// Seconds since the epoch (a JSON integer in [`REFERENCE_TIME_RANGE`]) or a date string
/// matching [`REFERENCE_TIME_PATTERN`]; anything else is a 400.
fn reference_time(value: &serde_json::Value) -> Result<i64, ApiError> {
    let bad = || {
        ApiError::bad_request(
            "bad_json",
            "reference_time: expected whole seconds since 1970 (1900 to 2099) or an ISO 8601 \
             date like 2025-11-30 or 2025-11-30T14:00:00+01:00",
        )
    };
    match value {
        serde_json::Value::Number(n) => n
            .as_i64()
            .or_else(|| {
                // 5.0 is an integer too (JSON Schema); 5.5 and 1e300 are not seconds here.
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 1e15)
                    .map(|f| f as i64)
            })
            .filter(|secs| REFERENCE_TIME_RANGE.contains(secs))
            .ok_or_else(bad),
        serde_json::Value::String(s) => {
            let matches = REFERENCE_TIME.as_ref().is_some_and(|re| re.is_match(s));
            matches
                .then(|| klartext::metadata::dates::parse_value(s))
                .flatten()
                .map(|d| d.timestamp())
                .ok_or_else(bad)
        }
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_and_charsets() {
        assert_eq!(
            body_type(Some("text/html; charset=ISO-8859-1")).ok(),
            Some(BodyType::Html {
                charset: Some("ISO-8859-1".into())
            })
        );
        assert_eq!(
            body_type(Some("Text/Plain")).ok(),
            Some(BodyType::Text { charset: None })
        );
        assert_eq!(
            body_type(Some("application/json")).ok(),
            Some(BodyType::Json)
        );
        assert_eq!(
            body_type(None).map_err(|e| e.status.as_u16()).err(),
            Some(415)
        );
        assert_eq!(
            body_type(Some("image/png"))
                .map_err(|e| e.status.as_u16())
                .err(),
            Some(415)
        );
        assert_eq!(
            body_type(Some("text/html; charset=latin-99"))
                .map_err(|e| e.status.as_u16())
                .err(),
            Some(415)
        );
    }

    #[test]
    fn json_requests() {
        let job = json_job(br#"{"html": "<p>x</p>", "url": "https://example.org/a", "reference_time": "2025-11-30", "format": "markdown"}"#)
            .expect("valid");
        assert_eq!(job.options.input, InputKind::Html);
        assert_eq!(job.options.reference_time, Some(1_764_460_800));
        assert!(job.options.markdown);
        let job = json_job(br#"{"text": "x", "reference_time": 5}"#).expect("valid");
        assert_eq!(job.options.reference_time, Some(5));
        for bad in [
            &b"{"[..],
            br#"{"html": "a", "text": "b"}"#,
            br#"{}"#,
            br#"{"html": "a", "colour": 1}"#,
            br#"{"html": "a", "reference_time": "soon"}"#,
            br#"{"html": "a", "format": "pdf"}"#,
            br#"[1]"#,
        ] {
            let err = json_job(bad).expect_err("bad request");
            assert_eq!(err.status.as_u16(), 400, "{}", String::from_utf8_lossy(bad));
        }
    }

    fn reference(value: serde_json::Value) -> Option<i64> {
        reference_time(&value).ok()
    }

    #[test]
    fn reference_time_forms() {
        use serde_json::json;
        assert_eq!(reference(json!("2025-11-30")), Some(1_764_460_800));
        assert_eq!(reference(json!("2025-11-30T14:00Z")), Some(1_764_511_200));
        assert_eq!(
            reference(json!("2025-11-30T15:00:00.5+01:00")),
            Some(1_764_511_200)
        );
        assert_eq!(reference(json!(5)), Some(5));
        assert_eq!(reference(json!(5.0)), Some(5));
        assert_eq!(reference(json!(-2_208_988_800_i64)), Some(-2_208_988_800));
        for bad in [
            json!(""),
            json!(" 2025-11-30"),
            json!("30 November 2025"),
            json!("1764460800"),
            json!("2025-02-29"),
            json!("2025-11-30T24:00"),
            json!("2025-11-30T14:00+15:00"),
            json!("1899-12-31"),
            json!(5.5),
            json!(4_102_444_800_i64),
            json!(i64::MIN),
            json!(u64::MAX),
            json!(true),
        ] {
            assert_eq!(reference(bad.clone()), None, "{bad}");
        }
    }

    /// The pattern and the date reader agree on every day from 1899 to 2100: a string the
    /// spec calls valid is never refused, and no impossible day is let through.
    #[test]
    fn the_pattern_matches_exactly_the_real_days() {
        for year in 1899..=2100 {
            for month in 0..=13 {
                for day in 0..=32 {
                    let s = format!("{year:04}-{month:02}-{day:02}");
                    let real = (1900..=2099).contains(&year)
                        && klartext::metadata::dates::Date::ymd(year, month, day).is_some();
                    let read = reference(serde_json::Value::String(s.clone()));
                    assert_eq!(read.is_some(), real, "{s}");
                }
            }
        }
    }
}
