//! Text decoding: byte-order marks, the UTF-16 NUL-byte heuristic, chardetng for legacy
//! single-byte encodings, and a line reader that refuses malformed bytes instead of
//! replacing them.

use std::io::Read;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, UTF_8, UTF_16BE, UTF_16LE};

use crate::error::{Error, Location, Result};

/// How many bytes detection (encoding, format, delimiter, header row) looks at.
pub const PREFIX_LEN: usize = 64 * 1024;

const CHUNK: usize = 64 * 1024;

/// The encoding chosen for a text file and how it was chosen.
#[derive(Clone, Copy, Debug)]
pub struct Detected {
    /// The encoding.
    pub encoding: &'static Encoding,
    /// How it was chosen, in words for `inspect`.
    pub how: &'static str,
}

/// Reads up to [`PREFIX_LEN`] bytes; the flag is true when the input ended within them.
pub fn read_prefix(r: &mut dyn Read, path: &str) -> Result<(Vec<u8>, bool)> {
    let mut buf = Vec::with_capacity(PREFIX_LEN);
    let mut take = r.take(PREFIX_LEN as u64);
    take.read_to_end(&mut buf).map_err(|e| Error::io(path, e))?;
    let eof = buf.len() < PREFIX_LEN;
    Ok((buf, eof))
}

/// Chooses the encoding of a text file from its first bytes, or from the user's label.
pub fn detect(prefix: &[u8], eof: bool, forced: Option<&str>, path: &str) -> Result<Detected> {
    if let Some(label) = forced {
        let Some(encoding) = Encoding::for_label(label.trim().as_bytes()) else {
            return Err(Error::Usage(format!(
                "--encoding: unknown encoding '{label}'; try utf-8, utf-16le, utf-16be, \
                 windows-1251, koi8-r, koi8-u, iso-8859-5 or ibm866"
            )));
        };
        return Ok(Detected {
            encoding,
            how: "--encoding",
        });
    }
    if let Some((encoding, _)) = Encoding::for_bom(prefix) {
        return Ok(Detected {
            encoding,
            how: "byte-order mark",
        });
    }
    if let Some(encoding) = utf16_by_nuls(prefix) {
        return Ok(Detected {
            encoding,
            how: "NUL-byte pattern",
        });
    }
    if prefix.contains(&0) {
        return Err(binary(path));
    }
    match std::str::from_utf8(prefix) {
        Ok(_) => {
            return Ok(Detected {
                encoding: UTF_8,
                how: "valid UTF-8",
            });
        }
        // A multi-byte character cut by the end of the prefix is still UTF-8.
        Err(e) if e.error_len().is_none() && !eof => {
            return Ok(Detected {
                encoding: UTF_8,
                how: "valid UTF-8",
            });
        }
        Err(_) if mostly_utf8(prefix) => {
            // A few stray bytes in otherwise UTF-8 text: decoding stops at them and names the
            // line, rather than guessing a legacy encoding that would garble every name.
            return Ok(Detected {
                encoding: UTF_8,
                how: "UTF-8 (by its multi-byte sequences)",
            });
        }
        Err(_) => {}
    }
    let controls = prefix
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    if controls * 50 > prefix.len() {
        return Err(binary(path));
    }
    let mut det = EncodingDetector::new(Iso2022JpDetection::Deny);
    det.feed(prefix, eof);
    Ok(Detected {
        encoding: det.guess(None, Utf8Detection::Allow),
        how: "guessed from the bytes (chardetng)",
    })
}

/// True when valid multi-byte UTF-8 sequences far outnumber invalid bytes.
fn mostly_utf8(mut p: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    while !p.is_empty() {
        match std::str::from_utf8(p) {
            Ok(s) => {
                good += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let ok = e.valid_up_to();
                good += std::str::from_utf8(&p[..ok])
                    .map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                let skip = e.error_len().unwrap_or(p.len() - ok);
                bad += 1;
                p = &p[ok + skip..];
            }
        }
    }
    good >= 8 && good >= bad * 20
}

fn binary(path: &str) -> Error {
    Error::input(
        path,
        Location::default(),
        "this looks like a binary file, not a CSV, JSON or Excel list",
    )
    .with_hint("check that this is the list you meant; Excel files need a .xlsx, .xls or .ods name")
}

