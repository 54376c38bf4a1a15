//! Finds the blocks of a script that cannot hold a finding, so the parser can skip them.
//!
//! Parsing is what a scan costs: swc reads minified bundles at 15–35 MB/s, a byte pass runs at
//! hundreds of MB/s, and most of a bundle is code without a string worth judging. One pass over the
//! tokens of [`crate::js::tokens`] finds every `{…}` block (function body, object, class body…) whose
//! inside is *cold*: no string that some rule could match in some context this file offers, and
//! no way to build a string from pieces there (a `+` next to a literal, a literal or number in a
//! template hole, `atob`, `fromCharCode`, `join`, `concat`, `Buffer`). The inside of each cold
//! block is replaced with spaces: `{ }` is valid wherever `{…}` was, and every offset stays the
//! same, so the findings of the rest are found at the same places with the same context (a
//! value's context comes from the blocks around it, which are not cold when it is hot).
//!
//! Cold statements go the same way: a run of statements up to a `;` at its block's own level,
//! with nothing hot in it, becomes spaces (not an `import`/`export`, a directive, a `case`
//! label, or a statement an `else`/`while`/`catch`/`finally` continues).
//!
//! Constants fold wherever they are used, so the planner notes the top-level names declared with
//! an initialiser that could fold (a superset of extraction's constants, minus names it sees
//! bound again in a nested scope, which extraction disqualifies), and a second pass keeps every
//! block and statement that mentions one outside a member access or an object key.
//!
//! The tokenizer only has to agree with the parser, and the caller checks that it did (see
//! [`parsed_literal_starts`]): every string, template and regex literal the parser sees outside
//! the blanks must start where the tokenizer saw one, and the other way round. On any
//! disagreement, or input the planner does not follow (JSX,
//! unterminated tokens), the caller parses the whole file, so the prefilter can cost time but
//! never a finding.
//!
//! The planner (`planner.rs`) walks the tokens with a frame per open `{` or `${`;
//! `bindings.rs` notes the names that decide which constants fold.
//!
//! One difference is by design: a syntax error inside a skipped block or statement is not
//! seen, so such a file is read through its AST (minus the broken part) instead of falling
//! back to a text scan of the whole file. `--no-prefilter` restores the strict reading.

mod agreement;
mod bindings;
mod planner;
#[cfg(test)]
mod tests;
mod unescape;

pub use agreement::parsed_literal_starts;
pub use unescape::unescape;

use foldhash::HashSet;
use std::ops::Range;

/// What to blank, and the literal positions the parser must confirm.
#[derive(Debug, Default)]
pub struct Plan {
    /// Insides of cold blocks (between the braces), in source order, not nested.
    pub blanks: Vec<Range<usize>>,
    /// Where each string, template and regex literal outside the blanks starts.
    pub literal_starts: Vec<usize>,
    /// Top-level names declared with something that could fold to a string (`var A = "…"`,
    /// `const B = A + …`): a superset of the constants extraction will fold.
    pub const_candidates: Vec<String>,
    /// Names bound in a nested scope somewhere: never constants, whatever the top level says.
    pub bound_in_nested: HashSet<Vec<u8>>,
    /// `is_hot`'s verdict on each literal piece, in source order, to replay in a second pass.
    pub verdicts: Vec<bool>,
}

impl Plan {
    pub fn blanked_bytes(&self) -> usize {
        self.blanks.iter().map(|r| r.len()).sum()
    }

    /// The source with every blank filled with spaces (line breaks kept).
    pub fn apply(&self, source: &str) -> String {
        fill(source, &self.blanks)
    }
}

fn fill(source: &str, ranges: &[Range<usize>]) -> String {
    let mut bytes = source.as_bytes().to_vec();
    for r in ranges {
        // Spaces between line breaks, which stay (a lone CR or LF counts for positions).
        let mut at = r.start;
        while at < r.end {
            let stop = memchr::memchr2(b'\n', b'\r', &bytes[at..r.end]).map_or(r.end, |k| at + k);
            bytes[at..stop].fill(b' ');
            at = stop + 1;
        }
    }
    // Whole UTF-8 sequences are replaced (blanks run between ASCII braces), so this holds.
    String::from_utf8(bytes).expect("blanking replaces whole characters")
}

/// Calls that build a string from other values: a block calling one is never skipped.
fn is_builder(word: &[u8]) -> bool {
    matches!(word, b"atob" | b"fromCharCode" | b"fromCodePoint" | b"join" | b"concat" | b"Buffer")
}

/// The file's constants, with a cheap test that rules out most names before hashing.
pub struct HotNames<'a> {
    names: HashSet<&'a str>,
    lengths: u64,
    first_bytes: [bool; 256],
}

impl<'a> HotNames<'a> {
    pub fn new(names: impl IntoIterator<Item = &'a str>) -> Self {
        let names: HashSet<&str> = names.into_iter().collect();
        let mut lengths = 0u64;
        let mut first_bytes = [false; 256];
        for n in &names {
            lengths |= 1 << n.len().min(63);
            first_bytes[n.as_bytes().first().copied().unwrap_or(0) as usize] = true;
        }
        HotNames { names, lengths, first_bytes }
    }

    pub(super) fn contains(&self, word: &[u8]) -> bool {
        !self.names.is_empty()
            && self.lengths & (1 << word.len().min(63)) != 0
            && self.first_bytes[word[0] as usize]
            && std::str::from_utf8(word).is_ok_and(|w| self.names.contains(w))
    }
}

/// Lexes `source` and plans which blocks to blank. `is_hot` judges a literal's decoded value
/// (the caller passes what detection could find: the prefilter knows no rule); a block that
/// mentions one of `hot_names` (the file's folded constants) is kept too, and so is one that
/// binds one of `hot_bindings`. `replay` gives the verdicts of an earlier pass over the same
/// source, in order. `None` means the planner cannot vouch for this input; parse all of it.
pub fn plan(
    source: &str,
    is_hot: &mut dyn FnMut(&str) -> bool,
    hot_names: &HotNames,
    hot_bindings: &HotNames,
    replay: Option<&[bool]>,
) -> Option<Plan> {
    planner::Planner::new(source, is_hot, hot_names, hot_bindings, replay).run()
}
