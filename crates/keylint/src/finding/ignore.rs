//! Inline ignores: `keylint-allow` on the finding's line, `keylint-disable-next-line` on the
//! line before (each with an optional reason after it), and the markers other scanners use,
//! `gitleaks:allow` and `pragma: allowlist secret`.

use super::Finding;
use crate::line_index::{floor_char_boundary, LineIndex};

const SAME_LINE: &[&str] = &["keylint-allow", "gitleaks:allow", "pragma: allowlist secret"];
const NEXT_LINE: &[&str] = &["keylint-disable-next-line"];

/// On a long (minified) line a marker only counts near the finding, so that one comment does
/// not silence a whole bundle.
const NEAR: usize = 256;

pub fn is_ignored(source: &str, index: &LineIndex, f: &Finding) -> bool {
    let line = index.line_text(f.line);
    let line_start = index.line_start(f.line);
    let window = if line.len() > 2 * NEAR {
        let from = floor_char_boundary(source, f.byte_range.start.saturating_sub(NEAR).max(line_start));
        let to = floor_char_boundary(source, (f.byte_range.end + NEAR).min(line_start + line.len()));
        &source[from..to]
    } else {
        line
    };
    if SAME_LINE.iter().any(|m| window.contains(m)) {
        return true;
    }
    f.line > 1 && {
        let prev = index.line_text(f.line - 1);
        NEXT_LINE.iter().any(|m| prev.contains(m))
    }
}
