//! Reading lists: format and encoding detection, header → field mapping, and turning each
//! data row into a [`Record`] or a [`Rejected`] row, streamed by [`open`]. Knows nothing of
//! matching.

pub mod columns;
mod csv;
mod decode;
mod excel;
mod json;
pub use excel::parsing_workbook;

use std::collections::VecDeque;
use std::io::Read;

use serde::Serialize;

use crate::error::{Error, Location, Result};
use crate::record::{Field, Record, Rejected};
use columns::{Plan, Target};

/// The container format of a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Delimited text.
    Csv,
    /// A JSON array of objects, or an object holding one such array.
    Json,
    /// One JSON object per line.
    Ndjson,
    /// Excel 2007+.
    Xlsx,
    /// Excel 97-2003.
    Xls,
    /// OpenDocument spreadsheet.
    Ods,
}

/// What the user told the reader; everything `None` is detected.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// Force the format.
    pub format: Option<Format>,
    /// Force the CSV delimiter.
    pub delimiter: Option<u8>,
    /// Force the text encoding (a WHATWG label such as `windows-1251`, `utf-16le`).
    pub encoding: Option<String>,
    /// Sheet name or 0-based index for spreadsheets.
    pub sheet: Option<String>,
    /// `FIELD=COLUMN` overrides of the detected mapping.
    pub map: Vec<(Field, String)>,
    /// Caps that keep a hostile file from taking unbounded memory or time.
    pub limits: Limits,
}

/// Caps on what one input may hold. The lists come from the other side of a negotiation,
/// so a file must not be able to exhaust memory or time; each cap is far above any real
/// list (a dozen columns, names of a few dozen bytes) and has a flag that raises it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Longest cell, in bytes of UTF-8 (`--max-field-bytes`). A physical line may be
    /// [`LINE_FIELDS`] times as long, since it holds several fields.
    pub max_field_bytes: usize,
    /// Most columns in a header or row (`--max-columns`).
    pub max_columns: usize,
    /// Deepest nesting of JSON arrays and objects (`--max-json-depth`). serde_json stops at
    /// 128 whatever this says, so higher values act as 127.
    pub max_json_depth: usize,
    /// Most bytes a zip-based workbook (xlsx, ods) may unzip to, all its parts together, as its
    /// zip directory declares them (`--max-unzipped-bytes`).
    pub max_unzipped_bytes: u64,
    /// Most times its compressed size a part of a zip-based workbook may unzip to, for parts
    /// over [`RATIO_GRACE_BYTES`] (`--max-zip-ratio`).
    pub max_zip_ratio: u64,
}

/// A physical line (or a multi-line quoted record) may be this many times `max_field_bytes`.
pub const LINE_FIELDS: usize = 16;

/// Parts of a workbook up to this size are not held to `max_zip_ratio`: small parts (styles,
/// themes) can compress well and cannot cost much however they unzip.
pub const RATIO_GRACE_BYTES: u64 = 1 << 20;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_field_bytes: 1 << 20,
            max_columns: 10_000,
            max_json_depth: 64,
            max_unzipped_bytes: 1 << 30,
            // Parts of real lists compress 10 to 50 times; a part that repeats one string
            // (an unshared sharedStrings.xml) about 400 times; deflate cannot pass about 1032,
            // which is what zip bombs reach.
            max_zip_ratio: 500,
        }
    }
}

impl Limits {
    /// The longest physical line accepted.
    pub fn max_line_bytes(&self) -> usize {
        self.max_field_bytes.saturating_mul(LINE_FIELDS)
    }
}

/// How the file was read, for `inspect` and for the report's inputs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The path as given (`-` for stdin).
    pub path: String,
    /// The detected or forced format.
    pub format: Format,
    /// The encoding used to decode a text file (`None` for spreadsheets).
    pub encoding: Option<String>,
    /// How the encoding was chosen: "byte-order mark", "NUL-byte pattern", "valid UTF-8",
    /// "guessed from the bytes (chardetng)" or "--encoding".
    pub encoding_detected_by: Option<String>,
    /// The CSV delimiter used.
    pub delimiter: Option<char>,
    /// The sheet read, for spreadsheets.
    pub sheet: Option<String>,
    /// Physical line (or sheet row) of the header; `None` for JSON, whose keys are the header.
    pub header_line: Option<u64>,
}