/// UTF-16 without a BOM: text in these lists is mostly ASCII punctuation, digits and
/// Cyrillic, so one byte of each pair is NUL (ASCII) or 0x04 (Cyrillic) far more often than
/// the other; chardetng does not look for this.
fn utf16_by_nuls(p: &[u8]) -> Option<&'static Encoding> {
    let pairs = p.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in p.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    if odd * 10 >= pairs && even * 20 <= odd {
        Some(UTF_16LE)
    } else if even * 10 >= pairs && odd * 20 <= even {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Decodes a byte stream line by line, never replacing a byte: malformed input is an error
/// that names its line.
pub struct TextLines {
    reader: Box<dyn Read>,
    decoder: encoding_rs::Decoder,
    encoding: &'static Encoding,
    raw: Vec<u8>,
    text: String,
    pos: usize,
    next_line: u64,
    eof: bool,
    path: String,
    /// Bytes of `text` from `pos` already searched for a line break: a long line is scanned
    /// once, not once per chunk read (which made a 50 MB line take minutes).
    scanned: usize,
    /// Longest line accepted, in bytes of UTF-8; past it reading stops with an error.
    max_line: usize,
}

impl TextLines {
    /// A line reader over `reader` in `encoding`; a BOM of that encoding is skipped.
    pub fn new(reader: Box<dyn Read>, encoding: &'static Encoding, path: &str) -> Self {
        TextLines {
            reader,
            decoder: encoding.new_decoder_with_bom_removal(),
            encoding,
            raw: vec![0; CHUNK],
            text: String::new(),
            pos: 0,
            next_line: 1,
            eof: false,
            path: path.to_string(),
            scanned: 0,
            max_line: usize::MAX,
        }
    }

    /// Caps the length of a line (see [`crate::read::Limits::max_line_bytes`]).
    pub fn with_max_line(mut self, max_line: usize) -> Self {
        self.max_line = max_line;
        self
    }

    fn too_long(&self) -> Error {
        Error::input(
            &self.path,
            Location::line(self.next_line),
            format!(
                "the line is longer than {} bytes, the cap ({} × --max-field-bytes); \
                 no list has lines this long",
                self.max_line,
                super::LINE_FIELDS
            ),
        )
        .with_hint(
            "check that this is the list you meant; if the line is real, raise the cap \
             with --max-field-bytes",
        )
    }

    /// Reads the next line (without its `\n` or `\r\n`) into `buf`; returns its 1-based
    /// number, or `None` at the end.
    pub fn read_line(&mut self, buf: &mut String) -> Result<Option<u64>> {
        loop {
            let from = self.pos + self.scanned;
            if let Some(i) = self.text.as_bytes()[from..]
                .iter()
                .position(|&b| b == b'\n')
            {
                let end = from + i;
                self.scanned = 0;
                if end - self.pos > self.max_line {
                    return Err(self.too_long());
                }
                let line = self.text[self.pos..end]
                    .strip_suffix('\r')
                    .unwrap_or(&self.text[self.pos..end]);
                buf.clear();
                buf.push_str(line);
                self.pos = end + 1;
                let n = self.next_line;
                self.next_line += 1;
                return Ok(Some(n));
            }
            self.scanned = self.text.len() - self.pos;
            if self.scanned > self.max_line {
                return Err(self.too_long());
            }
            if self.eof {
                if self.pos >= self.text.len() {
                    return Ok(None);
                }
                let rest = &self.text[self.pos..];
                buf.clear();
                buf.push_str(rest.strip_suffix('\r').unwrap_or(rest));
                self.pos = self.text.len();
                self.scanned = 0;
                let n = self.next_line;
                self.next_line += 1;
                return Ok(Some(n));
            }
            self.fill()?;
        }
    }

    /// Decodes everything left into one string, lines joined by `\n` (so byte offsets map
    /// back to line numbers).
    pub fn read_all(&mut self) -> Result<String> {
        let mut all = String::new();
        let mut line = String::new();
        let mut first = true;
        while self.read_line(&mut line)?.is_some() {
            if !first {
                all.push('\n');
            }
            first = false;
            all.push_str(&line);
        }
        Ok(all)
    }

    fn fill(&mut self) -> Result<()> {
        self.text.drain(..self.pos);
        self.pos = 0;
        let n = loop {
            match self.reader.read(&mut self.raw) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Error::io(&self.path, e)),
            }
        };
        let last = n == 0;
        let mut input = &self.raw[..n];
        loop {
            let need = self
                .decoder
                .max_utf8_buffer_length_without_replacement(input.len())
                .unwrap_or(input.len() * 3 + 16);
            self.text.reserve(need);
            let (res, read) =
                self.decoder
                    .decode_to_string_without_replacement(input, &mut self.text, last);
            input = &input[read..];
            match res {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => continue,
                DecoderResult::Malformed(..) => {
                    let line = self.next_line + self.text.matches('\n').count() as u64;
                    return Err(Error::input(
                        &self.path,
                        Location::line(line),
                        format!(
                            "bytes that are not valid {} (nothing is replaced or skipped)",
                            self.encoding.name()
                        ),
                    )
                    .with_hint(
                        "name the file's encoding with --encoding (e.g. windows-1251, utf-16le), \
                         or re-save it as UTF-8",
                    ));
                }
            }
        }
        self.eof = last;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(bytes: &[u8], enc: &'static Encoding) -> Result<Vec<(u64, String)>> {
        let mut t = TextLines::new(Box::new(std::io::Cursor::new(bytes.to_vec())), enc, "x");
        let mut out = Vec::new();
        let mut buf = String::new();
        while let Some(n) = t.read_line(&mut buf)? {
            out.push((n, buf.clone()));
        }
        Ok(out)
    }

    #[test]
    fn crlf_and_last_line_without_newline() {
        let l = lines(b"a;b\r\nc;d\r\ne", UTF_8).unwrap();
        assert_eq!(
            l,
            vec![(1, "a;b".into()), (2, "c;d".into()), (3, "e".into())]
        );
    }

    #[test]
    fn malformed_utf8_names_its_line() {
        let err = lines(b"a\nb\nc\xff\nd\n", UTF_8).unwrap_err().to_string();
        assert!(err.contains("line 3"), "{err}");
    }

    #[test]
    fn utf16_without_bom_is_detected_by_nuls() {
        let le: Vec<u8> = "Прізвище;Ім'я\nОлійник;Олександр\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "Прізвище;Ім'я\n1;2\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(detect(&le, true, None, "x").unwrap().encoding, UTF_16LE);
        assert_eq!(detect(&be, true, None, "x").unwrap().encoding, UTF_16BE);
    }

    #[test]
    fn cp1251_is_guessed() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(
            "Прізвище;Ім'я;По батькові\nОлійник;Олександр;Сергійович\nКоваленко;Іван;Петрович\n",
        );
        let d = detect(&bytes, true, None, "x").unwrap();
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1251);
    }
}
