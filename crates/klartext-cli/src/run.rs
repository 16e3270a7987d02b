//! Running `extract` over the collected documents: read, extract in parallel on a rayon
//! pool, and write each result in input order as soon as it and all before it are done.
//!
//! Workers render their document's output themselves (JSON serialisation is part of the
//! work); the main thread only reorders, writes, reports failures and moves the progress
//! bar. A failed document is reported on stderr and does not stop the others.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use klartext::{Article, Options};
use rayon::prelude::*;

use crate::cli::Format;
use crate::inputs::{describe_io, Input};

/// How every document is turned into output.
#[derive(Debug, Clone)]
pub struct Plan {
    pub options: Options,
    pub format: Format,
    /// Text and Markdown: YAML front matter before the body.
    pub with_metadata: bool,
    /// One document named on the command line: pretty JSON, no text header.
    pub single: bool,
    /// Worker threads; `None` for rayon's default (one per core).
    pub jobs: Option<usize>,
    /// `--output-dir`: one file per input (parallel to the inputs) instead of stdout.
    pub targets: Option<Vec<PathBuf>>,
    /// The HTTP client for inputs named by URL.
    pub fetcher: crate::fetch::Fetcher,
    /// `--only-articles`: documents of another page type are skipped (named on stderr).
    pub only_articles: bool,
}

/// What a run did, for the exit status.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub ok: usize,
    pub failed: usize,
    /// Documents left out by `--only-articles`.
    pub skipped: usize,
    /// The reader went away (a closed pipe); the run stopped early on purpose.
    pub output_closed: bool,
}

/// Extracts every input and writes the results to `out` in input order.
pub fn run(inputs: &[Input], plan: &Plan, out: &mut dyn Write) -> io::Result<Summary> {
    let mut threads = rayon::ThreadPoolBuilder::new();
    if let Some(n) = plan.jobs {
        threads = threads.num_threads(n);
    }
    let pool = threads.build().map_err(io::Error::other)?;
    let progress = progress_bar(inputs.len());
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, Result<Done, String>)>();

    let mut summary = Summary::default();
    let mut write_error = None;
    std::thread::scope(|scope| {
        let stop = &stop;
        scope.spawn(move || {
            pool.install(|| {
                inputs
                    .par_iter()
                    .enumerate()
                    .for_each_with(tx, |tx, (index, input)| {
                        if stop.load(Ordering::Relaxed) {
                            return;
                        }
                        let result = process(input, plan);
                        // The receiver only hangs up when the run stops early.
                        let _ = tx.send((index, result));
                    });
            });
        });

        let mut pending = BTreeMap::new();
        let mut next = 0;
        for (index, result) in rx {
            pending.insert(index, result);
            while let Some(result) = pending.remove(&next) {
                next += 1;
                progress.inc(1);
                match result {
                    Ok(Done::Skipped(kind)) => {
                        summary.skipped += 1;
                        let name = inputs[next - 1].name();
                        progress.suspend(|| {
                            eprintln!(
                                "klartext: {name}: skipped: the page type is {kind}, not article"
                            );
                        });
                    }
                    Ok(Done::Output(output)) => {
                        match plan.targets.as_ref().and_then(|t| t.get(next - 1)) {
                            Some(target) => match write_file(target, &output) {
                                Ok(()) => summary.ok += 1,
                                Err(reason) => {
                                    summary.failed += 1;
                                    let name = target.display();
                                    progress.suspend(|| eprintln!("klartext: {name}: {reason}"));
                                }
                            },
                            None => {
                                summary.ok += 1;
                                if let Err(err) = out.write_all(output.as_bytes()) {
                                    write_error = Some(err);
                                }
                            }
                        }
                    }
                    Err(reason) => {
                        summary.failed += 1;
                        let name = inputs[next - 1].name();
                        progress.suspend(|| eprintln!("klartext: {name}: {reason}"));
                    }
                }
            }
            if write_error.is_some() {
                stop.store(true, Ordering::Relaxed);
                break;
            }
        }
    });
    progress.finish_and_clear();

    match write_error {
        Some(err) if err.kind() == io::ErrorKind::BrokenPipe => {
            summary.output_closed = true;
            Ok(summary)
        }
        Some(err) => Err(err),
        None => {
            match out.flush() {
                Err(err) if err.kind() == io::ErrorKind::BrokenPipe => {
                    summary.output_closed = true;
                }
                other => other?,
            }
            Ok(summary)
        }
    }
}

/// Writes one document's output to its `--output-dir` file, making the directories.
fn write_file(target: &Path, output: &str) -> Result<(), String> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create the directory: {}", describe_io(&e)))?;
    }
    std::fs::write(target, output).map_err(|e| format!("cannot write: {}", describe_io(&e)))
}

/// A bar on stderr when it is a terminal and there is more than one document.
fn progress_bar(total: usize) -> ProgressBar {
    if total < 2 || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} documents (eta {eta})",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    // Keep the clock moving while one large document takes its time.
    bar.enable_steady_tick(std::time::Duration::from_millis(250));
    bar
}

