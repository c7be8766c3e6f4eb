//! Spreadsheets (.xlsx, .xls, .ods) through calamine: the zip caps checked before calamine
//! inflates anything, choosing the sheet, and turning cells into the text a person sees (dates
//! as yyyy-mm-dd, whole numbers without ".0").

use std::cell::Cell;
use std::io::{Cursor, Read, Seek, SeekFrom};
use std::panic::AssertUnwindSafe;
use std::rc::Rc;
use std::sync::Arc;

use calamine::{Data, DataRef, Ods, Reader, Xls, Xlsx, XlsxError};

use super::{Format, Limits, RATIO_GRACE_BYTES, RawRow, over_cap};
use crate::error::{Error, Location, Result};

/// The rows of one sheet, in memory: its non-empty cells only, sorted by row and column.
///
/// Not calamine's `Range`, which holds a dense rectangle from the first cell to the last: two
/// cells at A1 and XFD1048576, in a workbook of 8 KB, asked it for 512 GiB, and a failed
/// allocation aborts the process (no `catch_unwind` helps). calamine's cell reader streams
/// an xlsx sheet's cells instead; ods and xls have no such reader, so calamine still builds
/// their rectangle (ods stops at 100 million cells; xls positions are 16-bit).
pub struct SheetRows {
    cells: Vec<SheetCell>,
    next: usize,
    first_col: u32,
}

/// One non-empty cell: its position (0-based, absolute) and the text it shows. A shared string
/// is one allocation however many cells show it.
struct SheetCell {
    row: u32,
    col: u32,
    text: Arc<str>,
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
        let opened = open_unguarded(metered, format, sheet, path, limits);
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
    limits: &Limits,
) -> Result<(SheetRows, String)> {
    let book = match format {
        Format::Xls => Xls::new(c)
            .map(Book::Xls)
            .map_err(|e| bad(path, e, format))?,
        Format::Ods => Ods::new(c)
            .map(Book::Ods)
            .map_err(|e| bad(path, e, format))?,
        _ => Xlsx::new(c)
            .map(Book::Xlsx)
            .map_err(|e| bad(path, e, format))?,
    };
    pick(book, sheet, path, format, limits)
}

/// An open workbook of any of the formats.
enum Book {
    Xlsx(Xlsx<Metered>),
    Xls(Xls<Metered>),
    Ods(Ods<Metered>),
}

impl Book {
    fn sheet_names(&self) -> Vec<String> {
        match self {
            Book::Xlsx(b) => b.sheet_names(),
            Book::Xls(b) => b.sheet_names(),
            Book::Ods(b) => b.sheet_names(),
        }
    }

    /// The non-empty cells of sheet `name`, sorted; a cell given twice keeps its last value,
    /// as in calamine's own ranges. Stops with an error once their text passes `budget`
    /// bytes: a shared string is stored once but shown by every cell that names it, so a
    /// small sheet could otherwise yield far more text than it unzips to.
    fn cells(&mut self, name: &str, budget: u64) -> std::result::Result<Vec<SheetCell>, String> {
        let mut cells = Vec::new();
        let mut total: u64 = 0;
        let mut keep = |row, col, text: Arc<str>| {
            total = total.saturating_add(text.len() as u64);
            cells.push(SheetCell { row, col, text });
            if total > budget {
                return Err(format!(
                    "its cells show more than {budget} bytes of text (the --max-unzipped-bytes \
                     cap), repeating its shared strings"
                ));
            }
            Ok(())
        };
        let range = match self {
            Book::Xls(b) => Some(b.worksheet_range(name).map_err(|e| e.to_string())?),
            Book::Ods(b) => Some(b.worksheet_range(name).map_err(|e| e.to_string())?),
            Book::Xlsx(b) => {
                let mut reader = match b.worksheet_cells_reader(name) {
                    Ok(r) => r,
                    // A chart sheet: no cells, as calamine's own ranges treat it.
                    Err(XlsxError::NotAWorksheet(_)) => return Ok(cells),
                    Err(e) => return Err(e.to_string()),
                };
                // Shared strings by address: the reader lends each as a slice of one table.
                let mut shared = std::collections::HashMap::new();
                while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
                    let (row, col) = cell.get_position();
                    let text = match cell.get_value() {
                        DataRef::Empty => continue,
                        DataRef::SharedString(s) => Arc::clone(
                            shared
                                .entry((s.as_ptr() as usize, s.len()))
                                .or_insert_with(|| Arc::from(*s)),
                        ),
                        v => Arc::from(cell_text(&Data::from(v.clone()))),
                    };
                    keep(row, col, text)?;
                }
                None
            }
        };
        if let Some(range) = range {
            let (r0, c0) = range.start().unwrap_or_default();
            for (r, c, v) in range.used_cells() {
                // Positions are relative to the range's start; u32 holds every sheet's.
                let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) else {
                    continue;
                };
                keep(
                    r0.saturating_add(r),
                    c0.saturating_add(c),
                    cell_text(v).into(),
                )?;
            }
        }
        cells.sort_by_key(|c| (c.row, c.col));
        cells.dedup_by(|later, earlier| {
            let same = (later.row, later.col) == (earlier.row, earlier.col);
            if same {
                std::mem::swap(&mut later.text, &mut earlier.text);
            }
            same
        });
        Ok(cells)
    }
}

fn pick(
    mut wb: Book,
    sheet: Option<&str>,
    path: &str,
    format: Format,
    limits: &Limits,
) -> Result<(SheetRows, String)> {
    let names = wb.sheet_names();
    let listed = || {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{i}: '{n}'"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut load = |name: &str| -> Result<Vec<SheetCell>> {
        wb.cells(name, limits.max_unzipped_bytes)
            .map_err(|e| bad(path, format!("sheet '{name}': {e}"), format))
    };
    let (name, cells) = match sheet {
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
            let cells = load(&name)?;
            (name, cells)
        }
        None => {
            let mut chosen = None;
            for n in &names {
                let cells = load(n)?;
                if cells.iter().any(|c| !c.text.trim().is_empty()) {
                    chosen = Some((n.clone(), cells));
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
    let first_col = cells.iter().map(|c| c.col).min().unwrap_or_default();
    Ok((
        SheetRows {
            cells,
            next: 0,
            first_col,
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
    /// The next row with any visible cell, with its sheet row number (1-based, as Excel shows
    /// it). Its cells run from the sheet's first used column to the row's last cell; a row
    /// over the column or field cap is rejected before its cells are copied, since the cells
    /// between two distant ones are not stored and would be made only to be refused.
    pub fn next_row(&mut self, limits: &Limits) -> Option<RawRow> {
        while let Some(first) = self.cells.get(self.next) {
            let row = first.row;
            let start = self.next;
            let end = self.cells[start..]
                .iter()
                .position(|c| c.row != row)
                .map_or(self.cells.len(), |k| start + k);
            self.next = end;
            let cells = &self.cells[start..end];
            if cells.iter().all(|c| c.text.trim().is_empty()) {
                continue;
            }
            let line = u64::from(row) + 1;
            let at = |c: &SheetCell| (c.col - self.first_col) as usize;
            let width = cells.last().map_or(0, |c| at(c) + 1);
            let lens = cells.iter().map(|c| (at(c) + 1, c.text.len()));
            if let Some(reason) = over_cap(width, lens, limits) {
                return Some(RawRow::Bad { line, reason });
            }
            let mut out = vec![String::new(); width];
            for c in cells {
                if let Some(slot) = out.get_mut(at(c)) {
                    *slot = c.text.to_string();
                }
            }
            return Some(RawRow::Cells { line, cells: out });
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
