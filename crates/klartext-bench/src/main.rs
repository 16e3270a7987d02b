//! `klartext-bench`: runs klartext (and optionally its peers) over the evaluation sets in
//! `../shared/data`, scores every run in Rust exactly as `../shared/eval/score.py` does, and
//! prints one table of the main figures with single-thread speed and memory.
//!
//! ```text
//! cargo run --release -p klartext-bench -- --data ../shared/data [--sets a,b] [--peers]
//!     [--out target/bench] [--limit N] [--check] [--json] [--worst K]
//! ```

mod casefold_table;
mod check;
mod memory;
#[cfg(test)]
mod parity_tests;
mod peers;
mod pytext;
mod report;
mod run;
mod score;
mod sets;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;

use report::{Memory, Report, SetResult, ToolResult};
use score::{Figures, PageScore, Preds};
use sets::Set;

/// Benchmarks klartext on the evaluation sets: scores (computed as score.py does), speed and memory.
#[derive(Debug, Parser)]
#[command(name = "klartext-bench", version)]
struct Cli {
    /// The folder with the sets' archives (`<set>.tar.xz`) and README.md.
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Sets to run, comma-separated [default: trafilatura-eval-dev,wcxb-dev,readability-dev,htmldate-eval-dev]
    #[arg(long, value_delimiter = ',')]
    sets: Vec<String>,
    /// Also run the Python peers (trafilatura, resiliparse, rs_trafilatura) from a venv.
    #[arg(long)]
    peers: bool,
    /// Recompute the peers' outputs instead of reusing the cached ones (implies --peers).
    #[arg(long)]
    rerun_peers: bool,
    /// Where predictions (`<set>.<tool>.jsonl`) and results.json go.
    #[arg(long, default_value = "target/bench")]
    out: PathBuf,
    /// Where the sets are unpacked (each archive only when its folder is missing).
    #[arg(long, default_value = "target/data")]
    unpack: PathBuf,
    /// The folder with score.py and run_peer.py [default: <data>/../eval]
    #[arg(long)]
    eval: Option<PathBuf>,
    /// The peers' venv.
    #[arg(long, default_value = "target/peers-venv")]
    venv: PathBuf,
    /// Run only the first N pages of each set.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Also score with score.py and fail unless every figure agrees to the third decimal.
    #[arg(long)]
    check: bool,
    /// Write all figures to <out>/results.json.
    #[arg(long)]
    json: bool,
    /// List the K lowest-scoring pages of each text set (klartext).
    #[arg(long, value_name = "K")]
    worst: Option<usize>,
    /// Extract each set this many times and report the fastest pass (the machine is shared).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
    repeat: u16,
    /// Skip the memory probe (a ~5 MB synthetic page in a child process).
    #[arg(long)]
    no_probe: bool,
    /// Internal: extract the synthetic page and report this process's peak RSS.
    #[arg(long, hide = true)]
    memory_probe: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = if cli.memory_probe {
        memory::probe_main().map(|()| true)
    } else {
        bench(&cli)
    };
    match outcome {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("klartext-bench: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The whole run; `Ok(false)` when `--check` found a disagreement.
fn bench(cli: &Cli) -> Result<bool> {
    if !cli.data.is_dir() {
        println!(
            "no data folder at {}: nothing to benchmark (pass --data with the folder of the sets' .tar.xz archives)",
            cli.data.display()
        );
        return Ok(true);
    }
    std::fs::create_dir_all(&cli.out).with_context(|| format!("creating {}", cli.out.display()))?;
    let eval = cli
        .eval
        .clone()
        .unwrap_or_else(|| cli.data.join("..").join("eval"));
    let venv = if cli.peers || cli.rerun_peers {
        Some(peers::prepare(&cli.venv)?)
    } else {
        None
    };
    let names: Vec<String> = if cli.sets.is_empty() {
        sets::DEFAULT_SETS.iter().map(|s| s.to_string()).collect()
    } else {
        cli.sets.clone()
    };
    let mut results = Vec::new();
    for name in &names {
        match bench_set(cli, name, &eval, venv.as_ref()) {
            Ok(r) => results.push(r),
            Err(e) => eprintln!("skipping {name}: {e:#}"),
        }
    }
    let memory = measure_memory(cli);
    let report = Report {
        sets: results,
        memory,
    };
    print!("{}", report::table(&report));
    if cli.worst.is_some() {
        print!("{}", report::worst_lists(&report));
    }
    if cli.check {
        print!("{}", report::check_lines(&report));
    }
    if cli.json {
        let path = cli.out.join("results.json");
        std::fs::write(&path, serde_json::to_string_pretty(&report)?)
            .with_context(|| format!("writing {}", path.display()))?;
        println!("wrote {}", path.display());
    }
    let all_agree = report
        .sets
        .iter()
        .flat_map(|s| &s.tools)
        .all(|t| t.check.as_ref().is_none_or(|c| c.agrees));
    Ok(all_agree)
}

/// Runs klartext (and the peers) on one set and scores every run.
fn bench_set(cli: &Cli, name: &str, eval: &Path, venv: Option<&peers::Venv>) -> Result<SetResult> {
    let dir = sets::ensure_unpacked(&cli.data, &cli.unpack, name)?;
    let set = sets::load(&dir, cli.limit)?;
    eprintln!("{}: {} pages", set.name, set.gold.len());
    let check_dir = match (cli.check, set.limited) {
        (true, true) => sets::write_limited_copy(&set, &cli.out.join("check").join(&set.name))?,
        _ => set.dir.clone(),
    };
    let preds_path = cli.out.join(format!("{}.klartext.jsonl", set.name));
    let speed = run::run_klartext(&set, &preds_path, usize::from(cli.repeat))?;
    let (figures, pages) = score_file(&set, &preds_path)?;
    let mut tools = vec![ToolResult {
        tool: "klartext".into(),
        figures,
        speed,
        check: None,
    }];
    let worst = match (cli.worst, pages) {
        (Some(k), Some(pages)) => Some(report::worst(pages, k)),
        _ => None,
    };
    let mut files = vec![preds_path];
    if let Some(venv) = venv {
        let run_peer = eval.join("run_peer.py");
        for peer in &venv.available {
            let run = peers::run(
                venv,
                &run_peer,
                *peer,
                &set.dir,
                &set.name,
                &cli.out,
                cli.rerun_peers,
            );
            match run {
                Ok((path, speed)) => {
                    let (figures, _) = score_file(&set, &path)?;
                    tools.push(ToolResult {
                        tool: peer.tool.into(),
                        figures,
                        speed,
                        check: None,
                    });
                    files.push(path);
                }
                Err(e) => eprintln!("skipping {} on {}: {e:#}", peer.tool, set.name),
            }
        }
    }
    if cli.check {
        let score_py = eval.join("score.py");
        for (tool, path) in tools.iter_mut().zip(&files) {
            let python = check::python_figures(&score_py, &check_dir, path)?;
            tool.check = Some(check::compare(&tool.figures, &python).into());
        }
    }
    Ok(SetResult {
        set: set.name.clone(),
        kind: set.kind_name.clone(),
        pages: set.gold.len(),
        limited: set.limited,
        columns: set.kind.scorer().columns(),
        tools,
        worst,
    })
}

/// Scores a predictions file against the set's gold: score.py's figures, and per-page scores.
fn score_file(set: &Set, path: &Path) -> Result<(Figures, Option<Vec<PageScore>>)> {
    let preds = Preds::load(path)?;
    if preds.skipped > 0 {
        eprintln!(
            "warning: {} lines of {} are not JSON objects",
            preds.skipped,
            path.display()
        );
    }
    let scorer = set.kind.scorer();
    let figures =
        scorer
            .score(&set.gold, &preds)
            .with_header(&set.name, &set.kind_name, &set.gold, &preds);
    Ok((figures, scorer.pages(&set.gold, &preds)))
}

fn measure_memory(cli: &Cli) -> Memory {
    let peak_rss_mb = memory::peak_rss_mb();
    let (probe, probe_error) = if cli.no_probe {
        (None, None)
    } else {
        match memory::run_probe() {
            Ok(p) => (Some(p), None),
            Err(e) => (None, Some(format!("{e:#}"))),
        }
    };
    Memory {
        peak_rss_mb,
        probe,
        probe_error,
    }
}
