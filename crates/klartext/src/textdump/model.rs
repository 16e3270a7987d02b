//! The learned dump model: the text-dump analogue of the HTML block model
//! ([`crate::classify::model`]). Gradient-boosted trees read each dump block's features
//! after the dump rules have spoken — the HTML path's block features (the block's shape, its
//! place relative to the best run, its neighbours, the rules' verdict) plus what only a dump
//! line shows (script leftover, end marker, dateline, photo credit, sentences, line count,
//! a word score of its own) — and give the probability that the block is article text.
//!
//! The trees are trained by `tools/train_dump_model.py` on the dumps of trafilatura-eval dev
//! (Apache-2.0) and WCXB dev (CC BY 4.0) and shipped as `data/dump-model.txt` with the word
//! weights `data/dump-words.txt` (see `data/dump-model.md`). A model file whose feature names
//! differ from [`names`] is refused, and the rules' verdicts then stand.

use std::ops::Range;
use std::sync::LazyLock;

use crate::blocks::Document;
use crate::classify::features::{self, flag, ln1, Context};
use crate::classify::model::{TokenWeights, Trees};
use crate::classify::Reason;

/// A kept block this long is a paragraph of the article (the HTML path's long paragraph).
const LONG_CHARS: u32 = 250;

/// The features only a dump has, after the HTML block features.
const DUMP_NAMES: [&str; 16] = [
    "dump_is_code",
    "dump_is_end_marker",
    "dump_is_dateline",
    "dump_photo_credit",
    "dump_has_sentences",
    "dump_reason_short_line",
    "dump_reason_code",
    "dump_log_lines",
    "dump_after_end_marker",
    "dump_before_headline",
    "dump_log_gap_to_long_kept",
    "dump_prev2_keeps",
    "dump_next2_keeps",
    "dump_next_value_share",
    "dump_prev_value_share",
    "dump_word_score",
];

/// The feature names, in vector order: the HTML block features, then the dump's own.
pub fn names() -> Vec<&'static str> {
    features::NAMES
        .iter()
        .chain(DUMP_NAMES.iter())
        .copied()
        .collect()
}

/// The features of the dump blocks `wanted`, given the rules' verdicts, the best run of
/// blocks they read as the article, and the blocks' values.
pub fn rows(
    doc: &Document,
    reasons: &[Reason],
    range: &Range<usize>,
    values: &[f32],
    wanted: impl Iterator<Item = usize>,
) -> Vec<(usize, Vec<f32>)> {
    let cx = Context {
        doc,
        reasons,
        main: range.clone(),
        values,
        listing: true,
    };
    let table = features::Table::new(&cx);
    let n = doc.blocks.len();
    let is_marker: Vec<bool> = doc
        .blocks
        .iter()
        .map(|b| super::lines::is_end_marker(&b.text))
        .collect();
    let first_marker = (range.start..range.end.min(n)).find(|&i| is_marker[i]);
    let headline = reasons.iter().position(|r| *r == Reason::Headline);
    let long_kept: Vec<usize> = (0..n)
        .filter(|&i| reasons[i].keeps() && doc.blocks[i].chars >= LONG_CHARS)
        .collect();
    let total: f32 = values
        .get(range.clone())
        .unwrap_or_default()
        .iter()
        .map(|v| v.max(0.0))
        .sum::<f32>()
        .max(1.0);
    let keeps = |j: Option<usize>| j.and_then(|j| reasons.get(j)).is_some_and(|r| r.keeps());
    let value = |j: Option<usize>| j.and_then(|j| values.get(j)).copied().unwrap_or(0.0);
    wanted
        .filter(|&i| i < n)
        .map(|i| {
            let block = &doc.blocks[i];
            let text = block.text.as_str();
            let mut row: Vec<f32> = table.row(i).to_vec();
            // `long_kept` is sorted: the nearest one is at or just before the insertion
            // point (a scan of all of them would be quadratic on a huge dump).
            let at = long_kept.partition_point(|&j| j < i);
            let gap = [at.checked_sub(1), Some(at)]
                .into_iter()
                .flatten()
                .filter_map(|k| long_kept.get(k))
                .map(|&j| j.abs_diff(i))
                .min()
                .unwrap_or(n);
            row.extend([
                flag(super::lines::looks_like_code(text)),
                flag(is_marker[i]),
                flag(super::lines::is_dateline(text)),
                flag(super::lines::ends_with_photo_credit(text)),
                flag(super::lines::has_sentences(text)),
                flag(reasons[i] == Reason::ShortLine),
                flag(reasons[i] == Reason::Code),
                ln1(text.lines().count() as f32),
                flag(first_marker.is_some_and(|m| i > m)),
                flag(headline.is_some_and(|h| i < h)),
                ln1(gap as f32),
                flag(keeps(i.checked_sub(2))),
                flag(keeps(Some(i + 2))),
                value(Some(i + 1)) / total,
                value(i.checked_sub(1)) / total,
                word_score(text),
            ]);
            (i, row)
        })
        .collect()
}