/// How one input column was mapped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Column {
    /// The header as written.
    pub header: String,
    /// The field it feeds, if any.
    pub field: Option<Field>,
    /// True when `--map` decided it rather than detection.
    pub overridden: bool,
}

/// The header → field mapping of one list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Mapping {
    /// Every input column, in file order.
    pub columns: Vec<Column>,
    /// Headers of the columns kept as extras (mapped to no field), in file order; a
    /// [`Record::extras`] is aligned with this.
    pub extras: Vec<String>,
    /// Human-readable notes on the mapping: two columns claiming one field, a full name
    /// split, and the like.
    pub notes: Vec<String>,
}

/// A whole list, read.
#[derive(Clone, Debug, Serialize)]
pub struct Dataset {
    /// How it was read.
    pub source: Source,
    /// How its columns map to fields.
    pub mapping: Mapping,
    /// The usable records, in file order.
    pub records: Vec<Record>,
    /// The rows that could not be used, in file order.
    pub rejected: Vec<Rejected>,
    /// Rows whose every cell was empty (not records, not numbered).
    pub blank_rows: u64,
}

impl Dataset {
    /// Rows read in all: usable plus rejected.
    pub fn rows(&self) -> u64 {
        (self.records.len() + self.rejected.len()) as u64
    }
}

impl Format {
    /// The lower-case name, as `inspect` shows it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Ndjson => "ndjson",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Ods => "ods",
        }
    }
}

/// One data record of a list: usable, or rejected with the reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[allow(
    clippy::large_enum_variant,
    reason = "records are the common case; boxing would add an allocation per row"
)]
pub enum Item {
    /// A usable record.
    Record(Record),
    /// A row that could not be used.
    Rejected(Rejected),
}

/// A row as the format parser saw it, before mapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum RawRow {
    /// Cells in column order, starting on `line`.
    Cells { line: u64, cells: Vec<String> },
    /// A row the parser could not split, with the reason.
    Bad { line: u64, reason: String },
}

impl RawRow {
    fn line(&self) -> u64 {
        match self {
            RawRow::Cells { line, .. } | RawRow::Bad { line, .. } => *line,
        }
    }
}

enum Rows {
    Csv { lines: csv::Lines, delim: u8 },
    Json(json::JsonRows),
    Ndjson(json::NdjsonRows),
    Sheet(excel::SheetRows),
}

impl Rows {
    /// The next row, with the column and field caps applied: a row over a cap is rejected
    /// with the reason (naming the flag that raises it) and reading goes on. If the header
    /// itself is over a cap, header finding reports that instead (see [`with_header`]).
    fn next(&mut self, width: Option<usize>, limits: &Limits) -> Result<Option<RawRow>> {
        let raw = match self {
            Rows::Csv { lines, delim } => csv::next_record(lines, *delim, width)?,
            Rows::Json(j) => j.next_row()?,
            Rows::Ndjson(n) => n.next_row()?,
            Rows::Sheet(s) => s.next_row(limits),
        };
        let Some(RawRow::Cells { line, cells }) = raw else {
            return Ok(raw);
        };
        let lens = cells.iter().enumerate().map(|(i, c)| (i + 1, c.len()));
        Ok(Some(match over_cap(cells.len(), lens, limits) {
            Some(reason) => RawRow::Bad { line, reason },
            None => RawRow::Cells { line, cells },
        }))
    }
}

/// Why a row of `count` cells is over the column or field cap, naming the flag that raises
/// it; `lens` gives each cell's field number (1-based) and length in bytes.
fn over_cap(
    count: usize,
    mut lens: impl Iterator<Item = (usize, usize)>,
    limits: &Limits,
) -> Option<String> {
    let (what, flag) = if count > limits.max_columns {
        (
            format!("{count} columns, over the cap of {}", limits.max_columns),
            "--max-columns",
        )
    } else {
        let (field, len) = lens.find(|&(_, len)| len > limits.max_field_bytes)?;
        (
            format!(
                "field {field} is {len} bytes, over the cap of {} bytes",
                limits.max_field_bytes
            ),
            "--max-field-bytes",
        )
    };
    Some(format!("{what} ({CAP_MARK}{flag})"))
}

