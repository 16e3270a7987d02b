//! The shipped models' vocabularies name no single site: every entry of a word or markup
//! weight file (`token weight sites`) was seen on at least five distinct training sites
//! (the rule on generalising). `#` lines are comments; `<intercept>` has no site count.

/// The fewest distinct sites a vocabulary entry must come from.
const MIN_SITES: u32 = 5;

/// Every entry's problem: a line without a site count or with too few sites.
fn violations(file: &str) -> Vec<String> {
    file.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter(|l| !l.starts_with("<intercept>"))
        .filter_map(|l| {
            let fields: Vec<&str> = l.split_whitespace().collect();
            match fields.get(2).map(|s| s.parse::<u32>()) {
                Some(Ok(n)) if n >= MIN_SITES && fields.len() == 3 => None,
                _ => Some(l.to_string()),
            }
        })
        .collect()
}

fn assert_sites(name: &str, file: &str) {
    let bad = violations(file);
    let entries = file.lines().filter(|l| !l.starts_with('#')).count();
    assert!(entries > 1, "{name}: no entries");
    assert!(
        bad.is_empty(),
        "{name}: {} of {entries} entries lack a site count >= {MIN_SITES}, e.g. {:?}",
        bad.len(),
        &bad[..bad.len().min(3)]
    );
}

#[test]
fn dump_words_come_from_five_sites_or_more() {
    assert_sites("dump-words.txt", include_str!("../data/dump-words.txt"));
}

#[test]
fn block_words_come_from_five_sites_or_more() {
    assert_sites("block-words.txt", include_str!("../data/block-words.txt"));
}

#[test]
fn block_markup_comes_from_five_sites_or_more() {
    assert_sites("block-markup.txt", include_str!("../data/block-markup.txt"));
}

#[test]
fn a_line_without_enough_sites_is_caught() {
    let file = "# comment\n<intercept> -1.0\nword 0.5 7\nrare 0.3 2\nbare 0.1\n";
    assert_eq!(violations(file), ["rare 0.3 2", "bare 0.1"]);
}
