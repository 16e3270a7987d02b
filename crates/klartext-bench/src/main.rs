//! `klartext-bench`: runs klartext (and optionally its peers) over the evaluation sets in
//! `../shared/data`, scores every run in Rust exactly as `../shared/eval/score.py` does, and
//! prints one table of the main figures with single-thread speed and memory.
//!
//! ```text
//! cargo run --release -p klartext-bench -- --data ../shared/data [--sets a,b] [--peers]
//!     [--out target/bench] [--limit N] [--check] [--json] [--worst K]
//! cargo run --release -p klartext-bench -- --warc [--warc-repeat N]   # crawl throughput
//! ```

mod casefold_table;
mod check;
mod dumps;
mod features;
mod memory;
#[cfg(test)]
mod parity_tests;
mod peers;
mod pytext;
mod remap;
mod report;
mod run;
mod score;
mod sets;
mod split;
mod warc;

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
    /// Sets to run, comma-separated [default: trafilatura-eval-dev,wcxb-dev,readability-dev,htmldate-eval-dev,german-news-quotation-attribution-2024-dev]
    #[arg(long, value_delimiter = ',')]
    sets: Vec<String>,
    /// Also run the Python peers (trafilatura, resiliparse, rs_trafilatura) from a venv.
    #[arg(long)]
    peers: bool,
    /// Also make html-text dumps of trafilatura-eval-dev, wcxb-dev (article pages) and
    /// readability-dev into <out>/dumps and run klartext (and with --peers, trafilatura and
    /// jusText) on them, beside klartext's HTML score on the same pages; also body-only dumps
    /// (the page without <head> and <title>) into <out>/dumps-body, run by klartext.
    #[arg(long)]
    dumps: bool,
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
    /// Only write the block features of each HTML set to <out>/features/<set>.jsonl (for
    /// `tools/train_block_model.py`), then stop.
    #[arg(long)]
    features: bool,
    /// Skip the memory probe (a ~5 MB synthetic page in a child process).
    #[arg(long)]
    no_probe: bool,
    /// Only the crawl throughput (issue 12): a WARC of the wcxb-dev pages written by warcio,
    /// timed through `klartext warc`, FastWARC + resiliparse and warcio + trafilatura; then stop.
    #[arg(long)]
    warc: bool,
    /// With --warc: also a WARC of the pages N times over, run by klartext on all cores
    /// (peak RSS as the input grows).
    #[arg(long, value_name = "N", default_value_t = 1)]
    warc_repeat: usize,
    /// With --warc: time klartext alone, without FastWARC + resiliparse and warcio +
    /// trafilatura (warcio still writes the WARC).
    #[arg(long, requires = "warc", conflicts_with = "rerun_peers")]
    no_peers: bool,
    /// With --warc: the klartext binary to time.
    #[arg(long, value_name = "PATH", default_value = "target/release/klartext")]
    klartext: PathBuf,
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
    if cli.warc {
        let set_dir = sets::ensure_unpacked(&cli.data, &cli.unpack, warc::WARC_SET)?;
        warc::run(&warc::WarcBench {
            set_dir: &set_dir,
            out: &cli.out,
            venv: &cli.venv,
            klartext: &cli.klartext,
            repeat: cli.warc_repeat,
            rerun_peers: cli.rerun_peers,
            peers: !cli.no_peers,
        })?;
        return Ok(true);
    }
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
    if cli.features {
        let dir = cli.out.join("features");
        std::fs::create_dir_all(&dir)?;
        for name in &names {
            let set = sets::load(
                &sets::ensure_unpacked(&cli.data, &cli.unpack, name)?,
                cli.limit,
            )?;
            split::write_table(&set.name, &set.gold, &cli.out.join("split"))?;
            let pages = features::write(&set, &dir.join(format!("{name}.jsonl")))?;
            eprintln!("{name}: features of {pages} pages");
        }
        return Ok(true);
    }
    let mut results = Vec::new();
    for name in &names {
        match bench_set(cli, name, &eval, venv.as_ref()) {
            Ok(r) => results.extend(r),
            Err(e) => eprintln!("skipping {name}: {e:#}"),
        }
    }
    let mut dump_sets = Vec::new();
    let mut dumps_agree = true;
    if cli.dumps {
        let python = peers::ensure_venv(&cli.venv)?;
        let (what, module) = (dumps::HTML_TEXT.0, dumps::HTML_TEXT.0);
        if peers::ensure_module(&python, what, module, dumps::HTML_TEXT.1) {
            for name in names
                .iter()
                .filter(|n| dumps::DUMP_SETS.contains(&n.as_str()))
            {
                match bench_dumps(cli, name, &eval, &python, venv.as_ref()) {
                    Ok((d, agree)) => {
                        dumps_agree &= agree;
                        dump_sets.extend(d);
                    }
                    Err(e) => eprintln!("skipping the dumps of {name}: {e:#}"),
                }
            }
        }
    }
    let memory = measure_memory(cli);
    let report = Report {
        sets: results,
        memory,
        dumps: dump_sets,
    };
    print!("{}", report::table(&report));
    print!("{}", report::quotes_lines(&report));
    print!("{}", dumps::table(&report.dumps));
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
    Ok(all_agree && dumps_agree)
}