/// A list being read: how it is read ([`ListReader::source`], [`ListReader::mapping`]) and
/// an iterator over its data records, each a [`Record`] or a [`Rejected`] row. CSV and NDJSON
/// are streamed in bounded memory; JSON and spreadsheets are held whole by their parsers.
/// After an `Err` (a file that stops decoding, a JSON syntax error) the iterator ends.
pub struct ListReader {
    source: Source,
    mapping: Mapping,
    plan: Plan,
    rows: Rows,
    limits: Limits,
    pending: VecDeque<RawRow>,
    width: usize,
    /// Whether rows with more cells than the header are allowed when the surplus is blank.
    check_width: bool,
    row: u64,
    blank: u64,
    failed: bool,
}

impl ListReader {
    /// How the file is being read.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// How its columns map to fields.
    pub fn mapping(&self) -> &Mapping {
        &self.mapping
    }

    /// Rows seen so far whose every cell is empty: not records, so not numbered, but counted
    /// so that nothing disappears unseen.
    pub fn blank_rows(&self) -> u64 {
        self.blank
    }

    fn assemble(&mut self, raw: RawRow) -> Option<Item> {
        let (line, mut cells) = match raw {
            RawRow::Bad { line, reason } => {
                self.row += 1;
                return Some(Item::Rejected(Rejected {
                    row: self.row,
                    line,
                    reason,
                }));
            }
            RawRow::Cells { line, cells } => (line, cells),
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            self.blank += 1;
            return None;
        }
        self.row += 1;
        let reject = |row, reason: String| Some(Item::Rejected(Rejected { row, line, reason }));
        if self.check_width && cells.len() != self.width {
            let header = self
                .source
                .header_line
                .map_or(String::new(), |l| format!(" (line {l})"));
            if cells.len() < self.width {
                return reject(
                    self.row,
                    format!(
                        "{} fields where the header{header} has {}; a delimiter is missing or \
                         the line was cut",
                        cells.len(),
                        self.width
                    ),
                );
            }
            if cells[self.width..].iter().any(|c| !c.trim().is_empty()) {
                return reject(
                    self.row,
                    format!(
                        "{} fields where the header{header} has {}; a value holds an unquoted \
                         delimiter, or a column has no header",
                        cells.len(),
                        self.width
                    ),
                );
            }
            cells.truncate(self.width);
        }
        let mut rec = Record {
            row: self.row,
            line,
            extras: vec![None; self.mapping.extras.len()],
            ..Record::default()
        };
        for (cell, target) in cells.iter().zip(&self.plan.targets) {
            match *target {
                Target::Field(f) => rec.set(f, cell),
                Target::Extra(k) => {
                    let v = cell.trim();
                    if !v.is_empty() {
                        rec.extras[k] = Some(v.into());
                    }
                }
            }
        }
        if self.plan.split_full_name
            && let Some(full) = rec.get(Field::FullName)
        {
            let parts = crate::normalize::names::split_full_name(full);
            for (field, part) in [
                (Field::Surname, parts.surname),
                (Field::GivenName, parts.given_name),
                (Field::Patronymic, parts.patronymic),
            ] {
                if let Some(p) = part.filter(|p| !p.trim().is_empty()) {
                    rec.set(field, &p);
                    rec.derived.push(field);
                }
            }
        }
        if [Field::Surname, Field::GivenName, Field::FullName]
            .iter()
            .all(|f| rec.get(*f).is_none_or(|v| !visible(v)))
        {
            if [Field::Surname, Field::GivenName, Field::FullName]
                .iter()
                .any(|f| rec.get(*f).is_some())
            {
                return reject(
                    self.row,
                    "no name: the surname, given name and full name hold only invisible \
                     characters (zero-width or direction marks)"
                        .into(),
                );
            }
            return reject(
                self.row,
                "no name: the surname, given name and full name are all empty".into(),
            );
        }
        Some(Item::Record(rec))
    }
}

impl Iterator for ListReader {
    type Item = Result<Item>;

    fn next(&mut self) -> Option<Result<Item>> {
        if self.failed {
            return None;
        }
        loop {
            let raw = match self.pending.pop_front() {
                Some(r) => r,
                None => match self.rows.next(Some(self.width), &self.limits) {
                    Ok(Some(r)) => r,
                    Ok(None) => return None,
                    Err(e) => {
                        self.failed = true;
                        return Some(Err(e));
                    }
                },
            };
            if let Some(item) = self.assemble(raw) {
                return Some(Ok(item));
            }
        }
    }
}

/// True when `s` shows anything: not only white space and invisible format characters
/// (zero-width spaces and joiners, direction marks and embeddings, the BOM, soft hyphens),
/// which a name made of them alone would pass for a name while matching nobody.
fn visible(s: &str) -> bool {
    s.chars().any(|c| {
        !c.is_whitespace()
            && !matches!(c,
                '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206F}' | '\u{FEFF}')
    })
}

