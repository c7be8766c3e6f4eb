//! `powrec init`.

use anyhow::{Result, bail};

use crate::error::Exit;

/// Flags of `powrec init`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `powrec init`.
pub fn run(_args: Args) -> Result<Exit> {
    bail!("`powrec init` is not implemented yet")
}
