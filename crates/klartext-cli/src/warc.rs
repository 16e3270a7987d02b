//! `klartext warc`: the pages of WARC files as JSON Lines, one article per page.
//!
//! A reader thread walks the files in order and hands out bounded batches of records
//! (per worker at most 16 records and 4 MB of payload: [`klartext_warc::BatchLimit`]);
//! each batch is extracted in parallel with rayon and written in input order. The hand-over
//! is a rendezvous, so at most two batches are in flight (one extracted, one being read):
//! peak memory depends on the number of workers, not on the size of the input. Records the
//! reader passes over are counted by reason, as are the pages the `--lang` and
//! `--min-chars` filters drop; the counts go to stderr at the end. A record that cannot be
//! read or extracted is reported on stderr with its file and offset, and makes the exit
//! status 1; the other records are still written.
//!
//! Output is JSON Lines (to stdout or `--out`) or, with `--format parquet`, a Parquet file
//! at `--out` under a fixed schema (see [`crate::parquet_out`]).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{mpsc, Arc};
use std::time::Duration;

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use klartext_warc::{BatchLimit, Batcher, Record, RecordError, Records};
use rayon::prelude::*;

use crate::parquet_out::ParquetSink;

const EXIT_FAILED: u8 = 1;

pub const WARC_HELP: &str = "\
Records:
  'response' records with an HTTP 2xx response and 'resource' records are read when
  their payload is HTML, XHTML or text/plain (read as a text dump); chunked transfer
  and gzip, deflate and br content coding are undone, and the HTTP charset is passed to
  the decoder. Everything else is skipped and counted by reason on stderr. Files are
  plain, gzip (per record or whole) or zstd, told from their bytes; '-' is stdin.

Output:
  One JSON object per page, in input order: the fields of 'klartext extract' plus
  warc_record_id, url (WARC-Target-URI), warc_date (also the reference time for
  relative dates) and http_status; the page's canonical URL is canonical_url.
  '--format parquet --out PATH' writes the same values as a Parquet file (zstd) with
  the fixed columns of klartext.spark.warc_schema(): warc_path, the WARC facts,
  klartext's fields and error (null); a row group every 1024 pages.

Exit status:
  0  every record was read and extracted
  1  some records failed (each reported as 'klartext: FILE: offset N: reason'),
     or a file could not be opened; the other records are still written

Examples:
  klartext warc crawl.warc.gz > articles.jsonl
  klartext warc --lang de,en --min-chars 500 --out de-en.jsonl CC-MAIN-*.warc.gz
  klartext warc --format parquet --out pages.parquet crawl.warc.gz
  zstdcat crawl.warc.zst | klartext warc -";

#[derive(Debug, Args)]
pub struct WarcArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = WarcFormat::Jsonl)]
    pub format: WarcFormat,

    /// Write to this file instead of standard output (required for parquet).
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,

    /// Records extracted in parallel [default: number of cores].
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Keep only pages in these languages (comma-separated primary tags: de,en).
    #[arg(long, value_name = "LANGS", value_delimiter = ',')]
    pub lang: Vec<String>,

    /// Keep only pages whose text has at least N characters.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub min_chars: usize,

    /// Include the Markdown rendering as the "markdown" field.
    #[arg(long)]
    pub markdown: bool,

    /// WARC files (.warc, .warc.gz, .warc.zst), or '-' for standard input.
    #[arg(value_name = "FILE|-", required = true)]
    pub inputs: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WarcFormat {
    /// JSON Lines, one compact object per page.
    Jsonl,
    /// A Parquet file (needs --out) with the fixed columns of the Spark schema.
    Parquet,
}