/// Marks the reason of a row rejected for a cap, so header finding can tell it apart.
const CAP_MARK: &str = "raise it with ";

/// How many rows header finding looks at.
const HEADER_SAMPLE_ROWS: usize = 30;
/// How many lines (at most) of the prefix go to delimiter sniffing and NDJSON keys.
const PREFIX_LINES: usize = 200;

fn input_error(path: &str, line: Option<u64>, msg: impl Into<String>, hint: &str) -> Error {
    Error::input(
        path,
        Location {
            line,
            ..Location::default()
        },
        msg,
    )
    .with_hint(hint)
}

/// Opens the input: a file, or standard input for `-`.
fn open_input(path: &str) -> Result<(Box<dyn Read>, Option<String>)> {
    if path == "-" {
        return Ok((Box::new(std::io::stdin()), None));
    }
    let p = std::path::Path::new(path);
    match std::fs::metadata(p) {
        Ok(m) if m.is_dir() => {
            return Err(input_error(
                path,
                None,
                "is a directory, not a list",
                "name a .csv, .json, .ndjson, .xlsx, .xls or .ods file",
            ));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(input_error(
                path,
                None,
                "no such file",
                "check the path; `-` reads standard input",
            ));
        }
        _ => {}
    }
    let f = std::fs::File::open(p).map_err(|e| Error::io(path, e))?;
    let ext = p
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    Ok((Box::new(f), ext))
}

fn workbook_magic(prefix: &[u8]) -> Option<Format> {
    if prefix.starts_with(b"PK\x03\x04") {
        let ods = prefix
            .windows(46)
            .any(|w| w == b"application/vnd.oasis.opendocument.spreadsheet");
        Some(if ods { Format::Ods } else { Format::Xlsx })
    } else if prefix.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some(Format::Xls)
    } else {
        None
    }
}

/// Opens a list for streaming: detects format, encoding, delimiter and header row from a
/// bounded prefix, maps the columns, and returns a reader of its records. `-` reads
/// standard input, with the format detected from the content.
pub fn open(path: &str, opts: &ReadOptions) -> Result<ListReader> {
    let (input, ext) = open_input(path)?;
    open_from(path, input, ext, opts)
}

/// Reads a whole list held in memory; `name` stands for its path in messages and its
/// extension (if any) counts as the file's. The entry point of the fuzz targets.
pub fn read_bytes(name: &str, bytes: &[u8], opts: &ReadOptions) -> Result<Dataset> {
    let ext = std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let reader = open_from(
        name,
        Box::new(std::io::Cursor::new(bytes.to_vec())),
        ext,
        opts,
    )?;
    collect(reader)
}

