//! `klartext-bench --warc`: crawl throughput (issue 12). The wcxb-dev pages go into a WARC
//! that warcio writes (`tools/warc_bench.py build`, gzip per record, cached in
//! `<out>/warc/`); over it, one thread each, run `klartext warc --jobs 1` (the release
//! binary), FastWARC + resiliparse and warcio + trafilatura (`tools/warc_bench.py run`, in
//! the peers' venv); then `klartext warc` on all cores. With `--warc-repeat N` a second WARC
//! holds the pages N times, and klartext on all cores over it shows whether the peak RSS
//! stays flat as the input grows. `--no-peers` times klartext alone.
//!
//! Single-thread speeds are pages and MB (HTML payload) per CPU second of the process —
//! reading, decompressing and extracting, all threads counted — because the machine may be
//! shared and CPU time is steadier than wall time; the all-cores run is by wall time.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use serde_json::Value;

use crate::peers;

/// The set the WARC is built from.
pub const WARC_SET: &str = "wcxb-dev";

/// What the run needs from the command line.
pub struct WarcBench<'a> {
    pub set_dir: &'a Path,
    pub out: &'a Path,
    pub venv: &'a Path,
    pub klartext: &'a Path,
    pub repeat: usize,
    pub rerun_peers: bool,
    /// Also time the peers' pipelines (`--no-peers` turns this off).
    pub peers: bool,
}

/// One timed run over a WARC.
#[derive(Debug, Clone, PartialEq)]
pub struct Timing {
    pub tool: String,
    /// Worker threads: 1, or 0 for all cores.
    pub threads: usize,
    pub pages: u64,
    /// HTML payload bytes of those pages.
    pub bytes: u64,
    pub wall_s: f64,
    pub cpu_s: f64,
    pub peak_rss_mb: Option<f64>,
}

impl Timing {
    /// The seconds speeds are computed from: CPU time for one thread, wall time for all cores.
    fn seconds(&self) -> f64 {
        let s = if self.threads == 1 {
            self.cpu_s
        } else {
            self.wall_s
        };
        s.max(1e-9)
    }

    pub fn pages_per_s(&self) -> f64 {
        self.pages as f64 / self.seconds()
    }

    pub fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.seconds()
    }
}

/// A WARC the script built: its path and what went into it.
struct Built {
    path: PathBuf,
    records: u64,
    html_bytes: u64,
    warc_bytes: u64,
}

