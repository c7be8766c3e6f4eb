//! The library's one error type, carrying the place (file, line, row, field) a problem was
//! found, and the process exit codes.

use std::fmt;

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where in an input a problem sits. Every part is optional because not every format has
/// every notion (a JSON array has no lines worth naming; a sheet has cells).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    /// Physical 1-based line of a text file, or 1-based row of a sheet.
    pub line: Option<u64>,
    /// 1-based data record number (header excluded).
    pub row: Option<u64>,
    /// Column header or canonical field name.
    pub field: Option<String>,
}

impl Location {
    /// A location at a physical line.
    pub fn line(line: u64) -> Self {
        Location {
            line: Some(line),
            ..Location::default()
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(l) = self.line {
            parts.push(format!("line {l}"));
        }
        if let Some(r) = self.row {
            parts.push(format!("row {r}"));
        }
        if let Some(c) = &self.field {
            parts.push(format!("field '{c}'"));
        }
        f.write_str(&parts.join(", "))
    }
}

/// One problem of a file that is checked as a whole (an agreement, a config): all are
/// collected and reported together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong, and what would be right.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "line {l}, column {c}: {}", self.message),
            (Some(l), None) => write!(f, "line {l}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

/// Everything that stops a command. Each variant names the file and, where it can, the place.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input file that cannot be read as a list at all.
    #[error("{path}{}: {message}{}", at(.location), fmt_hint(.hint))]
    Input {
        /// The file as the user named it (`-` for stdin).
        path: String,
        /// Where in the file, if anywhere in particular (boxed to keep `Result` small).
        location: Box<Location>,
        /// What was expected and what was found.
        message: String,
        /// What to try.
        hint: Option<String>,
    },
    /// The operating system refused to read or write a file.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A file checked as a whole (agreement, config) with every problem found in it.
    #[error("{path}: {} problem{} found:\n{}", .problems.len(), if .problems.len() == 1 { "" } else { "s" }, list(.problems))]
    Invalid {
        /// The file.
        path: String,
        /// Every problem, in file order.
        problems: Vec<Problem>,
    },
    /// Command-line values that do not fit together or name things that do not exist.
    #[error("{0}")]
    Usage(String),
}

fn at(l: &Location) -> String {
    let s = l.to_string();
    if s.is_empty() { s } else { format!(": {s}") }
}

fn fmt_hint(h: &Option<String>) -> String {
    h.as_ref()
        .map(|h| format!("\n  hint: {h}"))
        .unwrap_or_default()
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl Error {
    /// An [`Error::Input`] at a location, without a hint.
    pub fn input(path: impl Into<String>, location: Location, message: impl Into<String>) -> Self {
        Error::Input {
            path: path.into(),
            location: Box::new(location),
            message: message.into(),
            hint: None,
        }
    }

    /// Adds a hint to an [`Error::Input`]; other variants are returned unchanged.
    pub fn with_hint(mut self, h: impl Into<String>) -> Self {
        if let Error::Input { hint, .. } = &mut self {
            *hint = Some(h.into());
        }
        self
    }

    /// An [`Error::Io`] for a path.
    pub fn io(path: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// The process exit codes, as `diff` and ripgrep use them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// The lists agree (or: nothing to report).
    Agree = 0,
    /// Findings of the kinds that count were made.
    Findings = 1,
    /// The command could not do its work.
    Error = 2,
}

impl From<Exit> for std::process::ExitCode {
    fn from(e: Exit) -> Self {
        std::process::ExitCode::from(e as u8)
    }
}
