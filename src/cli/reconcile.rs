//! `powrec reconcile`.

use anyhow::{Result, bail};

use crate::error::Exit;

/// Flags of `powrec reconcile`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `powrec reconcile`.
pub fn run(_args: Args) -> Result<Exit> {
    bail!("`powrec reconcile` is not implemented yet")
}
