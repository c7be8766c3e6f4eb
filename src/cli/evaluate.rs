//! `powrec evaluate`.

use anyhow::{Result, bail};

use crate::error::Exit;

/// Flags of `powrec evaluate`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `powrec evaluate`.
pub fn run(_args: Args) -> Result<Exit> {
    bail!("`powrec evaluate` is not implemented yet")
}
