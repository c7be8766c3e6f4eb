//! JSON lists (an array of objects, or an object holding one such array) and NDJSON, with
//! key order kept (keys become columns in the order first seen) and each element's line.

use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::RawRow;
use super::decode::TextLines;
use crate::error::{Error, Location, Result};

/// A JSON value with object keys in file order; scalars kept as their text.
#[derive(Clone, Debug, PartialEq)]
pub enum JNode {
    /// `null`.
    Null,
    /// A string, number or boolean, as text.
    Text(String),
    /// An array.
    Array(Vec<JNode>),
    /// An object, keys in file order.
    Object(Vec<(String, JNode)>),
}

impl JNode {
    fn kind(&self) -> &'static str {
        match self {
            JNode::Null => "null",
            JNode::Text(_) => "string, number or boolean",
            JNode::Array(_) => "array",
            JNode::Object(_) => "object",
        }
    }

    /// Cell text: scalars as they are, nested values as compact JSON.
    fn cell(&self) -> String {
        match self {
            JNode::Null => String::new(),
            JNode::Text(s) => s.clone(),
            _ => {
                let mut s = String::new();
                self.write_json(&mut s);
                s
            }
        }
    }

    fn write_json(&self, out: &mut String) {
        match self {
            JNode::Null => out.push_str("null"),
            JNode::Text(s) => out.push_str(&serde_json::Value::from(s.as_str()).to_string()),
            JNode::Array(a) => {
                out.push('[');
                for (i, v) in a.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write_json(out);
                }
                out.push(']');
            }
            JNode::Object(o) => {
                out.push('{');
                for (i, (k, v)) in o.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::Value::from(k.as_str()).to_string());
                    out.push(':');
                    v.write_json(out);
                }
                out.push('}');
            }
        }
    }
}

