//! The text and Markdown formats: a summary, then one table per kind of finding, each cut at
//! the limit with a count of what was left out.

use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table, presets};

use super::RenderOptions;
use super::findings::{Finding, of_kind};
use crate::reconcile::{Kind, Report};

/// Which of the two table formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Style {
    Text,
    Markdown,
}

struct Section {
    title: String,
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    /// Rows left out by the limit.
    more: usize,
}

const BOLD: anstyle::Style = anstyle::Style::new().bold();

pub(super) fn render(
    r: &Report,
    style: Style,
    opts: &RenderOptions,
    w: &mut dyn Write,
) -> io::Result<()> {
    let (a, b) = (&r.inputs.a, &r.inputs.b);
    let heading = |w: &mut dyn Write, text: &str| -> io::Result<()> {
        match style {
            Style::Markdown => writeln!(w, "## {text}\n"),
            Style::Text if opts.color => writeln!(w, "{BOLD}{text}{BOLD:#}"),
            Style::Text => writeln!(w, "{text}"),
        }
    };
    let title = format!("powrec: {} vs {}", a.label, b.label);
    match style {
        Style::Markdown => writeln!(w, "# {}\n", md_escape(&title))?,
        Style::Text => heading(w, &title)?,
    }
    let mut facts = Vec::new();
    for (side, i) in [("A", a), ("B", b)] {
        let mut how = vec![i.format.clone()];
        how.extend(i.encoding.clone());
        how.extend(i.sheet.as_ref().map(|s| format!("sheet {s}")));
        facts.push(format!(
            "{side}: {} ({}), {} rows, {} rejected",
            i.path,
            how.join(", "),
            i.rows,
            i.rejected
        ));
    }
    match &r.agreement {
        Some(ag) => facts.push(format!(
            "Agreement: {} (ages at {})",
            ag.name, ag.reference_date
        )),
        None => facts.push("Agreement: none given (no categories checked)".into()),
    }
    facts.push(format!(
        "Thresholds: match ≥ {}, review ≥ {}",
        r.settings.threshold, r.settings.review_threshold
    ));
    for (side, i) in [("A", a), ("B", b)] {
        for n in &i.notes {
            facts.push(format!("Note ({side}): {n}"));
        }
    }
    for f in facts {
        match style {
            Style::Markdown => writeln!(w, "- {}", md_escape(&f))?,
            Style::Text => writeln!(w, "{f}")?,
        }
    }
    writeln!(w)?;

    heading(w, "Summary")?;
    let s = &r.summary;
    let mut rows = Vec::new();
    for c in &s.categories {
        rows.push(vec![
            format!("{} ({})", c.label, c.id),
            c.a.to_string(),
            c.b.to_string(),
            c.both.to_string(),
        ]);
    }
    let pair = |n: u64| vec![String::new(), String::new(), n.to_string()];
    let sides = |a: u64, b: u64| vec![a.to_string(), b.to_string(), String::new()];
    let mut add = |label: &str, v: Vec<String>| {
        let mut row = vec![label.to_string()];
        row.extend(v);
        rows.push(row);
    };
    add("rows read", sides(s.rows.a, s.rows.b));
    add("matched pairs", pair(s.matched));
    add("  with conflicts", pair(s.conflicts));
    add("pairs to review", pair(s.review));
    add("only on one side", sides(s.only_a, s.only_b));
    add(
        "out of category",
        sides(s.out_of_category.a, s.out_of_category.b),
    );
    add("category unknown", sides(s.unknown.a, s.unknown.b));
    add("borderline age", sides(s.borderline.a, s.borderline.b));
    add("duplicate groups", sides(s.duplicates.a, s.duplicates.b));
    add("rejected rows", sides(s.rejected.a, s.rejected.b));
    let summary = Section {
        title: String::new(),
        headers: vec!["", "A", "B", "both"],
        rows,
        more: 0,
    };
    table(w, &summary, style, opts)?;

    for kind in Kind::ALL {
        let mut found = Vec::new();
        of_kind(r, kind, &mut found);
        if found.is_empty() {
            continue;
        }
        let total = found.len();
        let shown = opts.limit.map_or(total, |l| l.min(total));
        let section = section(r, kind, &found[..shown], total - shown);
        writeln!(w)?;
        heading(w, &section.title)?;
        table(w, &section, style, opts)?;
    }
    Ok(())
}

fn side_name(f: &Finding) -> String {
    f.side.map(str::to_uppercase).unwrap_or_default()
}