/// What became of one document that did not fail.
enum Done {
    /// Its finished output.
    Output(String),
    /// Left out by `--only-articles`; the page type it has.
    Skipped(String),
}

/// One document from bytes to its finished output, or the reason it failed.
fn process(input: &Input, plan: &Plan) -> Result<Done, String> {
    let limit = plan.options.limits.max_input_bytes;
    let mut options = plan.options.clone();
    options.source = Some(input.name());
    let bytes = match input {
        Input::Url(url) => {
            let page = plan.fetcher.fetch(url, limit)?;
            // The header's charset unless the command line named one; a label no
            // standard knows is ignored, as a browser would.
            let known = |l: &String| klartext::decode::decode(b"", Some(l)).is_ok();
            if options.charset.is_none() {
                options.charset = page.charset.filter(known);
            }
            options.url = options.url.or(Some(page.url));
            page.bytes
        }
        _ => read(input, limit)?,
    };
    let article = catch_unwind(AssertUnwindSafe(|| klartext::extract(&bytes, &options)))
        .map_err(|_| "internal error: extraction panicked (please report this page)")?
        .map_err(|err| err.to_string())?;
    if let Some(kind) = skipped_type(&article, plan) {
        return Ok(Done::Skipped(kind));
    }
    render(&article, input, plan).map(Done::Output)
}

/// The page type that makes `--only-articles` skip `article`, if it does. A text dump has
/// no page type and is kept.
fn skipped_type(article: &Article, plan: &Plan) -> Option<String> {
    let kind = &article.page_type.as_ref()?.kind;
    (plan.only_articles && kind != "article").then(|| kind.clone())
}

/// Reads a whole document, refusing more than `limit` bytes without reading them all.
/// Every subcommand reads its input here, so a missing file is worded the same way.
pub fn read(input: &Input, limit: usize) -> Result<Vec<u8>, String> {
    let too_large = |size: u64| {
        klartext::Error::TooLarge {
            size: usize::try_from(size).unwrap_or(usize::MAX),
            limit,
        }
        .to_string()
    };
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let mut bytes = Vec::new();
    match input {
        Input::Failed { reason, .. } => return Err(reason.clone()),
        Input::Url(_) => return Err("a URL is fetched, not read".to_string()),
        Input::Stdin => {
            io::stdin()
                .lock()
                .take(cap)
                .read_to_end(&mut bytes)
                .map_err(|e| describe_io(&e))?;
            if bytes.len() > limit {
                return Err(format!(
                    "input exceeds the limit of {limit} bytes (standard input)"
                ));
            }
        }
        Input::File(path) => {
            let file = File::open(path).map_err(|e| describe_io(&e))?;
            let meta = file.metadata().map_err(|e| describe_io(&e))?;
            if meta.is_dir() {
                return Err("is a directory".to_string());
            }
            if meta.len() > limit as u64 {
                return Err(too_large(meta.len()));
            }
            file.take(cap)
                .read_to_end(&mut bytes)
                .map_err(|e| describe_io(&e))?;
            if bytes.len() > limit {
                // The file grew while being read.
                return Err(too_large(bytes.len() as u64));
            }
        }
    }
    Ok(bytes)
}

/// `--comments` in text and Markdown: the comment section after the article, under a
/// heading of its own (nothing when the page has none).
fn append_comments(body: &mut String, article: &Article, markdown: bool) {
    let Some(comments) = article.comments.as_deref().filter(|c| !c.trim().is_empty()) else {
        return;
    };
    let trimmed = body.trim_end_matches('\n').len();
    body.truncate(trimmed);
    body.push_str(if markdown {
        "\n\n## Comments\n\n"
    } else {
        "\n\nComments:\n\n"
    });
    body.push_str(comments.trim_end());
    body.push('\n');
}

/// The output for one article in the plan's format, ending in a newline.
fn render(article: &Article, input: &Input, plan: &Plan) -> Result<String, String> {
    let mut out = match plan.format {
        Format::Json if plan.single => serde_json::to_string_pretty(article),
        Format::Json | Format::Jsonl => serde_json::to_string(article),
        Format::Text | Format::Markdown => {
            let markdown = plan.format == Format::Markdown;
            let mut body = klartext::render::document(article, markdown, plan.with_metadata);
            append_comments(&mut body, article, markdown);
            let mut out = String::with_capacity(body.len() + 64);
            if !plan.single {
                out.push_str("==> ");
                out.push_str(&input.name());
                out.push_str(" <==\n");
            }
            out.push_str(body.trim_end_matches('\n'));
            if !body.is_empty() {
                out.push('\n');
            }
            if !plan.single {
                out.push('\n');
            }
            return Ok(out);
        }
    }
    .map_err(|err| format!("cannot serialise the article: {err}"))?;
    out.push('\n');
    Ok(out)
}
