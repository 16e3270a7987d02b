//! `klartext`: the command line over the klartext library.
//!
//! `main` parses the command line (clap checks the `--charset` label too), collects the
//! documents and hands them to [`run::run`]. Exit status: 0 when every document was
//! extracted, 1 when some failed, 2 for usage errors (clap's own included).

mod cli;
mod fetch;
mod inputs;
mod parquet_out;
mod run;
mod serve;
mod warc;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use klartext::Options;

use cli::{Cli, Command, ExplainArgs, ExtractArgs, Format, QuotesArgs};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXIT_FAILED_DOCUMENTS: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    // Clap's parse exits by itself: 2 for usage errors, 0 for --help and --version.
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Quotes(args) => quotes(args),
        Command::Explain(args) => explain(args),
        Command::Warc(args) => warc::run(args),
        Command::Serve(args) => serve::run(args),
    }
}

/// `klartext explain`: one line per block — kept or dropped, the reason, the link density,
/// the owning element and the furniture container around it — for looking at failures; then
/// the metadata section (every date candidate, its source, and which won).
fn explain(args: ExplainArgs) -> ExitCode {
    let input = inputs::single(&args.input);
    let options = Options {
        charset: args.charset.clone(),
        input: args.kind.into(),
        ..Options::default()
    };
    let report = run::read(&input, options.limits.max_input_bytes).and_then(|bytes| {
        let blocks = klartext::explain::explain(&bytes, &options);
        let fields = klartext::explain::metadata(&bytes, &options);
        match (blocks, fields) {
            (Ok(blocks), Ok(fields)) => Ok((blocks, fields)),
            (Err(e), _) | (_, Err(e)) => Err(e.to_string()),
        }
    });
    let (blocks, fields) = match report {
        Ok(report) => report,
        Err(err) => {
            eprintln!("klartext: {}: {err}", input.name());
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
    let _ = write_metadata(&mut out, &fields);
    let _ = out.flush();
    ExitCode::SUCCESS
}

/// The metadata section of `klartext explain`: per field the value chosen, its source and
/// the cross-checks that changed it, then every source's candidates, most trusted first.
fn write_metadata(
    out: &mut impl Write,
    fields: &[klartext::explain::FieldReport],
) -> io::Result<()> {
    if fields.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nmetadata")?;
    for f in fields {
        let checks = if f.checks.is_empty() {
            String::new()
        } else {
            format!("; checks: {}", f.checks.join(", "))
        };
        writeln!(
            out,
            "{}: {} (from {}{checks})",
            f.field,
            f.chosen.as_deref().unwrap_or("-"),
            f.chosen_from.unwrap_or("-")
        )?;
        for c in &f.candidates {
            let mark = if Some(c.source) == f.chosen_from {
                '*'
            } else {
                ' '
            };
            writeln!(
                out,
                "  {mark} {:<10} {:<44} {}",
                c.trust,
                c.source,
                c.values.join(", ")
            )?;
        }
    }
    Ok(())
}

/// `klartext quotes`: the quotation pass alone, over clean text.
fn quotes(args: QuotesArgs) -> ExitCode {
    let Some(path) = args.input.or_else(|| stdin_or_usage("quotes")) else {
        return ExitCode::from(EXIT_USAGE);
    };
    let input = inputs::single(&path);
    let bytes = match run::read(&input, klartext::Limits::default().max_input_bytes) {
        Ok(b) => b,
        Err(err) => {
            eprintln!("klartext: {}: {err}", input.name());
            return ExitCode::from(EXIT_FAILED_DOCUMENTS);
        }
    };
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let (quotes, entities) = klartext::quotes::analyse(text);
    // A struct, not `json!`: its keys keep their declared order (quotes as in `extract`).
    #[derive(serde::Serialize)]
    struct Output<'a> {
        quotes: &'a [klartext::Quote],
        entities: &'a [klartext::Entity],
    }
    let json = serde_json::to_string_pretty(&Output {
        quotes: &quotes,
        entities: &entities,
    })
    .unwrap_or_default();
    let mut out = io::stdout().lock();
    match writeln!(out, "{json}") {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("klartext: cannot write the output: {err}");
            ExitCode::from(EXIT_FAILED_DOCUMENTS)
        }
    }
}

/// No path given: standard input (`-`) when something is piped in; on a terminal, where
/// reading would wait silently, the subcommand's usage on stderr and `None` (exit 2).
fn stdin_or_usage(subcommand: &str) -> Option<PathBuf> {
    if !io::stdin().is_terminal() {
        return Some(PathBuf::from("-"));
    }
    let mut cmd = Cli::command();
    cmd.build();
    let usage = cmd
        .find_subcommand_mut(subcommand)
        .map(|c| c.render_usage().to_string())
        .unwrap_or_default();
    eprintln!(
        "klartext: no input: name a file (or '-' for standard input, which is a terminal here)\n\n{usage}\n\nFor more information, try 'klartext {subcommand} --help'."
    );
    None
}

fn extract(args: ExtractArgs) -> ExitCode {
    let mut paths = args.inputs.clone();
    if let Some(list) = &args.input_file {
        match inputs::read_list(list) {
            Ok(entries) => paths.extend(entries),
            Err(err) => {
                eprintln!("klartext: {}: {err}", list.display());
                return ExitCode::from(EXIT_FAILED_DOCUMENTS);
            }
        }
    }
    if paths.is_empty() {
        match stdin_or_usage("extract") {
            Some(stdin) => paths.push(stdin),
            None => return ExitCode::from(EXIT_USAGE),
        }
    }
    let collected = inputs::collect(&paths);
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
        style: klartext::render::Style {
            links: args.links,
            images: args.images,
            tables: !args.no_tables,
        },
        comments: args.comments,
        favor: args.favor.into(),
        ..Options::default()
    };
    let plan = run::Plan {
        options,
        format: args.format,
        with_metadata: args.with_metadata,
        single: ((collected.single && collected.inputs.len() == 1) || args.output_dir.is_some())
            && args.format != Format::Jsonl,
        jobs: args.jobs.map(usize::from),
        targets: args.output_dir.as_deref().map(|dir| {
            inputs::output_paths(&collected.inputs, &paths, dir, args.format.extension())
        }),
        fetcher: fetch::Fetcher::default(),
        only_articles: args.only_articles,
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