/// Runs klartext (and the peers) on one set and scores every run.
fn bench_set(
    cli: &Cli,
    name: &str,
    eval: &Path,
    venv: Option<&peers::Venv>,
) -> Result<Vec<SetResult>> {
    let dir = sets::ensure_unpacked(&cli.data, &cli.unpack, name)?;
    let set = sets::load(&dir, cli.limit)?;
    eprintln!("{}: {} pages", set.name, set.gold.len());
    split::write_table(&set.name, &set.gold, &cli.out.join("split"))?;
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
    // Only tune pages are read one by one: the worst list never names a check page.
    let worst = match (cli.worst, pages) {
        (Some(k), Some(pages)) => Some(report::worst(tune_pages(&set, pages), k)),
        _ => None,
    };
    let mut files = vec![preds_path];
    // The peers extract pages; a set fed from a gold field (quotes) has none for them.
    let venv = venv.filter(|_| set.kind.input() == score::Input::Pages);
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
    let mut results = part_results(cli, &set, eval, &tools, &files)?;
    let whole = if results.is_empty() {
        "check (all pages)"
    } else {
        "all (tune pages in-sample)"
    };
    results.push(SetResult {
        set: format!("{} · {whole}", set.name),
        kind: set.kind_name.clone(),
        pages: set.gold.len(),
        limited: set.limited,
        columns: set.kind.scorer().columns(),
        tools,
        worst,
    });
    Ok(results)
}

/// The per-page scores of the tune part only.
fn tune_pages(set: &Set, pages: Vec<PageScore>) -> Vec<PageScore> {
    let tune: std::collections::HashSet<String> = set
        .gold
        .iter()
        .filter(|g| split::part(&set.name, g) == split::Part::Tune)
        .map(score::gold_id)
        .collect();
    pages.into_iter().filter(|p| tune.contains(&p.id)).collect()
}

/// Every tool's figures on the check and the tune part of a set (the split of `split.rs`),
/// scored from the same predictions files as the whole set (`files`, in the order of
/// `tools`); speeds are the whole run's. A set that is check entirely gets the row of the
/// whole set alone (no rows here).
fn part_results(
    cli: &Cli,
    set: &Set,
    eval: &Path,
    tools: &[ToolResult],
    files: &[PathBuf],
) -> Result<Vec<SetResult>> {
    let mut results = Vec::new();
    for part in [split::Part::Check, split::Part::Tune] {
        let sub = set.subset(|g| split::part(&set.name, g) == part);
        if sub.gold.is_empty() || sub.gold.len() == set.gold.len() {
            return Ok(Vec::new());
        }
        let label = format!("{} · {}", set.name, part.name());
        let check_dir = cli
            .check
            .then(|| sets::write_limited_copy(&sub, &cli.out.join("check").join(&label)))
            .transpose()?;
        let mut rows = Vec::new();
        for (tool, path) in tools.iter().zip(files) {
            let (figures, _) = score_file(&sub, path)?;
            let check = match &check_dir {
                Some(dir) => {
                    let python = check::python_figures(&eval.join("score.py"), dir, path)?;
                    Some(check::compare(&figures, &python).into())
                }
                None => None,
            };
            rows.push(ToolResult {
                tool: tool.tool.clone(),
                figures,
                speed: tool.speed.clone(),
                check,
            });
        }
        results.push(SetResult {
            set: label,
            kind: set.kind_name.clone(),
            pages: sub.gold.len(),
            limited: sub.limited,
            columns: set.kind.scorer().columns(),
            tools: rows,
            worst: None,
        });
    }
    Ok(results)
}

