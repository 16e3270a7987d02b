//! Dates: reading them ([`parse`]: meta values, visible text, URL paths, relative forms) and
//! choosing the page's publication and modification dates among its sources ([`choose`]).

mod choose;
mod parse;

pub use parse::{
    find_all, find_all_order, from_url, month_from_url, parse_value, parse_value_order, relative,
    Date, Found, MIN_YEAR,
};

pub(super) use choose::choose_dates;
