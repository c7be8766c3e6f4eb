//! The JSON format: the report itself, pretty-printed.

use std::io::{self, Write};

use crate::reconcile::Report;

pub(super) fn render(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, report).map_err(io::Error::from)?;
    writeln!(w)
}