/// The dumps of one set: made with html-text, run by klartext as text, scored beside
/// klartext's HTML run on the same pages (and the peers on the dumps with `--peers`), on
/// the check part, the tune part and all pages. Returns the comparisons and whether
/// `--check` agreed.
fn bench_dumps(
    cli: &Cli,
    name: &str,
    eval: &Path,
    python: &Path,
    venv: Option<&peers::Venv>,
) -> Result<(Vec<dumps::DumpSet>, bool)> {
    let dir = sets::ensure_unpacked(&cli.data, &cli.unpack, name)?;
    let set = sets::load(&dir, cli.limit)?;
    let tools = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tools");
    let dump_dir = dumps::dir(&cli.out, name, false);
    dumps::make(&set, python, &tools, &dump_dir, false)?;
    let body_dir = dumps::dir(&cli.out, name, true);
    dumps::make(&set, python, &tools, &body_dir, true)?;
    let dump_set = dumps::dump_set(&set, &dump_dir);
    let html_set = Set {
        dumps: None,
        charset: set.charset.clone(),
        ..dumps::dump_set(&set, &dump_dir)
    };
    eprintln!("{name}: {} text dumps", dump_set.gold.len());
    let repeat = usize::from(cli.repeat);
    let mut rows = Vec::new();
    let mut files = Vec::new();
    let mut push = |rows: &mut Vec<dumps::DumpRow>, input, tool: &str, path: PathBuf, speed| {
        let figures = dumps::score(&dump_set, &path)?;
        rows.push(dumps::DumpRow {
            input,
            result: ToolResult {
                tool: tool.into(),
                figures,
                speed,
                check: None,
            },
        });
        files.push(path);
        anyhow::Ok(())
    };
    let html_path = cli.out.join(format!("{name}.html-subset.klartext.jsonl"));
    let speed = run::run_klartext(&html_set, &html_path, repeat)?;
    push(&mut rows, "html", "klartext", html_path, speed)?;
    let dump_path = cli.out.join(format!("{name}.dump.klartext.jsonl"));
    let speed = run::run_klartext(&dump_set, &dump_path, repeat)?;
    push(&mut rows, "dump", "klartext", dump_path, speed)?;
    let body_path = cli.out.join(format!("{name}.dump-body.klartext.jsonl"));
    let speed = run::run_klartext(&dumps::dump_set(&set, &body_dir), &body_path, repeat)?;
    push(&mut rows, dumps::BODY, "klartext", body_path, speed)?;
    let raw_path = cli.out.join(format!("{name}.dump.raw.jsonl"));
    dumps::write_raw(&dump_set, &raw_path)?;
    push(
        &mut rows,
        "dump",
        "dump as is",
        raw_path,
        run::Speed::default(),
    )?;
    if let Some(venv) = venv {
        let cached = cli.out.join(format!("{name}.trafilatura.jsonl"));
        if cached.is_file() {
            push(
                &mut rows,
                "html",
                "trafilatura",
                cached,
                run::Speed::default(),
            )?;
        }
        if peers::ensure_module(&venv.python, "jusText", "justext", &["jusText==3.0.2"]) {
            let runner = tools.join("run_dump_peer.py");
            for tool in dumps::DUMP_PEERS {
                let preds = cli.out.join(format!("{name}.dump.{tool}.jsonl"));
                let speed_path = cli.out.join(format!("{name}.dump.{tool}.speed.json"));
                let args = [
                    runner.as_os_str(),
                    eval.as_os_str(),
                    std::ffi::OsStr::new(tool),
                    set.dir.as_os_str(),
                    dump_dir.as_os_str(),
                    preds.as_os_str(),
                ];
                let cached = preds.is_file() && !cli.rerun_peers;
                let pages = Some(dump_set.gold.len());
                match peers::run_cached(&venv.python, &args, &speed_path, cached, pages) {
                    Ok(speed) => push(&mut rows, "dump", tool, preds, speed)?,
                    Err(e) => eprintln!("skipping {tool} on the dumps of {name}: {e:#}"),
                }
            }
        }
    }
    let mut agree = true;
    let figure = dumps::main_figure(&set.kind_name);
    let mut out = Vec::new();
    for part in [Some(split::Part::Check), Some(split::Part::Tune), None] {
        let sub = match part {
            Some(p) => dump_set.subset(|g| split::part(&set.name, g) == p),
            None => dump_set.subset(|_| true),
        };
        if sub.gold.is_empty() || (part.is_some() && sub.gold.len() == dump_set.gold.len()) {
            continue;
        }
        let label = match part {
            Some(p) => format!("{name} · {}", p.name()),
            None => format!("{name} · all"),
        };
        let mut part_rows = Vec::new();
        for (row, path) in rows.iter().zip(&files) {
            let mut result = ToolResult {
                tool: row.result.tool.clone(),
                figures: dumps::score(&sub, path)?,
                speed: row.result.speed.clone(),
                check: None,
            };
            if cli.check {
                let dir = cli.out.join("check").join(format!("{label}-dumps"));
                let check_dir = sets::write_limited_copy(&sub, &dir)?;
                let python = check::python_figures(&eval.join("score.py"), &check_dir, path)?;
                let c: report::CheckResult = check::compare(&result.figures, &python).into();
                agree &= c.agrees;
                result.check = Some(c);
            }
            part_rows.push(dumps::DumpRow {
                input: row.input,
                result,
            });
        }
        out.push(dumps::DumpSet {
            set: label,
            pages: sub.gold.len(),
            figure,
            rows: part_rows,
        });
    }
    Ok((out, agree))
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
