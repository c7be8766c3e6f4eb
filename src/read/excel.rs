//! Spreadsheets (.xlsx, .xls, .ods) through calamine: choosing the sheet, and turning cells
//! into the text a person sees (dates as yyyy-mm-dd, whole numbers without ".0").

use std::cell::Cell;
use std::io::Cursor;
use std::panic::AssertUnwindSafe;

use calamine::{Data, Ods, Range, Reader, Xls, Xlsx};

use super::{Format, RawRow};
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
/// calamine can panic on malformed workbooks (an arithmetic overflow on a hostile cell
/// reference was found by fuzzing, calamine 0.38); a list from the other side of a
/// negotiation must give an error, never a crash, so the parse runs under `catch_unwind`.
pub fn open(
    bytes: Vec<u8>,
    format: Format,
    sheet: Option<&str>,
    path: &str,
) -> Result<(SheetRows, String)> {
    GUARDED.with(|g| g.set(true));
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        open_unguarded(bytes, format, sheet, path)
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

fn open_unguarded(
    bytes: Vec<u8>,
    format: Format,
    sheet: Option<&str>,
    path: &str,
) -> Result<(SheetRows, String)> {
    let c = Cursor::new(bytes);
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

fn pick<R: Reader<Cursor<Vec<u8>>>>(
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
