//! The command line as clap sees it: subcommands, flags, their defaults and the help text.
//!
//! Nothing here does work; `main` turns a parsed [`Cli`] into a run.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Turns news pages (HTML or text dumps) into the article: clean text, metadata, quotations.
#[derive(Debug, Parser)]
#[command(name = "klartext", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract the article from each document and print it.
    #[command(after_help = EXTRACT_HELP)]
    Extract(ExtractArgs),
    /// Show every block of a page with the verdict on it and why (kept '+', dropped '-').
    Explain(ExplainArgs),
    /// Find the quotations and the persons and organisations in text that is already clean.
    #[command(after_help = QUOTES_HELP)]
    Quotes(QuotesArgs),
    /// Extract the article from each page in WARC files (web archives) as JSON Lines.
    #[command(after_help = crate::warc::WARC_HELP)]
    Warc(crate::warc::WarcArgs),
    /// Serve extraction over HTTP, with a page that shows what was kept and who said what.
    #[command(after_help = crate::serve::SERVE_HELP)]
    Serve(crate::serve::ServeArgs),
}

const QUOTES_HELP: &str = "\
Output:
  One JSON object: {\"quotes\": [...], \"entities\": [...]}, the same fields as in
  'klartext extract'. Offsets are Unicode code points into the input text as read
  (UTF-8; a byte-order mark is dropped).

Examples:
  klartext quotes article.txt
  klartext extract --format text page.html | klartext quotes -";

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The HTML page or text dump, or '-' for standard input.
    #[arg(value_name = "PATH|-")]
    pub input: PathBuf,
    /// What the input is; 'auto' tells HTML from a text dump by looking.
    #[arg(long = "input", value_enum, default_value_t = InputArg::Auto)]
    pub kind: InputArg,
    /// Charset the bytes are in, as an HTTP header would declare it.
    #[arg(long, value_name = "LABEL")]
    pub charset: Option<String>,
}

#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// A UTF-8 text file, or '-' for standard input (the default when something is piped in).
    #[arg(value_name = "PATH|-")]
    pub input: Option<PathBuf>,
}

const EXTRACT_HELP: &str = "\
Inputs:
  A file is read whatever its name. A directory is searched recursively for *.html,
  *.htm, *.xhtml, *.txt (any case) and files without an extension; hidden files and
  directories (name starting with '.') are skipped, and symbolic links to directories
  are not followed. Its files are taken in path order, so the output order is stable.
  A URL (http:// or https://) is fetched (30 s timeout, at most 5 redirects, the
  input size limit, gzip and brotli, the charset of its Content-Type header) and
  extracted with --url set to it. --input-file adds one URL or path a line.
  '-' reads standard input; no input at all also reads standard input, unless it
  is a terminal: then the usage is printed and the exit status is 2.

Output:
  json      one document (one file or '-'): one pretty-printed JSON object;
            several documents or a directory: JSON Lines, one object per line,
            in input order although documents are extracted in parallel.
  jsonl     always JSON Lines, one compact object per document.
  text      the clean text; with several documents each one is preceded by a
            header line '==> PATH <==' and followed by a blank line (as head(1) does).
            A data table is one line per row, its cells apart by a tab.
  markdown  like text, but the Markdown rendering, the title as '# ...' first.
  --with-metadata puts YAML front matter before text and Markdown output.

Exit status:
  0  every document was extracted
  1  some documents failed (each reported on stderr as 'klartext: PATH: reason';
     the others are still written)
  2  usage error (unknown flag, bad value, unknown --charset label)