/// What became of one record.
enum Outcome {
    Line(String),
    /// A page for the Parquet file: the JSON object with `warc_path`.
    Row(serde_json::Value),
    Filtered(&'static str),
    Failed(String),
}

/// A batch from the reader: records (or read errors) and the bytes read so far.
struct Batch {
    /// The file the records are from (a batch holds one file's records).
    path: Arc<str>,
    items: Vec<Result<Record, RecordError>>,
    bytes_read: u64,
}

/// What the reader thread counted: skips by reason, files it could not open.
#[derive(Default)]
struct ReadSummary {
    skipped: BTreeMap<String, u64>,
    open_failures: usize,
}

#[derive(Default)]
struct Counts {
    written: u64,
    failed: u64,
    filtered: BTreeMap<&'static str, u64>,
}

/// Where the pages go.
enum Sink {
    Jsonl(Box<dyn Write>),
    Parquet(Box<ParquetSink>),
}

impl Sink {
    /// Opens the output `args` ask for; a message on bad arguments or an unwritable file.
    fn open(args: &WarcArgs) -> Result<Sink, String> {
        let out = args.out.as_deref().filter(|p| *p != Path::new("-"));
        match (args.format, out) {
            (WarcFormat::Jsonl, None) => Ok(Sink::Jsonl(Box::new(io::BufWriter::with_capacity(
                256 * 1024,
                io::stdout().lock(),
            )))),
            (WarcFormat::Jsonl, Some(path)) => File::create(path)
                .map(|f| Sink::Jsonl(Box::new(io::BufWriter::with_capacity(256 * 1024, f))))
                .map_err(|err| format!("cannot create {}: {err}", path.display())),
            (WarcFormat::Parquet, None) => Err("--format parquet needs --out PATH: Parquet \
                 is a file format (its footer is written last), not a stream for standard output"
                .to_string()),
            (WarcFormat::Parquet, Some(_)) if args.markdown => Err(
                "--markdown is not a column of the Parquet schema; use --format jsonl".to_string(),
            ),
            (WarcFormat::Parquet, Some(path)) => {
                if File::open(path).is_ok_and(|f| f.is_terminal()) {
                    return Err(format!(
                        "{} is a terminal; --format parquet writes a file",
                        path.display()
                    ));
                }
                ParquetSink::create(path)
                    .map(|p| Sink::Parquet(Box::new(p)))
                    .map_err(|err| format!("cannot create {}: {err}", path.display()))
            }
        }
    }

    fn write(&mut self, outcome: Outcome) -> io::Result<()> {
        match (self, outcome) {
            (Sink::Jsonl(out), Outcome::Line(line)) => writeln!(out, "{line}"),
            (Sink::Parquet(p), Outcome::Row(row)) => p.push(row).map_err(io::Error::other),
            _ => Ok(()),
        }
    }

    /// Flushes the output; for Parquet, writes the last row group and the footer.
    fn finish(self) -> io::Result<()> {
        match self {
            Sink::Jsonl(mut out) => out.flush(),
            Sink::Parquet(p) => p.finish().map_err(io::Error::other),
        }
    }
}

/// Runs `klartext warc`.
pub fn run(args: WarcArgs) -> ExitCode {
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.map_or(0, usize::from))
        .build()
    {
        Ok(p) => p,
        Err(err) => {
            eprintln!("klartext: cannot start the workers: {err}");
            return ExitCode::from(EXIT_FAILED);
        }
    };
    let mut sink = match Sink::open(&args) {
        Ok(s) => s,
        Err(message) => {
            eprintln!("klartext: {message}");
            return ExitCode::from(EXIT_FAILED);
        }
    };
    let options = klartext::Options {
        markdown: args.markdown,
        ..klartext::Options::default()
    };
    // Rendezvous: the reader fills the next batch while the workers extract this one.
    let (tx, rx) = mpsc::sync_channel::<Batch>(0);
    let inputs = args.inputs.clone();
    let limit = BatchLimit::for_workers(pool.current_num_threads());
    let reader = std::thread::spawn(move || read_all(&inputs, limit, &tx));
    let bar = progress_bar();
    let mut counts = Counts::default();
    let mut write_error = None;
    for batch in rx {
        let outcomes: Vec<Outcome> = pool.install(|| {
            batch
                .items
                .par_iter()
                .map(|item| process(item, &batch.path, &options, &args))
                .collect()
        });
        bar.inc(outcomes.len() as u64);
        show_bytes(&bar, batch.bytes_read);
        if write_error.is_none() {
            write_error = write_outcomes(&mut sink, outcomes, &mut counts).err();
        }
    }
    bar.finish_and_clear();
    let finished = sink.finish();
    let read = reader.join().unwrap_or_default();
    report(&counts, &read);
    match write_error.map_or(finished, Err) {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("klartext: cannot write the output: {err}");
            return ExitCode::from(EXIT_FAILED);
        }
        _ => {}
    }
    if counts.failed > 0 || read.open_failures > 0 {
        ExitCode::from(EXIT_FAILED)
    } else {
        ExitCode::SUCCESS
    }
}

/// The reader thread: every file in turn, records in batches within `limit`.
fn read_all(inputs: &[PathBuf], limit: BatchLimit, tx: &mpsc::SyncSender<Batch>) -> ReadSummary {
    let mut summary = ReadSummary::default();
    let mut bytes_before = 0;
    for path in inputs {
        let name: Arc<str> = path.display().to_string().into();
        let mut records = match Records::open(path) {
            Ok(r) => r,
            Err(err) => {
                eprintln!("klartext: {}: {err}", path.display());
                summary.open_failures += 1;
                continue;
            }
        };
        let mut batcher = Batcher::new(limit);
        while let Some(item) = records.next() {
            let Some(items) = batcher.push(item) else {
                continue;
            };
            let bytes_read = bytes_before + records.bytes_read();
            if !send(tx, &name, items, bytes_read) {
                return summary;
            }
        }
        bytes_before += records.bytes_read();
        for (why, n) in records.skipped() {
            *summary.skipped.entry(why.to_string()).or_default() += n;
        }
        if !send(tx, &name, batcher.take(), bytes_before) {
            return summary;
        }
    }
    summary
}

