//! The service's counters and the Prometheus text rendering of `GET /metrics`.
//!
//! Counters are atomics or a small mutex-guarded map (one entry per route and status), so
//! recording costs next to nothing next to an extraction.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds (seconds) of the latency histogram's buckets.
const BUCKETS: [f64; 12] = [
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// Everything `/metrics` reports.
#[derive(Debug, Default)]
pub struct Metrics {
    /// (route, status) → requests answered.
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    errors: AtomicU64,
    /// Cumulative counts per bucket of [`BUCKETS`], then the +Inf bucket.
    latency_buckets: [AtomicU64; BUCKETS.len() + 1],
    latency_sum_micros: AtomicU64,
    request_bytes: AtomicU64,
    documents_ok: AtomicU64,
    documents_failed: AtomicU64,
}

impl Metrics {
    /// Records one answered request.
    pub fn record(&self, route: &str, status: u16, elapsed: Duration) {
        if let Ok(mut map) = self.requests.lock() {
            *map.entry((route.to_string(), status)).or_default() += 1;
        }
        if status >= 400 {
            self.errors.fetch_add(1, Ordering::Relaxed);
        }
        let secs = elapsed.as_secs_f64();
        let bucket = BUCKETS
            .iter()
            .position(|&b| secs <= b)
            .unwrap_or(BUCKETS.len());
        self.latency_buckets[bucket].fetch_add(1, Ordering::Relaxed);
        let micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
        self.latency_sum_micros.fetch_add(micros, Ordering::Relaxed);
    }

    /// Counts body bytes read from clients.
    pub fn add_request_bytes(&self, n: usize) {
        self.request_bytes.fetch_add(n as u64, Ordering::Relaxed);
    }

    /// Counts one extracted (or failed) document; a batch counts each line.
    pub fn document(&self, ok: bool) {
        let counter = if ok {
            &self.documents_ok
        } else {
            &self.documents_failed
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// The Prometheus text exposition format (version 0.0.4).
    pub fn render(&self, workers_busy: usize) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# HELP klartext_http_requests_total HTTP requests answered, by route and status.\n# TYPE klartext_http_requests_total counter");
        if let Ok(map) = self.requests.lock() {
            for ((route, status), n) in map.iter() {
                let _ = writeln!(
                    out,
                    "klartext_http_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}"
                );
            }
        }
        let load = |c: &AtomicU64| c.load(Ordering::Relaxed);
        let _ = writeln!(out, "# HELP klartext_http_errors_total HTTP requests answered with a status of 400 or more.\n# TYPE klartext_http_errors_total counter\nklartext_http_errors_total {}", load(&self.errors));
        let _ = writeln!(out, "# HELP klartext_http_request_duration_seconds Time from request to response head.\n# TYPE klartext_http_request_duration_seconds histogram");
        let mut cumulative = 0;
        for (i, bound) in BUCKETS.iter().enumerate() {
            cumulative += load(&self.latency_buckets[i]);
            let _ = writeln!(
                out,
                "klartext_http_request_duration_seconds_bucket{{le=\"{bound}\"}} {cumulative}"
            );
        }
        cumulative += load(&self.latency_buckets[BUCKETS.len()]);
        let sum = load(&self.latency_sum_micros) as f64 / 1e6;
        let _ = writeln!(out, "klartext_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {cumulative}\nklartext_http_request_duration_seconds_sum {sum}\nklartext_http_request_duration_seconds_count {cumulative}");
        let _ = writeln!(out, "# HELP klartext_http_request_bytes_total Body bytes read from clients.\n# TYPE klartext_http_request_bytes_total counter\nklartext_http_request_bytes_total {}", load(&self.request_bytes));
        let _ = writeln!(out, "# HELP klartext_documents_total Documents extracted, by outcome.\n# TYPE klartext_documents_total counter\nklartext_documents_total{{outcome=\"ok\"}} {}\nklartext_documents_total{{outcome=\"error\"}} {}", load(&self.documents_ok), load(&self.documents_failed));
        let _ = writeln!(out, "# HELP klartext_workers_busy Extractions running now.\n# TYPE klartext_workers_busy gauge\nklartext_workers_busy {workers_busy}");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_is_cumulative() {
        let m = Metrics::default();
        m.record("/healthz", 200, Duration::from_micros(500));
        m.record("/v1/extract", 413, Duration::from_millis(30));
        m.record("/v1/extract", 200, Duration::from_secs(60));
        let text = m.render(0);
        assert!(text.contains("le=\"0.001\"} 1\n"), "{text}");
        assert!(text.contains("le=\"0.05\"} 2\n"), "{text}");
        assert!(text.contains("le=\"10\"} 2\n"), "{text}");
        assert!(text.contains("le=\"+Inf\"} 3\n"), "{text}");
        assert!(text.contains("klartext_http_errors_total 1\n"), "{text}");
        assert!(text.contains("route=\"/v1/extract\",status=\"413\"} 1"));
    }
}