fn open_from(
    path: &str,
    mut input: Box<dyn Read>,
    ext: Option<String>,
    opts: &ReadOptions,
) -> Result<ListReader> {
    let (prefix, eof) = decode::read_prefix(&mut input, path)?;
    if prefix.is_empty() {
        return Err(input_error(
            path,
            None,
            "the file is empty",
            "check that this is the list you meant",
        ));
    }
    let magic = workbook_magic(&prefix);
    let text_ext = matches!(
        ext.as_deref(),
        Some("csv" | "tsv" | "txt" | "json" | "ndjson" | "jsonl")
    );
    let book_ext = matches!(ext.as_deref(), Some("xlsx" | "xlsm" | "xls" | "ods"));
    let format = match (opts.format, magic) {
        (Some(f), _) => Some(f),
        (None, Some(m)) if text_ext => {
            return Err(input_error(
                path,
                None,
                format!(
                    "is named .{} but holds a {} workbook",
                    ext.as_deref().unwrap_or_default(),
                    m.name()
                ),
                &format!("rename it to .{} (or export the sheet as CSV)", m.name()),
            ));
        }
        (None, Some(m)) => Some(m),
        (None, None) if book_ext => {
            return Err(input_error(
                path,
                None,
                format!(
                    "is named .{} but is not an Excel or OpenDocument workbook",
                    ext.as_deref().unwrap_or_default()
                ),
                "if it is text (CSV, JSON), rename it accordingly",
            ));
        }
        (None, None) => None,
    };
    let base = |format| Source {
        path: path.to_string(),
        format,
        encoding: None,
        encoding_detected_by: None,
        delimiter: None,
        sheet: None,
        header_line: None,
    };
    if let Some(f @ (Format::Xlsx | Format::Xls | Format::Ods)) = format {
        let mut bytes = prefix;
        input
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(path, e))?;
        let (rows, sheet) = excel::open(bytes, f, opts.sheet.as_deref(), path, &opts.limits)?;
        let mut source = base(f);
        source.sheet = Some(sheet);
        return with_header(source, Rows::Sheet(rows), None, opts, false);
    }
    let det = decode::detect(&prefix, eof, opts.encoding.as_deref(), path)?;
    let reader: Box<dyn Read> = Box::new(std::io::Cursor::new(prefix).chain(input));
    let mut text = decode::TextLines::new(reader, det.encoding, path)
        .with_max_line(opts.limits.max_line_bytes());
    let mut lines = Vec::new();
    let mut bytes = 0;
    let mut buf = String::new();
    while lines.len() < PREFIX_LINES && bytes < decode::PREFIX_LEN {
        let Some(n) = text.read_line(&mut buf)? else {
            break;
        };
        bytes += buf.len() + 1;
        lines.push((n, std::mem::take(&mut buf)));
    }
    if lines.iter().all(|(_, l)| l.trim().is_empty()) {
        return Err(input_error(
            path,
            None,
            "the file holds only blank lines",
            "check that this is the list you meant",
        ));
    }
    let format = format.unwrap_or_else(|| {
        let first = lines
            .iter()
            .map(|(_, l)| l.trim_start())
            .find(|l| !l.is_empty())
            .unwrap_or_default();
        let jsonish = first.starts_with('[') || first.starts_with('{');
        match ext.as_deref() {
            Some("csv" | "tsv" | "txt") => Format::Csv,
            Some("json" | "ndjson" | "jsonl") => json_kind(&lines),
            _ if jsonish => json_kind(&lines),
            _ => Format::Csv,
        }
    });
    let mut source = base(format);
    source.encoding = Some(det.encoding.name().to_string());
    source.encoding_detected_by = Some(det.how.to_string());
    match format {
        Format::Json => {
            let mut all = lines
                .iter()
                .map(|(_, l)| l.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            let rest = text.read_all()?;
            if !rest.is_empty() {
                all.push('\n');
                all.push_str(&rest);
            }
            let (rows, keys, holder) = json::JsonRows::new(all, path, opts.limits.max_json_depth)?;
            let mut notes = Vec::new();
            if let Some(k) = holder {
                notes.push(format!("the list is the array under the key '{k}'"));
            }
            finish(
                source,
                Rows::Json(rows),
                keys,
                VecDeque::new(),
                opts,
                notes,
                false,
            )
        }
        Format::Ndjson => {
            let (rows, keys) = json::NdjsonRows::new(lines, Some(text), opts.limits.max_json_depth);
            finish(
                source,
                Rows::Ndjson(rows),
                keys,
                VecDeque::new(),
                opts,
                vec![],
                false,
            )
        }
        _ => {
            let delim = opts
                .delimiter
                .unwrap_or_else(|| csv::sniff_delimiter(&lines));
            source.delimiter = Some(char::from(delim));
            // Header finding parses a copy of the prefix; the real pass starts over so that
            // rows below the header are split knowing the header's width.
            let probe = Rows::Csv {
                lines: csv::Lines::new(lines.clone(), None),
                delim,
            };
            let rows = Rows::Csv {
                lines: csv::Lines::new(lines, Some(text))
                    .with_max_record(opts.limits.max_line_bytes()),
                delim,
            };
            with_header(source, probe, Some(rows), opts, true)
        }
    }
}

/// JSON lines can hold a lone `[` on the first line, or one object per line.
fn json_kind(lines: &[(u64, String)]) -> Format {
    if json::looks_like_ndjson(lines) {
        Format::Ndjson
    } else {
        Format::Json
    }
}

