//! The headline of a text dump. A converter writes the page's `<title>` first and the
//! headline again where the article starts; the title usually carries the site's name
//! ("Headline – Site", "SITE: Headline"), the headline does not. So the headline is the
//! line further down that the first line repeats, and where it stands the article begins.

use crate::blocks::Document;

/// Headlines longer than this are paragraphs.
const MAX_HEADLINE_CHARS: usize = 300;

/// Characters that separate a headline from the site name in a `<title>`.
const SEPARATORS: [char; 10] = ['-', '|', ':', '·', '›', '»', '/', '(', ',', '~'];

/// The index of the block that repeats the dump's first line as the headline: among the
/// lines after the first that the first line holds as a whole, the last one before the
/// first paragraph of `span` (the best run of prose), else the first inside it.
pub fn repeated_title(
    doc: &Document,
    span: &std::ops::Range<usize>,
    values: &[f32],
) -> Option<usize> {
    let first = doc.blocks.first()?;
    let title_line = first.text.lines().next().unwrap_or_default();
    let title = norm(title_line);
    if title.is_empty() || title_line.chars().count() > MAX_HEADLINE_CHARS {
        return None;
    }
    let skip = usize::from(!first.text.contains('\n'));
    let first_prose = span
        .clone()
        .find(|&i| values.get(i).is_some_and(|v| *v > 0.0))
        .unwrap_or(span.start);
    let matches = |i: &usize| {
        doc.blocks
            .get(*i)
            .is_some_and(|b| repeats_title(&title, &b.text))
    };
    (skip..first_prose)
        .rev()
        .find(matches)
        .or_else(|| (first_prose.max(skip)..span.end).find(matches))
}

/// Whether `line` is the headline that the normalised `<title>` text holds: all of it, or
/// its start or end next to a separator (the site name on the other side).
fn repeats_title(title: &str, line: &str) -> bool {
    if line.contains('\n') || line.chars().count() > MAX_HEADLINE_CHARS {
        return false;
    }
    let line = norm(line);
    if line.chars().count() < 4 {
        return false;
    }
    if title == line {
        return true;
    }
    let separated =
        |rest: &str| rest.trim().starts_with(SEPARATORS) || rest.trim().ends_with(SEPARATORS);
    if let Some(rest) = title.strip_prefix(line.as_str()) {
        return separated(rest);
    }
    // A site name stands before the headline only when it is the shorter part; else
    // the line is the site name and the headline comes first.
    if let Some(rest) = title.strip_suffix(line.as_str()) {
        return separated(rest) && line.len() >= rest.trim().len();
    }
    line.split_whitespace().count() >= 4 && title.contains(line.as_str())
}

/// Quotation marks, straight and typographic, which a `<title>` often writes otherwise.
const QUOTES: &str = "\"'„“”«»‚‘’‹`´";

/// Lower case, quotation marks dropped, dashes as `-`, single spaces: the `<title>` and
/// the headline often differ in typography only.
fn norm(s: &str) -> String {
    let mapped: String = s
        .chars()
        .filter(|c| !QUOTES.contains(*c))
        .map(|c| match c {
            '–' | '—' | '‐' | '‑' | '−' => '-',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_line_holds_the_headline_beside_the_site_name() {
        let t = norm("Sheila Atim: \"The Woman King\" – ROSA MAG");
        assert!(repeats_title(&t, "Sheila Atim: „The Woman King“"));
        let t = norm("SONNENENERGIE: Der WindRebell");
        assert!(repeats_title(&t, "Der WindRebell"));
        let t = norm("Ischgl");
        assert!(repeats_title(&t, "Ischgl"));
        let t = norm("Winzer lesen früh – Tagesblatt");
        assert!(!repeats_title(&t, "Winzer"));
        assert!(
            !repeats_title(&t, "Tagesblatt"),
            "the site name alone is no headline"
        );
    }
}
