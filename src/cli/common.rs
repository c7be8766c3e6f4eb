//! Flags shared by the commands that read lists.

use anyhow::{Result, bail};

use crate::read::ReadOptions;
use crate::record::Field;

/// How to read one list; every flag overrides detection.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ReadArgs {
    /// CSV delimiter: one character, or `tab`.
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,
    /// Text encoding (utf-8, utf-16le, utf-16be, windows-1251, ...).
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Spreadsheet sheet, by name or 0-based index.
    #[arg(long, value_name = "NAME|INDEX")]
    pub sheet: Option<String>,
    /// Map a column to a canonical field, overriding detection (repeatable).
    #[arg(long = "map", value_name = "FIELD=COLUMN")]
    pub map: Vec<String>,
}

impl ReadArgs {
    /// The reader options these flags ask for, with `maps` as the `FIELD=COLUMN` list.
    pub fn options(&self, maps: &[String]) -> Result<ReadOptions> {
        Ok(ReadOptions {
            format: None,
            delimiter: self.delimiter.as_deref().map(parse_delimiter).transpose()?,
            encoding: self.encoding.clone(),
            sheet: self.sheet.clone(),
            map: maps.iter().map(|m| parse_map(m)).collect::<Result<_>>()?,
        })
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
