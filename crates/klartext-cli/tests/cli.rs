//! End-to-end tests of the `klartext` binary: output shape, order, stdin, exit codes.
//!
//! The extraction itself is tested in the library; here only the structure of the output
//! and the behaviour of the command line are asserted.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const FIELDS: [&str; 14] = [
    "source",
    "url",
    "title",
    "description",
    "authors",
    "date_published",
    "date_modified",
    "site_name",
    "language",
    "text",
    "images",
    "agencies",
    "quotes",
    "entities",
];

/// The pages in the fixture directory, in the order a directory walk must give them.
const SORTED: [&str; 4] = [
    "pages/de/stadtrat.html",
    "pages/en/harbour.htm",
    "pages/notes.txt",
    "pages/wire-dump",
];

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `klartext` run in the fixture directory, so paths and sources are short.
fn klartext(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_klartext"))
        .args(args)
        .current_dir(fixtures())
        .stdin(Stdio::null())
        .output()
        .expect("run klartext")
}

fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_klartext"))
        .args(args)
        .current_dir(fixtures())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn klartext");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn jsonl(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON value"))
        .collect()
}

fn sources(docs: &[Value]) -> Vec<&str> {
    docs.iter()
        .map(|d| d["source"].as_str().expect("source is a string"))
        .collect()
}

fn assert_schema(doc: &Value) {
    let obj = doc.as_object().expect("a JSON object");
    for field in FIELDS {
        assert!(obj.contains_key(field), "missing field {field:?} in {doc}");
    }
    assert!(doc["text"].is_string());
    for list in ["authors", "images", "agencies", "quotes", "entities"] {
        assert!(doc[list].is_array(), "{list} is not an array");
    }
}

