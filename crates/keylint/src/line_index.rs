//! Byte offsets to the positions users see: 1-based lines and 1-based columns in UTF-16 code
//! units, as ESLint, LSP and SARIF count them. Every surface converts through here, once.

/// A 1-based line and UTF-16 column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in UTF-16 code units.
    pub column: u32,
}

/// Where each line of a source starts, to turn byte offsets into [`Position`]s.
pub struct LineIndex<'a> {
    source: &'a str,
    line_starts: Vec<usize>,
    ascii: bool,
}

impl<'a> LineIndex<'a> {
    /// Indexes `source`'s line starts (`\n`, `\r\n` and lone `\r` end a line).
    pub fn new(source: &'a str) -> Self {
        // A byte-order mark is no character of the first line: editors, ESLint and GitHub do
        // not count it, so its columns start after it.
        let mut line_starts = vec![if source.starts_with('\u{feff}') { 3 } else { 0 }];
        let bytes = source.as_bytes();
        // A line ends at \n, \r\n or a lone \r, as editors count them.
        let mut i = 0;
        while let Some(off) = memchr2(b'\n', b'\r', &bytes[i..]) {
            let at = i + off;
            let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') { at + 2 } else { at + 1 };
            line_starts.push(next);
            i = next;
        }
        LineIndex { source, line_starts, ascii: source.is_ascii() }
    }

    /// The position of a byte offset; offsets inside a multi-byte character count as its start.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.source, offset.min(self.source.len())).max(self.line_starts[0]);
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column =
            if self.ascii { offset - start } else { self.source[start..offset].chars().map(char::len_utf16).sum() };
        Position { line: line as u32 + 1, column: column as u32 + 1 }
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: u32) -> &'a str {
        let i = (line as usize).saturating_sub(1).min(self.line_starts.len() - 1);
        let start = self.line_starts[i];
        let end = self.line_starts.get(i + 1).copied().unwrap_or(self.source.len());
        self.source[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The byte offset where a 1-based line starts.
    pub fn line_start(&self, line: u32) -> usize {
        let i = (line as usize).saturating_sub(1).min(self.line_starts.len() - 1);
        self.line_starts[i]
    }
}

fn memchr2(a: u8, b: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&c| c == a || c == b)
}

pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_ascii_columns() {
        let idx = LineIndex::new("ab\ncd\r\nef\rgh");
        assert_eq!(idx.position(0), Position { line: 1, column: 1 });
        assert_eq!(idx.position(4), Position { line: 2, column: 2 });
        assert_eq!(idx.position(7), Position { line: 3, column: 1 });
        assert_eq!(idx.position(10), Position { line: 4, column: 1 });
        assert_eq!(idx.line_text(2), "cd");
        assert_eq!(idx.line_text(4), "gh");
    }

    #[test]
    fn columns_count_utf16_units() {
        // "é" is 2 bytes / 1 unit, "😀" is 4 bytes / 2 units.
        let src = "é😀x";
        let idx = LineIndex::new(src);
        assert_eq!(idx.position(src.find('x').unwrap()), Position { line: 1, column: 4 });
        // An offset inside a character snaps to its start.
        assert_eq!(idx.position(3), Position { line: 1, column: 2 });
    }

    #[test]
    fn a_byte_order_mark_is_no_column() {
        let src = "\u{feff}ab\ncd";
        let idx = LineIndex::new(src);
        assert_eq!(idx.position(src.find('b').unwrap()), Position { line: 1, column: 2 });
        assert_eq!(idx.position(0), Position { line: 1, column: 1 }, "inside the mark: its line's start");
        assert_eq!(idx.line_text(1), "ab");
        assert_eq!(idx.position(src.find('d').unwrap()), Position { line: 2, column: 2 });
    }
}
