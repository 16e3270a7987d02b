//! The tune/check split of the dev sets, by site.
//!
//! Every page belongs to a site (its registrable domain); every site falls, once and for all,
//! in the *tune* part (about 70% of the sites) or the *check* part, by a hash of its name. Only
//! tune pages are looked at one by one, trained on and tuned against; check pages are only
//! scored. A set that is evaluation-only (readability-dev, the quotation sets) is check
//! entirely. Because the split is by site, no site's markup, vocabulary or template reaches a
//! check figure through training or tuning.
//!
//! This module is the one source of the rule: the bench writes each set's split to
//! `<out>/split/<set>.tsv` (`id`, `site`, `part`), which the trainers in `tools/` read.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::Value;
use sha1::{Digest, Sha1};

use crate::score::{gold_id, str_field};

/// Percentage of sites in the tune part.
const TUNE_PERCENT: u32 = 70;

/// The sets that are never tuned on: every page is a check page.
const CHECK_ONLY: [&str; 3] = [
    "readability-dev",
    "german-news-quotation-attribution-2024-dev",
    "german-news-quotation-attribution-2024-train",
];

/// Which part of a dev set a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Tune,
    Check,
}

impl Part {
    pub fn name(self) -> &'static str {
        match self {
            Part::Tune => "tune",
            Part::Check => "check",
        }
    }
}

/// The part of a site's pages: tune when the SHA-1 of the site name, read as a big-endian
/// number, is below 70 modulo 100 (Python: `int(sha1(site).hexdigest(), 16) % 100 < 70`).
pub fn part_of_site(site: &str) -> Part {
    let digest = Sha1::digest(site.as_bytes());
    let rest = digest
        .iter()
        .fold(0u32, |acc, &b| (acc * 256 + u32::from(b)) % 100);
    if rest < TUNE_PERCENT {
        Part::Tune
    } else {
        Part::Check
    }
}

/// The part of one gold record of the set `set`.
pub fn part(set: &str, gold: &Value) -> Part {
    if CHECK_ONLY.contains(&set) {
        return Part::Check;
    }
    part_of_site(&site(gold))
}

/// The site of a gold record, from the first of these that gives a host: the gold `url`
/// (for an archived copy, the URL it archives), a `source_key` that is a URL, or the page id
/// written as `host_tld-slug` (the sets' file naming). A record with none of them is a site of
/// its own (`id:<id>`).
pub fn site(gold: &Value) -> String {
    let sources: [fn(&Value) -> Option<String>; 3] = [
        |g| str_field(g, "url").and_then(host_of_url),
        |g| str_field(g, "source_key").and_then(host_of_url),
        |g| host_of_id(&gold_id(g)),
    ];
    sources
        .iter()
        .find_map(|source| source(gold))
        .map(|host| registrable(&host))
        .unwrap_or_else(|| format!("id:{}", gold_id(gold)))
}

/// The host of an absolute http(s) URL; for an archive's copy (`…/web/<time>/<url>`), the
/// host of the archived URL.
fn host_of_url(url: &str) -> Option<String> {
    let inner = url
        .find("/http")
        .filter(|_| url.contains("/web/"))
        .map(|at| &url[at + 1..]);
    let url = inner.unwrap_or(url);
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    (host.contains('.') && host != "fakehost").then_some(host)
}

/// The host an id like `example_co_uk-slug` names: the part before the first `-` with `_`
/// read as `.`; none when that part has no `_`.
fn host_of_id(id: &str) -> Option<String> {
    let head = id.split('-').next()?;
    head.contains('_')
        .then(|| head.replace('_', ".").to_ascii_lowercase())
}

/// Second-level labels under which a country's sites are registered (`co.uk`, `com.au`).
const SECOND_LEVEL: [&str; 10] = [
    "co", "com", "org", "net", "gov", "edu", "ac", "or", "ne", "go",
];

/// The registrable domain of a host, by a small rule: the last two labels, or three under a
/// two-letter country code with a second-level label such as `co`.
pub fn registrable(host: &str) -> String {
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let n = labels.len();
    let keep = match labels.as_slice() {
        [.., second, tld] if n >= 3 && tld.len() == 2 && SECOND_LEVEL.contains(second) => 3,
        _ => 2.min(n),
    };
    labels[n - keep..].join(".")
}

/// Writes `id`, site and part of every record to `<dir>/<set>.tsv`, the trainers' copy of
/// the split.
pub fn write_table(set: &str, gold: &[Value], dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut lines = String::from("id\tsite\tpart\n");
    for g in gold {
        let _ = writeln!(
            lines,
            "{}\t{}\t{}",
            gold_id(g),
            site(g),
            part(set, g).name()
        );
    }
    let path = dir.join(format!("{set}.tsv"));
    std::fs::write(&path, lines).with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sites_come_from_the_url_then_the_key_then_the_id() {
        let url = json!({"id": "x", "url": "https://www.news.example.co.uk/a/b?c=1"});
        assert_eq!(site(&url), "example.co.uk");
        let key = json!({"id": "x", "url": null, "source_key": "http://blog.example.org/p"});
        assert_eq!(site(&key), "example.org");
        let id = json!({"id": "paper_example_com-story", "url": null});
        assert_eq!(site(&id), "example.com");
        let none = json!({"id": "0042"});
        assert_eq!(site(&none), "id:0042");
    }

    #[test]
    fn an_archived_copy_belongs_to_the_archived_site() {
        let g = json!({"id": "x", "url": "https://archive.example.net/web/2020/https://www.shop.example.de/item"});
        assert_eq!(site(&g), "example.de");
    }

    #[test]
    fn registrable_domains() {
        assert_eq!(registrable("a.b.example.com"), "example.com");
        assert_eq!(registrable("www.example.com.au"), "example.com.au");
        assert_eq!(registrable("example.de"), "example.de");
        assert_eq!(registrable("localhost"), "localhost");
    }

    #[test]
    fn the_split_matches_pythons_rule() {
        // int(sha1(b"example.com").hexdigest(), 16) % 100 == 3; for example.org it is 95.
        assert_eq!(part_of_site("example.com"), Part::Tune);
        assert_eq!(part_of_site("example.org"), Part::Check);
    }

    #[test]
    fn evaluation_only_sets_are_check_entirely() {
        let g = json!({"id": "a", "url": "https://example.org/"});
        assert_eq!(part("readability-dev", &g), Part::Check);
        assert_eq!(part("trafilatura-eval-dev", &g), Part::Check);
    }
}