#[test]
fn one_file_gives_one_pretty_json_object() {
    let out = klartext(&["extract", SORTED[0]]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    let text = stdout(&out);
    let doc: Value = serde_json::from_str(&text).expect("one JSON value");
    assert_schema(&doc);
    assert_eq!(doc["source"], SORTED[0]);
    assert!(text.starts_with("{\n  \""), "pretty-printed");
    assert!(text.ends_with("}\n"));
    assert!(
        doc["markdown"].is_null(),
        "markdown only on request, else null"
    );
}

#[test]
fn directory_gives_jsonl_in_sorted_order() {
    let out = klartext(&["extract", "--jobs", "3", "pages"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs = jsonl(&out);
    assert_eq!(sources(&docs), SORTED);
    docs.iter().for_each(assert_schema);
    // The same bytes whatever the parallelism.
    let serial = klartext(&["extract", "--jobs", "1", "pages"]);
    assert_eq!(serial.stdout, out.stdout);
}

#[test]
fn a_directory_with_a_trailing_slash_and_files_mixed_keep_argument_order() {
    let out = klartext(&[
        "extract",
        "pages/notes.txt",
        "pages/en/",
        "pages/de/stadtrat.html",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs = jsonl(&out);
    assert_eq!(
        sources(&docs),
        [
            "pages/notes.txt",
            "pages/en/harbour.htm",
            "pages/de/stadtrat.html"
        ]
    );
}

#[test]
fn jsonl_format_is_one_line_even_for_one_document() {
    let out = klartext(&["extract", "--format", "jsonl", SORTED[1]]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1);
    assert_schema(&serde_json::from_str(text.trim_end()).expect("json"));
}

#[test]
fn stdin_is_read_with_dash() {
    let page = std::fs::read(fixtures().join(SORTED[1])).expect("fixture");
    let out = with_stdin(&["extract", "-"], &page);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(&stdout(&out)).expect("one JSON value");
    assert_schema(&doc);
    assert_eq!(doc["source"], "-");
}

#[test]
fn stdin_is_read_without_arguments() {
    let out = with_stdin(&["extract", "--format", "jsonl"], b"<p>Hallo Welt</p>");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(jsonl(&out).len(), 1);
}

#[test]
fn missing_file_fails_alone() {
    let out = klartext(&["extract", SORTED[0], "pages/missing.html", SORTED[1]]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim_end(),
        "klartext: pages/missing.html: no such file or directory"
    );
    let docs = jsonl(&out);
    assert_eq!(sources(&docs), [SORTED[0], SORTED[1]]);
}

#[test]
fn only_a_missing_file_exits_1_with_no_output() {
    let out = klartext(&["extract", "nope.html"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).starts_with("klartext: nope.html: "));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["extract", "--bogus", "x.html"][..],
        &["extract", "--format", "yaml", "x.html"],
        &["extract", "--input", "pdf", "x.html"],
        &["extract", "--jobs", "0", "x.html"],
        &["extract", "--jobs", "many", "x.html"],
        &["extract", "--charset", "no-such-charset", "x.html"],
        &["frobnicate"],
        &[],
    ] {
        let out = klartext(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn help_has_examples_and_version_is_printed() {
    let out = klartext(&["extract", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    assert!(
        help.contains("Examples:") && help.contains("klartext extract examples/article-de.html")
    );
    assert!(help.contains("--jobs") && help.contains("--charset"));

    let out = klartext(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out).trim_end(),
        format!("klartext {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn text_format_separates_documents_with_header_lines() {
    let out = klartext(&["extract", "--format", "text", "pages"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let headers: Vec<&str> = text.lines().filter(|l| l.starts_with("==> ")).collect();
    let want: Vec<String> = SORTED.iter().map(|s| format!("==> {s} <==")).collect();
    assert_eq!(headers, want);
    assert!(text.starts_with("==> pages/de/stadtrat.html <==\n"));
    // No JSON in text mode.
    assert!(!text.contains("\"source\""));
}

#[test]
fn text_format_for_one_document_has_no_header() {
    let out = klartext(&["extract", "--format", "markdown", SORTED[0]]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stdout(&out).contains("==>"));
    assert!(!stdout(&out).contains("\"source\""));
}

#[test]
fn markdown_flag_adds_the_field() {
    let out = klartext(&["extract", "--markdown", SORTED[0]]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert!(doc["markdown"].is_string(), "{doc}");
}

#[test]
fn charset_and_url_reach_the_library() {
    let latin1: Vec<u8> = "<p>Grüße aus Köln</p>"
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1 char"))
        .collect();
    let out = with_stdin(
        &[
            "extract",
            "--charset",
            "iso-8859-1",
            "--url",
            "https://news.example/koeln",
            "-",
        ],
        &latin1,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(doc["encoding"], "windows-1252 (declared)");
    assert_eq!(doc["url"], "https://news.example/koeln");
}

#[test]
fn input_kind_text_is_accepted() {
    let out = klartext(&["extract", "--input", "text", "pages/notes.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_schema(&serde_json::from_str(&stdout(&out)).expect("json"));
}

#[test]
fn empty_directory_is_not_an_error() {
    let dir = std::env::temp_dir().join(format!("klartext-cli-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let out = klartext(&["extract", dir.to_str().expect("utf-8 temp path")]);
    let _ = std::fs::remove_dir(&dir);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("no documents found"));
}

#[test]
fn quotes_reads_clean_text_from_stdin() {
    let text = "„Wir bleiben dabei“, sagte Außenministerin Anna Berger am Montag in Berlin.";
    let out = with_stdin(&["quotes", "-"], text.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(&stdout(&out)).expect("one JSON object");
    let quotes = doc["quotes"].as_array().expect("quotes array");
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0]["text"], "Wir bleiben dabei");
    assert_eq!(quotes[0]["speaker"], "Anna Berger");
    assert!(doc["entities"].is_array());
}

#[test]
fn quotes_of_a_missing_file_fail_with_exit_1() {
    let out = klartext(&["quotes", "/no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("/no/such/file.txt"));
}

#[test]
fn explain_lists_every_block_with_its_verdict() {
    let page = fixtures().join("pages/de/stadtrat.html");
    let out = klartext(&["explain", page.to_str().expect("utf-8 path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.lines().any(|l| l.starts_with('+')),
        "nothing kept:\n{text}"
    );
    assert!(
        text.lines().any(|l| l.starts_with('-')),
        "nothing dropped:\n{text}"
    );
}

#[test]
fn binary_input_is_an_error_per_document() {
    let mut pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj".to_vec();
    pdf.extend(std::iter::repeat_n(0u8, 64));
    let out = with_stdin(&["extract", "-"], &pdf);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim_end(),
        "klartext: -: not text: looks like PDF"
    );
    assert!(out.stdout.is_empty());

    let noise: Vec<u8> = (0u32..20_000)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    let out = with_stdin(&["extract", "--format", "text", "-"], &noise);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not text: looks like binary data"));
}

#[test]
fn a_missing_file_is_worded_alike_by_every_subcommand() {
    for sub in ["extract", "quotes", "explain"] {
        let out = klartext(&[sub, "nope.html"]);
        assert_eq!(out.status.code(), Some(1), "{sub}");
        assert_eq!(
            stderr(&out).trim_end(),
            "klartext: nope.html: no such file or directory",
            "{sub}"
        );
    }
}

#[test]
fn explain_reads_standard_input() {
    let page = std::fs::read(fixtures().join(SORTED[0])).expect("fixture");
    let out = with_stdin(&["explain", "-"], &page);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).lines().any(|l| l.starts_with('+')));
}

#[test]
fn quotes_give_null_for_a_missing_speaker_and_keys_in_one_order() {
    let text = "Der Bericht liegt vor. „Das wird teuer“, hieß es danach.";
    let out = with_stdin(&["quotes"], text.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let json = stdout(&out);
    let doc: Value = serde_json::from_str(&json).expect("one JSON object");
    let quote = &doc["quotes"][0];
    for key in ["speaker_start", "speaker_end"] {
        assert!(quote.get(key).is_some_and(Value::is_null), "{key}: {json}");
    }
    // The keys in the order `extract` gives them.
    let order = [
        "\"text\"",
        "\"speaker\"",
        "\"speaker_mention\"",
        "\"speaker_start\"",
        "\"cue\"",
        "\"kind\"",
        "\"start\"",
    ];
    let at: Vec<usize> = order.iter().filter_map(|k| json.find(k)).collect();
    assert_eq!(at.len(), order.len(), "{json}");
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{json}");
    assert!(json.find("\"quotes\"") < json.find("\"entities\""));
}

#[test]
fn no_path_on_a_terminal_prints_the_usage_and_exits_2() {
    // script(1) (util-linux, in every Debian) gives the child a terminal on stdin.
    let bin = env!("CARGO_BIN_EXE_klartext");
    for sub in ["extract", "quotes"] {
        let Ok(out) = Command::new("script")
            .args(["-qec", &format!("{bin} {sub}"), "/dev/null"])
            .stdin(Stdio::null())
            .output()
        else {
            eprintln!("script(1) not found: skipped");
            return;
        };
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert_eq!(out.status.code(), Some(2), "{sub}: {all}");
        assert!(all.contains(&format!("Usage: klartext {sub}")), "{all}");
    }
}

#[test]
fn output_dir_writes_one_file_per_input_mirroring_directories() {
    let out_dir = std::env::temp_dir().join(format!("klartext-outdir-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out_dir);
    let dir = out_dir.to_str().expect("utf-8 temp dir");
    let out = klartext(&[
        "extract",
        "--format",
        "markdown",
        "--output-dir",
        dir,
        "pages",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "nothing on stdout");
    for name in [
        "de/stadtrat.md",
        "en/harbour.md",
        "notes.md",
        "wire-dump.md",
    ] {
        let md = std::fs::read_to_string(out_dir.join(name)).unwrap_or_default();
        assert!(!md.trim().is_empty(), "{name} missing or empty");
        assert!(
            !md.starts_with("==>"),
            "{name}: no header in a file of its own"
        );
    }
    let out = klartext(&["extract", "--output-dir", dir, SORTED[1]]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json = std::fs::read_to_string(out_dir.join("harbour.json")).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&out_dir);
    let doc: Value = serde_json::from_str(&json).expect("one JSON object");
    assert_eq!(doc["source"], SORTED[1]);
}

#[test]
fn no_tables_and_links_reach_the_rendering() {
    let page = "<html><body><article><p>The committee published its figures on Monday, and the table below lists them by district, with the changes since last year.</p><table><tr><th>District</th><th>Votes</th></tr><tr><td>North</td><td>1200</td></tr><tr><td>South</td><td>950</td></tr></table><p>More on the <a href='/results'>results page</a>, which the committee updates every hour until the count is complete.</p></article></body></html>";
    let out = with_stdin(
        &["extract", "--format", "markdown", "--links", "-"],
        page.as_bytes(),
    );
    let md = stdout(&out);
    assert!(
        md.contains("| District | Votes |\n| --- | --- |\n| North | 1200 |"),
        "{md}"
    );
    assert!(md.contains("[results page](/results)"), "{md}");
    let out = with_stdin(
        &["extract", "--format", "text", "--no-tables", "-"],
        page.as_bytes(),
    );
    let text = stdout(&out);
    assert!(
        !text.contains("North") && text.contains("results page"),
        "{text}"
    );
}
