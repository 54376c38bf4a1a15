//! The names that decide which constants fold: top-level declarators whose value could fold,
//! and names bound again in a nested scope (which extraction disqualifies).

use super::planner::{Paren, Planner};
use crate::js::tokens::{is_ident_part, is_ident_start, Keyword};

impl Planner<'_, '_> {
    /// Names bound in a nested scope are never constants (extraction disqualifies them): a
    /// parameter of `function f(a, b)` or `a => …`, or `var`/`let`/`const` inside a block or
    /// function (not a `switch` body, which is no scope). Only sure cases are noted.
    pub(super) fn note_binding(&mut self, word: &[u8], start: usize, parens: &[Paren], last_keyword: Option<Keyword>) {
        let src = self.src;
        let before = byte_before(src, start);
        let after = next_byte_at(src, self.i);
        // Directly in the list: no `[` or `{` (a default value's array or object) opened since.
        let in_list_frame = self.frames.last().is_some_and(|f| parens.len() > f.parens_at_open);
        let param = parens.last() == Some(&Paren::Params(self.brackets))
            && in_list_frame
            && matches!(before, Some(b'(' | b','))
            && after.is_some_and(|k| matches!(src[k], b',' | b')' | b'='));
        let arrow = after.is_some_and(|k| src[k..].starts_with(b"=>"));
        let frame = self.frames.last().expect("the file's own frame is never popped");
        let nested = self.frames.len() > 1 && !frame.switch_body && !frame.template_hole;
        // `var x` itself (the word just before is the keyword), not `var {x}` or `var [x]`,
        // and not in a `for (…)` head.
        let declared = nested
            && matches!(last_keyword, Some(Keyword::Var | Keyword::Let | Keyword::Const))
            && before.is_some_and(is_ident_part)
            && parens.len() == frame.parens_at_open;
        if param || arrow || declared {
            // Bundles bind the same few names thousands of times: copy a name once.
            if !self.plan.bound_in_nested.contains(word) {
                self.plan.bound_in_nested.insert(word.to_vec());
            }
            if self.hot_bindings.contains(word) {
                self.mark_hot();
            }
        }
    }

    /// A top-level declarator's name at `self.i - name.len()`: a constant when its initializer
    /// folds to a string, which starts with a string, template, `(`, `[`, a name used bare or
    /// in a concatenation, or a call that folds (`atob`, `String.fromCharCode`, `Buffer`…).
    pub(super) fn note_declarator(&mut self, name: &[u8]) {
        let src = self.src;
        let skip = |k: usize| next_byte_at(src, k).unwrap_or(src.len());
        let eq = skip(self.i);
        // A comment in the way: assume the worst.
        if src.get(eq) == Some(&b'/') {
            self.plan.const_candidates.push(String::from_utf8_lossy(name).into_owned());
            return;
        }
        if src.get(eq) != Some(&b'=') || matches!(src.get(eq + 1), Some(b'=' | b'>')) {
            return;
        }
        let v = skip(eq + 1);
        let Some(&first) = src.get(v) else { return };
        let foldable = match first {
            b'"' | b'\'' | b'`' | b'/' | b'\\' => true,
            // `(a, b) => …` is a function, never a string; any other `(…)` may fold. Bundlers
            // declare their top-level helpers this way, under the one-letter names every
            // function of theirs also binds, so a false candidate here keeps most of a bundle.
            b'(' => match matching_bracket(src, v) {
                Some(close) => !src.get(skip(close + 1)..).is_some_and(|rest| rest.starts_with(b"=>")),
                None => true,
            },
            // An array folds only when joined: `[…].join("")`, `[…].reverse().join("")`.
            b'[' => match matching_bracket(src, v) {
                Some(close) => {
                    let after = skip(close + 1);
                    src.get(after) == Some(&b'.')
                        && matches!(src.get(after + 1..after + 5), Some(b"join" | b"reve" | b"conc"))
                }
                None => true,
            },
            c if is_ident_start(c) => {
                let end = (v..src.len()).find(|&k| !is_ident_part(src[k])).unwrap_or(src.len());
                let word = &src[v..end];
                let after = skip(end);
                // `A.concat(…)`, `A.split("").reverse().join("")` fold when `A` does.
                let method_end = (after + 1..src.len()).find(|&k| !is_ident_part(src[k])).unwrap_or(src.len());
                let folding_method = src.get(after) == Some(&b'.')
                    && matches!(
                        src.get(after + 1..method_end),
                        Some(b"concat" | b"join" | b"split" | b"reverse" | b"toString")
                    );
                matches!(word, b"atob" | b"String" | b"window" | b"self" | b"globalThis" | b"Buffer")
                    || folding_method
                    || matches!(src.get(after), None | Some(b',' | b';' | b'+' | b')' | b'}' | b'\\' | b'/'))
            }
            _ => false,
        };
        if foldable {
            self.plan.const_candidates.push(String::from_utf8_lossy(name).into_owned());
        }
    }
}

/// The `]` or `)` closing the `[` or `(` at `open`, skipping strings; `None` when unsure (then
/// the caller assumes the worst).
fn matching_bracket(src: &[u8], open: usize) -> Option<usize> {
    let (opening, closing) = if src.get(open) == Some(&b'(') { (b'(', b')') } else { (b'[', b']') };
    let mut depth = 0usize;
    let mut i = open;
    while i < src.len() {
        match src[i] {
            c if c == opening => depth += 1,
            c if c == closing => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            q @ (b'"' | b'\'') => {
                i += 1;
                while i < src.len() && src[i] != q {
                    if src[i] == b'\\' {
                        i += 1;
                    } else if src[i] == b'\n' {
                        return None;
                    }
                    i += 1;
                }
            }
            b'`' | b'/' => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// Whether the name at `start..end` is an object key or a label (`{k: …}`, `, k: …`): not a
/// use of a constant of that name. (`? k :` and `case k:` are uses.)
pub(super) fn is_key(src: &[u8], start: usize, end: usize) -> bool {
    let before = byte_before(src, start);
    let after = next_byte_at(src, end);
    matches!(before, Some(b'{' | b',')) && after.is_some_and(|k| src[k] == b':' && src.get(k + 1) != Some(&b':'))
}

/// The last byte before `at` that is not whitespace.
fn byte_before(src: &[u8], at: usize) -> Option<u8> {
    src[..at].iter().rposition(|c| !c.is_ascii_whitespace()).map(|k| src[k])
}

/// Where the first byte from `at` on that is not whitespace sits.
fn next_byte_at(src: &[u8], at: usize) -> Option<usize> {
    src[at..].iter().position(|c| !c.is_ascii_whitespace()).map(|k| at + k)
}
