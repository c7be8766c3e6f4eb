//! The JSON format: the report itself, pretty-printed.

use std::io::{self, Write};

use crate::reconcile::Report;

pub(super) fn render(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    // Compact: a 100,000-pair report is half the size and written in half the time; `jq .`
    // pretty-prints it for people.
    serde_json::to_writer(&mut *w, report).map_err(io::Error::from)?;
    writeln!(w)
}