/// Finds the header among the first rows of a CSV or a sheet, then maps it.
fn with_header(
    mut source: Source,
    mut rows: Rows,
    fresh: Option<Rows>,
    opts: &ReadOptions,
    check_width: bool,
) -> Result<ListReader> {
    let mut sample = Vec::new();
    while sample.len() < HEADER_SAMPLE_ROWS {
        match rows.next(None, &opts.limits)? {
            Some(r) => sample.push(r),
            None => break,
        }
    }
    let cells: Vec<Vec<String>> = sample
        .iter()
        .map(|r| match r {
            RawRow::Cells { cells, .. } => cells.clone(),
            RawRow::Bad { .. } => Vec::new(),
        })
        .collect();
    let path = source.path.clone();
    let Some(h) = columns::find_header(&cells, &opts.map) else {
        // A header over a cap was rejected like any row; say so rather than "no header".
        if let Some(RawRow::Bad { line, reason }) = sample
            .iter()
            .find(|r| matches!(r, RawRow::Bad { reason, .. } if reason.contains(CAP_MARK)))
        {
            return Err(input_error(
                &path,
                Some(*line),
                reason.clone(),
                "check that this is the list you meant; if it is, raise the cap",
            ));
        }
        let line = sample.first().map(RawRow::line);
        if let Some(d) = source.delimiter
            && cells.iter().all(|c| c.len() <= 1)
        {
            return Err(input_error(
                &path,
                line,
                format!("no header row: split at '{d}', every line is a single column"),
                "the delimiter is probably different: try --delimiter ';' (or ',', tab, '|')",
            ));
        }
        return Err(input_error(
            &path,
            line,
            "no header row: the first rows look like data, not column names",
            "add a header line (e.g. Прізвище;Ім'я;По батькові;Дата народження), \
             or check that this is the list you meant",
        ));
    };
    let header_line = sample[h].line();
    let mut headers: Vec<String> = cells[h].iter().map(|c| c.trim().to_string()).collect();
    while headers.last().is_some_and(String::is_empty) {
        headers.pop();
    }
    let mut notes = Vec::new();
    if h > 0 {
        let titles: Vec<String> = cells[..h]
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| c.trim())
                    .filter(|c| !c.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|t| !t.is_empty())
            .map(|t| format!("'{t}'"))
            .collect();
        notes.push(format!(
            "the header is on line {header_line}; {} title line(s) above it are not data: {}",
            titles.len(),
            titles.join(", ")
        ));
    }
    source.header_line = Some(header_line);
    let mut pending: VecDeque<RawRow> = VecDeque::new();
    if let Some(f) = fresh {
        rows = f;
        for _ in 0..=h {
            rows.next(None, &opts.limits)?;
        }
    } else {
        pending = sample.into_iter().skip(h + 1).collect();
    }
    if pending.is_empty() {
        match rows.next(Some(headers.len()), &opts.limits)? {
            Some(r) => pending.push_back(r),
            None => {
                return Err(input_error(
                    &path,
                    Some(header_line),
                    "the header is not followed by any data rows",
                    "check that this is the whole list",
                ));
            }
        }
    }
    finish(source, rows, headers, pending, opts, notes, check_width)
}

fn finish(
    source: Source,
    rows: Rows,
    headers: Vec<String>,
    pending: VecDeque<RawRow>,
    opts: &ReadOptions,
    mut notes: Vec<String>,
    check_width: bool,
) -> Result<ListReader> {
    if headers.is_empty() {
        return Err(input_error(
            &source.path,
            source.header_line,
            "the list has no columns",
            "check that this is the list you meant",
        ));
    }
    if headers.len() > opts.limits.max_columns {
        return Err(input_error(
            &source.path,
            source.header_line,
            format!(
                "the header has {} columns, over the cap of {}",
                headers.len(),
                opts.limits.max_columns
            ),
            "check that this is the list you meant; if it is, raise the cap with --max-columns",
        ));
    }
    let (mut mapping, plan) = columns::build_mapping(&headers, &opts.map, &source.path)?;
    notes.append(&mut mapping.notes);
    mapping.notes = notes;
    Ok(ListReader {
        width: headers.len(),
        source,
        mapping,
        plan,
        rows,
        pending,
        check_width,
        limits: opts.limits,
        row: 0,
        blank: 0,
        failed: false,
    })
}

/// Reads a whole list. `-` reads standard input.
pub fn read_path(path: &str, opts: &ReadOptions) -> Result<Dataset> {
    collect(open(path, opts)?)
}

fn collect(mut reader: ListReader) -> Result<Dataset> {
    let mut records = Vec::new();
    let mut rejected = Vec::new();
    for item in reader.by_ref() {
        match item? {
            Item::Record(r) => records.push(r),
            Item::Rejected(r) => rejected.push(r),
        }
    }
    Ok(Dataset {
        blank_rows: reader.blank_rows(),
        source: reader.source,
        mapping: reader.mapping,
        records,
        rejected,
    })
}
