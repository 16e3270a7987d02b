//! Rendering the kept blocks as plain text or Markdown, and an article as the document a
//! reader gets (`--format text|markdown`, with YAML front matter when asked).
//!
//! A *data table* (rows of short cells, no nested table, no headings or quotes in its cells)
//! is rendered as a table: a Markdown table (first row as header, alignment from the cells'
//! `align`/`text-align`, pipes escaped), in plain text one line per row with the cells apart
//! by a tab. Any other table is a layout table and its cells are read as blocks.

use std::collections::HashMap;

use crate::article::Article;
use crate::blocks::{Block, BlockKind, Document, Flags};
use crate::classify::{Reason, Selection};
use crate::dom::{Dom, NodeId};
use crate::metadata::{images, resolve_url};

/// What the rendering keeps besides the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Markdown: links as `[text](url)`.
    pub links: bool,
    /// Markdown: the image of a captioned figure as `![caption](url)`, caption and credit.
    pub images: bool,
    /// Data tables are rendered; `false` leaves them out (layout tables stay as blocks).
    pub tables: bool,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            links: false,
            images: false,
            tables: true,
        }
    }
}

/// A unit of output: one block, or a whole data table.
enum Piece<'a> {
    Block(&'a Block),
    Table(Table),
}

/// A data table's cells, row by row (rows padded to the same width).
struct Table {
    rows: Vec<Vec<String>>,
    align: Vec<Align>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Align {
    None,
    Left,
    Center,
    Right,
}

/// Tables with more rows or columns are read as blocks.
const MAX_TABLE_ROWS: usize = 1_000;
const MAX_TABLE_COLUMNS: usize = 30;
/// A cell longer than this is prose: the table is a layout table.
const MAX_DATA_CELL_CHARS: usize = 400;

/// The kept blocks in order, data tables gathered into one piece where their first kept
/// cell stood; with `captions` also the figure captions (Markdown shows them; plain text
/// leaves them to `Article::images`).
fn pieces<'a>(doc: &'a Document, main: &Selection, captions: bool, style: Style) -> Vec<Piece<'a>> {
    let kept: Vec<(usize, &Block)> = doc
        .blocks
        .iter()
        .enumerate()
        .zip(&main.reasons)
        .filter(|(_, r)| r.keeps() || (captions && **r == Reason::Caption))
        .map(|(b, _)| b)
        .collect();
    let mut tables: HashMap<NodeId, bool> = HashMap::new();
    let mut out = Vec::with_capacity(kept.len());
    for &(_, block) in &kept {
        if block.kind == BlockKind::Caption {
            out.push(Piece::Block(block));
            continue;
        }
        let table = block
            .flags
            .contains(Flags::TABLE)
            .then(|| nearest(&doc.dom, block.node, "table"))
            .flatten();
        let Some(table) = table else {
            out.push(Piece::Block(block));
            continue;
        };
        if let Some(&data) = tables.get(&table) {
            if !data {
                out.push(Piece::Block(block));
            }
            continue;
        }
        let within = doc
            .regions
            .iter()
            .find(|r| r.node == table)
            .map_or(0..0, |r| r.blocks.clone());
        let cells: Vec<&Block> = kept
            .iter()
            .filter(|(i, _)| within.contains(i))
            .map(|&(_, b)| b)
            .collect();
        match data_table(&doc.dom, table, &cells) {
            Some(t) => {
                tables.insert(table, true);
                if style.tables {
                    out.push(Piece::Table(t));
                }
            }
            None => {
                tables.insert(table, false);
                out.push(Piece::Block(block));
            }
        }
    }
    out
}

/// The nearest element with `tag` at or above `node`.
fn nearest(dom: &Dom, node: NodeId, tag: &str) -> Option<NodeId> {
    std::iter::once(node)
        .chain(dom.ancestors(node))
        .find(|&n| dom.tag(n) == tag)
}