impl<'de> Deserialize<'de> for JNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = JNode;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E>(self) -> std::result::Result<JNode, E> {
                Ok(JNode::Null)
            }
            fn visit_bool<E>(self, v: bool) -> std::result::Result<JNode, E> {
                Ok(JNode::Text(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> std::result::Result<JNode, E> {
                Ok(JNode::Text(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> std::result::Result<JNode, E> {
                Ok(JNode::Text(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> std::result::Result<JNode, E> {
                // Display gives the shortest form: 123.0 → "123", 1.5 → "1.5".
                Ok(JNode::Text(v.to_string()))
            }
            fn visit_str<E>(self, v: &str) -> std::result::Result<JNode, E> {
                Ok(JNode::Text(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> std::result::Result<JNode, E> {
                Ok(JNode::Text(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> std::result::Result<JNode, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = a.next_element()? {
                    v.push(x);
                }
                Ok(JNode::Array(v))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut a: A,
            ) -> std::result::Result<JNode, A::Error> {
                let mut v = Vec::new();
                while let Some((k, x)) = a.next_entry::<String, JNode>()? {
                    v.push((k, x));
                }
                Ok(JNode::Object(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// Keys in order of first appearance, with fast lookup.
#[derive(Default)]
pub struct Keys {
    /// The keys, in order.
    pub names: Vec<String>,
    index: std::collections::HashMap<String, usize>,
}

impl Keys {
    fn add(&mut self, k: &str) {
        if !self.index.contains_key(k) {
            self.index.insert(k.to_string(), self.names.len());
            self.names.push(k.to_string());
        }
    }

    fn get(&self, k: &str) -> Option<usize> {
        self.index.get(k).copied()
    }
}

/// Turns one element into a row aligned with `keys`; keys not among them are a reason to
/// reject (only NDJSON can meet one, since its keys come from a prefix).
fn element_row(line: u64, node: JNode, keys: &Keys, index: u64) -> RawRow {
    let JNode::Object(members) = node else {
        return RawRow::Bad {
            line,
            reason: format!(
                "element {index} is a JSON {}, not an object with the person's fields",
                node.kind()
            ),
        };
    };
    let mut cells = vec![String::new(); keys.names.len()];
    for (k, v) in members {
        match keys.get(&k) {
            Some(i) => cells[i] = v.cell(),
            None if v.cell().trim().is_empty() => {}
            None => {
                return RawRow::Bad {
                    line,
                    reason: format!(
                        "key '{k}' does not occur in the first lines, which set the columns; \
                         put every key in the first line, or convert the file to a JSON array"
                    ),
                };
            }
        }
    }
    RawRow::Cells { line, cells }
}

/// Line of a byte offset, counted incrementally (offsets only grow).
struct LineCounter {
    offset: usize,
    line: u64,
}

impl LineCounter {
    fn at(&mut self, text: &str, offset: usize) -> u64 {
        if offset >= self.offset {
            self.line += text.as_bytes()[self.offset..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            self.offset = offset;
        }
        self.line
    }
}

/// Elements of the list's array, parsed one at a time from the decoded text.
pub struct JsonRows {
    text: String,
    pos: usize,
    done: bool,
    lines: LineCounter,
    keys: Keys,
    index: u64,
    path: String,
}

fn skip_ws(t: &str, mut p: usize) -> usize {
    let b = t.as_bytes();
    while p < b.len() && b[p].is_ascii_whitespace() {
        p += 1;
    }
    p
}

/// serde_json's message without its " at line L column C" (relative to a slice here).
fn json_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    let m = s.rsplit_once(" at line ").map_or(s.as_str(), |(m, _)| m);
    format!("not valid JSON (column {}): {m}", e.column())
}

fn syntax(path: &str, text: &str, at: usize, e: &serde_json::Error) -> Error {
    let base = text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64;
    Error::input(
        path,
        Location::line(base + e.line().max(1) as u64),
        json_message(e),
    )
    .with_hint("fix the JSON syntax (a missing comma or quote?); a validator such as `jq . FILE` shows the spot")
}

fn unexpected(path: &str, text: &str, at: usize, what: &str) -> Error {
    let line = 1 + text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64;
    Error::input(
        path,
        Location::line(line),
        format!("not valid JSON: expected {what}"),
    )
    .with_hint("a list is a JSON array of objects, or an object holding one such array")
}

/// The byte offset where arrays and objects first nest deeper than `max`, if they do.
/// Checked before parsing so that a hostile file gets an error naming the cap and its flag
/// rather than serde_json's "recursion limit exceeded", and so that no deep tree is built.
pub fn too_deep(text: &str, max: usize) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn depth_message(max: usize) -> String {
    format!("arrays and objects nest deeper than {max} levels, the cap")
}

const DEPTH_HINT: &str =
    "a list needs 2 or 3 levels; if the nesting is real, raise the cap with --max-json-depth";

/// Parses one value at `p`; returns it and the offset after it.
fn value_at<'a, T: Deserialize<'a>>(path: &str, text: &'a str, p: usize) -> Result<(T, usize)> {
    let mut it = serde_json::Deserializer::from_str(&text[p..]).into_iter::<T>();
    match it.next() {
        Some(Ok(v)) => Ok((v, p + it.byte_offset())),
        Some(Err(e)) => Err(syntax(path, text, p, &e)),
        None => Err(unexpected(path, text, p, "a value")),
    }
}

impl JsonRows {
    /// Opens the decoded text: finds the array of people, and collects every key (one pass
    /// that also checks the syntax, so a broken file stops before anything is shown).
    pub fn new(
        text: String,
        path: &str,
        max_depth: usize,
    ) -> Result<(Self, Vec<String>, Option<String>)> {
        if let Some(at) = too_deep(&text, max_depth) {
            let line = 1 + text.as_bytes()[..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            return Err(
                Error::input(path, Location::line(line), depth_message(max_depth))
                    .with_hint(DEPTH_HINT),
            );
        }
        let start = skip_ws(&text, 0);
        let (array_at, holder) = match text.as_bytes().get(start) {
            Some(b'[') => (start, None),
            Some(b'{') => {
                let (at, key) = find_array_member(&text, start, path)?;
                (at, Some(key))
            }
            _ => return Err(unexpected(path, &text, start, "'[' or '{' at the start")),
        };
        let mut rows = JsonRows {
            pos: array_at + 1,
            done: false,
            lines: LineCounter { offset: 0, line: 1 },
            keys: Keys::default(),
            index: 0,
            text,
            path: path.to_string(),
        };
        // The key pass.
        let mut keys = Keys::default();
        let mut probe = JsonRows {
            text: String::new(),
            pos: rows.pos,
            done: false,
            lines: LineCounter { offset: 0, line: 1 },
            keys: Keys::default(),
            index: 0,
            path: path.to_string(),
        };
        while let Some((_, node)) = probe.next_node(&rows.text)? {
            if let JNode::Object(m) = node {
                for (k, _) in &m {
                    keys.add(k);
                }
            }
        }
        if holder.is_none() {
            let end = skip_ws(&rows.text, probe.pos);
            if end < rows.text.len() {
                return Err(unexpected(
                    path,
                    &rows.text,
                    end,
                    "nothing after the closing ']'",
                ));
            }
        }
        let names = keys.names.clone();
        rows.keys = keys;
        Ok((rows, names, holder))
    }

    fn next_node(&mut self, text: &str) -> Result<Option<(u64, JNode)>> {
        if self.done {
            return Ok(None);
        }
        let p = skip_ws(text, self.pos);
        match text.as_bytes().get(p) {
            Some(b']') => {
                self.done = true;
                self.pos = p + 1;
                return Ok(None);
            }
            None => return Err(unexpected(&self.path, text, p, "']' closing the list")),
            _ => {}
        }
        let line = self.lines.at(text, p);
        let (node, end) = value_at::<JNode>(&self.path, text, p)?;
        let q = skip_ws(text, end);
        match text.as_bytes().get(q) {
            Some(b',') => self.pos = q + 1,
            Some(b']') => {
                self.done = true;
                self.pos = q + 1;
            }
            _ => {
                return Err(unexpected(
                    &self.path,
                    text,
                    q,
                    "',' or ']' after an element",
                ));
            }
        }
        Ok(Some((line, node)))
    }

    /// The next element as a row.
    pub fn next_row(&mut self) -> Result<Option<RawRow>> {
        let text = std::mem::take(&mut self.text);
        let r = self.next_node(&text);
        self.text = text;
        let Some((line, node)) = r? else {
            return Ok(None);
        };
        self.index += 1;
        Ok(Some(element_row(line, node, &self.keys, self.index)))
    }
}

/// In `{ ..., "key": [ {..}, ... ], ... }`, the offset of the one array of objects.
fn find_array_member(text: &str, open: usize, path: &str) -> Result<(usize, String)> {
    let mut p = open + 1;
    let mut found: Vec<(usize, String)> = Vec::new();
    loop {
        p = skip_ws(text, p);
        if text.as_bytes().get(p) == Some(&b'}') {
            p += 1;
            break;
        }
        let (key, end) = value_at::<String>(path, text, p)?;
        p = skip_ws(text, end);
        if text.as_bytes().get(p) != Some(&b':') {
            return Err(unexpected(path, text, p, "':' after a key"));
        }
        p = skip_ws(text, p + 1);
        let at = p;
        let (_, end) = value_at::<IgnoredAny>(path, text, p)?;
        if text.as_bytes().get(at) == Some(&b'[')
            && matches!(text.as_bytes().get(skip_ws(text, at + 1)), Some(b'{'))
        {
            found.push((at, key));
        }
        p = skip_ws(text, end);
        match text.as_bytes().get(p) {
            Some(b',') => p += 1,
            Some(b'}') => {
                p += 1;
                break;
            }
            _ => return Err(unexpected(path, text, p, "',' or '}' after a member")),
        }
    }
    let end = skip_ws(text, p);
    if end < text.len() {
        return Err(unexpected(path, text, end, "nothing after the closing '}'"));
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(Error::input(
            path,
            Location::line(1),
            "the JSON object holds no array of objects (one object per person)",
        )
        .with_hint("a list is a JSON array of objects, or an object holding one such array")),
        _ => Err(Error::input(
            path,
            Location::line(1),
            format!(
                "the JSON object holds several arrays of objects ({}); which one is the list is \
                 not clear",
                found
                    .iter()
                    .map(|(_, k)| format!("'{k}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .with_hint("extract the list, e.g. `jq '.KEY' FILE > list.json`")),
    }
}

/// NDJSON: one object per line, streamed. Keys come from the sniffed prefix.
pub struct NdjsonRows {
    prefix: std::collections::VecDeque<(u64, String)>,
    text: Option<TextLines>,
    keys: Keys,
    max_depth: usize,
}

impl NdjsonRows {
    /// Streams `text` after `prefix`; the prefix's objects set the columns.
    pub fn new(
        prefix: Vec<(u64, String)>,
        text: Option<TextLines>,
        max_depth: usize,
    ) -> (Self, Vec<String>) {
        let mut keys = Keys::default();
        for (_, l) in &prefix {
            if too_deep(l, max_depth).is_some() {
                continue;
            }
            if let Ok(JNode::Object(m)) = serde_json::from_str::<JNode>(l) {
                for (k, _) in &m {
                    keys.add(k);
                }
            }
        }
        let names = keys.names.clone();
        (
            NdjsonRows {
                prefix: prefix.into(),
                text,
                keys,
                max_depth,
            },
            names,
        )
    }

    /// The next non-blank line as a row.
    pub fn next_row(&mut self) -> Result<Option<RawRow>> {
        let (line, text) = loop {
            let next = match self.prefix.pop_front() {
                Some(l) => Some(l),
                None => match self.text.as_mut() {
                    None => None,
                    Some(t) => {
                        let mut buf = String::new();
                        t.read_line(&mut buf)?.map(|n| (n, buf))
                    }
                },
            };
            match next {
                None => return Ok(None),
                Some((_, l)) if l.trim().is_empty() => continue,
                Some(x) => break x,
            }
        };
        if too_deep(&text, self.max_depth).is_some() {
            return Ok(Some(RawRow::Bad {
                line,
                reason: format!(
                    "{} (raise it with --max-json-depth)",
                    depth_message(self.max_depth)
                ),
            }));
        }
        Ok(Some(match serde_json::from_str::<JNode>(&text) {
            Ok(node) => element_row(line, node, &self.keys, line),
            Err(e) => RawRow::Bad {
                line,
                reason: json_message(&e),
            },
        }))
    }
}

/// True when the text holds more than one top-level JSON value, one per line (NDJSON),
/// judged from its first non-blank line.
pub fn looks_like_ndjson(lines: &[(u64, String)]) -> bool {
    let mut it = lines.iter().filter(|(_, l)| !l.trim().is_empty());
    let Some((_, first)) = it.next() else {
        return false;
    };
    first.trim_start().starts_with('{')
        && serde_json::from_str::<IgnoredAny>(first).is_ok()
        && it.next().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Result<(Vec<String>, Vec<RawRow>)> {
        let (mut r, keys, _) = JsonRows::new(text.to_string(), "x", 64)?;
        let mut out = Vec::new();
        while let Some(row) = r.next_row()? {
            out.push(row);
        }
        Ok((keys, out))
    }

    #[test]
    fn array_keeps_key_order_and_lines() {
        let (keys, rows) =
            all("[\n{\"b\": 1, \"a\": \"x\"},\n 7,\n{\"c\": null, \"a\": 2.0}\n]").unwrap();
        assert_eq!(keys, vec!["b", "a", "c"]);
        assert_eq!(
            rows[0],
            RawRow::Cells {
                line: 2,
                cells: vec!["1".into(), "x".into(), String::new()]
            }
        );
        assert!(
            matches!(&rows[1], RawRow::Bad { line: 3, reason } if reason.contains("element 2"))
        );
        assert!(matches!(&rows[2], RawRow::Cells { line: 4, cells } if cells[1] == "2"));
    }

    #[test]
    fn object_holding_an_array() {
        let (keys, rows) = all("{\"date\": \"2025-06-02\", \"people\": [{\"a\": 1}]}").unwrap();
        assert_eq!(keys, vec!["a"]);
        assert_eq!(rows.len(), 1);
    }

    #[test]
    fn syntax_error_names_its_line() {
        let e = all("[\n{\"a\": 1},\n{\"a\" 2}\n]").unwrap_err().to_string();
        assert!(e.contains("line 3"), "{e}");
    }
}
