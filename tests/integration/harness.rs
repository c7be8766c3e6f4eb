//! Test helpers: run the binary with a clean environment from the repository root.

#![allow(dead_code)]

use std::path::PathBuf;

/// The repository root (where fixtures/ lives).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under fixtures/.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

/// The powrec binary, run from the repository root with no colour and no inherited POWREC_*.
pub fn powrec() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("powrec").expect("binary built");
    cmd.current_dir(root());
    cmd.env("NO_COLOR", "1");
    for (k, _) in std::env::vars() {
        if k.starts_with("POWREC_") {
            cmd.env_remove(k);
        }
    }
    cmd
}
