//! What the user should know about how a scan went, as data: a note's kind says what happened
//! and its fields say where, so that hosts choose by `kind` instead of parsing sentences. The
//! sentence users read (the report's `summary.notes`) is the note's `Display`.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One note about a file (or a run): what happened, where, and the detail to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Note {
    /// What happened.
    pub kind: NoteKind,
    /// The file (or map, or baseline) the note is about, as findings name files; empty when
    /// the message names the paths itself (a walk error).
    pub file: String,
    /// The detail after `file: ` (a parser's message, an OS error), or the whole text for
    /// kinds whose sentence names its paths itself.
    pub message: String,
    /// 1-based line of a syntax error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// 1-based column of a syntax error (UTF-16 units).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// How many: more files skipped as binary, findings hidden by a baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
    /// The source map whose `sourcesContent` held `file`, for notes about an embedded source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
}

/// What a [`Note`] says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// Code that does not parse was scanned as plain text (`line`, `column`, the parser's message).
    SyntaxErrorTextFallback,
    /// The parser failed on its own account; the code was scanned as plain text.
    ParserFailedTextFallback,
    /// Nesting too deep to parse safely; the code was scanned as plain text.
    TooDeepTextFallback,
    /// The file is not valid UTF-8; invalid bytes were read as U+FFFD.
    NotUtf8,
    /// Files skipped as binary (`file` is the first; `count` how many more).
    BinarySkipped,
    /// A path that is not a regular file (a FIFO, a device) was skipped.
    NotRegularFile,
    /// A symlink loop in the walk was not followed (`message` names both paths).
    LoopNotFollowed,
    /// A path could not be read, so the run is incomplete (`message` is the error).
    Unreadable,
    /// An inline `data:` source map could not be decoded (bad base64 or not UTF-8).
    MapNotDecodable,
    /// A source map is not valid (`file` is the map).
    MapInvalid,
    /// A source map file exists but could not be read (`file` is the map).
    MapUnreadable,
    /// Findings hidden by a baseline (`file` is the baseline, `count` how many).
    BaselineHidden,
    /// A note given as text only (from a host that has no kind for it).
    Text,
}

impl Note {
    /// A note of `kind` about `file`.
    pub fn new(kind: NoteKind, file: impl Into<String>, message: impl Into<String>) -> Note {
        Note { kind, file: file.into(), message: message.into(), line: None, column: None, count: None, within: None }
    }

    /// A note known only by its text.
    pub fn text(message: impl Into<String>) -> Note {
        Note::new(NoteKind::Text, "", message)
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(map) = &self.within {
            write!(f, "{map} (sourcesContent): ")?;
        }
        let (file, message) = (&self.file, &self.message);
        match self.kind {
            NoteKind::SyntaxErrorTextFallback => {
                let (line, column) = (self.line.unwrap_or(0), self.column.unwrap_or(0));
                write!(f, "{file}: syntax error at {line}:{column} ({message}), scanned as plain text")
            }
            NoteKind::ParserFailedTextFallback => {
                write!(f, "{file}: the parser failed ({message}), scanned as plain text")
            }
            NoteKind::TooDeepTextFallback => write!(f, "{file}: {message}, scanned as plain text"),
            NoteKind::NotUtf8 => write!(f, "{file}: not valid UTF-8, invalid bytes read as U+FFFD"),
            NoteKind::BinarySkipped => match self.count {
                Some(more) if more > 0 => write!(f, "{file} and {more} more file(s): binary, skipped"),
                _ => write!(f, "{file}: binary, skipped"),
            },
            NoteKind::NotRegularFile => write!(f, "{file}: not a regular file, skipped"),
            NoteKind::LoopNotFollowed => write!(f, "{message}, not followed"),
            NoteKind::Unreadable => write!(f, "{message}, not scanned"),
            NoteKind::MapNotDecodable | NoteKind::MapInvalid | NoteKind::MapUnreadable => {
                write!(f, "{file}: {message}")
            }
            NoteKind::BaselineHidden => {
                write!(f, "{} finding(s) hidden by the baseline {file}", self.count.unwrap_or(0))
            }
            NoteKind::Text => f.write_str(message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_reads_as_the_sentence_users_know() {
        let mut syntax = Note::new(NoteKind::SyntaxErrorTextFallback, "a.js", "Expected ';'");
        syntax.line = Some(3);
        syntax.column = Some(7);
        assert_eq!(syntax.to_string(), "a.js: syntax error at 3:7 (Expected ';'), scanned as plain text");
        syntax.within = Some("a.js.map".into());
        assert_eq!(
            syntax.to_string(),
            "a.js.map (sourcesContent): a.js: syntax error at 3:7 (Expected ';'), scanned as plain text"
        );
        let mut binary = Note::new(NoteKind::BinarySkipped, "logo.png", "");
        assert_eq!(binary.to_string(), "logo.png: binary, skipped");
        binary.count = Some(2);
        assert_eq!(binary.to_string(), "logo.png and 2 more file(s): binary, skipped");
        let mut hidden = Note::new(NoteKind::BaselineHidden, ".keylint-baseline.json", "");
        hidden.count = Some(4);
        assert_eq!(hidden.to_string(), "4 finding(s) hidden by the baseline .keylint-baseline.json");
        assert_eq!(Note::new(NoteKind::Unreadable, "x", "x: denied").to_string(), "x: denied, not scanned");
    }

    #[test]
    fn kinds_are_kebab_case_in_json() {
        let note = Note::new(NoteKind::TooDeepTextFallback, "a.js", "nesting about 900 levels deep (limit 300)");
        let json = serde_json::to_value(&note).unwrap();
        assert_eq!(json["kind"], "too-deep-text-fallback");
        assert_eq!(serde_json::from_value::<Note>(json).unwrap(), note);
    }
}