fn word_weights() -> &'static TokenWeights {
    static WORDS: LazyLock<TokenWeights> =
        LazyLock::new(|| TokenWeights::parse(include_str!("../../data/dump-words.txt")));
    &WORDS
}

/// How much a dump block's words speak for it being article text (the log-odds of the
/// dump word model); each distinct word counts once; words are lower-cased runs of
/// letters and digits of two characters or more, as the trainer cuts them.
pub fn word_score(text: &str) -> f32 {
    word_weights().text_score(text)
}

/// A trained dump model: trees in the block model's format (see [`Trees`]) and the policy
/// `classify::dump` applies.
#[derive(Debug)]
pub struct Model {
    trees: Trees,
    /// A block the rules keep is dropped when its probability is below this.
    pub drop_below: f64,
    /// A block the rules drop is taken when its probability reaches this.
    pub add_above: f64,
    /// Blocks of this many characters or more are never dropped by the model.
    pub max_drop_chars: u32,
    /// A kept block this long that ends like a sentence is never dropped (0: no such guard).
    pub keep_sentence_chars: u32,
}

/// The model shipped with the crate, or `None` when its file does not fit this build.
pub fn shipped() -> Option<&'static Model> {
    static MODEL: LazyLock<Option<Model>> =
        LazyLock::new(|| Model::parse(include_str!("../../data/dump-model.txt"), &names()).ok());
    MODEL.as_ref()
}

/// The second stage's extra features: a block's first-stage probability and its
/// neighbours' (0.5 where there is none), the mean and the minimum over a window.
const STAGE2_NAMES: [&str; 7] = [
    "p",
    "p_prev",
    "p_next",
    "p_prev2",
    "p_next2",
    "p_window_mean",
    "p_window_min",
];

/// How many blocks on each side the second stage's window spans.
const WINDOW: usize = 3;

/// The second stage's feature names: the first stage's, then [`STAGE2_NAMES`].
pub fn stage2_names() -> Vec<&'static str> {
    names().into_iter().chain(STAGE2_NAMES).collect()
}

/// The shipped second stage (`data/dump-model-2.txt`): trees over the first stage's features
/// and its probabilities of the block and its neighbours; `None` when there is none.
pub fn shipped_second() -> Option<&'static Model> {
    static MODEL: LazyLock<Option<Model>> = LazyLock::new(|| {
        Model::parse(include_str!("../../data/dump-model-2.txt"), &stage2_names()).ok()
    });
    MODEL.as_ref()
}

/// Block `i`'s second-stage extra features from the first stage's probabilities `p` of
/// every block, as the trainer computes them.
pub fn neighbour_probs(p: &[f64], i: usize) -> [f32; 7] {
    let at = |j: Option<usize>| j.and_then(|j| p.get(j)).copied().unwrap_or(0.5) as f32;
    let lo = i.saturating_sub(WINDOW);
    let hi = (i + WINDOW + 1).min(p.len());
    let win = p.get(lo..hi).unwrap_or_default();
    let mean = if win.is_empty() {
        0.5
    } else {
        win.iter().sum::<f64>() / win.len() as f64
    };
    let min = win.iter().copied().fold(f64::INFINITY, f64::min);
    [
        at(Some(i)),
        at(i.checked_sub(1)),
        at(Some(i + 1)),
        at(i.checked_sub(2)),
        at(Some(i + 2)),
        mean as f32,
        if min.is_finite() { min as f32 } else { 0.5 },
    ]
}

