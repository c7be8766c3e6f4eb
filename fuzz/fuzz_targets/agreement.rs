//! Fuzzes the agreement parser: any text gives an agreement or a list of problems.
#![no_main]

use libfuzzer_sys::fuzz_target;
use powrec::agreement::Agreement;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = Agreement::parse("fuzz.toml", s);
    }
});
