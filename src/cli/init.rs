//! `powrec init`: writes the commented template agreement.

use std::path::PathBuf;

use anyhow::{Result, bail};

use super::output;
use crate::agreement::TEMPLATE;
use crate::error::Exit;

/// Flags of `powrec init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the template; standard output when omitted.
    pub file: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Runs `powrec init`.
pub fn run(args: Args) -> Result<Exit> {
    if let Some(path) = &args.file
        && !args.force
        && path.exists()
    {
        bail!(
            "{} already exists; use --force to replace it",
            path.display()
        );
    }
    output::write_to(args.file.as_deref(), &[], |w| {
        w.write_all(TEMPLATE.as_bytes())
    })?;
    Ok(Exit::Agree)
}
