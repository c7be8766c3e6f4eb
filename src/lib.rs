//! powrec reconciles two sides' prisoner-of-war exchange lists.
//!
//! The data flows through one module per stage: [`read`] turns a CSV, JSON or
//! Excel list into canonical [`record::Record`]s (keeping every raw value and
//! its provenance), [`normalize`] derives script-independent keys for names,
//! dates, ranks and statuses, [`agreement`] classifies each person against the
//! agreed categories, [`matching`] links the two lists, and [`report`] renders
//! the findings. [`synth`] writes synthetic lists with known truth for demos,
//! tests and benchmarks. The `powrec` binary is a thin shell over [`cli`].
#![forbid(unsafe_code)]
// The lists come from the other side of a negotiation: no input may crash the tool, so the
// library may not unwrap, expect or panic outside tests; each remaining allow says why.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod agreement;
pub mod cli;
pub mod config;
pub mod error;
pub mod evaluate;
pub mod matching;
pub mod normalize;
pub mod read;
pub mod reconcile;
pub mod record;
pub mod report;
pub mod synth;

pub use error::{Error, Result};
