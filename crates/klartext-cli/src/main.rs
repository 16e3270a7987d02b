//! `klartext`: the command line over the klartext library.
//!
//! `main` parses the command line (clap checks the `--charset` label too), collects the
//! documents and hands them to [`run::run`]. Exit status: 0 when every document was
//! extracted, 1 when some failed, 2 for usage errors (clap's own included).

mod cli;
mod inputs;
mod run;
mod warc;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use klartext::Options;

use cli::{Cli, Command, ExplainArgs, ExtractArgs, Format, QuotesArgs};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXIT_FAILED_DOCUMENTS: u8 = 1;

fn main() -> ExitCode {
    // Clap's parse exits by itself: 2 for usage errors, 0 for --help and --version.
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Quotes(args) => quotes(args),
        Command::Explain(args) => explain(args),
        Command::Warc(args) => warc::run(args),
    }
}

/// `klartext explain`: one line per block — kept or dropped, the reason, the link density,
/// the owning element and the furniture container around it — for looking at failures.
fn explain(args: ExplainArgs) -> ExitCode {
    let report = std::fs::read(&args.input)
        .map_err(|e| e.to_string())
        .and_then(|bytes| {
            let options = Options {
                charset: args.charset.clone(),
                input: args.kind.into(),
                ..Options::default()
            };
            klartext::explain::explain(&bytes, &options).map_err(|e| e.to_string())
        });
    let blocks = match report {
        Ok(blocks) => blocks,
        Err(err) => {
            eprintln!("klartext: {}: {err}", args.input.display());
            return ExitCode::from(EXIT_FAILED_DOCUMENTS);
        }
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    for b in blocks {
        let mark = if b.reason.keeps() { '+' } else { '-' };
        let region = if b.in_main_region { 'M' } else { ' ' };
        let text: String = b
            .text
            .chars()
            .take(110)
            .collect::<String>()
            .replace('\n', " ⏎ ");
        let owner: String = b.owner.chars().take(28).collect();
        let container = b
            .furniture_container
            .map(|f| format!(" [in {}]", f.chars().take(40).collect::<String>()))
            .unwrap_or_default();
        let line = format!(
            "{mark}{region} {:<19} ld={:.2} {owner:<28} {text}{container}",
            b.reason.as_str(),
            b.link_density
        );
        if writeln!(out, "{line}").is_err() {
            return ExitCode::SUCCESS; // a closed pipe (`| head`) ends the listing quietly
        }
    }
    let _ = out.flush();
    ExitCode::SUCCESS
}

/// `klartext quotes`: the quotation pass alone, over clean text.
fn quotes(args: QuotesArgs) -> ExitCode {
    let bytes = if args.input.as_os_str() == "-" {
        let mut buf = Vec::new();
        io::Read::read_to_end(&mut io::stdin(), &mut buf).map(|_| buf)
    } else {
        std::fs::read(&args.input)
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(err) => {
            eprintln!("klartext: {}: {err}", args.input.display());
            return ExitCode::from(EXIT_FAILED_DOCUMENTS);
        }
    };
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let (quotes, entities) = klartext::quotes::analyse(text);
    let json = serde_json::json!({ "quotes": quotes, "entities": entities });
    let mut out = io::stdout().lock();
    match writeln!(
        out,
        "{}",
        serde_json::to_string_pretty(&json).unwrap_or_default()
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("klartext: cannot write the output: {err}");
            ExitCode::from(EXIT_FAILED_DOCUMENTS)
        }
    }
}

fn extract(args: ExtractArgs) -> ExitCode {
    let collected = inputs::collect(&args.inputs);
    if collected.inputs.is_empty() {
        eprintln!("klartext: no documents found (looked for *.html, *.htm, *.xhtml, *.txt and files without extension)");
        return ExitCode::SUCCESS;
    }
    let options = Options {
        input: args.input.into(),
        url: args.url,
        charset: args.charset,
        reference_time: args.reference_time,
        markdown: args.markdown || args.format == Format::Markdown,
        ..Options::default()
    };
    let plan = run::Plan {
        options,
        format: args.format,
        single: collected.single && collected.inputs.len() == 1 && args.format != Format::Jsonl,
        jobs: args.jobs.map(usize::from),
    };

    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    let summary = match run::run(&collected.inputs, &plan, &mut out) {
        Ok(summary) => summary,
        Err(err) => {
            eprintln!("klartext: cannot write the output: {err}");
            return ExitCode::from(EXIT_FAILED_DOCUMENTS);
        }
    };
    // Flushed by run; dropping the writer must not print a second error.
    let _ = out.flush();
    if summary.failed > 0 {
        ExitCode::from(EXIT_FAILED_DOCUMENTS)
    } else {
        ExitCode::SUCCESS
    }
}
