//! Fuzzes the name normaliser: folding, the skeleton and full-name splitting.
#![no_main]

use libfuzzer_sys::fuzz_target;
use powrec::normalize::names::split_full_name;
use powrec::normalize::skeleton::skeleton;
use powrec::normalize::text::fold;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let f = fold(s);
        // Folding is idempotent: a folded key folds to itself.
        assert_eq!(fold(&f), f, "fold is not idempotent on {s:?}");
        let _ = skeleton(s);
        let _ = split_full_name(s);
    }
});
