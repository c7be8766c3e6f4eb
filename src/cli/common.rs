//! Flags shared by the commands that read lists.

use anyhow::{Result, bail};

use crate::read::{Limits, ReadOptions};
use crate::record::Field;

/// How to read one list; every flag overrides detection.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ReadArgs {
    #[command(flatten)]
    pub how: HowArgs,
    /// Map a column to a canonical field, overriding detection (repeatable).
    #[arg(long = "map", value_name = "FIELD=COLUMN")]
    pub map: Vec<String>,
}

/// How a list is written (delimiter, encoding, sheet) and the caps on what it may hold: the
/// flags `reconcile` applies to both lists and the one-list commands to theirs.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct HowArgs {
    /// CSV delimiter: one character, or `tab`.
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,
    /// Text encoding (utf-8, utf-16le, utf-16be, windows-1251, ...).
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Spreadsheet sheet, by name or 0-based index.
    #[arg(long, value_name = "NAME|INDEX")]
    pub sheet: Option<String>,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Caps on what a list may hold, shared by every command that reads lists.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct LimitArgs {
    /// Longest cell accepted, in bytes; a line may be 16 times as long [default: 1048576].
    #[arg(long, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_field_bytes: Option<u64>,
    /// Most columns accepted in a header or row [default: 10000].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_columns: Option<u64>,
    /// Deepest nesting of JSON arrays and objects accepted (at most 127) [default: 64].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(2..=127))]
    pub max_json_depth: Option<u64>,
    /// Most bytes an xlsx or ods workbook may unzip to, all its parts together
    /// [default: 1073741824].
    #[arg(long, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_unzipped_bytes: Option<u64>,
    /// Most times its compressed size a part of an xlsx or ods workbook over 1 MiB may unzip to
    /// [default: 500].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_zip_ratio: Option<u64>,
}

impl ReadArgs {
    /// The reader options these flags ask for.
    pub fn options(&self) -> Result<ReadOptions> {
        self.how.options(
            self.map
                .iter()
                .map(|m| parse_map(m))
                .collect::<Result<_>>()?,
        )
    }
}

impl HowArgs {
    /// The reader options these flags ask for, with `map` as the column overrides.
    pub fn options(&self, map: Vec<(Field, String)>) -> Result<ReadOptions> {
        Ok(ReadOptions {
            format: None,
            delimiter: self.delimiter.as_deref().map(parse_delimiter).transpose()?,
            encoding: self.encoding.clone(),
            sheet: self.sheet.clone(),
            map,
            limits: self.limits.limits(),
        })
    }
}

impl LimitArgs {
    /// The caps these flags ask for; each one not given keeps its default.
    pub fn limits(&self) -> Limits {
        let d = Limits::default();
        // A cap beyond the address space means "no cap"; saturating keeps 32-bit hosts safe.
        let size = |v: Option<u64>, def: usize| {
            v.map_or(def, |v| usize::try_from(v).unwrap_or(usize::MAX))
        };
        Limits {
            max_field_bytes: size(self.max_field_bytes, d.max_field_bytes),
            max_columns: size(self.max_columns, d.max_columns),
            max_json_depth: size(self.max_json_depth, d.max_json_depth),
            max_unzipped_bytes: self.max_unzipped_bytes.unwrap_or(d.max_unzipped_bytes),
            max_zip_ratio: self.max_zip_ratio.unwrap_or(d.max_zip_ratio),
        }
    }
}

pub fn parse_delimiter(s: &str) -> Result<u8> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        _ => bail!("--delimiter takes one ASCII character or `tab`, not '{s}'"),
    }
}

/// Parses `FIELD=COLUMN`; an unknown field lists the valid ones.
pub fn parse_map(s: &str) -> Result<(Field, String)> {
    let Some((field, column)) = s.split_once('=') else {
        bail!("--map takes FIELD=COLUMN, not '{s}'");
    };
    let Some(f) = Field::from_name(field.trim()) else {
        bail!(
            "--map: unknown field '{}'; the fields are: {}",
            field.trim(),
            Field::names()
        );
    };
    Ok((f, column.to_string()))
}
