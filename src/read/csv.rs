//! Delimited text: delimiter sniffing, a line-aware record parser that keeps physical line
//! numbers, and recovery from unbalanced quotes (the line is rejected, reading resumes on the
//! next one) so that one stray `"` never swallows the rest of a file.

use std::collections::VecDeque;

use super::RawRow;
use super::decode::TextLines;
use crate::error::Result;

/// The delimiters tried, in order of preference when equally plausible.
pub const DELIMITERS: [u8; 4] = [b';', b',', b'\t', b'|'];

/// A quoted field may hold line breaks, but not more than this many: beyond it the quote is
/// taken to be unbalanced.
const MAX_RECORD_LINES: usize = 64;

/// Physical lines: a queue of lines already read (the sniffed prefix, lines given back after
/// a bad quote) in front of the decoder.
pub struct Lines {
    pending: VecDeque<(u64, String)>,
    text: Option<TextLines>,
    /// Most bytes one record (a quoted field's lines joined) may gather before its quote is
    /// taken to be unbalanced, so that 64 long lines cannot add up to gigabytes.
    max_record: usize,
}

impl Lines {
    /// Lines from a decoder, with `prefix` (already read from it) in front.
    pub fn new(prefix: Vec<(u64, String)>, text: Option<TextLines>) -> Self {
        Lines {
            pending: prefix.into(),
            text,
            max_record: usize::MAX,
        }
    }

    /// Caps the bytes of one multi-line record.
    pub fn with_max_record(mut self, max_record: usize) -> Self {
        self.max_record = max_record;
        self
    }

    fn next(&mut self) -> Result<Option<(u64, String)>> {
        if let Some(l) = self.pending.pop_front() {
            return Ok(Some(l));
        }
        let Some(t) = self.text.as_mut() else {
            return Ok(None);
        };
        let mut buf = String::new();
        Ok(t.read_line(&mut buf)?.map(|n| (n, buf)))
    }

    fn give_back(&mut self, lines: Vec<(u64, String)>) {
        for l in lines.into_iter().rev() {
            self.pending.push_front(l);
        }
    }
}

/// Splits one record's text. Returns false when it ends inside a quoted field.
fn split(text: &str, delim: u8, out: &mut Vec<String>) -> bool {
    out.clear();
    let b = text.as_bytes();
    let mut i = 0;
    loop {
        if i < b.len() && b[i] == b'"' {
            let mut field = String::new();
            i += 1;
            let mut start = i;
            loop {
                let Some(q) = b[i..].iter().position(|&c| c == b'"') else {
                    field.push_str(&text[start..]);
                    out.push(field);
                    return false;
                };
                field.push_str(&text[start..i + q]);
                i += q + 1;
                if i < b.len() && b[i] == b'"' {
                    field.push('"');
                    i += 1;
                    start = i;
                } else {
                    break;
                }
            }
            // Text after the closing quote is kept as written (lenient, like Excel).
            let end = b[i..]
                .iter()
                .position(|&c| c == delim)
                .map_or(b.len(), |p| i + p);
            field.push_str(&text[i..end]);
            out.push(field);
            i = end;
        } else {
            let end = b[i..]
                .iter()
                .position(|&c| c == delim)
                .map_or(b.len(), |p| i + p);
            out.push(text[i..end].to_string());
            i = end;
        }
        if i >= b.len() {
            return true;
        }
        i += 1; // the delimiter
        if i == b.len() {
            out.push(String::new());
            return true;
        }
    }
}

/// Reads the next record. `width` (the header's field count) lets a multi-line record with
/// the wrong number of fields be recognised as a stray quote rather than a real line break.
pub fn next_record(lines: &mut Lines, delim: u8, width: Option<usize>) -> Result<Option<RawRow>> {
    let (line, first) = loop {
        match lines.next()? {
            None => return Ok(None),
            Some((_, l)) if l.trim().is_empty() => continue,
            Some(x) => break x,
        }
    };
    let mut cells = Vec::new();
    if split(&first, delim, &mut cells) {
        return Ok(Some(RawRow::Cells { line, cells }));
    }
    let mut text = first;
    let mut taken: Vec<(u64, String)> = Vec::new();
    let closed = loop {
        if taken.len() + 1 >= MAX_RECORD_LINES || text.len() > lines.max_record {
            break false;
        }
        let Some((n, l)) = lines.next()? else {
            break false;
        };
        text.push('\n');
        text.push_str(&l);
        taken.push((n, l));
        if split(&text, delim, &mut cells) {
            break true;
        }
    };
    if closed && width.is_none_or(|w| cells.len() == w) {
        return Ok(Some(RawRow::Cells { line, cells }));
    }
    lines.give_back(taken);
    Ok(Some(RawRow::Bad {
        line,
        reason: "unbalanced quote: a quoted field opened on this line is not closed on it \
                 (reading resumes on the next line)"
            .into(),
    }))
}

/// Picks the delimiter that splits the sample lines most consistently into more than one
/// field; `;` first on a tie, as Ukrainian and Russian Excel exports use it.
pub fn sniff_delimiter(lines: &[(u64, String)]) -> u8 {
    let mut best = (DELIMITERS[1], 0usize, 0usize);
    let mut cells = Vec::new();
    for d in DELIMITERS {
        let mut counts: std::collections::HashMap<usize, usize> = Default::default();
        for (_, l) in lines.iter().filter(|(_, l)| !l.trim().is_empty()) {
            split(l, d, &mut cells);
            *counts.entry(cells.len()).or_default() += 1;
        }
        let Some((width, freq)) = counts
            .into_iter()
            .filter(|(w, _)| *w > 1)
            .max_by_key(|&(w, f)| (f, w))
        else {
            continue;
        };
        if (freq, width) > (best.1, best.2) {
            best = (d, freq, width);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, width: Option<usize>) -> Vec<RawRow> {
        let l: Vec<(u64, String)> = text
            .split('\n')
            .enumerate()
            .map(|(i, s)| (i as u64 + 1, s.to_string()))
            .collect();
        let mut lines = Lines::new(l, None);
        let mut out = Vec::new();
        while let Some(r) = next_record(&mut lines, b';', width).unwrap() {
            out.push(r);
        }
        out
    }

    #[test]
    fn quotes_escapes_and_multiline_cells() {
        let r = rows("a;\"b;c\";\"d\"\"e\"\n\"x\ny\";2;3\n", Some(3));
        assert_eq!(
            r,
            vec![
                RawRow::Cells {
                    line: 1,
                    cells: vec!["a".into(), "b;c".into(), "d\"e".into()]
                },
                RawRow::Cells {
                    line: 2,
                    cells: vec!["x\ny".into(), "2".into(), "3".into()]
                },
            ]
        );
    }

    #[test]
    fn stray_quote_rejects_one_line_only() {
        let r = rows("a;\"b;c\n1;2;3\n4;5;6", Some(3));
        assert!(matches!(r[0], RawRow::Bad { line: 1, .. }));
        assert_eq!(r.len(), 3);
        assert!(matches!(&r[2], RawRow::Cells { line: 3, cells } if cells[0] == "4"));
    }

    #[test]
    fn sniffs_each_delimiter() {
        for d in DELIMITERS {
            let ds = (d as char).to_string();
            let text = ["Прізвище", "Ім'я та по батькові", "Дата"].join(&ds)
                + "\n"
                + &["Олійник", "\"Олександр, Сергійович\"", "05.03.1999"].join(&ds);
            let l: Vec<(u64, String)> = text.lines().map(|s| (1, s.to_string())).collect();
            assert_eq!(sniff_delimiter(&l), d, "{}", d as char);
        }
    }
}
