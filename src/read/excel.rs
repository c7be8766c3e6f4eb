//! Spreadsheets (.xlsx, .xls, .ods) through calamine: the zip caps checked before calamine
//! inflates anything, choosing the sheet, and turning cells into the text a person sees (dates
//! as yyyy-mm-dd, whole numbers without ".0").

use std::cell::Cell;
use std::io::{Cursor, Read, Seek, SeekFrom};
use std::panic::AssertUnwindSafe;
use std::rc::Rc;

use calamine::{Data, Ods, Range, Reader, Xls, Xlsx};

use super::{Format, Limits, RATIO_GRACE_BYTES, RawRow};
use crate::error::{Error, Location, Result};

/// The rows of one sheet, in memory (calamine loads a sheet whole).
pub struct SheetRows {
    range: Range<Data>,
    next: usize,
    first_row: u32,
}

fn bad(path: &str, what: impl std::fmt::Display, format: Format) -> Error {
    Error::input(
        path,
        Location::default(),
        format!("cannot read this {format:?} workbook: {what}"),
    )
    .with_hint("open it in Excel or LibreOffice and save it again, or export the sheet as CSV")
}

thread_local! {
    /// Set while calamine parses a workbook on this thread: a panic there is caught and
    /// turned into an error, so the panic hook should not print it.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// True while this thread is inside calamine's parsing, whose panics are caught. The binary's
/// panic hook stays quiet then (the caught panic becomes an ordinary error message).
pub fn parsing_workbook() -> bool {
    GUARDED.with(Cell::get)
}

/// Opens the workbook in `bytes` and picks a sheet: `--sheet NAME|INDEX`, else the first
/// sheet with any cell. Returns the rows and the sheet's name.
///
/// An xlsx or ods workbook is a zip archive, and a few kilobytes of it can unzip to gigabytes:
/// [`check_zip`] refuses it from its zip directory before calamine inflates anything, and
/// [`Metered`] stops calamine if it reads the archive over and over.
///
/// calamine can panic on malformed workbooks (an arithmetic overflow on a hostile cell
/// reference was found by fuzzing, calamine 0.38); a list from the other side of a
/// negotiation must give an error, never a crash, so the parse runs under `catch_unwind`.
pub fn open(
    bytes: Vec<u8>,
    format: Format,
    sheet: Option<&str>,
    path: &str,
    limits: &Limits,
) -> Result<(SheetRows, String)> {
    GUARDED.with(|g| g.set(true));
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        if format != Format::Xls {
            check_zip(&bytes, format, path, limits)?;
        }
        let len = bytes.len() as u64;
        let spent = Rc::new(Cell::new(false));
        let metered = Metered {
            bytes: Cursor::new(bytes),
            // An xls file is not zipped, and how often calamine's OLE reader goes back over
            // its sectors was not measured (there is no xls fixture): it is not metered.
            left: if format == Format::Xls {
                u64::MAX
            } else {
                len.saturating_mul(REREAD_FACTOR)
                    .saturating_add(REREAD_SLACK)
            },
            spent: Rc::clone(&spent),
        };
        let opened = open_unguarded(metered, format, sheet, path);
        // Whatever calamine made of the failed reads (an error, or a part skipped as
        // optional), the workbook was not read as it is: say why.
        if spent.get() {
            return Err(bad(
                path,
                format!(
                    "reading it meant reading its {len} bytes more than {REREAD_FACTOR} times \
                     over: several sheets or parts may name the same data"
                ),
                format,
            ));
        }
        opened
    }));
    GUARDED.with(|g| g.set(false));
    outcome.unwrap_or_else(|_| {
        Err(bad(
            path,
            "the spreadsheet reader failed on malformed data in it",
            format,
        ))
    })
}

/// Refuses a zip-based workbook (xlsx, ods) whose parts, as its zip directory declares them,
/// would unzip to more than `--max-unzipped-bytes` in all, or any part over
/// [`RATIO_GRACE_BYTES`] that would unzip to more than `--max-zip-ratio` times its
/// compressed size. Nothing is inflated here: only the directory at the end is read.
///
/// A declared size can lie. Too high is harmless (calamine reads what is there). Too low is
/// caught by zip 9.4 (calamine's zip, as locked), which fails a part as soon as it inflates
/// past its declared size; a test in tests/integration/hostile.rs pins that, since this check
/// is only as good as it. Each part is counted once: a part read again (two sheets naming one
/// part) is not, which is what [`Metered`] is for.
fn check_zip(bytes: &[u8], format: Format, path: &str, limits: &Limits) -> Result<()> {
    // Not an archive zip can open: calamine fails on it the same way and says so below.
    let Ok(zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    let mut steep = None;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index_data(i) else {
            continue;
        };
        let (size, packed) = (part.size(), part.compressed_size());
        total = total.saturating_add(size);
        if steep.is_none()
            && size > RATIO_GRACE_BYTES
            && size > packed.saturating_mul(limits.max_zip_ratio)
        {
            let name = String::from_utf8_lossy(part.name_raw()).into_owned();
            steep = Some((name, size, packed));
        }
    }
    let hint = |flag: &str| {
        format!(
            "a small file that unzips this large is a zip bomb; check that this is the list you \
             meant, and if it is, raise the cap with {flag}"
        )
    };
    if total > limits.max_unzipped_bytes {
        return Err(Error::input(
            path,
            Location::default(),
            format!(
                "this {} workbook would unzip to {total} bytes, over the cap of {} bytes",
                format.name(),
                limits.max_unzipped_bytes
            ),
        )
        .with_hint(hint("--max-unzipped-bytes")));
    }
    if let Some((name, size, packed)) = steep {
        return Err(Error::input(
            path,
            Location::default(),
            format!(
                "part '{name}' of this {} workbook would unzip {packed} bytes to {size}, {} \
                 times as many, over the cap of {} times",
                format.name(),
                size / packed.max(1),
                limits.max_zip_ratio
            ),
        )
        .with_hint(hint("--max-zip-ratio")));
    }
    Ok(())
}

