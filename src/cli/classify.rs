//! `powrec classify`: every person of one list against the agreed categories, as text
//! tables, one JSON object, or CSV with one row per input row.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use comfy_table::{Table, presets};
use serde::Serialize;

use super::common::ReadArgs;
use super::output;
use crate::agreement::{Agreement, CategoryCount, Classification, Reason};
use crate::error::Exit;
use crate::normalize::{self, NormOptions, Unparsed};
use crate::record::{Field, Record, Rejected};

/// Output formats of `powrec classify`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Tables for people.
    Text,
    /// One JSON object.
    Json,
    /// One row per input row.
    Csv,
}

/// Flags of `powrec classify`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The list to classify (`-` for standard input).
    pub list: String,
    /// The agreement file (TOML; `powrec init` writes a template).
    #[arg(long, short = 'a', value_name = "FILE")]
    pub agreement: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Counts over the list, rejected rows included.
#[derive(Debug, Serialize)]
struct Counts {
    rows: u64,
    classified: usize,
    rejected: usize,
    fits: usize,
    out_of_category: usize,
    undetermined: usize,
    claim_mismatches: usize,
    categories: Vec<CategoryCount>,
}

/// One record's line of the report: who, then the classification.
#[derive(Debug, Serialize)]
struct RecordOut<'a> {
    line: u64,
    name: String,
    dob: Option<&'a str>,
    #[serde(flatten)]
    class: &'a Classification,
}

/// The JSON document.
#[derive(Debug, Serialize)]
struct ClassifyReport<'a> {
    agreement: &'a str,
    reference_date: String,
    borderline_days: u32,
    feb29_birthday: &'static str,
    list: &'a str,
    counts: Counts,
    records: Vec<RecordOut<'a>>,
    rejected: &'a [Rejected],
    unparsed: &'a [Unparsed],
    notes: &'a [String],
}

/// Runs `powrec classify`.
pub fn run(args: Args) -> Result<Exit> {
    let agreement = Agreement::load(&args.agreement)?;
    let opts = args.read.options()?;
    let ds = crate::read::read_path(&args.list, &opts)?;
    let norm = normalize::normalize_records(
        &ds.records,
        &NormOptions {
            // Two-digit years resolve against the agreement's date, not today's.
            reference_date: Some(agreement.reference_date),
            date_order: None,
        },
    );
    let classes = agreement.classify_all(&ds.records, &norm.persons)?;
    let summary = agreement.summarize(&classes);
    let counts = Counts {
        rows: ds.rows(),
        classified: summary.classified,
        rejected: ds.rejected.len(),
        fits: summary.fits,
        out_of_category: summary.out_of_category,
        undetermined: summary.undetermined,
        claim_mismatches: summary.claim_mismatches,
        categories: summary.categories,
    };
    let clean =
        counts.fits == counts.classified && counts.rejected == 0 && counts.claim_mismatches == 0;
    let records: Vec<RecordOut<'_>> = ds
        .records
        .iter()
        .zip(&classes)
        .map(|(r, class)| RecordOut {
            line: r.line,
            name: display_name(r),
            dob: r.get(Field::Dob).or(r.get(Field::BirthYear)),
            class,
        })
        .collect();
    let report = ClassifyReport {
        agreement: &agreement.name,
        reference_date: agreement.reference_date.to_string(),
        borderline_days: agreement.borderline_days,
        feb29_birthday: agreement.feb29.name(),
        list: &args.list,
        counts,
        records,
        rejected: &ds.rejected,
        unparsed: &norm.unparsed,
        notes: &norm.notes,
    };
    let agreement_path = args.agreement.to_string_lossy().into_owned();
    output::write_to(
        args.output.as_deref(),
        &[&args.list, &agreement_path],
        |w| match args.format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut *w, &report).map_err(io::Error::other)?;
                writeln!(w)
            }
            Format::Csv => write_csv(w, &report),
            Format::Text => write_text(w, &report),
        },
    )
    .context("classify")?;
    Ok(if clean { Exit::Agree } else { Exit::Findings })
}

/// The name as the list writes it: the full name, else its parts.
fn display_name(r: &Record) -> String {
    if let Some(full) = r.get(Field::FullName) {
        return full.to_string();
    }
    [Field::Surname, Field::GivenName, Field::Patronymic]
        .into_iter()
        .filter_map(|f| r.get(f))
        .collect::<Vec<_>>()
        .join(" ")
}

fn reason_line(r: &Reason) -> String {
    format!(
        "{}: {} → {} ({})",
        r.category,
        r.condition,
        r.result.name(),
        r.value
    )
}

fn outcome(c: &Classification) -> &'static str {
    if c.fits() {
        "in category"
    } else if c.out_of_category {
        "out of category"
    } else {
        "undetermined"
    }
}

fn claim_text(c: &Classification) -> String {
    let Some(cl) = &c.claim else {
        return String::new();
    };
    let mut s = cl.raw.clone();
    let mut notes = Vec::new();
    if !cl.contradicted.is_empty() {
        notes.push(format!("rules say not {}", cl.contradicted.join(", ")));
    }
    if !cl.unverified.is_empty() {
        notes.push(format!("cannot verify {}", cl.unverified.join(", ")));
    }
    if !cl.unrecognised.is_empty() {
        notes.push(format!("no such category: {}", cl.unrecognised.join(", ")));
    }
    if !notes.is_empty() {
        s.push_str(&format!(" [{}]", notes.join("; ")));
    }
    s
}

