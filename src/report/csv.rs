//! The CSV format: one row per finding, every cell safe to open in a spreadsheet.

use std::io::{self, Write};

use super::findings::findings;
use crate::reconcile::Report;

const HEADER: [&str; 13] = [
    "kind", "side", "a_row", "a_name", "a_dob", "b_row", "b_name", "b_dob", "score", "field",
    "a_value", "b_value", "detail",
];

/// Neutralises a cell a spreadsheet would run as a formula (OWASP's CSV injection advice):
/// a leading `=`, `+`, `-`, `@`, tab or carriage return gets a `'` in front.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

pub(super) fn render(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(HEADER)?;
    let opt = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    for f in findings(report) {
        let cells = [
            f.kind.map(|k| k.name()).unwrap_or_default().to_string(),
            f.side.unwrap_or_default().to_string(),
            opt(f.a_row),
            f.a_name,
            f.a_dob,
            opt(f.b_row),
            f.b_name,
            f.b_dob,
            f.score.map(|s| format!("{s:.4}")).unwrap_or_default(),
            f.field,
            f.a_value,
            f.b_value,
            f.detail,
        ];
        out.write_record(cells.iter().map(|c| neutralise(c).into_owned()))?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formula_starts_are_neutralised() {
        for bad in ["=1+1", "+7", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(bad), format!("'{bad}"), "{bad:?}");
        }
        for good in ["Шевченко", "1999-03-05", "", "a=b"] {
            assert_eq!(neutralise(good), good);
        }
    }
}
