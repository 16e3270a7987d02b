//! Metadata: headline, teaser, authors, dates, site, language, canonical URL, images with
//! caption and credit, and the news agencies credited. A pass over the `Dom` and the
//! extracted `Article`.

use crate::article::Article;
use crate::blocks::Document;
use crate::Options;

/// Fills the metadata fields of `article` from the page.
pub fn fill(doc: &Document, options: &Options, article: &mut Article) {
    let _ = (doc, options, article);
}
