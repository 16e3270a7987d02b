//! The learned block model: gradient-boosted trees that read a block's features (see
//! [`super::features`]), the rules' verdict among them, and give the probability that the
//! block is article text.
//!
//! The trees are trained by `tools/train_block_model.py` on trafilatura-eval (Apache-2.0) and
//! wcxb dev (CC-BY-4.0) and shipped as `data/block-model.txt`, a plain-text file parsed once
//! on first use. A file whose feature names differ from [`super::features::NAMES`] is
//! refused (the model is then not used), so features and weights can't drift apart silently.

use std::sync::LazyLock;

#[cfg(test)]
use super::features::COUNT;
use super::features::{Features, NAMES};

/// One node of a tree.
#[derive(Debug, Clone, Copy)]
enum Node {
    Leaf(f64),
    Split {
        feature: usize,
        threshold: f64,
        left: usize,
        right: usize,
    },
}

/// Gradient-boosted trees in the plain-text format both trainers write
/// (`tools/train_block_model.py`, `tools/train_dump_model.py`): a `features` line naming the
/// vector, setting lines `name value`, the `baseline`, then each `tree` as `leaf` and `split`
/// lines. The block model and the dump model are both such trees with their own settings.
#[derive(Debug)]
pub struct Trees {
    baseline: f64,
    trees: Vec<Vec<Node>>,
    features: usize,
    settings: Vec<(String, f64)>,
}

/// A trained block model: its trees and the policy `classify::model_verdicts` applies.
#[derive(Debug)]
pub struct Model {
    trees: Trees,
    /// A block the rules keep is dropped when its probability is below this.
    pub drop_below: f64,
    /// A block outside the rules' main region is taken when its probability reaches this.
    pub add_above: f64,
    /// The longest block (in characters) the model may drop.
    pub drop_max_chars: u32,
}

/// The model shipped with the crate, or `None` when its file does not fit this build.
pub fn shipped() -> Option<&'static Model> {
    static MODEL: LazyLock<Option<Model>> =
        LazyLock::new(|| Model::parse(include_str!("../../data/block-model.txt")).ok());
    MODEL.as_ref()
}

/// Token weights of one of the block model's two linear features: a logistic regression
/// over the tokens a block holds, trained with the trees. Each distinct token counts once.
pub(crate) struct TokenWeights {
    intercept: f32,
    // aHash: these maps are read for every word of every block the model reads, where
    // the standard SipHash showed in profiles.
    weights: ahash::AHashMap<&'static str, f32>,
}

/// The weights of the words of a block's text (`data/block-words.txt`).
fn word_weights() -> &'static TokenWeights {
    static WORDS: LazyLock<TokenWeights> =
        LazyLock::new(|| TokenWeights::parse(include_str!("../../data/block-words.txt")));
    &WORDS
}

/// The weights of the class and id words of the elements around a block
/// (`data/block-markup.txt`).
fn markup_weights() -> &'static TokenWeights {
    static MARKUP: LazyLock<TokenWeights> =
        LazyLock::new(|| TokenWeights::parse(include_str!("../../data/block-markup.txt")));
    &MARKUP
}

impl TokenWeights {
    /// Reads `token weight` lines; `<intercept>` names the intercept, `#` starts a comment.
    pub(crate) fn parse(text: &'static str) -> TokenWeights {
        let mut tokens = TokenWeights {
            intercept: 0.0,
            weights: ahash::AHashMap::new(),
        };
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.split_whitespace();
            let (Some(token), Some(weight)) = (fields.next(), fields.next()) else {
                continue;
            };
            let Ok(weight) = weight.parse::<f32>() else {
                continue;
            };
            if token == "<intercept>" {
                tokens.intercept = weight;
            } else {
                tokens.weights.insert(token, weight);
            }
        }
        tokens
    }

    /// The log-odds of the tokens `each_token` hands over, each distinct one counted once.
    fn score(&self, each_token: impl FnOnce(&mut dyn FnMut(&str))) -> f32 {
        let mut seen: ahash::AHashSet<&'static str> = ahash::AHashSet::new();
        let mut score = self.intercept;
        each_token(&mut |token: &str| {
            if let Some((key, weight)) = self.weights.get_key_value(token) {
                if seen.insert(key) {
                    score += weight;
                }
            }
        });
        score
    }
}

