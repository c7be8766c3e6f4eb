//! Fuzzes the date parser: any text gives a date, a partial date or "unparsed", never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use powrec::normalize::date::{DateContext, DateOrder, parse};

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        for order in [DateOrder::Dmy, DateOrder::Mdy] {
            let _ = parse(s, &DateContext { order, reference_year: 2025 });
        }
    }
});