/// The whole `--warc` run: builds the WARC(s), times every pipeline, prints the table.
pub fn run(b: &WarcBench) -> Result<()> {
    let python = peers::ensure_venv(b.venv)?;
    let needs = [
        ("warcio", "warcio", &["warcio"][..]),
        ("fastwarc", "fastwarc", &["fastwarc"]),
        ("resiliparse", "resiliparse", &["resiliparse"]),
        (
            "trafilatura",
            "trafilatura",
            &["trafilatura==2.3.1", "lxml_html_clean"],
        ),
    ];
    // Without the peers only warcio is needed: it writes the WARC.
    let needs = if b.peers { &needs[..] } else { &needs[..1] };
    for &(what, module, packages) in needs {
        if !peers::ensure_module(&python, what, module, packages) {
            bail!("{what} is needed in {}", b.venv.display());
        }
    }
    if !b.klartext.is_file() {
        bail!(
            "no klartext binary at {} (build it: cargo build --release -p klartext-cli)",
            b.klartext.display()
        );
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/warc_bench.py");
    let dir = b.out.join("warc");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let warc = build(&python, &script, b.set_dir, &dir, 1)?;
    let mut timings = vec![klartext(b.klartext, &warc, 1)?];
    let peer_tools: &[&str] = if b.peers {
        &["fastwarc-resiliparse", "warcio-trafilatura"]
    } else {
        &[]
    };
    for &tool in peer_tools {
        timings.push(peer(&python, &script, tool, &warc, &dir, b.rerun_peers)?);
    }
    timings.push(klartext(b.klartext, &warc, 0)?);
    let mut big = None;
    if b.repeat > 1 {
        let repeated = build(&python, &script, b.set_dir, &dir, b.repeat)?;
        big = Some((klartext(b.klartext, &repeated, 0)?, repeated));
    }
    print!("{}", table(&warc, &timings, big.as_ref()));
    Ok(())
}

/// Builds `<dir>/<set>[.xN].warc.gz` with warcio unless it is there with its report.
fn build(python: &Path, script: &Path, set_dir: &Path, dir: &Path, n: usize) -> Result<Built> {
    let stem = match n {
        1 => WARC_SET.to_string(),
        _ => format!("{WARC_SET}.x{n}"),
    };
    let path = dir.join(format!("{stem}.warc.gz"));
    let report = dir.join(format!("{stem}.build.json"));
    let cached = std::fs::read_to_string(&report)
        .ok()
        .filter(|_| path.is_file());
    let text = match cached {
        Some(t) => t,
        None => {
            eprintln!("building {} with warcio", path.display());
            let out = Command::new(python)
                .arg(script)
                .arg("build")
                .arg(set_dir)
                .arg(&path)
                .args(["--repeat", &n.to_string()])
                .stderr(Stdio::inherit())
                .output()
                .context("running warc_bench.py build")?;
            if !out.status.success() {
                bail!("warc_bench.py build failed ({})", out.status);
            }
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            std::fs::write(&report, &text)?;
            text
        }
    };
    let v: Value = serde_json::from_str(text.trim()).context("the build report")?;
    let num = |k: &str| {
        v[k].as_u64()
            .with_context(|| format!("no {k} in the build report"))
    };
    Ok(Built {
        records: num("records")?,
        html_bytes: num("html_bytes")?,
        warc_bytes: num("warc_bytes")?,
        path,
    })
}

/// Times `klartext warc [--jobs 1] WARC > /dev/null` with its CPU time and peak RSS.
fn klartext(exe: &Path, warc: &Built, threads: usize) -> Result<Timing> {
    let mut cmd = Command::new(exe);
    cmd.arg("warc");
    if threads > 0 {
        cmd.args(["--jobs", &threads.to_string()]);
    }
    cmd.arg(&warc.path)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    eprintln!("running {cmd:?}");
    let started = Instant::now();
    let child = cmd.spawn().context("starting klartext")?;
    let (stderr, usage) = wait_with_usage(child)?;
    let wall_s = started.elapsed().as_secs_f64();
    let pages = pages_written(&stderr)
        .with_context(|| format!("klartext warc reported no page count: {stderr}"))?;
    Ok(Timing {
        tool: "klartext warc".into(),
        threads,
        pages,
        bytes: warc.html_bytes * pages / warc.records.max(1),
        wall_s,
        cpu_s: usage.cpu_s,
        peak_rss_mb: Some(usage.peak_rss_mb),
    })
}

struct Usage {
    cpu_s: f64,
    peak_rss_mb: f64,
}

/// Waits for the child with `wait4`, which gives that child's own CPU time and peak RSS.
fn wait_with_usage(mut child: std::process::Child) -> Result<(String, Usage)> {
    use std::io::Read;
    let mut stderr = String::new();
    if let Some(mut err) = child.stderr.take() {
        err.read_to_string(&mut stderr)?;
    }
    let pid = libc::pid_t::try_from(child.id()).context("child pid")?;
    let mut status = 0;
    // SAFETY: wait4 writes only into the status and the zeroed rusage we pass it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if rc != pid {
        bail!("wait4 failed: {}", std::io::Error::last_os_error());
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        bail!("klartext warc failed (status {status}): {stderr}");
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Ok((
        stderr,
        Usage {
            cpu_s: secs(usage.ru_utime) + secs(usage.ru_stime),
            // Linux reports ru_maxrss in KiB.
            peak_rss_mb: usage.ru_maxrss as f64 * 1024.0 / 1e6,
        },
    ))
}

/// N from klartext warc's closing line `klartext warc: N pages written, …`.
fn pages_written(stderr: &str) -> Option<u64> {
    let line = stderr.lines().find(|l| l.starts_with("klartext warc: "))?;
    line["klartext warc: ".len()..]
        .split(' ')
        .next()?
        .parse()
        .ok()
}

/// Runs (or reads the cached run of) `warc_bench.py run TOOL WARC`.
fn peer(
    python: &Path,
    script: &Path,
    tool: &str,
    warc: &Built,
    dir: &Path,
    rerun: bool,
) -> Result<Timing> {
    let cache = dir.join(format!("{WARC_SET}.{tool}.json"));
    let cached = std::fs::read_to_string(&cache).ok().filter(|_| !rerun);
    let text = match cached {
        Some(t) => t,
        None => {
            eprintln!(
                "running {tool} over {} (cached afterwards)",
                warc.path.display()
            );
            let out = Command::new(python)
                .arg(script)
                .args(["run", tool])
                .arg(&warc.path)
                .stderr(Stdio::inherit())
                .output()
                .with_context(|| format!("running warc_bench.py run {tool}"))?;
            if !out.status.success() {
                bail!("warc_bench.py run {tool} failed ({})", out.status);
            }
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            std::fs::write(&cache, &text)?;
            text
        }
    };
    parse_peer(&text).with_context(|| format!("the report of {tool}"))
}

/// The script's JSON line as a [`Timing`] (named with the versions it reports).
fn parse_peer(stdout: &str) -> Result<Timing> {
    let line = stdout
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with('{'))
        .context("no JSON line printed")?;
    let v: Value = serde_json::from_str(line)?;
    let num = |k: &str| v[k].as_f64().with_context(|| format!("no {k}"));
    Ok(Timing {
        tool: v["version"]
            .as_str()
            .or(v["tool"].as_str())
            .unwrap_or("?")
            .replace(", ", " + "),
        threads: 1,
        pages: v["pages"].as_u64().context("no pages")?,
        bytes: v["bytes"].as_u64().context("no bytes")?,
        wall_s: num("seconds")?,
        cpu_s: num("cpu_seconds")?,
        peak_rss_mb: None,
    })
}

