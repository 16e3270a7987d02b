//! Dates: reading them ([`parse`]: meta values, visible text, URL paths, relative forms) and
//! choosing the page's publication and modification dates: the page facts the sources read
//! ([`context`]), the sources as declared, ordered tables ([`sources`]) and the choice with
//! its named cross-checks ([`choose`]).

mod choose;
mod context;
mod parse;
mod sources;

pub use parse::{
    find_all, find_all_order, from_url, month_from_url, parse_value, parse_value_order, relative,
    Date, Found, MIN_YEAR,
};

pub(crate) use choose::{choose, report, Choice};
pub(crate) use context::{DateCtx, Lines};
