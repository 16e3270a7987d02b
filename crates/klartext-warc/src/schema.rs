//! The fixed columns of klartext's tabular output of a crawl: the Parquet files of
//! `klartext warc --format parquet` and the DataFrame of `klartext.spark.extract_warc`
//! (`warc_schema()` in `crates/klartext-py/python/klartext/spark.py`, which a test here
//! holds to the same names in the same order).
//!
//! The schema is plain data so that this crate needs no Arrow: the writer maps each
//! [`Kind`] to its own types. A row's values are read from the JSON object of
//! [`crate::extract_record`] by column name, plus `warc_path` (the file as named) and
//! `error` (null for a page that was extracted).

/// The type of a column or of a struct member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// UTF-8 text.
    Str,
    /// A 64-bit signed integer (offsets, counts, the HTTP status).
    Int,
    Bool,
    /// A list of values of one kind.
    List(&'static Kind),
    /// A record with these members.
    Struct(&'static [Column]),
}

/// One named column (or struct member); every column is nullable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
}

const fn col(name: &'static str, kind: Kind) -> Column {
    Column { name, kind }
}

const STR_LIST: Kind = Kind::List(&Kind::Str);

/// An image: `url`, `caption`, `credit`.
pub const IMAGE: &[Column] = &[
    col("url", Kind::Str),
    col("caption", Kind::Str),
    col("credit", Kind::Str),
];

/// A quotation with its speaker and character offsets.
pub const QUOTE: &[Column] = &[
    col("text", Kind::Str),
    col("speaker", Kind::Str),
    col("speaker_mention", Kind::Str),
    col("speaker_start", Kind::Int),
    col("speaker_end", Kind::Int),
    col("cue", Kind::Str),
    col("kind", Kind::Str),
    col("start", Kind::Int),
    col("end", Kind::Int),
];

/// A named entity with its roles.
pub const ENTITY: &[Column] = &[
    col("name", Kind::Str),
    col("type", Kind::Str),
    col("roles", STR_LIST),
    col("mentions", Kind::Int),
];

/// The columns of one page of a crawl, in order: the WARC facts, then klartext's fields,
/// then `error`.
pub const WARC_COLUMNS: &[Column] = &[
    col("warc_path", Kind::Str),
    col("warc_record_id", Kind::Str),
    col("url", Kind::Str),
    col("warc_date", Kind::Str),
    col("http_status", Kind::Int),
    col("canonical_url", Kind::Str),
    col("title", Kind::Str),
    col("description", Kind::Str),
    col("authors", STR_LIST),
    col("date_published", Kind::Str),
    col("date_modified", Kind::Str),
    col("site_name", Kind::Str),
    col("language", Kind::Str),
    col("text", Kind::Str),
    col("images", Kind::List(&Kind::Struct(IMAGE))),
    col("agencies", STR_LIST),
    col("quotes", Kind::List(&Kind::Struct(QUOTE))),
    col("entities", Kind::List(&Kind::Struct(ENTITY))),
    col("encoding", Kind::Str),
    col("truncated", Kind::Bool),
    col("error", Kind::Str),
];

#[cfg(test)]
mod tests {
    use super::*;

    const SPARK: &str = include_str!("../../klartext-py/python/klartext/spark.py");

    /// The quoted names of the `("name", …)` pairs in `text`, in order.
    fn pair_names(text: &str) -> Vec<&str> {
        text.match_indices("(\"")
            .filter_map(|(i, _)| {
                let rest = &text[i + 2..];
                let end = rest.find('"')?;
                rest[end + 1..].starts_with(',').then_some(&rest[..end])
            })
            .collect()
    }

    /// The body of the Python function `name` (to the next top-level `def`).
    fn function<'a>(source: &'a str, name: &str) -> &'a str {
        let start = source
            .find(&format!("\ndef {name}("))
            .expect("the function is in spark.py");
        let body = &source[start + 1..];
        &body[..body[1..].find("\ndef ").map_or(body.len(), |e| e + 1)]
    }

    fn names(columns: &[Column]) -> Vec<&str> {
        columns.iter().map(|c| c.name).collect()
    }

    #[test]
    fn the_columns_are_those_of_the_spark_schema() {
        // warc_schema(): its head, then article_schema() without `url`.
        let warc = function(SPARK, "warc_schema");
        let article = function(SPARK, "article_schema");
        let returned = &article[article.find("return _struct(").expect("return")..];
        let mut spark = pair_names(warc);
        spark.extend(pair_names(returned).into_iter().filter(|n| *n != "url"));
        assert_eq!(names(WARC_COLUMNS), spark);
        // A struct runs to the next statement of the function body.
        let struct_of = |open: &str| {
            let at = article.find(open).expect("struct in article_schema");
            let rest = &article[at..];
            let end = rest
                .match_indices("\n    ")
                .find(|(i, _)| rest[i + 5..].starts_with(|c: char| c.is_ascii_alphabetic()))
                .map_or(rest.len(), |(i, _)| i);
            pair_names(&rest[..end])
        };
        assert_eq!(names(IMAGE), struct_of("image = _struct("));
        assert_eq!(names(QUOTE), struct_of("quote = _struct("));
        assert_eq!(names(ENTITY), struct_of("entity = _struct("));
    }
}
