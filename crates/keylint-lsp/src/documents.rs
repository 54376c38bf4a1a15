//! Open documents, edited in place by the client's changes.

use lsp_types::{TextDocumentContentChangeEvent, Uri};
use std::collections::HashMap;
use std::path::PathBuf;

pub struct Document {
    pub text: String,
    pub version: i32,
    language_id: String,
}

impl Document {
    /// The path keylint scans the document as: its file path, or (for unsaved documents) a
    /// name whose extension matches its language, since the extension chooses the parser.
    pub fn scan_path(&self, uri: &Uri) -> PathBuf {
        if let Some(path) = file_path(uri).filter(|p| p.extension().is_some()) {
            return path;
        }
        let ext = match self.language_id.as_str() {
            "typescript" => "ts",
            "typescriptreact" => "tsx",
            "javascriptreact" => "jsx",
            "html" => "html",
            "json" | "jsonc" => "json",
            _ => "js",
        };
        PathBuf::from(format!("untitled.{ext}"))
    }
}

#[derive(Default)]
pub struct Documents {
    docs: HashMap<String, (Uri, Document)>,
}

impl Documents {
    pub fn open(&mut self, uri: Uri, language_id: String, version: i32, text: String) {
        self.docs.insert(uri.as_str().to_string(), (uri, Document { text, version, language_id }));
    }

    pub fn change(&mut self, uri: &Uri, version: i32, changes: Vec<TextDocumentContentChangeEvent>) {
        let Some((_, doc)) = self.docs.get_mut(uri.as_str()) else { return };
        for change in changes {
            match change.range {
                Some(range) => {
                    let start = byte_offset(&doc.text, range.start.line, range.start.character);
                    let end = byte_offset(&doc.text, range.end.line, range.end.character).max(start);
                    doc.text.replace_range(start..end, &change.text);
                }
                None => doc.text = change.text,
            }
        }
        doc.version = version;
    }

    pub fn close(&mut self, uri: &Uri) {
        self.docs.remove(uri.as_str());
    }

    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.docs.get(uri.as_str()).map(|(_, d)| d)
    }

    pub fn uris(&self) -> impl Iterator<Item = &Uri> {
        self.docs.values().map(|(u, _)| u)
    }
}

/// The byte offset of a 0-based line and UTF-16 column, clamped to the text (a column past
/// the end of a line is its end, before its line break). Lines end at `\r\n`, `\r` or `\n`,
/// as LSP and keylint's findings count them.
pub fn byte_offset(text: &str, line: u32, character: u32) -> usize {
    let bytes = text.as_bytes();
    let mut offset = 0;
    for _ in 0..line {
        match text[offset..].find(['\n', '\r']) {
            Some(at) => {
                offset += at + 1;
                if bytes[offset - 1] == b'\r' && bytes.get(offset) == Some(&b'\n') {
                    offset += 1;
                }
            }
            None => return text.len(),
        }
    }
    let mut units = 0;
    for (i, c) in text[offset..].char_indices() {
        if units >= character as usize || c == '\n' || c == '\r' {
            return offset + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// A `file:` URI's path, percent-decoded.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme().is_some_and(|s| s.as_str().eq_ignore_ascii_case("file")) {
        return None;
    }
    let raw = uri.path().as_str();
    let mut bytes = Vec::with_capacity(raw.len());
    let mut it = raw.bytes();
    while let Some(b) = it.next() {
        if b == b'%' {
            let hex: Vec<u8> = it.by_ref().take(2).collect();
            match std::str::from_utf8(&hex).ok().and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(v) => bytes.push(v),
                None => bytes.extend_from_slice(&hex),
            }
        } else {
            bytes.push(b);
        }
    }
    Some(PathBuf::from(String::from_utf8(bytes).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_positions_to_bytes() {
        let text = "a😀b\ncé";
        assert_eq!(byte_offset(text, 0, 0), 0);
        assert_eq!(byte_offset(text, 0, 3), 5, "the emoji is two UTF-16 units and four bytes");
        assert_eq!(byte_offset(text, 1, 2), text.len());
        assert_eq!(byte_offset(text, 9, 0), text.len());
        // Lines end at \r\n and a lone \r too; a column past a line's end stops before its break.
        let mixed = "ab\r\ncd\ref\ngh";
        assert_eq!(byte_offset(mixed, 1, 0), 4);
        assert_eq!(byte_offset(mixed, 2, 1), 8);
        assert_eq!(byte_offset(mixed, 3, 0), 10);
        assert_eq!(byte_offset(mixed, 0, 99), 2, "not inside the \r\n");
    }

    #[test]
    fn incremental_changes_apply() {
        let uri: Uri = "file:///w/a.js".parse().unwrap();
        let mut docs = Documents::default();
        docs.open(uri.clone(), "javascript".into(), 1, "const k = \"x\";\n".into());
        let range = lsp_types::Range::new(lsp_types::Position::new(0, 11), lsp_types::Position::new(0, 12));
        docs.change(
            &uri,
            2,
            vec![TextDocumentContentChangeEvent { range: Some(range), range_length: None, text: "yz".into() }],
        );
        let doc = docs.get(&uri).unwrap();
        assert_eq!((doc.text.as_str(), doc.version), ("const k = \"yz\";\n", 2));
    }

    #[test]
    fn file_uris_decode() {
        let uri: Uri = "file:///home/me/my%20app/a.ts".parse().unwrap();
        assert_eq!(file_path(&uri), Some(PathBuf::from("/home/me/my app/a.ts")));
    }
}
