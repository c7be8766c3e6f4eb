//! Fuzzes the JSON reader: any bytes must give a dataset or an error, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use powrec::read::{Dataset, ReadOptions, read_bytes};

fuzz_target!(|data: &[u8]| {
    // The extension picks the format as a file name would; every row read must be counted.
    if let Ok(Dataset { records, rejected, .. }) = read_bytes("fuzz.json", data, &ReadOptions::default()) {
        let _ = (records.len(), rejected.len());
    }
});
