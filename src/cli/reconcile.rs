//! `powrec reconcile`: match two lists and report every mismatch.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::common::parse_map;
use super::output;
use crate::agreement::Agreement;
use crate::config::Config;
use crate::error::Exit;
use crate::matching::MatchConfig;
use crate::normalize::date::DateOrder;
use crate::read::{self, ReadOptions};
use crate::reconcile::build::{self, ExtraColumn, Input, Options};
use crate::reconcile::{Kind, Report};
use crate::report::{self, Format, RenderOptions};

/// Rows above which a progress display is worth showing.
const PROGRESS_ROWS: u64 = 5_000;

/// Flags of `powrec reconcile`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Side A's list (`-` for standard input).
    pub a: String,
    /// Side B's list (`-` for standard input, if A is not).
    pub b: String,
    /// The agreement file (TOML) whose categories both lists are classified against.
    #[arg(long, value_name = "FILE")]
    pub agreement: Option<PathBuf>,
    /// Column mappings and matching settings (TOML).
    #[arg(long, value_name = "FILE")]
    pub config: Option<String>,
    /// Map a column of A to a canonical field (repeatable).
    #[arg(long = "map-a", value_name = "FIELD=COLUMN")]
    pub map_a: Vec<String>,
    /// Map a column of B to a canonical field (repeatable).
    #[arg(long = "map-b", value_name = "FIELD=COLUMN")]
    pub map_b: Vec<String>,
    /// Output format [default: text, or from the -o file's extension].
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Score at or above which a pair is a match (0 to 1).
    #[arg(long, value_name = "P")]
    pub threshold: Option<f64>,
    /// Score at or above which a pair is listed for review (0 to 1).
    #[arg(long, value_name = "P")]
    pub review_threshold: Option<f64>,
    /// Name side A in the report [default: the file name].
    #[arg(long, value_name = "LABEL")]
    pub label_a: Option<String>,
    /// Name side B in the report [default: the file name].
    #[arg(long, value_name = "LABEL")]
    pub label_b: Option<String>,
    /// Rows shown per section in text and Markdown.
    #[arg(long, value_name = "N", default_value_t = 20, conflicts_with = "all")]
    pub limit: usize,
    /// Show every row of every section.
    #[arg(long)]
    pub all: bool,
    /// Finding kinds that make the exit code 1 (comma-separated).
    #[arg(
        long,
        value_name = "KIND,...",
        value_delimiter = ',',
        default_value = "only_a,only_b,conflicts,review,out_of_category"
    )]
    pub fail_on: Vec<String>,
    /// Order of ambiguous slash dates in both lists [default: decided per column].
    #[arg(long, value_enum)]
    pub date_order: Option<DateOrderArg>,
    /// How both lists are written, and caps on what they may hold.
    #[command(flatten)]
    pub how: super::common::HowArgs,
    /// Print how long each stage took to standard error.
    #[arg(long)]
    pub timings: bool,
}

/// `--date-order` values.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum DateOrderArg {
    /// Day first: 05/03/1999 is 5 March.
    Dmy,
    /// Month first: 05/03/1999 is 3 May.
    Mdy,
}