fn new_table(headers: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    // Byte-stable output: comfy-table would otherwise look at the terminal on its own.
    t.force_no_tty();
    t.set_header(headers.to_vec());
    t
}

fn write_text(w: &mut dyn Write, r: &ClassifyReport<'_>) -> io::Result<()> {
    let c = &r.counts;
    writeln!(
        w,
        "Agreement: {} (ages at {}, borderline ±{} days)",
        r.agreement, r.reference_date, r.borderline_days
    )?;
    writeln!(
        w,
        "List: {} ({} rows: {} classified, {} rejected)\n",
        r.list, c.rows, c.classified, c.rejected
    )?;
    let mut t = new_table(&["Category", "Label", "In", "Unknown", "Borderline"]);
    for cat in &c.categories {
        t.add_row(vec![
            cat.id.clone(),
            cat.label.clone(),
            cat.count.to_string(),
            cat.unknown.to_string(),
            cat.borderline.to_string(),
        ]);
    }
    writeln!(w, "{t}")?;
    writeln!(
        w,
        "In a category: {}   Out of category: {}   Undetermined: {}   Claim mismatches: {}   \
         Rejected rows: {}\n",
        c.fits, c.out_of_category, c.undetermined, c.claim_mismatches, c.rejected
    )?;

    let problems: Vec<&RecordOut<'_>> = r
        .records
        .iter()
        .filter(|x| !x.class.fits() || x.class.claim_mismatch)
        .collect();
    if !problems.is_empty() {
        writeln!(
            w,
            "Out of category, undetermined, or claim disagreeing with the rules ({}):",
            problems.len()
        )?;
        let mut t = new_table(&["Row", "Name", "Born", "Outcome", "Claim", "Why"]);
        for x in problems {
            t.add_row(vec![
                x.class.row.to_string(),
                x.name.clone(),
                x.dob.unwrap_or("").to_string(),
                outcome(x.class).to_string(),
                claim_text(x.class),
                x.class
                    .reasons
                    .iter()
                    .map(reason_line)
                    .collect::<Vec<_>>()
                    .join("\n"),
            ]);
        }
        writeln!(w, "{t}\n")?;
    }

    writeln!(w, "Everyone ({}):", r.records.len())?;
    let mut t = new_table(&[
        "Row",
        "Name",
        "Born",
        "Categories",
        "Unknown",
        "Borderline",
        "Claim",
        "Why",
    ]);
    for x in &r.records {
        t.add_row(vec![
            x.class.row.to_string(),
            x.name.clone(),
            x.dob.unwrap_or("").to_string(),
            x.class.categories.join(", "),
            x.class.unknown.join(", "),
            x.class.borderline.join(", "),
            claim_text(x.class),
            x.class
                .reasons
                .iter()
                .map(reason_line)
                .collect::<Vec<_>>()
                .join("\n"),
        ]);
    }
    writeln!(w, "{t}")?;

    if !r.rejected.is_empty() {
        writeln!(w, "\nRejected rows ({}), not classified:", r.rejected.len())?;
        let mut t = new_table(&["Row", "Line", "Reason"]);
        for x in r.rejected {
            t.add_row(vec![
                x.row.to_string(),
                x.line.to_string(),
                x.reason.clone(),
            ]);
        }
        writeln!(w, "{t}")?;
    }
    if !r.unparsed.is_empty() {
        writeln!(w, "\nValues that could not be read ({}):", r.unparsed.len())?;
        let mut t = new_table(&["Row", "Field", "Value", "Why"]);
        for u in r.unparsed {
            t.add_row(vec![
                u.row.to_string(),
                u.field.to_string(),
                u.raw.clone(),
                u.reason.clone(),
            ]);
        }
        writeln!(w, "{t}")?;
    }
    for n in r.notes {
        writeln!(w, "note: {n}")?;
    }
    Ok(())
}

/// One row per input row, rejected rows included, in row order.
fn write_csv(w: &mut dyn Write, r: &ClassifyReport<'_>) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record([
        "row",
        "line",
        "status",
        "name",
        "dob",
        "categories",
        "unknown",
        "borderline",
        "out_of_category",
        "claim",
        "claim_mismatch",
        "reasons",
    ])?;
    let mut records = r.records.iter().peekable();
    let mut rejected = r.rejected.iter().peekable();
    loop {
        let take_record = match (records.peek(), rejected.peek()) {
            (Some(a), Some(b)) => a.class.row <= b.row,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        if take_record {
            let Some(x) = records.next() else { break };
            out.write_record([
                x.class.row.to_string(),
                x.line.to_string(),
                outcome(x.class).replace(' ', "_"),
                x.name.clone(),
                x.dob.unwrap_or("").to_string(),
                x.class.categories.join(";"),
                x.class.unknown.join(";"),
                x.class.borderline.join(";"),
                x.class.out_of_category.to_string(),
                x.class
                    .claim
                    .as_ref()
                    .map(|c| c.raw.clone())
                    .unwrap_or_default(),
                x.class.claim_mismatch.to_string(),
                x.class
                    .reasons
                    .iter()
                    .map(reason_line)
                    .collect::<Vec<_>>()
                    .join(" | "),
            ])?;
        } else {
            let Some(x) = rejected.next() else { break };
            out.write_record([
                x.row.to_string(),
                x.line.to_string(),
                "rejected".to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                x.reason.clone(),
            ])?;
        }
    }
    out.flush()
}
