//! Dates as the lists write them: numeric orders, month names in three languages, Excel
//! serials, year only; impossible dates kept with their raw text.

use chrono::NaiveDate;
use serde::Serialize;

/// A parsed date value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DateValue {
    /// No value.
    #[default]
    Missing,
    /// A full calendar date.
    Full {
        /// The date.
        date: NaiveDate,
    },
    /// Only the year is known (a partial date that knows it is partial).
    Year {
        /// The year.
        year: i32,
    },
    /// Text that is not a date, or an impossible one (31.02.2000).
    Invalid {
        /// The raw text.
        raw: String,
        /// Why.
        reason: String,
    },
}

/// The order of day and month in ambiguous slash dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Day, month, year.
    Dmy,
    /// Month, day, year.
    Mdy,
}

/// What parsing a date needs beyond its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateContext {
    /// Order for ambiguous slash dates, decided once per column.
    pub order: DateOrder,
    /// Two-digit years resolve to the latest year not after this one.
    pub reference_year: i32,
}

/// Decides the order of a column's slash dates from its unambiguous values: `Ok(None)` when
/// nothing decides it, `Err` (a sentence saying why) when values contradict each other.
// STUB: replaced by the normalisation work (issue 3).
pub fn infer_order<'a>(
    _values: impl IntoIterator<Item = &'a str>,
) -> Result<Option<DateOrder>, String> {
    Ok(None)
}

/// Parses one date.
// STUB: replaced by the normalisation work (issue 3).
pub fn parse(raw: &str, _ctx: &DateContext) -> DateValue {
    let t = raw.trim();
    if t.is_empty() {
        return DateValue::Missing;
    }
    NaiveDate::parse_from_str(t, "%d.%m.%Y")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y-%m-%d"))
        .map(|date| DateValue::Full { date })
        .unwrap_or_else(|_| DateValue::Invalid {
            raw: t.to_string(),
            reason: "not a date".to_string(),
        })
}
