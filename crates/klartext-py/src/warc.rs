//! The pages of a WARC file as klartext's JSON, in batches extracted in parallel.
//!
//! [`WarcPages`] wraps `klartext_warc::Records`: it reads up to `batch` records (one
//! body at a time, so memory stays bounded by the batch), extracts them on a rayon pool
//! with `klartext_warc::extract_record` (klartext's fields plus `warc_record_id`, `url`,
//! `warc_date`, `http_status`, and `canonical_url`), applies the [`Filters`] and hands the
//! batch out in file order. A record that cannot be read or extracted becomes a
//! [`Page::Failed`] with its file and offset; the file is read on past it where the reader
//! can.

use std::collections::BTreeMap;
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use klartext_warc::{Record, Records};
use rayon::prelude::*;
use serde_json::Value;

/// Which extracted pages to keep.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Keep only pages in one of these languages (BCP 47 primary codes); empty: all.
    pub languages: Vec<String>,
    /// Keep only pages whose text has at least this many characters.
    pub min_chars: usize,
}

impl Filters {
    /// Why `page` is left out, or `None` to keep it.
    pub fn reject(&self, page: &Value) -> Option<&'static str> {
        let text_chars = page["text"].as_str().map_or(0, |t| t.chars().count());
        if text_chars < self.min_chars {
            return Some("fewer characters than min_chars");
        }
        if !self.languages.is_empty() {
            let lang = page["language"].as_str().unwrap_or("");
            if !self.languages.iter().any(|l| l.eq_ignore_ascii_case(lang)) {
                return Some("language not asked for");
            }
        }
        None
    }
}

/// One item of the output.
#[derive(Debug, Clone, PartialEq)]
pub enum Page {
    /// klartext's JSON object for one record, with the WARC fields.
    Extracted(Value),
    /// A record that could not be read or extracted: "PATH: offset N: reason".
    Failed(String),
}

/// The pages of one WARC file, batch by batch.
pub struct WarcPages {
    records: Records,
    name: String,
    options: klartext::Options,
    filters: Filters,
    batch: usize,
    pool: Option<rayon::ThreadPool>,
    filtered: BTreeMap<String, u64>,
}

impl WarcPages {
    /// Opens a WARC file (plain, gzip or zstd); `threads`: a pool of its own, or `None`
    /// for rayon's global pool.
    pub fn open(
        path: &Path,
        options: klartext::Options,
        filters: Filters,
        threads: Option<usize>,
    ) -> Result<WarcPages, String> {
        let name = path.display().to_string();
        let records = Records::open(path).map_err(|e| format!("{name}: {e}"))?;
        WarcPages::new(records, name, options, filters, threads)
    }

    /// Reads a WARC stream; `name` stands for it in messages.
    pub fn from_reader(
        reader: Box<dyn Read + Send>,
        name: String,
        options: klartext::Options,
        filters: Filters,
        threads: Option<usize>,
    ) -> Result<WarcPages, String> {
        let records =
            Records::from_reader(reader, name.clone()).map_err(|e| format!("{name}: {e}"))?;
        WarcPages::new(records, name, options, filters, threads)
    }

    fn new(
        records: Records,
        name: String,
        options: klartext::Options,
        filters: Filters,
        threads: Option<usize>,
    ) -> Result<WarcPages, String> {
        let pool = match threads {
            None => None,
            Some(0) => return Err("threads must be at least 1".to_string()),
            Some(n) => Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| format!("cannot start {n} threads: {e}"))?,
            ),
        };
        let batch = 64
            * pool
                .as_ref()
                .map_or_else(rayon::current_num_threads, |p| p.current_num_threads());
        Ok(WarcPages {
            records,
            name,
            options,
            filters,
            batch,
            pool,
            filtered: BTreeMap::new(),
        })
    }

    /// The next batch in file order; `None` when the file is done.
    pub fn next_batch(&mut self) -> Option<Vec<Page>> {
        let mut read: Vec<Result<Record, String>> = Vec::new();
        for item in self.records.by_ref().take(self.batch) {
            read.push(item.map_err(|e| e.to_string()));
        }
        if read.is_empty() {
            return None;
        }
        let (name, options) = (&self.name, &self.options);
        let work = || {
            read.par_iter()
                .map(|r| extract(name, options, r))
                .collect::<Vec<_>>()
        };
        let pages = match &self.pool {
            Some(pool) => pool.install(work),
            None => work(),
        };
        let mut out = Vec::with_capacity(pages.len());
        for page in pages {
            match page {
                Page::Extracted(value) => match self.filters.reject(&value) {
                    Some(why) => *self.filtered.entry(why.to_string()).or_default() += 1,
                    None => out.push(Page::Extracted(value)),
                },
                failed => out.push(failed),
            }
        }
        Some(out)
    }

    /// Records passed over so far, by reason: the reader's skips (record type, HTTP
    /// status, content type, ...) and the filters'.
    pub fn skipped(&self) -> BTreeMap<String, u64> {
        let mut all: BTreeMap<String, u64> = self
            .records
            .skipped()
            .iter()
            .map(|(why, n)| (why.to_string(), *n))
            .collect();
        for (why, n) in &self.filtered {
            *all.entry(why.clone()).or_default() += n;
        }
        all
    }
}

