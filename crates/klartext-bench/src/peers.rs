//! The peers: a Python venv (`target/peers-venv`) with trafilatura, resiliparse and
//! rs-trafilatura from PyPI, and `../shared/eval/run_peer.py TOOL SET_DIR OUT.jsonl` run in it —
//! the reference way the published peer figures were measured. Outputs and the printed
//! speed are cached next to klartext's predictions; `--rerun-peers` recomputes them.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};
use serde_json::Value;

use crate::run::Speed;

/// A peer tool: its run_peer.py name, the module that must import, and its pip packages.
#[derive(Debug, Clone, Copy)]
pub struct Peer {
    pub tool: &'static str,
    module: &'static str,
    packages: &'static [&'static str],
}

pub const PEERS: [Peer; 3] = [
    Peer {
        tool: "trafilatura",
        module: "trafilatura",
        packages: &["trafilatura==2.3.1", "lxml_html_clean"],
    },
    Peer {
        tool: "resiliparse",
        module: "resiliparse",
        packages: &["resiliparse"],
    },
    Peer {
        tool: "rs_trafilatura",
        module: "rs_trafilatura",
        packages: &["rs-trafilatura"],
    },
];

/// The venv and the peers that import in it.
pub struct Venv {
    pub python: PathBuf,
    pub available: Vec<Peer>,
}

/// Creates the venv if needed and installs each missing peer; a peer that fails to install is
/// reported and left out.
pub fn prepare(venv: &Path) -> Result<Venv> {
    let python = ensure_venv(venv)?;
    let available = PEERS
        .into_iter()
        .filter(|peer| ensure_module(&python, peer.tool, peer.module, peer.packages))
        .collect();
    Ok(Venv { python, available })
}

/// The venv's python, creating the venv when it is missing.
pub fn ensure_venv(venv: &Path) -> Result<PathBuf> {
    let python = venv.join("bin").join("python");
    if !python.is_file() {
        eprintln!("creating {}", venv.display());
        let status = Command::new("python3")
            .args(["-m", "venv"])
            .arg(venv)
            .status()
            .context("running python3 -m venv")?;
        if !status.success() {
            bail!("python3 -m venv {} failed ({status})", venv.display());
        }
    }
    Ok(python)
}

/// Makes `module` importable in the venv, pip-installing `packages` when it is not; false
/// (with a warning) when that fails.
pub fn ensure_module(python: &Path, what: &str, module: &str, packages: &[&str]) -> bool {
    if !imports(python, module) {
        eprintln!("installing {} into the venv", packages.join(" "));
        let status = Command::new(python)
            .args(["-m", "pip", "install", "--quiet"])
            .args(packages)
            .status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("warning: pip could not install {what}; skipping it");
        }
    }
    let ok = imports(python, module);
    if !ok {
        eprintln!("warning: {what} does not import in the venv; skipping it");
    }
    ok
}

fn imports(python: &Path, module: &str) -> bool {
    Command::new(python)
        .args(["-c", &format!("import {module}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Where a peer's predictions and printed speed for a set are cached.
pub fn paths(out: &Path, set: &str, tool: &str) -> (PathBuf, PathBuf) {
    (
        out.join(format!("{set}.{tool}.jsonl")),
        out.join(format!("{set}.{tool}.speed.json")),
    )
}

/// Runs a peer on a whole set (or reuses the cache) and returns its predictions file and speed.
pub fn run(
    venv: &Venv,
    run_peer: &Path,
    peer: Peer,
    set_dir: &Path,
    set: &str,
    out: &Path,
    rerun: bool,
) -> Result<(PathBuf, Speed)> {
    let (preds, speed_path) = paths(out, set, peer.tool);
    let args = [
        run_peer.as_os_str(),
        std::ffi::OsStr::new(peer.tool),
        set_dir.as_os_str(),
        preds.as_os_str(),
    ];
    let speed = run_cached(
        &venv.python,
        &args,
        &speed_path,
        preds.is_file() && !rerun,
        None,
    )
    .with_context(|| format!("{} on {set}", peer.tool))?;
    Ok((preds, speed))
}

/// Runs `python ARGS...` (a runner that writes predictions and prints run_peer.py's JSON
/// line), caching the speed in `speed_path`; with `cached` the earlier run is reused when its
/// speed file reads (and covered `pages` pages, when given).
pub fn run_cached(
    python: &Path,
    args: &[&std::ffi::OsStr],
    speed_path: &Path,
    cached: bool,
    pages: Option<usize>,
) -> Result<Speed> {
    if cached {
        if let Ok(text) = std::fs::read_to_string(speed_path) {
            if let Ok(speed) = serde_json::from_str::<Speed>(&text) {
                if pages.is_none_or(|n| n == speed.pages) {
                    return Ok(speed);
                }
            }
        }
    }
    let shown: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    eprintln!("running {} (cached afterwards)", shown.join(" "));
    let output = Command::new(python)
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("running {}", shown.join(" ")))?;
    if !output.status.success() {
        bail!("{} failed ({})", shown.join(" "), output.status);
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let speed = parse_report(&stdout).context("reading the runner's report")?;
    std::fs::write(speed_path, serde_json::to_string_pretty(&speed)?)
        .with_context(|| format!("writing {}", speed_path.display()))?;
    Ok(speed)
}

/// Reads run_peer.py's last printed JSON line (pages, bytes, seconds, pages_per_s, mb_per_s,
/// errors).
pub fn parse_report(stdout: &str) -> Result<Speed> {
    let line = stdout
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with('{'))
        .context("no JSON line printed")?;
    let v: Value = serde_json::from_str(line).context("not JSON")?;
    let num = |k: &str| v.get(k).and_then(Value::as_f64);
    let int = |k: &str| v.get(k).and_then(Value::as_u64);
    Ok(Speed {
        pages: int("pages").context("no pages")? as usize,
        bytes: int("bytes").unwrap_or(0),
        seconds: num("seconds").unwrap_or(0.0),
        pages_per_s: num("pages_per_s").context("no pages_per_s")?,
        mb_per_s: num("mb_per_s").unwrap_or(0.0),
        errors: int("errors").unwrap_or(0) as usize,
        version: v.get("version").and_then(Value::as_str).map(str::to_owned),
        ..Speed::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_run_peer_report() {
        let out = "noise\n{\"tool\": \"resiliparse\", \"version\": \"2.0.1\", \"pages\": 130, \"bytes\": 5000000, \
                   \"seconds\": 0.2, \"pages_per_s\": 650.0, \"mb_per_s\": 25.0, \"errors\": 1}\n";
        let s = parse_report(out).expect("a report");
        assert_eq!((s.pages, s.errors), (130, 1));
        assert_eq!(s.pages_per_s, 650.0);
        assert_eq!(s.version.as_deref(), Some("2.0.1"));
        assert!(parse_report("no json here").is_err());
    }
}
