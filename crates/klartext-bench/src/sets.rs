//! The evaluation sets: finding `<data>/<set>.tar.xz`, unpacking it (once) into the unpack
//! folder with `tar -xJf`, and reading `set.json` and `gold.jsonl`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use serde_json::Value;

use crate::score::{self, Kind};

/// The sets run when `--sets` is not given.
pub const DEFAULT_SETS: [&str; 5] = [
    "trafilatura-eval-dev",
    "wcxb-dev",
    "readability-dev",
    "htmldate-eval-dev",
    "german-news-quotation-attribution-2024-dev",
];

/// An unpacked set, ready to run.
#[derive(Debug)]
pub struct Set {
    pub name: String,
    pub dir: PathBuf,
    pub kind: Kind,
    pub kind_name: String,
    /// The charset pages must be decoded with (`set.json` `charset`), if any.
    pub charset: Option<String>,
    /// The gold records, cut to `--limit` when given.
    pub gold: Vec<Value>,
    /// Whether `gold` was cut.
    pub limited: bool,
    /// A folder of text dumps (`<id>.txt`) that replaces the pages (`--dumps`).
    pub dumps: Option<PathBuf>,
}

impl Set {
    /// The page file of a gold record.
    pub fn page_path(&self, gold: &Value) -> PathBuf {
        if let Some(dumps) = &self.dumps {
            return dumps.join(format!("{}.txt", score::gold_id(gold)));
        }
        self.dir
            .join("pages")
            .join(format!("{}.html", score::gold_id(gold)))
    }
}

impl Set {
    /// The same set cut to the gold records `keep` accepts (a part of the split); its pages
    /// count as limited, so `--check` scores them from a copy of the cut gold.
    pub fn subset(&self, keep: impl Fn(&Value) -> bool) -> Set {
        let gold: Vec<Value> = self.gold.iter().filter(|g| keep(g)).cloned().collect();
        Set {
            name: self.name.clone(),
            dir: self.dir.clone(),
            kind: self.kind,
            kind_name: self.kind_name.clone(),
            charset: self.charset.clone(),
            limited: self.limited || gold.len() < self.gold.len(),
            gold,
            dumps: self.dumps.clone(),
        }
    }
}

/// Makes sure `<unpack>/<name>` exists, unpacking `<data>/<name>.tar.xz` when it does not.
pub fn ensure_unpacked(data: &Path, unpack: &Path, name: &str) -> Result<PathBuf> {
    let dir = unpack.join(name);
    if dir.join("set.json").is_file() {
        return Ok(dir);
    }
    let archive = data.join(format!("{name}.tar.xz"));
    if !archive.is_file() {
        bail!(
            "no set folder {} and no archive {}",
            dir.display(),
            archive.display()
        );
    }
    std::fs::create_dir_all(unpack).with_context(|| format!("creating {}", unpack.display()))?;
    eprintln!("unpacking {} into {}", archive.display(), unpack.display());
    let status = Command::new("tar")
        .arg("-xJf")
        .arg(&archive)
        .arg("-C")
        .arg(unpack)
        .status()
        .context("running tar")?;
    if !status.success() {
        bail!("tar -xJf {} failed ({status})", archive.display());
    }
    if !dir.join("set.json").is_file() {
        bail!("{} did not unpack to {}", archive.display(), dir.display());
    }
    Ok(dir)
}

/// Reads an unpacked set; `limit` keeps the first N gold records.
pub fn load(dir: &Path, limit: Option<usize>) -> Result<Set> {
    let meta_path = dir.join("set.json");
    let meta: Value = serde_json::from_str(
        &std::fs::read_to_string(&meta_path)
            .with_context(|| format!("reading {}", meta_path.display()))?,
    )
    .with_context(|| format!("parsing {}", meta_path.display()))?;
    let kind_name = meta
        .get("kind")
        .and_then(Value::as_str)
        .with_context(|| format!("{} names no kind", meta_path.display()))?
        .to_owned();
    let Some(kind) = Kind::parse(&kind_name) else {
        bail!(
            "{}: the bench has no scorer for kind {kind_name:?} yet",
            dir.display()
        );
    };
    let name = meta
        .get("name")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let mut gold = score::load_gold(&dir.join("gold.jsonl"))?;
    let limited = limit.is_some_and(|n| n < gold.len());
    if let Some(n) = limit {
        gold.truncate(n);
    }
    Ok(Set {
        name,
        dir: dir.to_owned(),
        kind,
        kind_name,
        charset: meta
            .get("charset")
            .and_then(Value::as_str)
            .map(str::to_owned),
        gold,
        limited,
        dumps: None,
    })
}

/// Writes a copy of the set's `set.json` and its (limited) gold to `dir`, so that score.py
/// scores the same pages as the bench when `--limit` cut the set.
pub fn write_limited_copy(set: &Set, dir: &Path) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    std::fs::copy(set.dir.join("set.json"), dir.join("set.json"))
        .with_context(|| format!("copying set.json to {}", dir.display()))?;
    let mut lines = String::new();
    for g in &set.gold {
        lines.push_str(&serde_json::to_string(g)?);
        lines.push('\n');
    }
    std::fs::write(dir.join("gold.jsonl"), lines)
        .with_context(|| format!("writing {}", dir.display()))?;
    Ok(dir.to_owned())
}