/// Runs `powrec reconcile`.
pub fn run(args: Args) -> Result<Exit> {
    if args.a == "-" && args.b == "-" {
        bail!("only one of the two lists can be read from standard input (-)");
    }
    let fail_on = args
        .fail_on
        .iter()
        .filter(|k| !k.trim().is_empty())
        .map(|k| {
            Kind::from_name(k.trim()).with_context(|| {
                format!(
                    "--fail-on: unknown kind '{}'; the kinds are: {}",
                    k.trim(),
                    Kind::ALL.map(Kind::name).join(", ")
                )
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let config = match &args.config {
        Some(p) => Config::load(p)?,
        None => Config::default(),
    };
    // As rg and xsv do, the format does not change when the output is piped (only colour
    // does): `powrec reconcile a b | less` should read like the terminal.
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(format_from_extension))
        .unwrap_or(Format::Text);
    let agreement = args.agreement.as_deref().map(Agreement::load).transpose()?;

    let options = |maps: &[String], side_b: bool| -> Result<ReadOptions> {
        let mut map = config.maps(side_b);
        for m in maps {
            map.push(parse_map(m)?);
        }
        args.how.options(map)
    };
    let (oa, ob) = (options(&args.map_a, false)?, options(&args.map_b, true)?);
    let started = std::time::Instant::now();
    let (da, db) = rayon::join(
        || read::read_path(&args.a, &oa),
        || read::read_path(&args.b, &ob),
    );
    let (da, db) = (da?, db?);
    let read_time = started.elapsed();

    let mut matching = MatchConfig::default();
    if let Some(t) = args.threshold.or(config.matching.threshold) {
        matching.threshold = t;
    }
    if let Some(t) = args.review_threshold.or(config.matching.review_threshold) {
        matching.review_threshold = t;
    }
    for (flag, v) in [
        ("--threshold", matching.threshold),
        ("--review-threshold", matching.review_threshold),
    ] {
        if !(0.0..=1.0).contains(&v) {
            bail!("{flag} {v}: must be between 0 and 1");
        }
    }
    if matching.review_threshold > matching.threshold {
        bail!(
            "--review-threshold {} is above --threshold {}; it must not be",
            matching.review_threshold,
            matching.threshold
        );
    }
    let label = |given: &Option<String>, path: &str| {
        given.clone().unwrap_or_else(|| {
            Path::new(path)
                .file_name()
                .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
        })
    };
    let progress =
        (da.rows() + db.rows() > PROGRESS_ROWS && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
    let stage = |s: &str| {
        if let Some(bar) = &progress {
            bar.set_message(s.to_string());
        }
    };
    let inputs = [args.a.as_str(), args.b.as_str()];
    let (report, stages) = build::reconcile(
        Input {
            label: label(&args.label_a, &args.a),
            dataset: da,
        },
        Input {
            label: label(&args.label_b, &args.b),
            dataset: db,
        },
        &Options {
            agreement,
            matching,
            date_order: args.date_order.map(|o| match o {
                DateOrderArg::Dmy => DateOrder::Dmy,
                DateOrderArg::Mdy => DateOrder::Mdy,
            }),
            compare: config
                .matching
                .compare
                .iter()
                .map(|c| ExtraColumn {
                    column: c.column.trim().to_string(),
                    method: c.method.engine(),
                })
                .collect(),
        },
        &stage,
    )?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }

    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let opts = RenderOptions {
        limit: (!args.all).then_some(args.limit),
        color: to_terminal
            && anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never,
        width: if to_terminal { terminal_width() } else { None },
    };
    let written = std::time::Instant::now();
    output::write_to(args.output.as_deref(), &inputs, |w| {
        report::render(&report, format, &opts, w)
    })?;
    if args.timings {
        let mut all = vec![("read", read_time)];
        all.extend(stages);
        all.push(("write", written.elapsed()));
        for (stage, d) in all {
            eprintln!("powrec: {stage:<16} {:>9.3} s", d.as_secs_f64());
        }
        eprintln!(
            "powrec: {:<16} {:>9.3} s",
            "total",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(exit_code(&report, &fail_on))
}

/// 1 when any finding of the kinds that count was made, else 0.
pub fn exit_code(report: &Report, fail_on: &[Kind]) -> Exit {
    if fail_on.iter().any(|k| report.count(*k) > 0) {
        Exit::Findings
    } else {
        Exit::Agree
    }
}

fn format_from_extension(p: &Path) -> Option<Format> {
    match p.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "json" => Some(Format::Json),
        "csv" => Some(Format::Csv),
        "md" | "markdown" => Some(Format::Md),
        "html" | "htm" => Some(Format::Html),
        "txt" => Some(Format::Text),
        _ => None,
    }
}

/// The terminal's width, as comfy-table sees it on a terminal.
fn terminal_width() -> Option<u16> {
    comfy_table::Table::new().width()
}
