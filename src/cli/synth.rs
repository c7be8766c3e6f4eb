//! `powrec synth`: write synthetic exchange lists with known truth.

use std::path::PathBuf;

use anyhow::Result;

use crate::error::Exit;
use crate::synth::{self, BFormat, Noise, Settings};

/// Flags of `powrec synth`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Writes DIR/side-a.csv (Ukrainian side), DIR/side-b.json or .csv \
    (Russian side), DIR/agreement.toml (the Istanbul agreement), DIR/truth.json (which rows \
    are the same person, duplicates, each row's expected categories) and, with --mediator, \
    DIR/mediator.csv. Every rate is the probability that one row gets that error, drawn \
    independently per row and per side. Everything is invented."
)]
pub struct Args {
    /// People on side A; side B lists as many (the shared ones and its own).
    #[arg(long, value_name = "N")]
    pub people: u64,
    /// Seed: the same seed writes byte-identical files.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Directory to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Share of side A's people also listed by side B.
    #[arg(long, default_value_t = 0.8, value_name = "RATE")]
    pub overlap: f64,
    /// Container of side B.
    #[arg(long, value_enum, default_value_t = BFormat::Json)]
    pub b_format: BFormat,
    /// Also write a mediator's Latin list (mixed romanisations) of about half the people.
    #[arg(long)]
    pub mediator: bool,
    /// Turn every --noise-* rate to 0 (rates given explicitly still apply).
    #[arg(long)]
    pub clean: bool,
    /// One-letter typo in the surname or the given name.
    #[arg(long, value_name = "RATE", help_heading = "Noise")]
    pub noise_typo: Option<f64>,
    /// Patronymic left out.
    #[arg(long, value_name = "RATE", help_heading = "Noise")]
    pub noise_missing_patronymic: Option<f64>,
    /// Surname in the other side's spelling (Олейник on the Ukrainian list).
    #[arg(long, value_name = "RATE", help_heading = "Noise")]
    pub noise_other_spelling: Option<f64>,
    /// A Latin look-alike letter (a, e, o, i...) inside a Cyrillic surname.
    #[arg(long, value_name = "RATE", help_heading = "Noise")]
    pub noise_homoglyph: Option<f64>,
    /// Day and month of the birth date swapped (when both are ≤ 12).
    #[arg(long, value_name = "RATE", help_heading = "Noise")]
    pub noise_date_swap: Option<f64>,
    /// Birth year one off.
    #[arg(long, value_name = "RATE", help_heading = "Noise")]
    pub noise_year: Option<f64>,
    /// Birth date missing.
    #[arg(long, value_name = "RATE", help_heading = "Noise")]
    pub noise_missing_dob: Option<f64>,
    /// Surname in capitals.
    #[arg(long, value_name = "RATE", help_heading = "Noise")]
    pub noise_upper: Option<f64>,
    /// Stray spaces around or inside a name.
    #[arg(long, value_name = "RATE", help_heading = "Noise")]
    pub noise_spaces: Option<f64>,
    /// Share of people listed twice on the same side.
    #[arg(
        long,
        default_value_t = 0.01,
        value_name = "RATE",
        help_heading = "People"
    )]
    pub duplicates: f64,
    /// Share of people with another person's full name (and another birth date).
    #[arg(
        long,
        default_value_t = 0.01,
        value_name = "RATE",
        help_heading = "People"
    )]
    pub namesakes: f64,
    /// Share of men who are another man's brother (same surname and patronymic).
    #[arg(
        long,
        default_value_t = 0.01,
        value_name = "RATE",
        help_heading = "People"
    )]
    pub brothers: f64,
    /// Share of surnames invented outside every dictionary.
    #[arg(
        long,
        default_value_t = 0.5,
        value_name = "RATE",
        help_heading = "People"
    )]
    pub rare_surnames: f64,
    /// Share of civilians.
    #[arg(
        long,
        default_value_t = 0.1,
        value_name = "RATE",
        help_heading = "People"
    )]
    pub civilians: f64,
    /// Print nothing on success.
    #[arg(short, long)]
    pub quiet: bool,
}

/// The settings these flags ask for.
pub fn settings(a: &Args) -> Settings {
    let base = if a.clean {
        Noise::none()
    } else {
        Noise::default()
    };
    let noise = Noise {
        typo: a.noise_typo.unwrap_or(base.typo),
        missing_patronymic: a
            .noise_missing_patronymic
            .unwrap_or(base.missing_patronymic),
        other_spelling: a.noise_other_spelling.unwrap_or(base.other_spelling),
        homoglyph: a.noise_homoglyph.unwrap_or(base.homoglyph),
        day_month_swap: a.noise_date_swap.unwrap_or(base.day_month_swap),
        year_off_by_one: a.noise_year.unwrap_or(base.year_off_by_one),
        missing_dob: a.noise_missing_dob.unwrap_or(base.missing_dob),
        upper_surname: a.noise_upper.unwrap_or(base.upper_surname),
        extra_spaces: a.noise_spaces.unwrap_or(base.extra_spaces),
    };
    Settings {
        seed: a.seed,
        people: a.people,
        overlap: a.overlap,
        b_format: a.b_format,
        mediator: a.mediator,
        noise,
        duplicates: a.duplicates,
        namesakes: a.namesakes,
        brothers: a.brothers,
        rare_surnames: a.rare_surnames,
        civilians: a.civilians,
        ..Settings::default()
    }
}

/// Runs `powrec synth`.
pub fn run(args: Args) -> Result<Exit> {
    let s = settings(&args);
    let w = synth::generate(&s, &args.out)?;
    if !args.quiet {
        eprintln!(
            "powrec synth: wrote {}: {} rows on side A, {} on side B{}, {} true pairs",
            args.out.display(),
            w.rows_a,
            w.rows_b,
            if s.mediator {
                format!(", {} on the mediator's list", w.rows_mediator)
            } else {
                String::new()
            },
            w.pairs
        );
    }
    Ok(Exit::Agree)
}