Examples:
  klartext extract examples/article-de.html
  klartext extract --format text page.html
  klartext extract --format markdown https://example.org/news/1
  klartext extract --input-file urls.txt --output-dir articles/
  curl -s https://example.org/news/1 | klartext extract --url https://example.org/news/1 -
  klartext extract --charset iso-8859-1 --format markdown old-page.htm
  klartext extract --jobs 2 archive/ > articles.jsonl
  klartext extract --input text dumps/*.txt";

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// What the inputs are: tell from the bytes, or force HTML or plain text.
    #[arg(long, value_enum, default_value_t = InputArg::Auto)]
    pub input: InputArg,

    /// Output format (see "Output" below).
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,

    /// Include the Markdown rendering as the "markdown" field of json/jsonl output.
    #[arg(long)]
    pub markdown: bool,

    /// The page's URL, used to resolve links and as the fallback canonical URL
    /// (applies to every input; meant for a single document).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// Charset the bytes are in, as an HTTP header would declare it (e.g. iso-8859-1);
    /// overrides <meta> declarations but not a byte-order mark.
    #[arg(long, value_name = "LABEL", value_parser = parse_charset)]
    pub charset: Option<String>,

    /// The time the pages were fetched, for relative dates ("vor 3 Stunden", "yesterday")
    /// and the check that no date lies in the future: seconds since 1970 or an ISO date
    /// ("2025-11-30", "2025-11-30T14:00:00Z") [default: now].
    #[arg(long, value_name = "WHEN", value_parser = parse_reference_time)]
    pub reference_time: Option<i64>,

    /// Text and Markdown output: YAML front matter first (title, authors, date, URL, site,
    /// description, language), as trafilatura's --with-metadata does.
    #[arg(long)]
    pub with_metadata: bool,

    /// Markdown: keep links as [text](url).
    #[arg(long)]
    pub links: bool,

    /// Markdown: keep the images of captioned figures, with caption and credit.
    #[arg(long)]
    pub images: bool,

    /// Leave data tables out of the text and Markdown (layout tables are read as text).
    #[arg(long)]
    pub no_tables: bool,

    /// Keep the comment section (boxes named as comments or replies) apart from the text:
    /// the "comments" field of json/jsonl, a "Comments" section after text and Markdown.
    #[arg(long)]
    pub comments: bool,

    /// Which errors to prefer: 'precision' leaves out more furniture and some article text,
    /// 'recall' keeps more of the article and some furniture (trafilatura's --precision and
    /// --recall).
    #[arg(long, value_enum, default_value_t = FavorArg::Balanced)]
    pub favor: FavorArg,

    /// Skip documents whose page type is not 'article' (a forum, a product page, a listing):
    /// each is named on stderr, no output is written for it, and the exit status stays 0.
    /// Text dumps have no page type and are kept.
    #[arg(long)]
    pub only_articles: bool,

    /// Write one file per input into DIR (the input's name with the format's extension:
    /// .json, .txt, .md; directories given as input are mirrored) instead of stdout.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output_dir: Option<PathBuf>,

    /// Documents extracted in parallel [default: number of cores].
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Read more inputs (URLs or paths) from FILE, one a line; '#' starts a comment line.
    #[arg(long, short = 'i', value_name = "FILE")]
    pub input_file: Option<PathBuf>,

    /// Files, directories, URLs (http:// or https://, fetched), or '-' for standard input.
    #[arg(value_name = "PATH|DIR|URL|-")]
    pub inputs: Vec<PathBuf>,
}

/// Accepts the labels of the WHATWG Encoding Standard, so a typo is a usage error rather
/// than a failure of every document.
fn parse_charset(label: &str) -> Result<String, String> {
    match klartext::decode::decode(b"", Some(label)) {
        Err(klartext::Error::UnknownCharset(_)) => {
            Err("unknown charset label (try utf-8, iso-8859-1, windows-1252, ...)".to_string())
        }
        _ => Ok(label.to_string()),
    }
}

/// Seconds since the epoch, or a date read as klartext reads a page's dates.
fn parse_reference_time(value: &str) -> Result<i64, String> {
    let v = value.trim();
    // Ten digits or fewer are seconds; eight could also be a compact date, so they are
    // taken as seconds only when no date reading fits.
    if let Ok(secs) = v.parse::<i64>() {
        if v.len() != 8 {
            return Ok(secs);
        }
    }
    klartext::metadata::dates::parse_value(v)
        .map(|d| d.timestamp())
        .ok_or_else(|| "expected seconds since 1970 or a date like 2025-11-30".to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputArg {
    Auto,
    Html,
    Text,
}

impl From<InputArg> for klartext::InputKind {
    fn from(arg: InputArg) -> Self {
        match arg {
            InputArg::Auto => klartext::InputKind::Auto,
            InputArg::Html => klartext::InputKind::Html,
            InputArg::Text => klartext::InputKind::Text,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FavorArg {
    Balanced,
    Precision,
    Recall,
}

impl From<FavorArg> for klartext::Favor {
    fn from(arg: FavorArg) -> Self {
        match arg {
            FavorArg::Balanced => klartext::Favor::Balanced,
            FavorArg::Precision => klartext::Favor::Precision,
            FavorArg::Recall => klartext::Favor::Recall,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Jsonl,
    Text,
    Markdown,
}

impl Format {
    /// The extension of a file in this format (`--output-dir`).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json | Format::Jsonl => "json",
            Format::Text => "txt",
            Format::Markdown => "md",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn jobs_zero_is_refused() {
        let err =
            Cli::try_parse_from(["klartext", "extract", "--jobs", "0", "x"]).expect_err("jobs 0");
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn charset_labels_are_checked() {
        let ok = Cli::try_parse_from(["klartext", "extract", "--charset", "Latin1", "x"]);
        assert!(ok.is_ok());
        let err = Cli::try_parse_from(["klartext", "extract", "--charset", "latin-99", "x"])
            .expect_err("unknown label");
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("unknown charset label"));
    }

    #[test]
    fn reference_time_takes_seconds_or_dates() {
        let parse = |v: &str| {
            let cli = Cli::try_parse_from(["klartext", "extract", "--reference-time", v, "x"])
                .map_err(|e| e.exit_code())?;
            match cli.command {
                Command::Extract(args) => Ok(args.reference_time),
                _ => Err(0),
            }
        };
        assert_eq!(parse("1764460800"), Ok(Some(1_764_460_800)));
        assert_eq!(parse("2025-11-30"), Ok(Some(1_764_460_800)));
        assert_eq!(parse("2025-11-30T01:00:00+01:00"), Ok(Some(1_764_460_800)));
        assert_eq!(parse("soon"), Err(2));
    }

    #[test]
    fn defaults() {
        let cli = Cli::try_parse_from(["klartext", "extract"]).expect("parses");
        let Command::Extract(args) = cli.command else {
            panic!("extract parses as extract");
        };
        assert_eq!(args.format, Format::Json);
        assert_eq!(args.input, InputArg::Auto);
        assert!(
            args.inputs.is_empty()
                && args.jobs.is_none()
                && !args.markdown
                && args.reference_time.is_none()
        );
    }
}
