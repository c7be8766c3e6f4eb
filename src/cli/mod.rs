//! The command line: clap definitions, one `run` per subcommand, and the mapping of outcomes
//! to exit codes. Every subcommand turns its flags into library calls; no algorithm lives here.

mod classify;
mod common;
mod evaluate;
mod init;
mod inspect;
pub mod output;
mod reconcile;
mod synth;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::Exit;

/// Reconcile prisoner-of-war exchange lists, offline.
#[derive(Debug, Parser)]
#[command(name = "powrec", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Show how a list is read: format, encoding, column mapping, rejected rows, first records.
    Inspect(inspect::Args),
    /// Classify every person of a list against the agreed categories.
    Classify(classify::Args),
    /// Write a commented template agreement file.
    Init(init::Args),
    /// Match two lists and report every mismatch.
    Reconcile(reconcile::Args),
    /// Write synthetic exchange lists with known truth.
    Synth(synth::Args),
    /// Measure a reconcile report against the truth.
    Evaluate(evaluate::Args),
    /// Print the JSON Schema of the reconcile report.
    Schema,
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    // A panic caught inside the spreadsheet parser becomes an ordinary error; printing it
    // too would look like a crash.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !crate::read::parsing_workbook() {
            default_hook(info);
        }
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are not errors.
            let code = if e.use_stderr() {
                Exit::Error
            } else {
                Exit::Agree
            };
            let _ = e.print();
            return code.into();
        }
    };
    let outcome = match cli.command {
        Command::Inspect(a) => inspect::run(a),
        Command::Classify(a) => classify::run(a),
        Command::Init(a) => init::run(a),
        Command::Reconcile(a) => reconcile::run(a),
        Command::Synth(a) => synth::run(a),
        Command::Evaluate(a) => evaluate::run(a),
        Command::Schema => print_schema(),
    };
    match outcome {
        Ok(code) => code.into(),
        Err(e) if output::is_broken_pipe(&e) => Exit::Agree.into(),
        Err(e) => {
            eprintln!("powrec: {e:#}");
            Exit::Error.into()
        }
    }
}

fn print_schema() -> anyhow::Result<Exit> {
    output::write_to(None, &[], |w| {
        serde_json::to_writer_pretty(&mut *w, &crate::reconcile::json_schema())?;
        writeln!(w)
    })?;
    Ok(Exit::Agree)
}
