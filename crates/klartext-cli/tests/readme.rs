//! README.md and the binary must agree:
//! - every subcommand `klartext --help` lists is named in the README as `klartext SUB`,
//!   every long option of its `--help` appears in the README, and every option a README
//!   line `klartext SUB …` uses is one the subcommand has;
//! - every line of the shell block after the `<!-- readme-test -->` marker runs as written
//!   from the repository root and succeeds, with `klartext` the binary just built and
//!   `https://example.org` served from 127.0.0.1 (only that block runs, so commands added
//!   elsewhere in the README need no test set-up).

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/klartext-cli sits two below the root")
        .to_path_buf()
}

fn readme() -> String {
    std::fs::read_to_string(repo_root().join("README.md")).expect("README.md")
}

fn help(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_klartext"))
        .args(args)
        .output()
        .expect("run klartext");
    assert!(out.status.success(), "{args:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The subcommands under "Commands:" in the top-level help (without `help`).
fn subcommands() -> Vec<String> {
    help(&["--help"])
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

/// The long options (`--name`) in a text, without `--help` and `--version`.
fn long_options(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in text.match_indices("--") {
        let name: String = text[i + 2..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let starts_word = i == 0 || !text[..i].ends_with(|c: char| c.is_alphanumeric());
        if starts_word && name.len() > 1 && !["help", "version"].contains(&name.as_str()) {
            out.insert(format!("--{name}"));
        }
    }
    out
}

#[test]
fn help_and_readme_agree() {
    let readme = readme();
    let subs = subcommands();
    assert!(subs.iter().any(|s| s == "extract"), "{subs:?}");
    for sub in &subs {
        assert!(
            readme.contains(&format!("klartext {sub}")),
            "README does not show `klartext {sub}`"
        );
        let text = help(&[sub, "--help"]);
        // The options section only: examples in the help may name other tools' flags.
        let options: String = text
            .lines()
            .skip_while(|l| !l.starts_with("Options:"))
            .enumerate()
            // The section runs until the first unindented line after its heading (an
            // option's help may hold blank lines).
            .take_while(|(i, l)| *i == 0 || l.is_empty() || l.starts_with(' '))
            .map(|(_, l)| l)
            .collect::<Vec<_>>()
            .join("\n");
        let has = long_options(&options);
        for option in &has {
            assert!(
                readme.contains(option.as_str()),
                "README misses `{sub} {option}`"
            );
        }
        let prefix = format!("klartext {sub} ");
        for line in readme.lines().map(str::trim) {
            let Some(rest) = line.strip_prefix(&prefix) else {
                continue;
            };
            // Only this command's own words: a pipe or a comment ends them.
            let own = rest.split(['|', '#']).next().unwrap_or(rest);
            for option in long_options(own) {
                assert!(
                    has.contains(&option),
                    "README: `{line}`: {sub} has no {option}"
                );
            }
        }
    }
}

/// The lines of the shell block after the marker.
fn marked_commands(readme: &str) -> Vec<String> {
    let after = readme
        .split_once("<!-- readme-test -->")
        .map(|(_, rest)| rest)
        .expect("README has a readme-test block");
    after
        .lines()
        .skip_while(|l| !l.starts_with("```"))
        .skip(1)
        .take_while(|l| !l.starts_with("```"))
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

#[test]
fn readme_commands_run_as_written() {
    let commands = marked_commands(&readme());
    assert!(commands.len() >= 3, "{commands:?}");
    let server = common::serve();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_klartext"))
        .parent()
        .expect("binary directory")
        .to_path_buf();
    let path = std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .expect("PATH");
    for command in commands {
        let local = command.replace("https://example.org", &server.base);
        let out = Command::new("sh")
            .args(["-ec", &local])
            .current_dir(repo_root())
            .env("PATH", &path)
            .stdin(Stdio::null())
            .output()
            .expect("run sh");
        assert!(
            out.status.success(),
            "`{command}` failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let wrote_files = command.contains("--output-dir");
        assert!(
            wrote_files || !out.stdout.is_empty(),
            "`{command}` printed nothing"
        );
    }
}
