//! `--features`: the block features of every page of the HTML sets, for training the block
//! model (`tools/train_block_model.py`). One JSON line per page: its `id` and its blocks, each
//! with its text (the trainer labels it against the gold), its markup words and its feature
//! vector in the order of `klartext::classify::features::NAMES`; and the page's page-type
//! features.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;

use crate::score::{gold_id, Input};
use crate::sets::Set;

#[derive(Serialize)]
struct PageLine<'a> {
    id: &'a str,
    /// The page-type features (`klartext::pagetype::features`, in the order of
    /// `klartext::pagetype::NAMES`), for `tools/train_page_type.py`.
    page_features: Vec<f32>,
    blocks: Vec<BlockLine<'a>>,
}

#[derive(Serialize)]
struct BlockLine<'a> {
    text: &'a str,
    /// The distinct markup words around the block, space-separated
    /// (`klartext::classify::features::markup_words`).
    markup: String,
    features: &'a [f32],
}

/// Writes the features of every page of `set` to `path`; sets without pages are skipped.
pub fn write(set: &Set, path: &Path) -> Result<usize> {
    if set.kind.input() != Input::Pages {
        return Ok(0);
    }
    let mut w =
        BufWriter::new(File::create(path).with_context(|| format!("creating {}", path.display()))?);
    let limits = klartext::Limits::default();
    let mut pages = 0;
    for g in &set.gold {
        let page = set.page_path(g);
        let bytes = std::fs::read(&page).with_context(|| format!("reading {}", page.display()))?;
        let Ok(decoded) = klartext::decode::decode(&bytes, set.charset.as_deref()) else {
            continue;
        };
        let doc = klartext::blocks::Document::from_html(&decoded.text, &limits, None);
        let table = klartext::classify::block_features(&doc);
        let id = gold_id(g);
        let line = PageLine {
            id: &id,
            page_features: klartext::pagetype::features(&doc),
            blocks: doc
                .blocks
                .iter()
                .zip(&table)
                .map(|(b, f)| BlockLine {
                    text: &b.text,
                    markup: markup_line(&doc.dom, b.node),
                    features: f,
                })
                .collect(),
        };
        serde_json::to_writer(&mut w, &line)?;
        w.write_all(b"\n")?;
        pages += 1;
    }
    w.flush()?;
    Ok(pages)
}

/// The block's distinct markup words, in the order met, space-separated.
fn markup_line(dom: &klartext::dom::Dom, node: klartext::dom::NodeId) -> String {
    let mut words: Vec<String> = Vec::new();
    klartext::classify::features::markup_words(dom, node, &mut |w| {
        if !words.iter().any(|seen| seen == w) {
            words.push(w.to_owned());
        }
    });
    words.join(" ")
}