/// The printed report: the WARC, one row per run, the ratios the issue asks for.
fn table(warc: &Built, timings: &[Timing], big: Option<&(Timing, Built)>) -> String {
    let mut s = format!(
        "\nWARC throughput: {} pages of {WARC_SET}, {:.1} MB HTML, {:.1} MB .warc.gz (warcio, gzip per record)\n",
        warc.records,
        warc.html_bytes as f64 / 1e6,
        warc.warc_bytes as f64 / 1e6
    );
    s += "single thread: pages/s and MB/s per CPU second; all cores: per wall second\n";
    s += &format!(
        "{:<40} {:>7} {:>6} {:>8} {:>8} {:>9} {:>7} {:>9}\n",
        "pipeline", "threads", "pages", "CPU s", "wall s", "pages/s", "MB/s", "peak RSS"
    );
    for t in timings.iter().chain(big.map(|(t, _)| t)) {
        let rss = t
            .peak_rss_mb
            .map_or("—".to_string(), |m| format!("{m:.0} MB"));
        let threads = if t.threads == 0 {
            "all".to_string()
        } else {
            t.threads.to_string()
        };
        s += &format!(
            "{:<40} {:>7} {:>6} {:>8.1} {:>8.1} {:>9.1} {:>7.2} {:>9}\n",
            t.tool,
            threads,
            t.pages,
            t.cpu_s,
            t.wall_s,
            t.pages_per_s(),
            t.mb_per_s(),
            rss
        );
    }
    if let Some((_, built)) = big {
        s += &format!(
            "(the last row: the pages {}× over, {:.0} MB HTML, {:.0} MB .warc.gz)\n",
            built.records / warc.records.max(1),
            built.html_bytes as f64 / 1e6,
            built.warc_bytes as f64 / 1e6
        );
    }
    let single: Vec<&Timing> = timings.iter().filter(|t| t.threads == 1).collect();
    if let Some((k, peers)) = single.split_first() {
        for p in peers {
            s += &format!(
                "klartext / {}: {:.2}× (single thread)\n",
                p.tool,
                k.pages_per_s() / p.pages_per_s().max(1e-9)
            );
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_page_count_and_the_peer_report() {
        let err = "klartext warc: 1225 pages written, 0 failed; skipped: x: 1\n";
        assert_eq!(pages_written(err), Some(1225));
        assert_eq!(pages_written("nothing"), None);
        let out =
            "{\"tool\": \"warcio-trafilatura\", \"version\": \"warcio 1.7, trafilatura 2.3.1\", \
                   \"pages\": 10, \"bytes\": 2000000, \"seconds\": 2.0, \"cpu_seconds\": 1.0, \
                   \"pages_per_s\": 10.0, \"mb_per_s\": 2.0, \"errors\": 0}";
        let t = parse_peer(out).expect("a report");
        assert_eq!(t.tool, "warcio 1.7 + trafilatura 2.3.1");
        assert_eq!((t.pages_per_s(), t.mb_per_s()), (10.0, 2.0));
    }

    #[test]
    fn the_table_gives_the_ratios() {
        let warc = Built {
            path: PathBuf::from("w.warc.gz"),
            records: 10,
            html_bytes: 1_000_000,
            warc_bytes: 200_000,
        };
        let t = |tool: &str, cpu_s: f64| Timing {
            tool: tool.into(),
            threads: 1,
            pages: 10,
            bytes: 1_000_000,
            wall_s: cpu_s,
            cpu_s,
            peak_rss_mb: None,
        };
        let text = table(&warc, &[t("klartext warc", 1.0), t("slow", 10.0)], None);
        assert!(text.contains("klartext / slow: 10.00×"), "{text}");
    }
}
