//! `powrec evaluate`: measure a reconcile report against the truth.

use std::path::PathBuf;

use anyhow::{Result, bail};

use super::output;
use crate::error::Exit;
use crate::evaluate;

/// Output formats of `powrec evaluate`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table and the worst errors, for people.
    #[default]
    Text,
    /// The evaluation as JSON (`match`, `match_or_review`, `categories`, `false_matches`,
    /// `missed`).
    Json,
}

/// Flags of `powrec evaluate`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "TRUTH is the truth.json of `powrec synth`, or a CSV of confirmed \
    pairs with columns a_row,b_row (1-based data record numbers, header excluded) or \
    a_id,b_id (ids of the lists' id column; needs --a and --b)."
)]
pub struct Args {
    /// The report, as written by `powrec reconcile --format json`.
    pub report: PathBuf,
    /// The truth: synth's truth.json or a CSV of confirmed pairs.
    #[arg(long, value_name = "TRUTH")]
    pub truth: PathBuf,
    /// List A, to map a_id to rows.
    #[arg(long, value_name = "LIST", requires = "b")]
    pub a: Option<String>,
    /// List B, to map b_id to rows.
    #[arg(long, value_name = "LIST", requires = "a")]
    pub b: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// How many errors of each kind to list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub show: usize,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `powrec evaluate`.
pub fn run(args: Args) -> Result<Exit> {
    let lists = match (&args.a, &args.b) {
        (Some(a), Some(b)) => Some((a.as_str(), b.as_str())),
        (None, None) => None,
        _ => bail!("--a and --b go together"),
    };
    let e = evaluate::evaluate_files(&args.report, &args.truth, lists, args.show)?;
    let report = args.report.display().to_string();
    let truth = args.truth.display().to_string();
    output::write_to(args.output.as_deref(), &[&report, &truth], |w| {
        match args.format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut *w, &e)?;
                writeln!(w)
            }
            Format::Text => w.write_all(evaluate::render_text(&e).as_bytes()),
        }
    })?;
    Ok(Exit::Agree)
}
