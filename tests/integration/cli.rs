//! Integration tests: the command line as a whole (help, version, usage errors).

use crate::harness::powrec;

#[test]
fn help_lists_every_subcommand() {
    let out = powrec()
        .arg("--help")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    for cmd in [
        "inspect",
        "classify",
        "init",
        "reconcile",
        "synth",
        "evaluate",
    ] {
        assert!(text.contains(cmd), "--help lacks {cmd}:\n{text}");
    }
}

#[test]
fn unknown_flag_is_a_usage_error_with_exit_2() {
    powrec()
        .args(["inspect", "--no-such-flag"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--no-such-flag"));
}
