//! Rendering the kept blocks as plain text or Markdown.

use crate::blocks::{Block, BlockKind, Document};
use crate::classify::{Reason, Selection};

/// The blocks the selection keeps, and with `captions` also the figure captions in their
/// place (Markdown shows them; plain text leaves them to `Article::images`).
fn selected<'a>(
    doc: &'a Document,
    main: &'a Selection,
    captions: bool,
) -> impl Iterator<Item = &'a Block> + 'a {
    doc.blocks
        .iter()
        .zip(&main.reasons)
        .filter(move |(_, r)| r.keeps() || (captions && **r == Reason::Caption))
        .map(|(b, _)| b)
}

/// The kept blocks as plain text, separated by a blank line. Captions are left out: they
/// belong to their images (`Article::images`), not to the running text.
pub fn text(doc: &Document, main: &Selection) -> String {
    let mut out = String::new();
    for block in selected(doc, main, false) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&block.text);
    }
    out
}

/// The kept blocks as Markdown: heading levels, list markers, quotes, fenced code, and
/// figure captions in italics where the figure stood.
pub fn markdown(doc: &Document, main: &Selection) -> String {
    let mut out = String::new();
    let mut previous: Option<BlockKind> = None;
    let mut number = 0;
    for block in selected(doc, main, true) {
        let list_continues = matches!(
            (previous, block.kind),
            (Some(BlockKind::ListItem { .. }), BlockKind::ListItem { .. })
        );
        if !out.is_empty() {
            out.push_str(if list_continues { "\n" } else { "\n\n" });
        }
        if !list_continues {
            number = 0;
        }
        match block.kind {
            BlockKind::Heading(level) => {
                out.push_str(&"#".repeat(level.clamp(1, 6) as usize));
                out.push(' ');
                out.push_str(&escape_inline(&block.text.replace('\n', " ")));
            }
            BlockKind::ListItem { ordered } => {
                number += 1;
                if ordered {
                    out.push_str(&format!("{number}. "));
                } else {
                    out.push_str("- ");
                }
                push_lines(&mut out, &block.text, "  ");
            }
            BlockKind::Quote => {
                out.push_str("> ");
                push_lines(&mut out, &block.text, "> ");
            }
            BlockKind::Preformatted => {
                let fence = if block.text.contains("```") {
                    "~~~~"
                } else {
                    "```"
                };
                out.push_str(fence);
                out.push('\n');
                out.push_str(&block.text);
                out.push('\n');
                out.push_str(fence);
            }
            BlockKind::Caption => {
                out.push('*');
                out.push_str(&escape_inline(&block.text.replace('\n', " ")));
                out.push('*');
            }
            BlockKind::Paragraph | BlockKind::TableCell => push_lines(&mut out, &block.text, ""),
        }
        previous = Some(block.kind);
    }
    out
}

/// Pushes the lines of `text`, escaped, the second and later ones after `indent`; a line
/// break inside a block becomes a Markdown hard break.
fn push_lines(out: &mut String, text: &str, indent: &str) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("  \n");
            out.push_str(indent);
        }
        out.push_str(&escape_line_start(&escape_inline(line)));
    }
}

/// Escapes the characters that Markdown reads as inline markup.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes a line start that Markdown would read as a heading, list item or rule.
fn escape_line_start(line: &str) -> String {
    let trimmed = line.trim_start();
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let ordered_marker = digits > 0
        && trimmed[digits..].starts_with(['.', ')'])
        && trimmed[digits + 1..].starts_with(' ');
    let block_marker =
        trimmed.starts_with(['#', '+', '=']) || trimmed.starts_with("- ") || trimmed == "-";
    if ordered_marker {
        let (num, rest) = trimmed.split_at(digits);
        format!("{num}\\{rest}")
    } else if block_marker {
        format!("\\{trimmed}")
    } else {
        line.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::classify;
    use crate::Limits;

    const PROSE: &str =
        "A sentence of the article that is long enough to count as prose, with a comma, and so on.";

    fn render(html: &str) -> (String, String) {
        let doc = Document::from_html(html, &Limits::default(), None);
        let sel = classify(&doc);
        (text(&doc, &sel), markdown(&doc, &sel))
    }

    #[test]
    fn text_separates_blocks_by_a_blank_line() {
        let (t, _) = render(&format!("<article><p>{PROSE}</p><p>{PROSE}</p></article>"));
        assert_eq!(t, format!("{PROSE}\n\n{PROSE}"));
    }

    #[test]
    fn markdown_keeps_structure() {
        let html = format!(
            "<article><h2>Sub</h2><p>{PROSE}</p><ol><li>one</li><li>two</li></ol><blockquote>{PROSE}</blockquote><pre>x = 1</pre><figure><figcaption>Cap</figcaption></figure></article>"
        );
        let (_, md) = render(&html);
        assert_eq!(
            md,
            format!("## Sub\n\n{PROSE}\n\n1. one\n2. two\n\n> {PROSE}\n\n```\nx = 1\n```\n\n*Cap*")
        );
    }

    #[test]
    fn markdown_escapes_what_would_be_markup() {
        assert_eq!(escape_inline("a*b_[c]"), "a\\*b\\_\\[c\\]");
        assert_eq!(escape_line_start("1. Januar"), "1\\. Januar");
        assert_eq!(escape_line_start("# tag"), "\\# tag");
        assert_eq!(escape_line_start("2025 war"), "2025 war");
    }
}
