//! `powrec inspect`: how one list is read — format, encoding, column mapping, counts,
//! rejected rows and the first records — as text or one JSON object.

use std::collections::BTreeMap;
use std::io::{self, Write};

use anyhow::Result;
use serde::Serialize;

use super::common::ReadArgs;
use crate::error::Exit;
use crate::read::{Item, Mapping, Source};
use crate::record::{Field, Record, Rejected};

/// Rejected rows kept for display; the count covers them all.
const MAX_REJECTED: usize = 50;

/// Output format of `inspect`.
#[derive(Debug, Clone, Copy, Default, clap::ValueEnum)]
pub enum OutputFormat {
    /// Readable text.
    #[default]
    Text,
    /// One JSON object, for scripts.
    Json,
}

/// Flags of `powrec inspect`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The list to read (`-` for standard input).
    pub list: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// How many records to show.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub limit: usize,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Row counts of the whole list.
#[derive(Debug, Default, Serialize)]
pub struct Counts {
    /// Data rows: records plus rejected.
    pub rows: u64,
    /// Usable records.
    pub records: u64,
    /// Rejected rows.
    pub rejected: u64,
    /// Rows with every cell empty (not numbered).
    pub blank: u64,
}

/// One record as `inspect` shows it. Fields are keyed by their pinned names; later columns
/// (normalised values) can be added beside `fields` without touching the rest.
#[derive(Debug, Serialize)]
pub struct RecordView {
    /// Record number.
    pub row: u64,
    /// Physical line.
    pub line: u64,
    /// Raw value per canonical field present, in canonical order (a JSON object).
    #[serde(serialize_with = "as_map")]
    pub fields: Vec<(Field, String)>,
    /// Fields split from the full name.
    pub derived: Vec<Field>,
    /// Extra columns by header.
    pub extras: BTreeMap<String, String>,
}

impl RecordView {
    fn new(r: &Record, mapping: &Mapping) -> Self {
        let fields = Field::ALL
            .iter()
            .filter_map(|f| r.get(*f).map(|v| (*f, v.to_string())))
            .collect();
        let extras = mapping
            .extras
            .iter()
            .zip(&r.extras)
            .filter_map(|(h, v)| v.as_ref().map(|v| (h.clone(), v.to_string())))
            .collect();
        RecordView {
            row: r.row,
            line: r.line,
            fields,
            derived: r.derived.clone(),
            extras,
        }
    }
}

fn as_map<S: serde::Serializer>(v: &[(Field, String)], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(v.len()))?;
    for (f, val) in v {
        m.serialize_entry(f.name(), val)?;
    }
    m.end()
}

/// Everything `inspect` shows.
#[derive(Debug, Serialize)]
pub struct View {
    /// How the file was read.
    pub source: Source,
    /// Columns, extras and notes.
    pub mapping: Mapping,
    /// Counts over the whole list.
    pub counts: Counts,
    /// The first rejected rows (at most 50).
    pub rejected: Vec<Rejected>,
    /// The first records (`--limit`).
    pub records: Vec<RecordView>,
}

/// Reads the list through the streaming reader, keeping only what is shown.
pub fn view(list: &str, opts: &crate::read::ReadOptions, limit: usize) -> crate::Result<View> {
    let mut reader = crate::read::open(list, opts)?;
    let mut counts = Counts::default();
    let mut rejected = Vec::new();
    let mut records = Vec::new();
    while let Some(item) = reader.next() {
        match item? {
            Item::Record(r) => {
                counts.records += 1;
                if records.len() < limit {
                    records.push(RecordView::new(&r, reader.mapping()));
                }
            }
            Item::Rejected(r) => {
                counts.rejected += 1;
                if rejected.len() < MAX_REJECTED {
                    rejected.push(r);
                }
            }
        }
    }
    counts.rows = counts.records + counts.rejected;
    counts.blank = reader.blank_rows();
    Ok(View {
        source: reader.source().clone(),
        mapping: reader.mapping().clone(),
        counts,
        rejected,
        records,
    })
}