/// How much a block's words speak for it being article text (the log-odds of the word
/// model): "Newsletter", "abonnieren", "cookies" against, plain narrative words for. Words
/// are lower-cased runs of letters and digits, as the trainer cuts them.
pub fn word_score(text: &str) -> f32 {
    word_weights().text_score(text)
}

impl TokenWeights {
    /// The log-odds of the words of `text`: lower-cased runs of letters and digits of two
    /// characters or more, as the trainers cut them.
    pub(crate) fn text_score(&self, text: &str) -> f32 {
        self.score(|each| {
            let mut lowered = String::new();
            for word in text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().nth(1).is_some())
            {
                // Lower-case into one reused buffer; `str::to_lowercase` only where a word is
                // not ASCII (it knows the final sigma, as the trainer's `str.lower` does).
                lowered.clear();
                if word.is_ascii() {
                    lowered.extend(word.chars().map(|c| c.to_ascii_lowercase()));
                } else {
                    lowered.push_str(&word.to_lowercase());
                }
                each(&lowered);
            }
        })
    }
}

/// The log-odds the markup model starts from, before any markup word.
pub(crate) fn markup_intercept() -> f32 {
    markup_weights().intercept
}

/// The markup words of one element (see [`super::features::element_markup_words`]) that
/// the markup model weighs, with their weights: "author", "promo", "teaser" against,
/// "story", "paragraph" for.
pub(crate) fn weighted_markup_words(element: &crate::dom::Element) -> Vec<(&'static str, f32)> {
    let weights = markup_weights();
    let mut found = Vec::new();
    super::features::element_markup_words(element, &mut |word| {
        if let Some((key, weight)) = weights.weights.get_key_value(word) {
            found.push((*key, *weight));
        }
    });
    found
}

impl Model {
    /// Reads the model file `tools/train_block_model.py` writes.
    pub fn parse(text: &str) -> Result<Model, String> {
        let trees = Trees::parse(text, &NAMES).map_err(|e| format!("block model: {e}"))?;
        Ok(Model {
            drop_below: trees.setting("drop_below").unwrap_or(0.0),
            add_above: trees.setting("add_above").unwrap_or(2.0),
            drop_max_chars: trees.setting("drop_max_chars").unwrap_or(0.0) as u32,
            trees,
        })
    }

    /// The probability that a block with these features is article text.
    pub fn probability(&self, features: &Features) -> f64 {
        self.trees.probability(features)
    }
}

impl Trees {
    /// Reads trees whose `features` line must be `names`; any other line of a name and one
    /// number is a setting (see [`Trees::setting`]).
    pub fn parse(text: &str, names: &[&str]) -> Result<Trees, String> {
        let mut model = Trees {
            baseline: 0.0,
            trees: Vec::new(),
            features: names.len(),
            settings: Vec::new(),
        };
        let mut saw_names = false;
        for (number, line) in text.lines().enumerate() {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let bad = || format!("line {}: {line:?}", number + 1);
            let num = |i: usize| -> Result<f64, String> {
                fields
                    .get(i)
                    .and_then(|f| f.parse::<f64>().ok())
                    .ok_or_else(bad)
            };
            let index = |i: usize| -> Result<usize, String> {
                fields
                    .get(i)
                    .and_then(|f| f.parse::<usize>().ok())
                    .ok_or_else(bad)
            };
            match fields.first().copied() {
                None => {}
                Some(f) if f.starts_with('#') => {}
                Some("features") => {
                    if fields[1..] != *names {
                        return Err("trained on other features".into());
                    }
                    saw_names = true;
                }
                Some("baseline") => model.baseline = num(1)?,
                // The capacity is a hint from the file: capped, so a bad file can't ask for
                // much memory.
                Some("tree") => model.trees.push(Vec::with_capacity(index(1)?.min(4096))),
                Some("leaf") => model.current_tree(&bad)?.push(Node::Leaf(num(1)?)),
                Some("split") => {
                    let node = Node::Split {
                        feature: index(1)?,
                        threshold: num(2)?,
                        left: index(3)?,
                        right: index(4)?,
                    };
                    model.current_tree(&bad)?.push(node);
                }
                Some(name) if fields.len() == 2 => model.settings.push((name.to_owned(), num(1)?)),
                Some(_) => return Err(bad()),
            }
        }
        if !saw_names {
            return Err("no feature names".into());
        }
        model.validate()?;
        Ok(model)
    }

