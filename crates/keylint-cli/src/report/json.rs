//! `--format json`: one document, as docs/output.md and docs/schema/report.schema.json describe.

use super::Report;
use std::io::{self, Write};

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}