/// Extracts one record read from the file `name`.
fn extract(name: &str, options: &klartext::Options, record: &Result<Record, String>) -> Page {
    let record = match record {
        Ok(r) => r,
        Err(message) => return Page::Failed(message.clone()),
    };
    let at = |why: String| format!("{}: offset {}: {why}", name, record.offset);
    match catch_unwind(AssertUnwindSafe(|| {
        klartext_warc::extract_record(record, options)
    })) {
        Ok(Ok(value)) => Page::Extracted(value),
        Ok(Err(e)) => Page::Failed(at(e.to_string())),
        Err(_) => Page::Failed(at("internal error in klartext".to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warc_record(uri: &str, html: &str) -> Vec<u8> {
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
            html.len()
        );
        let mut out = format!(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\n\
             WARC-Target-URI: {uri}\r\nWARC-Date: 2025-11-30T12:00:00Z\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        out.extend_from_slice(http.as_bytes());
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    const PAGE: &str = "<html lang=\"de\"><body><article><p>Der erste Absatz erzählt, was \
        geschah, in ganzen Sätzen und mit genug Wörtern, dass er als Fließtext gilt und \
        bleibt.</p></article></body></html>";

    fn pages(filters: Filters) -> (Vec<Page>, BTreeMap<String, u64>) {
        let mut warc = warc_record("https://example.org/1", PAGE);
        warc.extend(warc_record("https://example.org/2", PAGE));
        warc.extend_from_slice(
            b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 999\r\n\r\nshort",
        );
        let mut reader = WarcPages::from_reader(
            Box::new(std::io::Cursor::new(warc)),
            "mem.warc".into(),
            klartext::Options::default(),
            filters,
            Some(2),
        )
        .expect("reader");
        let mut out = Vec::new();
        while let Some(batch) = reader.next_batch() {
            out.extend(batch);
        }
        (out, reader.skipped())
    }

    #[test]
    fn pages_come_in_order_with_warc_fields_and_errors_with_offsets() {
        let (out, _) = pages(Filters::default());
        assert_eq!(out.len(), 3);
        let Page::Extracted(first) = &out[0] else {
            panic!("page expected")
        };
        assert_eq!(first["url"], "https://example.org/1");
        assert_eq!(first["warc_date"], "2025-11-30T12:00:00Z");
        assert_eq!(first["http_status"], 200);
        assert!(first["text"]
            .as_str()
            .is_some_and(|t| t.contains("erste Absatz")));
        assert!(matches!(&out[1], Page::Extracted(v) if v["url"] == "https://example.org/2"));
        assert!(matches!(&out[2], Page::Failed(m) if m.starts_with("mem.warc: offset ")));
    }

    #[test]
    fn filters_drop_and_count() {
        let (out, skipped) = pages(Filters {
            languages: vec!["en".into()],
            min_chars: 0,
        });
        assert!(out.iter().all(|p| matches!(p, Page::Failed(_))));
        assert_eq!(skipped.get("language not asked for"), Some(&2));
        let (out, skipped) = pages(Filters {
            languages: vec![],
            min_chars: 10_000,
        });
        assert_eq!(out.len(), 1);
        assert_eq!(skipped.get("fewer characters than min_chars"), Some(&2));
    }
}
