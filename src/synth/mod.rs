//! Synthetic exchange lists with known truth, for demos, tests and benchmarks.