/// `table` as a data table, its cells filled from the kept blocks; `None` for a layout
/// table (nested tables, long or structured cells, one row or one column).
fn data_table(dom: &Dom, table: NodeId, kept: &[&Block]) -> Option<Table> {
    if dom
        .attr(table, "role")
        .is_some_and(|r| r == "presentation" || r == "none")
    {
        return None;
    }
    let mut cell_text: HashMap<NodeId, String> = HashMap::new();
    for &block in kept {
        let Some(cell) = std::iter::once(block.node)
            .chain(dom.ancestors(block.node))
            .take_while(|&n| n != table)
            .find(|&n| matches!(dom.tag(n), "td" | "th"))
        else {
            continue;
        };
        if nearest(dom, cell, "table") != Some(table) {
            return None; // a nested table
        }
        if !matches!(block.kind, BlockKind::TableCell | BlockKind::Paragraph) {
            return None;
        }
        let text = cell_text.entry(cell).or_default();
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&block.text.split_whitespace().collect::<Vec<_>>().join(" "));
        if text.chars().count() > MAX_DATA_CELL_CHARS {
            return None;
        }
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut align: Vec<Align> = Vec::new();
    for tr in dom.descendants(table).filter(|&n| dom.tag(n) == "tr") {
        if nearest(dom, tr, "table") != Some(table) {
            return None;
        }
        let mut row = Vec::new();
        for cell in dom
            .children(tr)
            .filter(|&c| matches!(dom.tag(c), "td" | "th"))
        {
            let span = dom
                .attr(cell, "colspan")
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, MAX_TABLE_COLUMNS);
            if rows.len() == 1 || align.len() < row.len() + span {
                align.resize(align.len().max(row.len() + span), Align::None);
                align[row.len()] = cell_align(dom, cell);
            }
            row.push(cell_text.remove(&cell).unwrap_or_default());
            row.resize(row.len() + span - 1, String::new());
        }
        if row.len() > MAX_TABLE_COLUMNS || rows.len() >= MAX_TABLE_ROWS {
            return None;
        }
        if !row.is_empty() {
            rows.push(row);
        }
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if rows.len() < 2 || width < 2 || rows.iter().all(|r| r.iter().all(String::is_empty)) {
        return None;
    }
    for row in &mut rows {
        row.resize(width, String::new());
    }
    align.resize(width, Align::None);
    Some(Table { rows, align })
}

/// A cell's alignment from its `align` attribute or `text-align` style.
fn cell_align(dom: &Dom, cell: NodeId) -> Align {
    let style = dom.attr(cell, "style").unwrap_or("").to_ascii_lowercase();
    let value = dom
        .attr(cell, "align")
        .map(str::to_ascii_lowercase)
        .or_else(|| {
            let (_, rest) = style.split_once("text-align")?;
            let value = rest.trim_start().strip_prefix(':')?;
            Some(value.split(';').next()?.trim().to_string())
        })
        .unwrap_or_default();
    match value.as_str() {
        "left" => Align::Left,
        "center" => Align::Center,
        "right" => Align::Right,
        _ => Align::None,
    }
}

/// The kept blocks as plain text, separated by a blank line; a data table as one line per
/// row, cells apart by a tab. Captions are left out: they belong to their images
/// (`Article::images`), not to the running text.
pub fn text(doc: &Document, main: &Selection, style: Style) -> String {
    let mut out = String::new();
    for piece in pieces(doc, main, false, style) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        match piece {
            Piece::Block(block) => out.push_str(&block.text),
            Piece::Table(table) => {
                let rows: Vec<String> = table.rows.iter().map(|r| r.join("\t")).collect();
                out.push_str(&rows.join("\n"));
            }
        }
    }
    out
}

