//! Rendering findings: text, JSON, CSV, Markdown and HTML. Knows nothing of how matches were
//! made.
