//! Turning the command line's paths into the ordered list of documents to extract.
//!
//! A file named on the command line is taken whatever its name; a directory is walked
//! recursively and contributes its page-like files (see [`is_page_name`]) sorted by path.
//! Problems found while collecting (a missing path, an unreadable directory) become
//! [`Input::Failed`] entries in their place, so they are reported in order with the rest.

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// One document to extract, or a problem met where one was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
    /// A page on the web, fetched before it is extracted.
    Url(String),
    Failed {
        path: PathBuf,
        reason: String,
    },
}

impl Input {
    /// How the document is named in `source` and in messages.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::Url(url) => url.clone(),
            Input::File(path) | Input::Failed { path, .. } => path.display().to_string(),
        }
    }
}

/// The one document a subcommand names: `-` is standard input, anything else a file.
pub fn single(path: &Path) -> Input {
    if path.as_os_str() == "-" {
        Input::Stdin
    } else {
        Input::File(path.to_path_buf())
    }
}

/// What was collected: the documents, and whether the output is a single document.
#[derive(Debug)]
pub struct Collected {
    pub inputs: Vec<Input>,
    /// True when the command line named exactly one file or `-` (not a directory).
    pub single: bool,
}

/// Expands the command line's paths, in the order given; no path means stdin.
pub fn collect(args: &[PathBuf]) -> Collected {
    if args.is_empty() {
        return Collected {
            inputs: vec![Input::Stdin],
            single: true,
        };
    }
    let mut inputs = Vec::new();
    let mut single = args.len() == 1;
    for arg in args {
        if arg.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        if let Some(url) = arg.to_str().filter(|a| crate::fetch::is_url(a)) {
            inputs.push(Input::Url(url.to_string()));
            continue;
        }
        match fs::metadata(arg) {
            Ok(meta) if meta.is_dir() => {
                single = false;
                let mut found = Vec::new();
                walk(arg, &mut found);
                found.sort_by(|a, b| sort_key(a).cmp(sort_key(b)));
                inputs.extend(found);
            }
            Ok(_) => inputs.push(Input::File(arg.clone())),
            Err(err) => inputs.push(Input::Failed {
                path: arg.clone(),
                reason: describe_io(&err),
            }),
        }
    }
    Collected { inputs, single }
}

fn sort_key(input: &Input) -> &Path {
    match input {
        Input::File(path) | Input::Failed { path, .. } => path,
        Input::Stdin | Input::Url(_) => Path::new("-"),
    }
}

/// The entries of an `--input-file`: one URL or path a line; blank lines and lines
/// starting with `#` are skipped.
pub fn read_list(path: &Path) -> Result<Vec<PathBuf>, String> {
    let text = fs::read_to_string(path).map_err(|e| describe_io(&e))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(PathBuf::from)
        .collect())
}

/// A file name for a fetched page: the URL's last path segment, else its host, with
/// anything but letters, digits, `-`, `_` and `.` replaced by `_`.
fn url_stem(url: &str) -> PathBuf {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let mut parts = rest.split('/').filter(|p| !p.is_empty());
    let host = parts.next().unwrap_or("page");
    // A bare host keeps its dots from reading as an extension: example_org.
    let name = parts
        .next_back()
        .map_or_else(|| host.replace('.', "_"), str::to_string);
    let clean: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    PathBuf::from(clean.trim_start_matches('.'))
}

/// Appends the page files below `dir` (any order; the caller sorts).
fn walk(dir: &Path, out: &mut Vec<Input>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            out.push(Input::Failed {
                path: dir.to_path_buf(),
                reason: describe_io(&err),
            });
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                out.push(Input::Failed {
                    path: dir.to_path_buf(),
                    reason: describe_io(&err),
                });
                continue;
            }
        };
        let path = entry.path();
        if is_hidden(&entry.file_name()) {
            continue;
        }
        let file_type = match entry.file_type() {
            Ok(t) => t,
            Err(err) => {
                out.push(Input::Failed {
                    path,
                    reason: describe_io(&err),
                });
                continue;
            }
        };
        if file_type.is_dir() {
            walk(&path, out);
        } else if is_page_name(&path) {
            // Regular files and symbolic links to files; links to directories (which
            // could loop) and dangling links are left out.
            let is_file = file_type.is_file() || fs::metadata(&path).is_ok_and(|m| m.is_file());
            if is_file {
                out.push(Input::File(path));
            }
        }
    }
}

fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// Whether a file found in a directory is taken: `.html`, `.htm`, `.xhtml`, `.txt` in
/// any case, or no extension at all (archives of crawled pages often have none).
pub fn is_page_name(path: &Path) -> bool {
    match path.extension().and_then(OsStr::to_str) {
        None => path.extension().is_none(),
        Some(ext) => ["html", "htm", "xhtml", "txt"]
            .iter()
            .any(|e| ext.eq_ignore_ascii_case(e)),
    }
}