/// The kept blocks as Markdown: heading levels, list markers, quotes, fenced code, tables,
/// figure captions in italics where the figure stood, and with `style` links and images.
/// `base` resolves relative links and image sources.
pub fn markdown(doc: &Document, main: &Selection, style: Style, base: Option<&str>) -> String {
    let mut out = String::new();
    let mut previous: Option<BlockKind> = None;
    let mut number = 0;
    for piece in pieces(doc, main, true, style) {
        let block = match piece {
            Piece::Table(table) => {
                if !out.is_empty() {
                    out.push_str("\n\n");
                }
                push_table(&mut out, &table);
                previous = None;
                continue;
            }
            Piece::Block(block) => block,
        };
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
        let inline = || inline(&doc.dom, block, style.links, base);
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
                push_lines(&mut out, &inline(), "  ");
            }
            BlockKind::Quote => {
                out.push_str("> ");
                push_lines(&mut out, &inline(), "> ");
            }
            BlockKind::Preformatted => push_fenced(&mut out, &block.text),
            BlockKind::Caption => push_caption(&mut out, &doc.dom, block, style.images, base),
            BlockKind::Paragraph | BlockKind::TableCell => push_lines(&mut out, &inline(), ""),
        }
        previous = Some(block.kind);
    }
    out
}

fn push_fenced(out: &mut String, text: &str) {
    let fence = if text.contains("```") { "~~~~" } else { "```" };
    out.push_str(fence);
    out.push('\n');
    out.push_str(text);
    out.push('\n');
    out.push_str(fence);
}

/// A caption in italics; with `images`, the figure's image before it and its credit after.
fn push_caption(out: &mut String, dom: &Dom, block: &Block, images: bool, base: Option<&str>) {
    let caption = block.text.replace('\n', " ");
    let image = images
        .then(|| figure_of(dom, block.node))
        .flatten()
        .and_then(|fig| images::figure(dom, fig, &|u| resolve_url(u, base)));
    let Some(image) = image else {
        out.push('*');
        out.push_str(&escape_inline(&caption));
        out.push('*');
        return;
    };
    let caption = image.caption.as_deref().unwrap_or(&caption);
    out.push_str(&format!(
        "![{}]({})\n\n",
        escape_inline(caption),
        link_target(&image.url)
    ));
    out.push('*');
    out.push_str(&escape_inline(caption));
    out.push('*');
    if let Some(credit) = &image.credit {
        out.push_str(" (");
        out.push_str(&escape_inline(credit));
        out.push(')');
    }
}

/// The element holding a caption's image: the `<figure>` around it, else the nearest of
/// its three closest ancestors that holds an `<img>`.
fn figure_of(dom: &Dom, caption: NodeId) -> Option<NodeId> {
    nearest(dom, caption, "figure").or_else(|| {
        dom.ancestors(caption)
            .take(3)
            .find(|&a| dom.descendants(a).take(200).any(|d| dom.tag(d) == "img"))
    })
}

/// A Markdown table: the first row as header, then the alignment row, then the others.
fn push_table(out: &mut String, table: &Table) {
    let row_line = |row: &[String]| {
        let cells: Vec<String> = row
            .iter()
            .map(|c| escape_inline(&c.replace('\n', " ")))
            .collect();
        format!("| {} |", cells.join(" | "))
    };
    let mut lines = Vec::with_capacity(table.rows.len() + 1);
    if let Some(header) = table.rows.first() {
        lines.push(row_line(header));
    }
    let rule: Vec<&str> = table
        .align
        .iter()
        .map(|a| match a {
            Align::None => "---",
            Align::Left => ":---",
            Align::Center => ":---:",
            Align::Right => "---:",
        })
        .collect();
    lines.push(format!("| {} |", rule.join(" | ")));
    lines.extend(table.rows.iter().skip(1).map(|r| row_line(r)));
    out.push_str(&lines.join("\n"));
}