/// Runs `powrec inspect`.
pub fn run(args: Args) -> Result<Exit> {
    let opts = args.read.options(&args.read.map)?;
    let v = view(&args.list, &opts, args.limit)?;
    super::output::write_to(None, &[], |w| match args.format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut *w, &v)?;
            writeln!(w)
        }
        OutputFormat::Text => render_text(w, &v),
    })?;
    Ok(Exit::Agree)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text rendering of a [`View`].
pub fn render_text(w: &mut dyn Write, v: &View) -> io::Result<()> {
    let s = &v.source;
    writeln!(w, "{}", s.path)?;
    writeln!(w, "  format     {}", s.format.name())?;
    if let Some(e) = &s.encoding {
        let how = s.encoding_detected_by.as_deref().unwrap_or("");
        writeln!(w, "  encoding   {e} ({how})")?;
    }
    if let Some(d) = s.delimiter {
        let shown = match d {
            '\t' => "tab".to_string(),
            c => c.to_string(),
        };
        writeln!(w, "  delimiter  {shown}")?;
    }
    if let Some(sh) = &s.sheet {
        writeln!(w, "  sheet      {sh}")?;
    }
    if let Some(l) = s.header_line {
        writeln!(w, "  header     line {l}")?;
    }
    writeln!(w)?;
    writeln!(w, "columns")?;
    let width = v
        .mapping
        .columns
        .iter()
        .map(|c| one_line(&c.header).chars().count())
        .max()
        .unwrap_or(0);
    for c in &v.mapping.columns {
        let h = one_line(&c.header);
        let pad = " ".repeat(width.saturating_sub(h.chars().count()));
        match c.field {
            Some(f) if c.overridden => writeln!(w, "  {h}{pad}  -> {f} (--map)")?,
            Some(f) => writeln!(w, "  {h}{pad}  -> {f}")?,
            None => writeln!(w, "  {h}{pad}  (extra, kept as is)")?,
        }
    }
    if !v.mapping.notes.is_empty() {
        writeln!(w)?;
        writeln!(w, "notes")?;
        for n in &v.mapping.notes {
            writeln!(w, "  {n}")?;
        }
    }
    let c = &v.counts;
    writeln!(w)?;
    writeln!(
        w,
        "rows       {} ({} records, {} rejected{})",
        c.rows,
        c.records,
        c.rejected,
        if c.blank > 0 {
            format!("; {} blank rows skipped", c.blank)
        } else {
            String::new()
        }
    )?;
    if !v.rejected.is_empty() {
        writeln!(w)?;
        writeln!(w, "rejected")?;
        for r in &v.rejected {
            writeln!(w, "  row {} (line {}): {}", r.row, r.line, r.reason)?;
        }
        if c.rejected > v.rejected.len() as u64 {
            writeln!(w, "  ... and {} more", c.rejected - v.rejected.len() as u64)?;
        }
    }
    if !v.records.is_empty() {
        writeln!(w)?;
        writeln!(w, "first {} records", v.records.len())?;
        for r in &v.records {
            writeln!(w, "  row {} (line {})", r.row, r.line)?;
            let keys = r.fields.iter().map(|(k, _)| k.name().chars().count());
            let extra = r.extras.keys().map(|k| one_line(k).chars().count());
            let kw = keys.chain(extra).max().unwrap_or(0);
            for (f, val) in &r.fields {
                let mark = if r.derived.contains(f) {
                    "  (derived)"
                } else {
                    ""
                };
                writeln!(w, "    {:<kw$}  {}{mark}", f.name(), one_line(val))?;
            }
            for (k, val) in &r.extras {
                let k = one_line(k);
                let pad = " ".repeat(kw.saturating_sub(k.chars().count()));
                writeln!(w, "    {k}{pad}  {}  (extra)", one_line(val))?;
            }
        }
    }
    Ok(())
}