/// Hands a batch to the workers; false when they are gone.
fn send(
    tx: &mpsc::SyncSender<Batch>,
    path: &Arc<str>,
    items: Vec<Result<Record, RecordError>>,
    bytes_read: u64,
) -> bool {
    let batch = Batch {
        path: path.clone(),
        items,
        bytes_read,
    };
    tx.send(batch).is_ok()
}

/// Extracts one record and applies the filters.
fn process(
    item: &Result<Record, RecordError>,
    path: &str,
    options: &klartext::Options,
    args: &WarcArgs,
) -> Outcome {
    let record = match item {
        Ok(r) => r,
        Err(err) => return Outcome::Failed(err.to_string()),
    };
    let json = match klartext_warc::extract_record(record, options) {
        Ok(j) => j,
        Err(err) => {
            let uri = record.target_uri.as_deref().unwrap_or("?");
            return Outcome::Failed(format!("offset {}: {uri}: {err}", record.offset));
        }
    };
    if !args.lang.is_empty() && !language_matches(json["language"].as_str(), &args.lang) {
        return Outcome::Filtered("--lang");
    }
    if args.min_chars > 0 && json["text"].as_str().map_or(0, |t| t.chars().count()) < args.min_chars
    {
        return Outcome::Filtered("--min-chars");
    }
    match args.format {
        WarcFormat::Jsonl => Outcome::Line(json.to_string()),
        WarcFormat::Parquet => {
            let mut row = json;
            if let Some(map) = row.as_object_mut() {
                map.insert("warc_path".into(), path.into());
            }
            Outcome::Row(row)
        }
    }
}

/// True when the page's language tag has one of `wanted` as its primary subtag.
fn language_matches(language: Option<&str>, wanted: &[String]) -> bool {
    let Some(primary) = language.and_then(|l| l.split(['-', '_']).next()) else {
        return false;
    };
    wanted
        .iter()
        .any(|w| w.trim().eq_ignore_ascii_case(primary))
}

fn write_outcomes(sink: &mut Sink, outcomes: Vec<Outcome>, counts: &mut Counts) -> io::Result<()> {
    for outcome in outcomes {
        match outcome {
            page @ (Outcome::Line(_) | Outcome::Row(_)) => {
                counts.written += 1;
                sink.write(page)?;
            }
            Outcome::Filtered(why) => *counts.filtered.entry(why).or_default() += 1,
            Outcome::Failed(message) => {
                counts.failed += 1;
                eprintln!("klartext: {message}");
            }
        }
    }
    Ok(())
}

/// The closing summary on stderr: pages written, failures, skips and filters by reason.
fn report(counts: &Counts, read: &ReadSummary) {
    let mut reasons: Vec<String> = read
        .skipped
        .iter()
        .map(|(k, n)| format!("{k}: {n}"))
        .collect();
    reasons.extend(
        counts
            .filtered
            .iter()
            .map(|(k, n)| format!("filtered by {k}: {n}")),
    );
    let reasons = if reasons.is_empty() {
        String::new()
    } else {
        format!("; skipped: {}", reasons.join(", "))
    };
    eprintln!(
        "klartext warc: {} pages written, {} failed{reasons}",
        counts.written, counts.failed
    );
}

/// A spinner with records/s and MB/s on a terminal; hidden when stderr is not one.
fn progress_bar() -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{spinner} {pos} records ({per_sec}) {msg}") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

fn show_bytes(bar: &ProgressBar, bytes_read: u64) {
    if bar.is_hidden() {
        return;
    }
    let secs = bar.elapsed().as_secs_f64().max(1e-3);
    let mb = bytes_read as f64 / 1e6;
    bar.set_message(format!("{mb:.1} MB read, {:.1} MB/s", mb / secs));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_filter_takes_the_primary_subtag() {
        let wanted = vec!["de".to_string(), "en".to_string()];
        assert!(language_matches(Some("de-DE"), &wanted));
        assert!(language_matches(Some("EN"), &wanted));
        assert!(!language_matches(Some("fr"), &wanted));
        assert!(!language_matches(None, &wanted));
    }

    #[test]
    fn a_hidden_bar_gets_no_messages() {
        // Piped output stays quiet and cheap.
        let bar = ProgressBar::hidden();
        show_bytes(&bar, 1_000_000);
        assert!(bar.message().is_empty());
    }
}
