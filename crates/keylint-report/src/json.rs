//! `--format json`: the schema in SPEC.md, one document.

use crate::Report;
use std::io::{self, Write};

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RunNotes;
    use keylint::{Note, NoteKind};

    #[test]
    fn one_document_with_notes_as_sentences_and_a_final_line_feed() {
        let run = RunNotes { walk: vec![Note::new(NoteKind::NotRegularFile, "fifo", "")], ..RunNotes::default() };
        let report = Report::new(Vec::new(), run, 0, 0);
        let mut out = Vec::new();
        write(&report, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("{\n  \"version\": 1,\n  \"findings\": [],\n"), "{text}");
        assert!(text.ends_with("}\n") && !text.ends_with("}\n\n"));
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["summary"]["notes"], serde_json::json!(["fifo: not a regular file, skipped"]));
        assert!(value["summary"].get("reused").is_none(), "no reuse, no key");
    }
}
