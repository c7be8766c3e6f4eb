//! Rendering a [`Report`]: text for a terminal, Markdown for a memo, CSV for a spreadsheet,
//! JSON for scripts. Knows nothing of how matches were made: it only reads the report.

mod csv;
pub mod findings;
pub mod html;
mod json;
mod table;

use std::io::{self, Write};

use crate::reconcile::Report;

/// An output format of `reconcile`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Tables for a terminal.
    Text,
    /// The report as one JSON object.
    Json,
    /// One row per finding.
    Csv,
    /// Markdown tables.
    Md,
    /// One self-contained HTML file: charts, side-by-side tables, score waterfalls.
    Html,
}

/// How much to show and how.
#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions {
    /// At most this many rows per section in text and Markdown (`None`: all).
    pub limit: Option<usize>,
    /// Colour the text format.
    pub color: bool,
    /// Wrap text tables to this width (a terminal's); `None` never wraps.
    pub width: Option<u16>,
}

/// Renders the report.
pub fn render(
    report: &Report,
    format: Format,
    opts: &RenderOptions,
    w: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => json::render(report, w),
        Format::Csv => csv::render(report, w),
        Format::Text => table::render(report, table::Style::Text, opts, w),
        Format::Md => table::render(report, table::Style::Markdown, opts, w),
        Format::Html => html::render(report, &html::HtmlOptions::now(), w),
    }
}