/// A block's text escaped for Markdown, with its links as `[text](url)` when asked.
fn inline(dom: &Dom, block: &Block, links: bool, base: Option<&str>) -> String {
    if !links || block.links.is_empty() {
        return escape_inline(&block.text);
    }
    let text = &block.text;
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for link in &block.links {
        let (Some(before), Some(label)) =
            (text.get(at..link.start), text.get(link.start..link.end))
        else {
            continue;
        };
        out.push_str(&escape_inline(before));
        at = link.end;
        let href = dom.attr(link.node, "href").map(str::trim).filter(|h| {
            !h.is_empty()
                && !h.starts_with('#')
                && !h.to_ascii_lowercase().starts_with("javascript:")
        });
        let words = label.trim();
        match href {
            Some(href) if !words.is_empty() => {
                out.push_str(&label[..label.len() - label.trim_start().len()]);
                out.push('[');
                out.push_str(&escape_inline(&words.replace('\n', " ")));
                out.push_str("](");
                out.push_str(&link_target(&resolve_url(href, base)));
                out.push(')');
                out.push_str(&label[label.trim_end().len()..]);
            }
            _ => out.push_str(&escape_inline(label)),
        }
    }
    out.push_str(&escape_inline(text.get(at..).unwrap_or("")));
    out
}

/// A URL as a Markdown link target: spaces and parentheses percent-encoded.
fn link_target(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
}

/// The article as a reader's document: with `with_metadata` YAML front matter (title,
/// authors, date, URL, site, description, language), then for Markdown the title as
/// `# …` and the Markdown body, else the text.
pub fn document(article: &Article, markdown: bool, with_metadata: bool) -> String {
    let mut out = String::new();
    if with_metadata {
        out.push_str(&front_matter(article));
    }
    let body = match &article.markdown {
        Some(md) if markdown => md.as_str(),
        _ => article.text.as_str(),
    };
    if markdown {
        if let Some(title) = article.title.as_deref().filter(|t| !t.trim().is_empty()) {
            let heading = format!("# {}", escape_inline(&title.replace('\n', " ")));
            if !body.starts_with(&heading) {
                out.push_str(&heading);
                out.push_str("\n\n");
            }
        }
    }
    out.push_str(body.trim_end_matches('\n'));
    out
}

/// YAML front matter between `---` lines; every key present, `null` when unknown, strings
/// double-quoted (JSON strings are valid YAML).
pub fn front_matter(article: &Article) -> String {
    let quote = |v: Option<&str>| {
        v.map(|s| serde_json::Value::from(s).to_string())
            .unwrap_or_else(|| "null".to_string())
    };
    let authors: Vec<String> = article.authors.iter().map(|a| quote(Some(a))).collect();
    let fields = [
        ("title", quote(article.title.as_deref())),
        ("authors", format!("[{}]", authors.join(", "))),
        ("date", quote(article.date_published.as_deref())),
        ("date_modified", quote(article.date_modified.as_deref())),
        (
            "url",
            quote(article.url.as_deref().or(article.source.as_deref())),
        ),
        ("site_name", quote(article.site_name.as_deref())),
        ("description", quote(article.description.as_deref())),
        ("language", quote(article.language.as_deref())),
    ];
    let mut out = String::from("---\n");
    for (key, value) in fields {
        out.push_str(key);
        out.push_str(": ");
        out.push_str(&value);
        out.push('\n');
    }
    out.push_str("---\n\n");
    out
}

/// Pushes the lines of `text` (already escaped inline), the second and later ones after
/// `indent`; a line break inside a block becomes a Markdown hard break, a blank line (from
/// `<br><br>`) a paragraph break.
fn push_lines(out: &mut String, text: &str, indent: &str) {
    for (p, paragraph) in text.split("\n\n").enumerate() {
        if p > 0 {
            out.push('\n');
            out.push_str(indent.trim_end());
            out.push('\n');
            out.push_str(indent);
        }
        for (i, line) in paragraph.split('\n').enumerate() {
            if i > 0 {
                out.push_str("  \n");
                out.push_str(indent);
            }
            out.push_str(&escape_line_start(line));
        }
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
        (
            text(&doc, &sel, Style::default()),
            markdown(&doc, &sel, Style::default(), None),
        )
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
