//! Values of the extra columns a config asks to compare (`[[matching.compare]]`): each
//! column read once as text, dates or numbers, with column-level decisions (the order of
//! slash dates) made over the whole column.

use serde::Serialize;

use super::date::{self, DateContext, DateOrder, DateValue};
use super::{NameKey, NormOptions, alnum_upper};

/// How an extra column's values are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtraKind {
    /// Folded text with its Latin form and skeleton, so that Харків = Харьков = Kharkiv.
    Text,
    /// A date in any format the lists use.
    Date,
    /// Letters and digits only, upper-cased: "12 345" = "12345", "ab-12" = "AB12".
    Number,
}

/// One extra value, read.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtraValue {
    /// Empty, or unreadable as the column's kind: no evidence either way.
    #[default]
    Missing,
    /// Text keys.
    Text(NameKey),
    /// A date (full or year only).
    Date(DateValue),
    /// A number's letters and digits.
    Number(String),
}

/// Reads one column of raw values (one per record, in record order) as `kind`. Returns the
/// values and, when some could not be read, a note for the report naming the column, how
/// many and the first few rows: such a value weighs nothing, and the user should know.
pub fn column(
    name: &str,
    rows: &[u64],
    raw: &[Option<&str>],
    kind: ExtraKind,
    opts: &NormOptions,
) -> (Vec<ExtraValue>, Option<String>) {
    let mut unread: Vec<(u64, &str)> = Vec::new();
    let values = match kind {
        ExtraKind::Text => raw
            .iter()
            .map(|v| match v.map(str::trim).filter(|v| !v.is_empty()) {
                Some(v) => {
                    let k = NameKey::new(v);
                    if k.key().is_empty() {
                        ExtraValue::Missing
                    } else {
                        ExtraValue::Text(k)
                    }
                }
                None => ExtraValue::Missing,
            })
            .collect(),
        ExtraKind::Number => raw
            .iter()
            .zip(rows)
            .map(
                |(v, row)| match v.map(str::trim).filter(|v| !v.is_empty()) {
                    Some(v) => match alnum_upper(v) {
                        Some(n) => ExtraValue::Number(n),
                        None => {
                            unread.push((*row, v));
                            ExtraValue::Missing
                        }
                    },
                    None => ExtraValue::Missing,
                },
            )
            .collect(),
        ExtraKind::Date => {
            let order = match opts.date_order {
                Some(o) => o,
                None => date::infer_order(raw.iter().flatten().copied())
                    .ok()
                    .flatten()
                    .unwrap_or(DateOrder::Dmy),
            };
            let reference_year = super::reference_year(opts);
            let ctx = DateContext {
                order,
                reference_year,
            };
            raw.iter()
                .zip(rows)
                .map(|(v, row)| {
                    let Some(v) = v.map(str::trim).filter(|v| !v.is_empty()) else {
                        return ExtraValue::Missing;
                    };
                    match date::parse(v, &ctx) {
                        d @ (DateValue::Full { .. } | DateValue::Year { .. }) => {
                            ExtraValue::Date(d)
                        }
                        _ => {
                            unread.push((*row, v));
                            ExtraValue::Missing
                        }
                    }
                })
                .collect()
        }
    };
    let note = (!unread.is_empty()).then(|| {
        let first: Vec<String> = unread
            .iter()
            .take(3)
            .map(|(row, v)| format!("row {row} '{v}'"))
            .collect();
        let what = match kind {
            ExtraKind::Text => "text",
            ExtraKind::Date => "dates",
            ExtraKind::Number => "numbers",
        };
        format!(
            "column '{name}' (compared as {what}): {} value(s) could not be read ({}{}); they \
             weigh nothing in matching",
            unread.len(),
            first.join(", "),
            if unread.len() > 3 { ", ..." } else { "" }
        )
    });
    (values, note)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_reads_its_values_and_names_what_it_cannot() {
        let opts = NormOptions::default();
        let rows = [1, 2, 3, 4];
        let raw = [Some("Харків"), None, Some("  "), Some("Kharkiv")];
        let (v, note) = column("place", &rows, &raw, ExtraKind::Text, &opts);
        assert!(note.is_none());
        assert!(matches!(&v[0], ExtraValue::Text(k) if k.key() == "харків"));
        assert_eq!((&v[1], &v[2]), (&ExtraValue::Missing, &ExtraValue::Missing));

        let raw = [Some("12 345"), Some("--"), None, Some("ab-12")];
        let (v, note) = column("postcode", &rows, &raw, ExtraKind::Number, &opts);
        assert_eq!(v[0], ExtraValue::Number("12345".into()));
        assert_eq!(v[3], ExtraValue::Number("AB12".into()));
        let note = note.unwrap_or_default();
        assert!(
            note.contains("postcode") && note.contains("row 2 '--'"),
            "{note}"
        );

        let raw = [Some("05.03.2022"), Some("31.02.2022"), Some("2022"), None];
        let (v, note) = column("captured", &rows, &raw, ExtraKind::Date, &opts);
        assert!(matches!(v[0], ExtraValue::Date(DateValue::Full { .. })));
        assert_eq!(v[1], ExtraValue::Missing);
        assert_eq!(v[2], ExtraValue::Date(DateValue::Year { year: 2022 }));
        let note = note.unwrap_or_default();
        assert!(
            note.contains("row 2 '31.02.2022'") && note.contains("1 value"),
            "{note}"
        );
    }
}
