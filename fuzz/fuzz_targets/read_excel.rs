//! Fuzzes the EXCEL reader: any bytes must give a dataset or an error, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use powrec::read::{Dataset, ReadOptions, parsing_workbook, read_bytes};

fuzz_target!(|data: &[u8]| {
    // libfuzzer-sys aborts on any panic from its hook, before unwinding. powrec catches the
    // panics of calamine's parser (and only those) and turns them into errors, as the
    // binary's own hook does; everywhere else a panic still aborts and is a finding.
    static QUIET_INSIDE_CALAMINE: std::sync::Once = std::sync::Once::new();
    QUIET_INSIDE_CALAMINE.call_once(|| {
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !parsing_workbook() {
                abort(info);
            }
        }));
    });
    // The extension picks the format as a file name would; every row read must be counted.
    if let Ok(Dataset { records, rejected, .. }) = read_bytes("fuzz.xlsx", data, &ReadOptions::default()) {
        let _ = (records.len(), rejected.len());
    }
});
