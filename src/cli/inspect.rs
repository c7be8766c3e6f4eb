//! `powrec inspect`: how one list is read — format, encoding, column mapping, counts,
//! rejected rows and the first records — as text or one JSON object.

use std::collections::BTreeMap;
use std::io::{self, Write};

use anyhow::Result;
use serde::Serialize;

use super::common::ReadArgs;
use crate::error::Exit;
use crate::normalize::date::{self, DateContext, DateOrder};
use crate::normalize::{self, DateValue, Person, Unparsed, names};
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
    /// Values normalisation could not read (the records are still used).
    pub unparsed: u64,
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
    /// What normalisation derived from the raw values: Latin forms and skeletons, name
    /// ids, the parsed date, rank class, status, sex.
    pub normalized: Person,
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
            normalized: Person::default(),
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
    /// The first values that could not be read (at most 50).
    pub unparsed: Vec<Unparsed>,
    /// How ambiguous slash dates were read, and why.
    pub date_order: String,
}

/// Reads the list through the streaming reader, keeping only what is shown. The order of
/// ambiguous slash dates is a decision over the whole column, so the slash dates are kept
/// (only they) until the end, and the shown records are normalised once it is made.
pub fn view(list: &str, opts: &crate::read::ReadOptions, limit: usize) -> crate::Result<View> {
    let mut reader = crate::read::open(list, opts)?;
    let mut counts = Counts::default();
    let mut rejected = Vec::new();
    let mut shown = Vec::new();
    let mut unparsed = Vec::new();
    let mut slash_dates: Vec<Box<str>> = Vec::new();
    let reference_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    // Whether a date is possible does not depend on the slash order (a part above 12 decides
    // it), so values can be checked as they stream past.
    let provisional = DateContext {
        order: DateOrder::Dmy,
        reference_year,
    };
    for item in reader.by_ref() {
        match item? {
            Item::Record(r) => {
                counts.records += 1;
                if let Some(d) = r.get(Field::Dob).filter(|d| d.contains('/')) {
                    slash_dates.push(d.into());
                }
                let mut found = Vec::new();
                normalize::person(&r, &provisional, &mut found);
                counts.unparsed += found.len() as u64;
                let room = MAX_REJECTED.saturating_sub(unparsed.len());
                unparsed.extend(found.into_iter().take(room));
                if shown.len() < limit {
                    shown.push(r);
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
    let (order, date_order) = match date::infer_order(slash_dates.iter().map(|d| &**d)) {
        Ok(Some(o)) => (o, format!("{o:?} (the column's unambiguous dates say so)")),
        Ok(None) if slash_dates.is_empty() => (DateOrder::Dmy, "no slash dates".to_string()),
        Ok(None) => (
            DateOrder::Dmy,
            "Dmy assumed: no slash date in the column decides it (--date-order chooses)".into(),
        ),
        Err(why) => (DateOrder::Dmy, format!("Dmy assumed: {why}")),
    };
    let ctx = DateContext {
        order,
        reference_year,
    };
    let mapping = reader.mapping().clone();
    let records = shown
        .iter()
        .map(|r| {
            let mut v = RecordView::new(r, &mapping);
            v.normalized = normalize::person(r, &ctx, &mut Vec::new());
            v
        })
        .collect();
    counts.rows = counts.records + counts.rejected;
    counts.blank = reader.blank_rows();
    Ok(View {
        source: reader.source().clone(),
        mapping,
        counts,
        rejected,
        records,
        unparsed,
        date_order,
    })
}

/// Runs `powrec inspect`.
pub fn run(args: Args) -> Result<Exit> {
    let opts = args.read.options()?;
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
            let derived = normalized_lines(&r.normalized);
            if !derived.is_empty() {
                writeln!(w, "    normalised")?;
                let dw = derived.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
                for (k, val) in derived {
                    writeln!(w, "      {k:<dw$}  {val}")?;
                }
            }
        }
    }
    writeln!(w)?;
    writeln!(w, "slash dates  {}", v.date_order)?;
    if !v.unparsed.is_empty() {
        writeln!(w)?;
        writeln!(w, "values that could not be read ({})", v.counts.unparsed)?;
        for u in &v.unparsed {
            writeln!(
                w,
                "  row {} {}: {:?}: {}",
                u.row,
                u.field,
                one_line(&u.raw),
                u.reason
            )?;
        }
        if v.counts.unparsed > v.unparsed.len() as u64 {
            writeln!(
                w,
                "  ... and {} more",
                v.counts.unparsed - v.unparsed.len() as u64
            )?;
        }
    }
    Ok(())
}

/// The derived values of a person, for people: one `(what, value)` line each.
fn normalized_lines(p: &Person) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let name = |id: normalize::NameId| {
        names::entry(id).map_or_else(
            || format!("#{}", id.0),
            |e| {
                let mut forms: Vec<&str> = e.uk.iter().take(1).copied().collect();
                forms.extend(e.ru.iter().take(1));
                forms.extend(e.latin.iter().take(1));
                format!("#{} {}", id.0, forms.join(" = "))
            },
        )
    };
    if let Some(k) = &p.surname {
        out.push((
            "surname",
            format!("{} (skeleton {})", k.latin(), k.skeleton()),
        ));
    }
    if let Some(k) = &p.given {
        let id = p.given_id.map(|i| format!(", name {}", name(i)));
        out.push((
            "given_name",
            format!("{}{}", k.latin(), id.unwrap_or_default()),
        ));
    }
    if let Some(k) = &p.patronymic {
        let father = p.father_id.map(|i| format!(", father {}", name(i)));
        out.push((
            "patronymic",
            format!("{}{}", k.latin(), father.unwrap_or_default()),
        ));
    }
    match &p.dob {
        DateValue::Missing => {}
        DateValue::Full { date } => out.push(("dob", date.to_string())),
        DateValue::Year { year } => out.push(("dob", format!("{year} (year only)"))),
        DateValue::Invalid { reason, .. } => out.push(("dob", format!("not read: {reason}"))),
    }
    if let Some(s) = p.sex {
        out.push(("sex", normalize::word(&s)));
    }
    if let Some(r) = p.rank {
        out.push(("rank class", normalize::word(&r)));
    }
    if let Some(s) = p.status {
        out.push(("status", normalize::word(&s)));
    }
    out
}
