//! `powrec synth`.

use anyhow::{Result, bail};

use crate::error::Exit;

/// Flags of `powrec synth`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `powrec synth`.
pub fn run(_args: Args) -> Result<Exit> {
    bail!("`powrec synth` is not implemented yet")
}
