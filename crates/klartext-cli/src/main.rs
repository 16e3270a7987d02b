//! `klartext`: the command line over the klartext library.
//!
//! `main` parses the command line (clap checks the `--charset` label too), collects the
//! documents and hands them to [`run::run`]. Exit status: 0 when every document was
//! extracted, 1 when some failed, 2 for usage errors (clap's own included).

mod cli;
mod inputs;
mod run;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use klartext::Options;

use cli::{Cli, Command, ExtractArgs, Format};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXIT_FAILED_DOCUMENTS: u8 = 1;

fn main() -> ExitCode {
    // Clap's parse exits by itself: 2 for usage errors, 0 for --help and --version.
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => extract(args),
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
