//! Fetching the pages named by URL on the command line (`klartext extract URL…`,
//! `--input-file`), with ureq: timeouts, a redirect limit, a size cap, gzip and brotli, a
//! user agent naming klartext, and the charset of the `Content-Type` header kept for the
//! decoder. Only the command line fetches; the library never does.

use std::time::Duration;

use ureq::{Agent, ResponseExt};

/// How long a whole request (connect, redirects, body) may take.
const TIMEOUT: Duration = Duration::from_secs(30);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const MAX_REDIRECTS: u32 = 5;
const USER_AGENT: &str = concat!(
    "klartext/",
    env!("CARGO_PKG_VERSION"),
    " (article extraction; command line)"
);

/// A fetched page: its bytes, the charset its header declared and the URL it came from
/// after redirects.
#[derive(Debug)]
pub struct Fetched {
    pub bytes: Vec<u8>,
    pub charset: Option<String>,
    pub url: String,
}

/// One HTTP client for a whole run (connections are reused).
#[derive(Debug, Clone)]
pub struct Fetcher {
    agent: Agent,
}

impl Default for Fetcher {
    fn default() -> Self {
        let config = Agent::config_builder()
            .timeout_global(Some(TIMEOUT))
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .max_redirects(MAX_REDIRECTS)
            .user_agent(USER_AGENT)
            .build();
        Fetcher {
            agent: config.into(),
        }
    }
}

impl Fetcher {
    /// Fetches `url`, refusing bodies over `limit` bytes; the error is a short reason.
    pub fn fetch(&self, url: &str, limit: usize) -> Result<Fetched, String> {
        let mut response = self
            .agent
            .get(url)
            .call()
            .map_err(|e| describe(&e, limit))?;
        let final_url = response.get_uri().to_string();
        let charset = response.body().charset().map(str::to_string);
        let bytes = response
            .body_mut()
            .with_config()
            .limit(u64::try_from(limit).unwrap_or(u64::MAX))
            .read_to_vec()
            .map_err(|e| describe(&e, limit))?;
        Ok(Fetched {
            bytes,
            charset,
            url: final_url,
        })
    }
}

/// Whether a command-line argument names a page on the web rather than a file.
pub fn is_url(arg: &str) -> bool {
    let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// A ureq error as a short reason.
fn describe(err: &ureq::Error, limit: usize) -> String {
    match err {
        ureq::Error::StatusCode(code) => format!("HTTP status {code}"),
        ureq::Error::BodyExceedsLimit(_) => {
            format!("response exceeds the limit of {limit} bytes")
        }
        ureq::Error::Timeout(_) => format!("timed out (limit {} s)", TIMEOUT.as_secs()),
        ureq::Error::TooManyRedirects => format!("more than {MAX_REDIRECTS} redirects"),
        other => format!("cannot fetch: {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("https://example.org/a"));
        assert!(is_url("HTTP://example.org"));
        assert!(!is_url("example.org/page.html"));
        assert!(!is_url("pages/http.html"));
        assert!(!is_url("-"));
    }

    #[test]
    fn the_user_agent_names_klartext() {
        assert!(USER_AGENT.starts_with("klartext/"));
    }
}