    /// The value of the setting line `name`, if the file has one.
    pub fn setting(&self, name: &str) -> Option<f64> {
        self.settings
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, value)| *value)
    }

    fn current_tree(&mut self, bad: &dyn Fn() -> String) -> Result<&mut Vec<Node>, String> {
        self.trees.last_mut().ok_or_else(bad)
    }

    /// Every split points inside its tree and at a real feature, and children come after
    /// their parent, so a walk always ends at a leaf.
    fn validate(&self) -> Result<(), String> {
        if self.trees.is_empty() {
            return Err("no trees".into());
        }
        for tree in &self.trees {
            if tree.is_empty() {
                return Err("empty tree".into());
            }
            for (i, node) in tree.iter().enumerate() {
                if let Node::Split {
                    feature,
                    left,
                    right,
                    ..
                } = *node
                {
                    let inside = |c: usize| c > i && c < tree.len();
                    if feature >= self.features || !inside(left) || !inside(right) {
                        return Err(format!("bad split {i}"));
                    }
                }
            }
        }
        Ok(())
    }

    /// The probability the trees give a row of features.
    pub fn probability(&self, row: &[f32]) -> f64 {
        let raw: f64 = self.baseline
            + self
                .trees
                .iter()
                .map(|tree| leaf_value(tree, row))
                .sum::<f64>();
        1.0 / (1.0 + (-raw).exp())
    }

    /// Whether there are no trees (never for parsed trees).
    pub fn is_empty(&self) -> bool {
        self.trees.is_empty()
    }
}

fn leaf_value(tree: &[Node], row: &[f32]) -> f64 {
    let mut at = 0;
    // Children come after their parent (checked on parsing), so this ends.
    loop {
        match tree.get(at) {
            Some(Node::Leaf(value)) => return *value,
            Some(Node::Split {
                feature,
                threshold,
                left,
                right,
            }) => {
                let x = row.get(*feature).copied().unwrap_or(0.0);
                at = if f64::from(x) <= *threshold {
                    *left
                } else {
                    *right
                };
            }
            None => return 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> String {
        format!("# test\nfeatures {}\ndrop_below 0.5\n", NAMES.join(" "))
    }

    #[test]
    fn a_tree_walks_to_the_leaf_its_feature_chooses() {
        let text = format!(
            "{}baseline 0.0\ntree 3\nsplit 0 1.5 1 2 L\nleaf -2.0\nleaf 2.0\n",
            header()
        );
        let model = Model::parse(&text).expect("parses");
        let mut f = [0.0f32; COUNT];
        assert!(model.probability(&f) < 0.2);
        f[0] = 2.0;
        assert!(model.probability(&f) > 0.8);
    }

    #[test]
    fn a_model_for_other_features_or_with_bad_links_is_refused() {
        assert!(Model::parse("features a b c\n").is_err());
        let cyclic = format!("{}tree 2\nsplit 0 1.0 0 1 L\nleaf 1.0\n", header());
        assert!(Model::parse(&cyclic).is_err());
        let outside = format!("{}tree 1\nsplit 0 1.0 5 6 L\n", header());
        assert!(Model::parse(&outside).is_err());
    }

    #[test]
    fn the_shipped_model_loads() {
        assert!(shipped().is_some_and(|m| !m.trees.is_empty()));
        assert!(shipped().is_some_and(|m| m.drop_max_chars > 0 && m.drop_below > 0.0));
    }
}
