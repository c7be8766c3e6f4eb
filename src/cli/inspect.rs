//! `powrec inspect`: how one list is read.

use anyhow::Result;

use super::common::ReadArgs;
use crate::error::Exit;

/// Flags of `powrec inspect`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The list to read (`-` for standard input).
    pub list: String,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Runs `powrec inspect`.
pub fn run(args: Args) -> Result<Exit> {
    let opts = args.read.options(&args.read.map)?;
    let ds = crate::read::read_path(&args.list, &opts)?;
    println!("{} rows", ds.rows());
    Ok(Exit::Agree)
}
