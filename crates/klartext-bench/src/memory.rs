//! Memory: the process's peak resident set (getrusage `ru_maxrss`), and the probe — a
//! synthetic ~5 MB news-like page extracted in a child process of this binary
//! (`klartext-bench --memory-probe`), whose own peak RSS is the figure.

use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

/// Peak resident set size of this process so far, in MB (10^6 bytes): `VmHWM` from
/// /proc/self/status, else getrusage's `ru_maxrss`. (In a child started by fork+exec,
/// `ru_maxrss` still carries the parent's peak; `VmHWM` belongs to the new image only.)
pub fn peak_rss_mb() -> Option<f64> {
    vm_hwm_kib()
        .or_else(max_rss_kib)
        .map(|kib| kib as f64 * 1024.0 / 1e6)
}

fn vm_hwm_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_vm_hwm(&status)
}

/// The `VmHWM:   1234 kB` line of /proc/self/status, in KiB.
fn parse_vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn max_rss_kib() -> Option<u64> {
    // SAFETY: getrusage only writes into the zeroed struct we pass it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    // Linux reports ru_maxrss in KiB.
    (rc == 0).then(|| u64::try_from(usage.ru_maxrss).unwrap_or(0))
}

/// What the probe child reports (one JSON line on stdout).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Probe {
    pub input_mb: f64,
    /// Peak RSS after building the page, before extracting.
    pub rss_before_mb: f64,
    /// Peak RSS after extracting.
    pub peak_rss_mb: f64,
    pub seconds: f64,
    pub text_chars: usize,
    pub error: Option<String>,
}

/// The hidden `--memory-probe` subcommand: build the page, extract it, print a [`Probe`].
pub fn probe_main() -> Result<()> {
    let page = synthetic_page(5_000_000);
    let rss_before_mb = peak_rss_mb().unwrap_or(0.0);
    let started = Instant::now();
    let result = klartext::extract(page.as_bytes(), &klartext::Options::default());
    let seconds = started.elapsed().as_secs_f64();
    let probe = Probe {
        input_mb: page.len() as f64 / 1e6,
        rss_before_mb,
        peak_rss_mb: peak_rss_mb().unwrap_or(0.0),
        seconds,
        text_chars: result.as_ref().map(|a| a.text.chars().count()).unwrap_or(0),
        error: result.err().map(|e| e.to_string()),
    };
    println!("{}", serde_json::to_string(&probe)?);
    Ok(())
}

/// Runs this binary with `--memory-probe` and reads the child's report.
pub fn run_probe() -> Result<Probe> {
    let exe = std::env::current_exe().context("locating the bench binary")?;
    let out = Command::new(exe)
        .arg("--memory-probe")
        .output()
        .context("running the memory probe")?;
    if !out.status.success() {
        bail!(
            "memory probe failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().last().unwrap_or("");
    serde_json::from_str(line).with_context(|| format!("reading the probe's report {line:?}"))
}

/// A deterministic news-like HTML page of at least `size` bytes: a header with navigation,
/// nested wrappers, one long article of paragraphs with links and subheads, teaser lists,
/// and a footer.
pub fn synthetic_page(size: usize) -> String {
    let mut rng = Lcg(0x5eed);
    let mut html = String::with_capacity(size + 64 * 1024);
    html.push_str(concat!(
        "<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\">",
        "<title>Stadtrat beschließt neuen Haushalt – Beispielzeitung</title>",
        "<meta name=\"author\" content=\"Erika Mustermann\">",
        "<meta property=\"article:published_time\" content=\"2024-03-05T08:30:00+01:00\">",
        "</head><body>\n<header><nav><ul>"
    ));
    for i in 0..40 {
        html.push_str(&format!(
            "<li><a href=\"/ressort/{i}\">Ressort {i}</a></li>"
        ));
    }
    html.push_str(
        "</ul></nav></header>\n<main><div class=\"page\"><div class=\"row\"><div class=\"col\">",
    );
    html.push_str("<article><h1>Stadtrat beschließt neuen Haushalt</h1><p class=\"byline\">Von Erika Mustermann</p>\n");
    let mut section = 0;
    while html.len() < size {
        section += 1;
        html.push_str(&format!(
            "<div class=\"section s{section}\"><div class=\"inner\"><h2>Abschnitt {section}</h2>\n"
        ));
        for _ in 0..12 {
            html.push_str("<p>");
            for s in 0..rng.below(4) + 3 {
                html.push_str(&sentence(&mut rng));
                if s % 3 == 1 {
                    let n = rng.below(100_000);
                    html.push_str(&format!(
                        " Mehr dazu <a href=\"/artikel/{n}\">im Bericht {n}</a>."
                    ));
                }
                html.push(' ');
            }
            html.push_str("</p>\n");
        }
        html.push_str("<aside><ul>");
        for _ in 0..8 {
            let n = rng.below(100_000);
            html.push_str(&format!(
                "<li><div><a href=\"/teaser/{n}\"><span>Teaser {n}</span></a></div></li>"
            ));
        }
        html.push_str("</ul></aside></div></div>\n");
    }
    html.push_str("</article></div></div></div></main>\n<footer><p>© Beispielzeitung</p></footer></body></html>\n");
    html
}

const WORDS: [&str; 24] = [
    "der",
    "Stadtrat",
    "hat",
    "am",
    "Dienstag",
    "den",
    "Haushalt",
    "für",
    "das",
    "kommende",
    "Jahr",
    "beschlossen",
    "Bürgermeisterin",
    "sagte",
    "Millionen",
    "Euro",
    "Schulen",
    "und",
    "Straßen",
    "sollen",
    "saniert",
    "werden",
    "die",
    "Opposition",
];

fn sentence(rng: &mut Lcg) -> String {
    let n = rng.below(14) + 6;
    let words: Vec<&str> = (0..n).map(|_| WORDS[rng.below(WORDS.len())]).collect();
    let mut s = words.join(" ");
    if let Some(first) = s.get(..1) {
        s = first.to_uppercase() + &s[1..];
    }
    s.push('.');
    s
}

/// A tiny deterministic generator (no dependency needed for filler text).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_page_is_big_and_deterministic() {
        let page = synthetic_page(200_000);
        assert!(page.len() >= 200_000 && page.len() < 260_000);
        assert_eq!(page, synthetic_page(200_000));
        assert!(page.ends_with("</html>\n"));
        assert!(page.matches("<p>").count() > 50);
    }

    #[test]
    fn reads_vm_hwm() {
        let status = "Name:\tx\nVmPeak:\t  9999 kB\nVmHWM:\t    2048 kB\nVmRSS:\t 1000 kB\n";
        assert_eq!(parse_vm_hwm(status), Some(2048));
        assert_eq!(parse_vm_hwm("Name: x\n"), None);
        assert!(max_rss_kib().is_some_and(|k| k > 0));
    }

    #[test]
    fn peak_rss_is_reported() {
        let mb = peak_rss_mb().expect("getrusage works on Linux");
        assert!(mb > 1.0);
    }
}
