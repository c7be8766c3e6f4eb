//! `powrec classify`.

use anyhow::{Result, bail};

use crate::error::Exit;

/// Flags of `powrec classify`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `powrec classify`.
pub fn run(_args: Args) -> Result<Exit> {
    bail!("`powrec classify` is not implemented yet")
}
