//! One integration test binary: a harness and one module per area.

mod classify;
mod cli;
mod harness;
mod hostile;
mod html;
mod matching;
mod normalize;
mod properties;
mod read;
mod reconcile;
mod synth;
