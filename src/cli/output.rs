//! Where output goes: stdout, or a file written atomically that never replaces an input.

use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};

/// True when the error chain holds a broken pipe: the reader went away, which is not an error.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || matches!(c.downcast_ref::<crate::Error>(),
                Some(crate::Error::Io { source, .. }) if source.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Writes to `out` (a temporary file renamed into place) or to stdout when `out` is `None`
/// or `-`. Refuses to write over any of `inputs`.
pub fn write_to(
    out: Option<&Path>,
    inputs: &[&str],
    body: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    match out {
        None => write_stdout(body),
        Some(p) if p == Path::new("-") => write_stdout(body),
        Some(p) => {
            for input in inputs {
                if *input != "-" && same_file(Path::new(input), p) {
                    bail!(
                        "-o {}: that is an input file; choose another output path",
                        p.display()
                    );
                }
            }
            let dir = match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            let mut tmp = tempfile::NamedTempFile::new_in(dir).with_context(|| {
                format!(
                    "-o {}: cannot create a file in {}",
                    p.display(),
                    dir.display()
                )
            })?;
            {
                let mut w = io::BufWriter::new(tmp.as_file_mut());
                body(&mut w).with_context(|| format!("-o {}", p.display()))?;
                w.flush().with_context(|| format!("-o {}", p.display()))?;
            }
            tmp.persist(p)
                .with_context(|| format!("-o {}: cannot write", p.display()))?;
            Ok(())
        }
    }
}

fn write_stdout(body: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let stdout = io::stdout();
    let mut w = io::BufWriter::new(stdout.lock());
    body(&mut w)?;
    w.flush()?;
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