fn section(r: &Report, kind: Kind, found: &[Finding], more: usize) -> Section {
    let total = found.len() + more;
    let (a, b) = (&r.inputs.a.label, &r.inputs.b.label);
    let opt = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    let score = |v: Option<f64>| v.map(|v| format!("{v:.2}")).unwrap_or_default();
    let (title, headers, rows): (String, Vec<&'static str>, Vec<Vec<String>>) = match kind {
        Kind::OnlyA | Kind::OnlyB => {
            let (list, me) = if kind == Kind::OnlyA {
                (&r.only_a, a)
            } else {
                (&r.only_b, b)
            };
            let rows = found
                .iter()
                .zip(list)
                .map(|(f, e)| {
                    let (row, name, dob) = if kind == Kind::OnlyA {
                        (f.a_row, &f.a_name, &f.a_dob)
                    } else {
                        (f.b_row, &f.b_name, &f.b_dob)
                    };
                    vec![
                        if e.in_category { "*" } else { "" }.to_string(),
                        opt(row),
                        name.clone(),
                        dob.clone(),
                        e.person.categories.join(", "),
                        e.near_miss
                            .as_ref()
                            .map(|c| format!("row {} {} ({:.2})", c.row, c.name, c.score))
                            .unwrap_or_default(),
                    ]
                })
                .collect();
            (
                format!("Only on {me} ({total}; * = in an agreed category)"),
                vec![
                    "",
                    "row",
                    "name",
                    "born",
                    "categories",
                    "nearest on the other list",
                ],
                rows,
            )
        }
        Kind::Conflicts => (
            format!("Matched, but described differently ({total})"),
            vec![
                "A row", "A name", "B row", "B name", "field", "A says", "B says", "how",
            ],
            found
                .iter()
                .map(|f| {
                    vec![
                        opt(f.a_row),
                        f.a_name.clone(),
                        opt(f.b_row),
                        f.b_name.clone(),
                        f.field.clone(),
                        f.a_value.clone(),
                        f.b_value.clone(),
                        f.detail.clone(),
                    ]
                })
                .collect(),
        ),
        Kind::Review => (
            format!("Uncertain pairs to review ({total})"),
            vec![
                "A row", "A name", "A born", "B row", "B name", "B born", "score", "why",
            ],
            found
                .iter()
                .map(|f| {
                    vec![
                        opt(f.a_row),
                        f.a_name.clone(),
                        f.a_dob.clone(),
                        opt(f.b_row),
                        f.b_name.clone(),
                        f.b_dob.clone(),
                        score(f.score),
                        f.detail.clone(),
                    ]
                })
                .collect(),
        ),
        Kind::OutOfCategory | Kind::Unknown | Kind::Borderline => {
            let title = match kind {
                Kind::OutOfCategory => "In no agreed category",
                Kind::Unknown => "Category cannot be decided",
                _ => "Age near a category boundary",
            };
            (
                format!("{title} ({total})"),
                vec!["list", "row", "name", "born", "detail"],
                found
                    .iter()
                    .map(|f| {
                        let (row, name, dob) = if f.side == Some("a") {
                            (f.a_row, &f.a_name, &f.a_dob)
                        } else {
                            (f.b_row, &f.b_name, &f.b_dob)
                        };
                        vec![
                            side_name(f),
                            opt(row),
                            name.clone(),
                            dob.clone(),
                            f.detail.clone(),
                        ]
                    })
                    .collect(),
            )
        }
        Kind::Duplicates => (
            format!("Duplicates within one list ({total})"),
            vec!["list", "rows"],
            found
                .iter()
                .map(|f| vec![side_name(f), f.detail.clone()])
                .collect(),
        ),
        Kind::Rejected => (
            format!("Rejected rows ({total})"),
            vec!["list", "row", "where", "reason"],
            found
                .iter()
                .map(|f| {
                    vec![
                        side_name(f),
                        opt(f.a_row.or(f.b_row)),
                        f.field.clone(),
                        f.detail.clone(),
                    ]
                })
                .collect(),
        ),
    };
    Section {
        title,
        headers,
        rows,
        more,
    }
}

fn table(w: &mut dyn Write, s: &Section, style: Style, opts: &RenderOptions) -> io::Result<()> {
    match style {
        Style::Text => {
            let mut t = Table::new();
            t.load_style(presets::UTF8_FULL_CONDENSED);
            // Byte-stable output unless a person is watching: comfy-table would otherwise
            // look at the terminal on its own.
            t.force_no_tty();
            if let Some(width) = opts.width {
                t.set_width(width);
                t.set_content_arrangement(ContentArrangement::Dynamic);
            }
            t.set_header(s.headers.clone());
            for row in &s.rows {
                t.add_row(row.clone());
            }
            writeln!(w, "{t}")?;
        }
        Style::Markdown => {
            let line = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
            writeln!(
                w,
                "{}",
                line(s.headers.iter().map(|h| md_escape(h)).collect())
            )?;
            writeln!(
                w,
                "{}",
                line(s.headers.iter().map(|_| "---".into()).collect())
            )?;
            for row in &s.rows {
                writeln!(w, "{}", line(row.iter().map(|c| md_escape(c)).collect()))?;
            }
            writeln!(w)?;
        }
    }
    if s.more > 0 {
        writeln!(
            w,
            "… {} more not shown (--all shows everything, --limit N shows N)",
            s.more
        )?;
    }
    Ok(())
}

/// Escapes what Markdown would read as table or inline syntax.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}
