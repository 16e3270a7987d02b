//! Golden tests of the text and Markdown output: each page in `tests/golden/` is extracted
//! with the arguments its first `<!-- args: ... -->` comment names, and the output must
//! equal the file beside it with the same stem and the extension `.md` (reviewed by eye
//! when written). `KLARTEXT_BLESS=1 cargo test -p klartext-cli --test golden` rewrites the
//! expected files after a deliberate change; review the diff before committing it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// The arguments in the page's `<!-- args: ... -->` comment.
fn args_of(page: &str) -> Vec<String> {
    page.lines()
        .find_map(|l| l.trim().strip_prefix("<!-- args:"))
        .and_then(|rest| rest.strip_suffix("-->"))
        .map(|a| a.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default()
}

fn check(page: &Path) -> Result<(), String> {
    let html = std::fs::read_to_string(page).map_err(|e| e.to_string())?;
    let name = page.file_name().and_then(|n| n.to_str()).unwrap_or("page");
    let out = Command::new(env!("CARGO_BIN_EXE_klartext"))
        .arg("extract")
        .args(args_of(&html))
        .arg(name)
        .current_dir(golden_dir())
        .stdin(Stdio::null())
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("{name}: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let got = String::from_utf8(out.stdout).map_err(|e| e.to_string())?;
    let expected_path = page.with_extension("md");
    if std::env::var_os("KLARTEXT_BLESS").is_some() {
        std::fs::write(&expected_path, &got).map_err(|e| e.to_string())?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(&expected_path)
        .map_err(|e| format!("{}: {e}", expected_path.display()))?;
    if got != expected {
        return Err(format!(
            "{name}: output differs from {}\n--- expected\n{expected}\n--- got\n{got}",
            expected_path.display()
        ));
    }
    Ok(())
}

#[test]
fn pages_render_as_their_golden_files() {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .expect("golden dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    assert!(pages.len() >= 4, "golden pages missing");
    let failures: Vec<String> = pages.iter().filter_map(|p| check(p).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