/// Where `--output-dir` puts each input's output: below `dir`, the path the input had
/// below the directory argument that held it (a file named directly: its name alone), the
/// extension replaced by `ext`; standard input is `stdin.EXT`. Two inputs that would share
/// a name (`a.html`, `a.htm`) keep their own extension before `ext`.
pub fn output_paths(inputs: &[Input], args: &[PathBuf], dir: &Path, ext: &str) -> Vec<PathBuf> {
    let roots: Vec<&PathBuf> = args.iter().filter(|a| a.is_dir()).collect();
    let mut taken = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(inputs.len());
    for input in inputs {
        let relative = match input {
            Input::Stdin => PathBuf::from("stdin"),
            Input::Url(url) => url_stem(url),
            Input::File(path) | Input::Failed { path, .. } => roots
                .iter()
                .find_map(|root| path.strip_prefix(root).ok())
                .filter(|rel| !rel.as_os_str().is_empty())
                .map(Path::to_path_buf)
                .or_else(|| path.file_name().map(PathBuf::from))
                .unwrap_or_else(|| PathBuf::from("document")),
        };
        let mut target = dir.join(relative.with_extension(ext));
        if !taken.insert(target.clone()) {
            let mut name = relative.as_os_str().to_os_string();
            name.push(".");
            name.push(ext);
            target = dir.join(name);
            taken.insert(target.clone());
        }
        out.push(target);
    }
    out
}

/// An I/O error as a short reason, without Rust's "(os error 2)" suffix.
pub fn describe_io(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let text = err.to_string();
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_string(),
                None => text,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names() {
        for yes in ["a.html", "b.HTM", "c.xhtml", "d.txt", "noext", "dir/e.Html"] {
            assert!(is_page_name(Path::new(yes)), "{yes}");
        }
        for no in ["a.json", "b.png", "c.html.gz", "d.css", "e.js"] {
            assert!(!is_page_name(Path::new(no)), "{no}");
        }
    }

    #[test]
    fn output_paths_mirror_directories_and_keep_names_apart() {
        let root = std::env::temp_dir().join(format!("klartext-outpaths-{}", std::process::id()));
        fs::create_dir_all(root.join("sub")).expect("mkdir");
        let inputs = [
            Input::File(root.join("sub/a.html")),
            Input::File(root.join("sub/a.htm")),
            Input::File(PathBuf::from("elsewhere/page.html")),
            Input::Stdin,
            Input::Url("https://example.org/news/2025/storm.html?ref=x".to_string()),
            Input::Url("https://example.org/".to_string()),
        ];
        let args = [root.clone(), PathBuf::from("elsewhere/page.html")];
        let out = output_paths(&inputs, &args, Path::new("out"), "md");
        let _ = fs::remove_dir_all(&root);
        let names: Vec<String> = out.iter().map(|p| p.display().to_string()).collect();
        assert_eq!(
            names,
            [
                "out/sub/a.md",
                "out/sub/a.htm.md",
                "out/page.md",
                "out/stdin.md",
                "out/storm.md",
                "out/example_org.md"
            ]
        );
    }

    #[test]
    fn hidden_names() {
        assert!(is_hidden(OsStr::new(".git")));
        assert!(!is_hidden(OsStr::new("page.html")));
    }

    #[test]
    fn no_args_means_stdin() {
        let c = collect(&[]);
        assert_eq!(c.inputs, vec![Input::Stdin]);
        assert!(c.single);
    }

    #[test]
    fn missing_path_is_a_failed_input() {
        let c = collect(&[PathBuf::from("/definitely/not/here.html")]);
        assert!(
            matches!(&c.inputs[..], [Input::Failed { reason, .. }] if reason == "no such file or directory")
        );
    }

    #[test]
    fn directory_is_walked_sorted_and_filtered() {
        let root = std::env::temp_dir().join(format!("klartext-inputs-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for dir in ["b", "a/z", ".hidden"] {
            fs::create_dir_all(root.join(dir)).expect("mkdir");
        }
        for file in [
            "b/2.html",
            "b/1.txt",
            "a/z/3.htm",
            "a/README",
            "a/skip.json",
            ".hidden/x.html",
            ".dot.html",
        ] {
            fs::write(root.join(file), "<p>x</p>").expect("write");
        }
        let c = collect(std::slice::from_ref(&root));
        let _ = fs::remove_dir_all(&root);
        assert!(!c.single);
        let names: Vec<String> = c
            .inputs
            .iter()
            .map(|i| match i {
                Input::File(p) => p
                    .strip_prefix(&root)
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        assert_eq!(names, ["a/README", "a/z/3.htm", "b/1.txt", "b/2.html"]);
    }
}