/// How many times its own size calamine may read of a zip-based workbook. It reads each part
/// once (1.01 times the file's size for the fixture and for a 1.8 MB, 60,000-row workbook);
/// but a workbook whose sheets all name one part would have calamine inflate that part once
/// per sheet tried, and no declared size bounds that: 2,000 sheets naming one blank 1.2 MB
/// part in a 20 KB file took 77 s (debug build) before this budget.
const REREAD_FACTOR: u64 = 2;
/// Added to the budget: zip searches the last 64 KiB for the end of the directory.
const REREAD_SLACK: u64 = 64 << 10;

/// The workbook's bytes as calamine reads them, with a budget: past it every read fails and
/// `spent` is set, so that [`open`] can tell that failure from calamine's own.
struct Metered {
    bytes: Cursor<Vec<u8>>,
    left: u64,
    spent: Rc<Cell<bool>>,
}

impl Read for Metered {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.bytes.read(buf)?;
        match self.left.checked_sub(n as u64) {
            Some(left) => {
                self.left = left;
                Ok(n)
            }
            None => {
                self.spent.set(true);
                Err(std::io::Error::other(
                    "the workbook was read too many times over",
                ))
            }
        }
    }
}

impl Seek for Metered {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.bytes.seek(pos)
    }
}

fn open_unguarded(
    c: Metered,
    format: Format,
    sheet: Option<&str>,
    path: &str,
) -> Result<(SheetRows, String)> {
    match format {
        Format::Xls => pick(
            Xls::new(c).map_err(|e| bad(path, e, format))?,
            sheet,
            path,
            format,
        ),
        Format::Ods => pick(
            Ods::new(c).map_err(|e| bad(path, e, format))?,
            sheet,
            path,
            format,
        ),
        _ => pick(
            Xlsx::new(c).map_err(|e| bad(path, e, format))?,
            sheet,
            path,
            format,
        ),
    }
}

fn pick<R: Reader<Metered>>(
    mut wb: R,
    sheet: Option<&str>,
    path: &str,
    format: Format,
) -> Result<(SheetRows, String)>
where
    R::Error: std::fmt::Display,
{
    let names = wb.sheet_names();
    let listed = || {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{i}: '{n}'"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut load = |name: &str| -> Result<Range<Data>> {
        wb.worksheet_range(name)
            .map_err(|e| bad(path, format!("sheet '{name}': {e}"), format))
    };
    let (name, range) = match sheet {
        Some(s) => {
            let name = names
                .iter()
                .find(|n| n.as_str() == s)
                .or_else(|| s.trim().parse::<usize>().ok().and_then(|i| names.get(i)))
                .ok_or_else(|| {
                    Error::Usage(format!(
                        "{path}: --sheet {s}: no such sheet; the sheets are {}",
                        listed()
                    ))
                })?
                .clone();
            let r = load(&name)?;
            (name, r)
        }
        None => {
            let mut chosen = None;
            for n in &names {
                let r = load(n)?;
                if r.used_cells()
                    .any(|(_, _, c)| !cell_text(c).trim().is_empty())
                {
                    chosen = Some((n.clone(), r));
                    break;
                }
            }
            chosen.ok_or_else(|| {
                Error::input(
                    path,
                    Location::default(),
                    "every sheet of the workbook is empty",
                )
                .with_hint("check that this is the list you meant")
            })?
        }
    };
    let first_row = range.start().map_or(0, |(r, _)| r);
    Ok((
        SheetRows {
            range,
            next: 0,
            first_row,
        },
        name,
    ))
}

/// The text a cell shows: dates as yyyy-mm-dd (with the time only when it has one), whole
/// numbers without a decimal part (IDs keep their digits), text as written.
pub fn cell_text(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(dt) if d.is_datetime() => {
                if dt.time() == chrono::NaiveTime::MIN {
                    dt.date().format("%Y-%m-%d").to_string()
                } else {
                    dt.format("%Y-%m-%d %H:%M:%S").to_string()
                }
            }
            _ => float_text(d.as_f64()),
        },
        Data::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

fn float_text(f: f64) -> String {
    // Display is the shortest round-trip form: 123.0 → "123", 1e21 stays exact digits.
    format!("{f}")
}

impl SheetRows {
    /// The next row, with its sheet row number (1-based, as Excel shows it).
    pub fn next_row(&mut self) -> Option<RawRow> {
        let (h, w) = self.range.get_size();
        while self.next < h {
            let i = self.next;
            self.next += 1;
            let cells: Vec<String> = (0..w)
                .map(|j| self.range.get((i, j)).map(cell_text).unwrap_or_default())
                .collect();
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            return Some(RawRow::Cells {
                line: u64::from(self.first_row) + i as u64 + 1,
                cells,
            });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_digits() {
        assert_eq!(cell_text(&Data::Float(1234567.0)), "1234567");
        assert_eq!(cell_text(&Data::Float(1.5)), "1.5");
        assert_eq!(cell_text(&Data::Int(42)), "42");
        assert_eq!(cell_text(&Data::String("007".into())), "007");
    }
}