impl Model {
    /// Reads the model file `tools/train_dump_model.py` writes (the format of the HTML
    /// block model, with the dump's feature names).
    pub fn parse(text: &str, names: &[&str]) -> Result<Model, String> {
        let trees = Trees::parse(text, names).map_err(|e| format!("dump model: {e}"))?;
        let whole = |name: &str| trees.setting(name).unwrap_or(0.0) as u32;
        Ok(Model {
            drop_below: trees.setting("drop_below").unwrap_or(0.0),
            add_above: trees.setting("add_above").unwrap_or(2.0),
            max_drop_chars: whole("max_drop_chars"),
            keep_sentence_chars: whole("keep_sentence_chars"),
            trees,
        })
    }

    /// The probability that a block with these features is article text.
    pub fn probability(&self, row: &[f32]) -> f64 {
        self.trees.probability(row)
    }
}

/// Rows recorded for training: `(block text, features)` of every block, before the model.
pub type Recorded = Vec<(String, Vec<f32>)>;

/// The features of every block of the dump `text` under the dump rules alone, with the
/// block's text: the training rows of `tools/train_dump_model.py`
/// (`examples/dump_features.rs`).
pub fn training_rows(text: &str) -> Recorded {
    let doc = super::document(text);
    let rows = crate::classify::dump_block_features(&doc);
    doc.blocks
        .iter()
        .zip(rows)
        .map(|(block, row)| (block.text.clone(), row))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> String {
        format!(
            "# test\nfeatures {}\ndrop_below 0.5\nadd_above 0.9\n",
            names().join(" ")
        )
    }

    #[test]
    fn the_shipped_model_fits_this_build() {
        // A change to the block features must come with a retrained dump model.
        assert!(shipped().is_some());
    }

    #[test]
    fn a_tree_walks_to_the_leaf_its_feature_chooses() {
        let text = format!(
            "{}baseline 0.0\ntree 3\nsplit 0 1.5 1 2 L\nleaf -2.0\nleaf 2.0\n",
            header()
        );
        let model = Model::parse(&text, &names()).expect("parses");
        let mut f = vec![0.0f32; names().len()];
        assert!(model.probability(&f) < 0.2);
        f[0] = 2.0;
        assert!(model.probability(&f) > 0.8);
    }

    #[test]
    fn a_model_for_other_features_or_with_bad_links_is_refused() {
        assert!(Model::parse("features a b c\ntree 1\nleaf 1.0\n", &names()).is_err());
        assert!(Model::parse("tree 1\nleaf 1.0\n", &names()).is_err());
        let cyclic = format!("{}tree 2\nsplit 0 1.0 0 1 L\nleaf 1.0\n", header());
        assert!(Model::parse(&cyclic, &names()).is_err());
        let outside = format!("{}tree 1\nsplit 0 1.0 5 6 L\n", header());
        assert!(Model::parse(&outside, &names()).is_err());
        let feature = format!("{}tree 3\nsplit 999 1.0 1 2 L\nleaf 1\nleaf 2\n", header());
        assert!(Model::parse(&feature, &names()).is_err());
    }

    #[test]
    fn neighbour_probabilities_as_the_trainer_computes_them() {
        let p = [0.1, 0.9, 0.5];
        let f = neighbour_probs(&p, 0);
        assert_eq!(f[0], 0.1);
        assert_eq!(f[1], 0.5, "no block before: 0.5");
        assert_eq!(f[2], 0.9);
        assert!((f[5] - 0.5).abs() < 1e-6, "mean over the window");
        assert_eq!(f[6], 0.1, "minimum over the window");
        assert!(neighbour_probs(&[], 0).iter().all(|x| *x == 0.5));
    }

    #[test]
    fn training_rows_cover_every_block() {
        let dump = "Home\nNews\n\nEin Satz, der lang genug ist, um als Text zu gelten, und der mit einem Punkt endet.\n\nTeilen";
        let rows = training_rows(dump);
        assert_eq!(rows.len(), 4);
        assert!(rows.iter().all(|(_, f)| f.len() == names().len()));
    }
}
