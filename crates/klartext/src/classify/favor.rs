//! Favouring precision or recall (`klartext extract --favor`, trafilatura's
//! `--precision` / `--recall`): which of the classifier's borderline verdicts to give the
//! other way.
//!
//! The balanced setting is the classifier as trained and tuned. The other two move the
//! same levers, one each way:
//!
//! - the block model's thresholds: the probability below which it drops a block the rules
//!   kept, the probability from which it takes in a block outside the main region, and the
//!   length up to which it may drop a block;
//! - the rules' cuts: with `recall` the end of the article is not cut at a furniture
//!   heading ("Mehr zum Thema") and closing calls to action stay; with `precision` a kept
//!   line that is mostly links is dropped from a lower link share on.
//!
//! What each trades on the benchmark is stated in README.md ("Coming from trafilatura").

use crate::blocks::{BlockKind, Document};

use super::{model::Model, Reason};

/// Which errors to prefer: keeping furniture (recall) or losing article text (precision).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Favor {
    /// The classifier as trained.
    #[default]
    Balanced,
    /// Less furniture, at the cost of some article text.
    Precision,
    /// More of the article, at the cost of some furniture.
    Recall,
}

impl Favor {
    /// Reads `balanced`, `precision` or `recall`; anything else is `None`.
    pub fn parse(name: &str) -> Option<Favor> {
        match name.trim().to_ascii_lowercase().as_str() {
            "balanced" => Some(Favor::Balanced),
            "precision" => Some(Favor::Precision),
            "recall" => Some(Favor::Recall),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Favor::Balanced => "balanced",
            Favor::Precision => "precision",
            Favor::Recall => "recall",
        }
    }

    /// Whether the rules cut the tail of the article (a furniture section after a heading,
    /// closing calls to action).
    pub(super) fn cuts_tail(self) -> bool {
        self != Favor::Recall
    }

    /// The block model's thresholds under this favour.
    pub(super) fn thresholds(self, model: &Model) -> Thresholds {
        let base = Thresholds {
            drop_below: model.drop_below,
            add_above: model.add_above,
            drop_max_chars: model.drop_max_chars,
        };
        match self {
            Favor::Balanced => base,
            Favor::Precision => Thresholds {
                drop_below: base.drop_below + PRECISION_DROP_SHIFT,
                add_above: base.add_above + PRECISION_ADD_SHIFT,
                drop_max_chars: base.drop_max_chars.saturating_mul(2),
            },
            Favor::Recall => Thresholds {
                drop_below: base.drop_below - RECALL_DROP_SHIFT,
                add_above: base.add_above - RECALL_ADD_SHIFT,
                drop_max_chars: base.drop_max_chars,
            },
        }
    }

    /// The rules' extra cut under `precision`: kept lines (not headings, not table cells)
    /// whose text is mostly links, from [`PRECISION_LINK_SHARE`] on.
    pub(super) fn cut_links(self, doc: &Document, reasons: &mut [Reason]) {
        if self != Favor::Precision {
            return;
        }
        for (block, reason) in doc.blocks.iter().zip(reasons.iter_mut()) {
            let cell_or_heading =
                matches!(block.kind, BlockKind::Heading(_) | BlockKind::TableCell);
            if reason.keeps() && !cell_or_heading && block.link_density() > PRECISION_LINK_SHARE {
                *reason = Reason::LinkHeavy;
            }
        }
    }
}

/// How far `precision` raises the model's drop threshold (more kept blocks dropped).
const PRECISION_DROP_SHIFT: f64 = 0.15;
/// How far `precision` raises the model's threshold for taking in a block.
const PRECISION_ADD_SHIFT: f64 = 0.2;
/// How far `recall` lowers the model's drop threshold (fewer kept blocks dropped).
const RECALL_DROP_SHIFT: f64 = 0.25;
/// How far `recall` lowers the model's threshold for taking in a block.
const RECALL_ADD_SHIFT: f64 = 0.2;
/// The link share from which `precision` drops a kept line (the rules' own cut is 0.5).
const PRECISION_LINK_SHARE: f32 = 0.3;

/// The block model's decision thresholds (see [`Model`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Thresholds {
    pub drop_below: f64,
    pub add_above: f64,
    pub drop_max_chars: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_and_print() {
        for f in [Favor::Balanced, Favor::Precision, Favor::Recall] {
            assert_eq!(Favor::parse(f.as_str()), Some(f));
        }
        assert_eq!(Favor::parse(" Recall "), Some(Favor::Recall));
        assert_eq!(Favor::parse("both"), None);
    }

    #[test]
    fn precision_and_recall_move_the_thresholds_apart() {
        let Some(model) = super::super::model::shipped() else {
            return;
        };
        let b = Favor::Balanced.thresholds(model);
        let p = Favor::Precision.thresholds(model);
        let r = Favor::Recall.thresholds(model);
        assert!(p.drop_below > b.drop_below && b.drop_below > r.drop_below);
        assert!(p.add_above > b.add_above && b.add_above > r.add_above);
        assert!(Favor::Balanced.cuts_tail() && !Favor::Recall.cuts_tail());
    }
}
