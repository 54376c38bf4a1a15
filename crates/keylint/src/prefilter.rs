//! Finds the blocks of a script that cannot hold a finding, so the parser can skip them.
//!
//! Parsing is what a scan costs: swc reads minified bundles at 15–35 MB/s, a byte pass runs at
//! hundreds of MB/s, and most of a bundle is code without a string worth judging. One pass of a
//! small lexer over the bytes finds every `{…}` block (function body, object, class body…) whose
//! inside is *cold*: no string that some rule could match in some context this file offers, and
//! no way to build a string from pieces there (a `+` next to a literal, a literal or number in a
//! template hole, `atob`, `fromCharCode`, `join`, `concat`, `Buffer`). The inside of each cold
//! block is replaced with spaces: `{ }` is valid wherever `{…}` was, and every offset stays the
//! same, so the findings of the rest are found at the same places with the same context (a
//! value's context comes from the blocks around it, which are not cold when it is hot).
//!
//! The lexer only has to agree with the parser, and the caller checks that it did: every string,
//! template and regex literal the parser sees outside the blanks must start where the lexer saw
//! one, and the other way round; names of folded constants must not occur in the blanks. On any
//! disagreement, or input the lexer does not follow (JSX, escapes in names, unterminated tokens),
//! the caller parses the whole file, so the prefilter can cost time but never a finding.

use std::collections::HashSet;
use std::ops::Range;

/// What to blank, and the literal positions the parser must confirm.
#[derive(Debug, Default)]
pub struct Plan {
    /// Insides of cold blocks (between the braces), in source order, not nested.
    pub blanks: Vec<Range<usize>>,
    /// Where each string, template and regex literal outside the blanks starts.
    pub literal_starts: Vec<usize>,
    /// Insides of the outermost blocks, hot or cold: blanking them all leaves the top-level
    /// statements, enough to learn the file's constants cheaply.
    pub top_blocks: Vec<Range<usize>>,
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

    /// The source with only its top-level statements left.
    pub fn skeleton(&self, source: &str) -> String {
        fill(source, &self.top_blocks)
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

/// Words after which a `/` starts a regular expression rather than a division.
fn before_expression(word: &[u8]) -> bool {
    matches!(
        word,
        b"return"
            | b"typeof"
            | b"instanceof"
            | b"in"
            | b"of"
            | b"new"
            | b"delete"
            | b"void"
            | b"throw"
            | b"case"
            | b"do"
            | b"else"
            | b"yield"
            | b"await"
    )
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

    fn contains(&self, word: &[u8]) -> bool {
        !self.names.is_empty()
            && self.lengths & (1 << word.len().min(63)) != 0
            && self.first_bytes[word[0] as usize]
            && std::str::from_utf8(word).is_ok_and(|w| self.names.contains(w))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// Start of input, an operator or punctuation: an expression may follow (`/` is a regex).
    Operator,
    /// An operand just ended (`/` divides).
    Operand,
}

struct Frame {
    open: usize,
    /// `${` of a template rather than a block.
    template_hole: bool,
    hot: bool,
    cold_children: Vec<Range<usize>>,
}

/// Lexes `source` and plans which blocks to blank. `is_hot` judges a literal's decoded value;
/// a block that mentions one of `hot_names` (the file's folded constants) is kept too.
/// `None` means the lexer cannot vouch for this input; parse all of it.
pub fn plan(
    source: &str,
    is_hot: &mut dyn FnMut(&str) -> bool,
    hot_names: &HotNames,
    replay: Option<&[bool]>,
) -> Option<Plan> {
    let mut lexer = Lexer {
        src: source.as_bytes(),
        text: source,
        i: 0,
        is_hot,
        hot_names,
        replay: replay.map(|r| r.iter()),
        frames: Vec::new(),
        plan: Plan::default(),
    };
    lexer.run()?;
    Some(lexer.plan)
}

struct Lexer<'s, 'h> {
    src: &'s [u8],
    text: &'s str,
    i: usize,
    is_hot: &'h mut dyn FnMut(&str) -> bool,
    hot_names: &'h HotNames<'h>,
    /// Verdicts of an earlier pass over the same source, in order: the literals are the same.
    replay: Option<std::slice::Iter<'h, bool>>,
    frames: Vec<Frame>,
    plan: Plan,
}

impl Lexer<'_, '_> {
    fn run(&mut self) -> Option<()> {
        let src = self.src;
        self.frames.push(Frame { open: 0, template_hole: false, hot: false, cold_children: Vec::new() });
        let mut prev = Prev::Operator;
        // `after_string`: the last operand was a string, template or number (kept through `)`);
        // `after_plus`: the last token was a `+` after such an operand (kept through `(`).
        // Only a static operand on both sides of a `+` builds a string no literal shows whole:
        // `"Error: " + e` just uses the literal, which is judged on its own.
        let mut after_plus = false;
        let mut after_string = false;
        // Whether each open `(` follows `if`/`for`/`while`/`with`, and whether the last token
        // was one of those words.
        let mut parens: Vec<bool> = Vec::new();
        let mut after_control = false;
        let mut after_dot = false;
        if src.starts_with(b"#!") {
            self.i = memchr::memchr(b'\n', src).unwrap_or(src.len());
        }
        while self.i < src.len() {
            let c = src[self.i];
            if !matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'(' | b'/') {
                after_control = false;
            }
            let member = after_dot;
            if !matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
                // The `.` (or `?.`) of a member access; not a number's, not a spread's `...`.
                let single_dot = c == b'.'
                    && !src.get(self.i + 1).is_some_and(|&n| n == b'.' || n.is_ascii_digit())
                    && !(self.i > 0 && src[self.i - 1] == b'.');
                after_dot = single_dot || (c == b'?' && src.get(self.i + 1) == Some(&b'.'));
            }
            match c {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => {
                    // Indentation is most of a readable bundle: skip it in one go.
                    self.i += 1;
                    while self.i < src.len() && matches!(src[self.i], b' ' | b'\t' | b'\n' | b'\r') {
                        self.i += 1;
                    }
                }
                b'/' if src.get(self.i + 1) == Some(&b'/') => self.skip_line_comment(),
                b'/' if src.get(self.i + 1) == Some(&b'*') => {
                    let end = memchr::memmem::find(&src[self.i + 2..], b"*/")?;
                    self.i += 2 + end + 2;
                }
                b'/' if prev == Prev::Operator => {
                    self.regex()?;
                    prev = Prev::Operand;
                    (after_plus, after_string) = (false, false);
                }
                b'\'' | b'"' => {
                    let start = self.i;
                    let hot = self.string(c)?;
                    self.plan.literal_starts.push(start);
                    if hot || after_plus || self.innermost().template_hole {
                        self.mark_hot();
                    }
                    prev = Prev::Operand;
                    (after_plus, after_string) = (false, true);
                }
                b'`' => {
                    self.plan.literal_starts.push(self.i);
                    self.i += 1;
                    if after_plus || self.innermost().template_hole {
                        self.mark_hot();
                    }
                    (prev, after_string) = template_end(self.template_chunk()?);
                    after_plus = false;
                }
                c if c.is_ascii_digit() || (c == b'.' && src.get(self.i + 1).is_some_and(u8::is_ascii_digit)) => {
                    self.number();
                    if after_plus || self.innermost().template_hole {
                        self.mark_hot();
                    }
                    prev = Prev::Operand;
                    (after_plus, after_string) = (false, true);
                }
                b'{' => {
                    self.frames.push(Frame {
                        open: self.i,
                        template_hole: false,
                        hot: false,
                        cold_children: Vec::new(),
                    });
                    self.i += 1;
                    prev = Prev::Operator;
                    (after_plus, after_string) = (false, false);
                }
                b'}' => {
                    let hole = self.close()?;
                    self.i += 1;
                    if hole {
                        // Back inside the template whose `${` this closes.
                        (prev, after_string) = template_end(self.template_chunk()?);
                        after_plus = false;
                    } else {
                        // A block's end: a statement, maybe a regex, may follow.
                        prev = Prev::Operator;
                        (after_plus, after_string) = (false, false);
                    }
                }
                b'(' => {
                    // `"a" + ("b")` folds through parentheses: keep `after_plus`.
                    parens.push(after_control);
                    after_control = false;
                    self.i += 1;
                    prev = Prev::Operator;
                    after_string = false;
                }
                b')' => {
                    // After `if (…)`, `for (…)`, `while (…)` a statement starts: `/` is a regex.
                    let control = parens.pop()?;
                    self.i += 1;
                    prev = if control { Prev::Operator } else { Prev::Operand };
                    // `("a") + b`: keep `after_string`.
                    after_plus = false;
                }
                b']' => {
                    self.i += 1;
                    prev = Prev::Operand;
                    after_plus = false;
                }
                b'+' => {
                    if src.get(self.i + 1) == Some(&b'+') {
                        self.i += 2;
                        prev = Prev::Operand;
                        (after_plus, after_string) = (false, false);
                    } else {
                        self.i += 1;
                        prev = Prev::Operator;
                        (after_plus, after_string) = (after_string, false);
                    }
                }
                b'-' if src.get(self.i + 1) == Some(&b'-') => {
                    self.i += 2;
                    prev = Prev::Operand;
                    (after_plus, after_string) = (false, false);
                }
                b'<' | b'>' if matches!(src.get(self.i + 1), Some(b'<' | b'>' | b'=')) => {
                    // `<<`, `>>>=`, `<=`…: operators, never the start of JSX.
                    while matches!(src.get(self.i), Some(b'<' | b'>' | b'=')) {
                        self.i += 1;
                    }
                    prev = Prev::Operator;
                    (after_plus, after_string) = (false, false);
                }
                b'<' if prev == Prev::Operator
                    && src.get(self.i + 1).is_some_and(|&n| n == b'>' || n == b'/' || is_ident_start(n)) =>
                {
                    // Where an expression starts, `<x` is JSX (or a TypeScript cast): not ours.
                    return None;
                }
                c if is_ident_start(c) || c == b'#' || c == b'\\' => {
                    let start = self.i;
                    // A name spelled with `\u` escapes could be any name (`\u0061tob`): hot.
                    let mut escaped = false;
                    if c == b'#' {
                        self.i += 1;
                    }
                    while self.i < src.len() && (is_ident_part(src[self.i]) || src[self.i] == b'\\') {
                        if src[self.i] == b'\\' {
                            escaped = true;
                            if src.get(self.i + 1) != Some(&b'u') {
                                return None;
                            }
                            self.i += 2;
                            if src.get(self.i) == Some(&b'{') {
                                self.i += memchr::memchr(b'}', &src[self.i..])? + 1;
                            }
                            continue;
                        }
                        self.i += 1;
                    }
                    if escaped {
                        self.mark_hot();
                    }
                    let word = &src[start..self.i];
                    // `x.name` is a property, never the constant `name`.
                    if is_builder(word) || (!member && self.hot_names.contains(word)) {
                        self.mark_hot();
                    }
                    prev = if before_expression(word) { Prev::Operator } else { Prev::Operand };
                    (after_plus, after_string) = (false, false);
                    after_control = matches!(word, b"if" | b"for" | b"while" | b"with");
                    continue;
                }
                _ => {
                    self.i += 1;
                    prev = Prev::Operator;
                    (after_plus, after_string) = (false, false);
                }
            }
        }
        if self.frames.len() != 1 {
            return None; // an unclosed block or template
        }
        let top = self.frames.pop().expect("the file's own frame");
        self.plan.blanks.extend(top.cold_children);
        self.plan.blanks.sort_by_key(|r| r.start);
        let blanks = &self.plan.blanks;
        let mut next = 0;
        self.plan.literal_starts.retain(|&s| {
            while next < blanks.len() && blanks[next].end <= s {
                next += 1;
            }
            !(next < blanks.len() && blanks[next].contains(&s))
        });
        Some(())
    }

    fn innermost(&mut self) -> &mut Frame {
        self.frames.last_mut().expect("the file's own frame is never popped")
    }

    fn mark_hot(&mut self) {
        self.innermost().hot = true;
    }

    /// Closes the innermost frame at `self.i` (a `}`); says whether it was a template hole.
    fn close(&mut self) -> Option<bool> {
        if self.frames.len() < 2 {
            return None; // a `}` without its `{`
        }
        let frame = self.frames.pop().expect("checked above");
        let close = self.i;
        let parent = self.frames.last_mut().expect("checked above");
        if frame.hot {
            parent.hot = true;
            self.plan.blanks.extend(frame.cold_children);
        } else if frame.template_hole {
            parent.cold_children.extend(frame.cold_children);
        } else if close > frame.open + 1 {
            parent.cold_children.push(frame.open + 1..close);
        }
        if self.frames.len() == 1 && !frame.template_hole && close > frame.open + 1 {
            self.plan.top_blocks.push(frame.open + 1..close);
        }
        Some(frame.template_hole)
    }

    fn skip_line_comment(&mut self) {
        while self.i < self.src.len() && !is_line_end(self.src, self.i) {
            self.i += 1;
        }
    }

    /// A regex literal at `self.i`: up to its closing `/` outside a class, then its flags.
    fn regex(&mut self) -> Option<()> {
        self.plan.literal_starts.push(self.i);
        let src = self.src;
        let mut i = self.i + 1;
        let mut in_class = false;
        loop {
            match *src.get(i)? {
                b'\\' => i += 1,
                b'[' => in_class = true,
                b']' => in_class = false,
                b'/' if !in_class => break,
                _ if is_line_end(src, i) => return None,
                _ => {}
            }
            i += 1;
        }
        i += 1;
        while i < src.len() && is_ident_part(src[i]) {
            i += 1;
        }
        self.i = i;
        Some(())
    }

    /// A string literal at `self.i`; says whether its value is hot.
    fn string(&mut self, quote: u8) -> Option<bool> {
        let src = self.src;
        let start = self.i + 1;
        let mut i = start;
        let mut escaped = false;
        loop {
            match *src.get(i)? {
                c if c == quote => break,
                b'\\' => {
                    escaped = true;
                    i += if src.get(i + 1) == Some(&b'\r') && src.get(i + 2) == Some(&b'\n') { 3 } else { 2 };
                    continue;
                }
                b'\n' | b'\r' => return None,
                _ => {}
            }
            i += 1;
        }
        self.i = i + 1;
        let raw = self.text.get(start..i)?;
        Some(self.judge(raw, escaped))
    }

    /// Template text from `self.i` to its closing backtick (true) or to a `${` (false, with a
    /// hole frame pushed). Each piece is judged as a value of its own.
    fn template_chunk(&mut self) -> Option<bool> {
        let src = self.src;
        let start = self.i;
        let mut i = start;
        let mut escaped = false;
        let closed = loop {
            match *src.get(i)? {
                b'`' => break true,
                b'$' if src.get(i + 1) == Some(&b'{') => break false,
                b'\\' => {
                    escaped = true;
                    i += 2;
                    continue;
                }
                _ => {}
            }
            i += 1;
        };
        let raw = self.text.get(start..i)?;
        if self.judge(raw, escaped) {
            self.mark_hot();
        }
        if closed {
            self.i = i + 1;
        } else {
            self.frames.push(Frame { open: i + 1, template_hole: true, hot: false, cold_children: Vec::new() });
            self.i = i + 2;
        }
        Some(closed)
    }

    fn judge(&mut self, raw: &str, escaped: bool) -> bool {
        if let Some(verdict) = self.replay.as_mut().and_then(Iterator::next) {
            self.plan.verdicts.push(*verdict);
            return *verdict;
        }
        let verdict =
            if !escaped { (self.is_hot)(raw) } else { unescape(raw).is_none_or(|value| (self.is_hot)(&value)) };
        self.plan.verdicts.push(verdict);
        verdict
    }

    fn number(&mut self) {
        let src = self.src;
        let hex = src[self.i..].starts_with(b"0x") || src[self.i..].starts_with(b"0X");
        self.i += 1;
        while self.i < src.len() {
            let c = src[self.i];
            let exponent_sign = !hex && (c == b'+' || c == b'-') && matches!(src[self.i - 1], b'e' | b'E');
            if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || exponent_sign {
                self.i += 1;
            } else {
                break;
            }
        }
    }
}

/// After a template piece: a closed template is an operand (a static one); a `${` opens an
/// expression.
fn template_end(closed: bool) -> (Prev, bool) {
    if closed {
        (Prev::Operand, true)
    } else {
        (Prev::Operator, false)
    }
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c == b'$' || c >= 0x80
}

fn is_ident_part(c: u8) -> bool {
    const PART: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            t[b] = c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80;
            b += 1;
        }
        t
    };
    PART[c as usize]
}

/// `\n`, `\r`, U+2028 or U+2029 at `i`.
fn is_line_end(src: &[u8], i: usize) -> bool {
    matches!(src[i], b'\n' | b'\r')
        || (src[i] == 0xe2 && src.get(i + 1) == Some(&0x80) && matches!(src.get(i + 2), Some(0xa8 | 0xa9)))
}

/// The value of a literal's text with JavaScript escapes; `None` for escapes it does not know
/// (the caller then treats the literal as hot).
pub fn unescape(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let e = chars.next()?;
        match e {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'v' => out.push('\u{b}'),
            '0' if !chars.peek().is_some_and(char::is_ascii_digit) => out.push('\0'),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
            }
            '\n' | '\u{2028}' | '\u{2029}' => {}
            'x' => {
                let hex: String = (0..2).filter_map(|_| chars.next()).collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            'u' => {
                let code = if chars.peek() == Some(&'{') {
                    chars.next();
                    let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                    u32::from_str_radix(&hex, 16).ok()?
                } else {
                    let hex: String = (0..4).filter_map(|_| chars.next()).collect();
                    u32::from_str_radix(&hex, 16).ok()?
                };
                // A lone surrogate has no `char`: the parser keeps it lossily; judge it hot.
                out.push(char::from_u32(code)?);
            }
            '1'..='9' => return None, // legacy octal
            other => out.push(other),
        }
    }
    Some(out)
}

/// Where the parser saw string, template and regex literals: what [`Plan::literal_starts`]
/// must equal for the blanked parse to be trusted.
pub fn parsed_literal_starts(program: &swc_ecma_ast::Program) -> Vec<usize> {
    use swc_ecma_ast::{Regex, Str, Tpl};
    use swc_ecma_visit::{Visit, VisitWith};
    struct Starts(Vec<usize>);
    impl Visit for Starts {
        // Every `Str`: values, property keys, module specifiers alike.
        fn visit_str(&mut self, s: &Str) {
            self.0.push(s.span.lo.0 as usize - 1);
        }
        fn visit_regex(&mut self, r: &Regex) {
            self.0.push(r.span.lo.0 as usize - 1);
        }
        fn visit_tpl(&mut self, tpl: &Tpl) {
            self.0.push(tpl.span.lo.0 as usize - 1);
            tpl.visit_children_with(self);
        }
    }
    let mut starts = Starts(Vec::new());
    program.visit_with(&mut starts);
    starts.0.sort_unstable();
    starts.0.dedup();
    starts.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blanked(src: &str, hot_word: &str) -> String {
        let plan = plan(src, &mut |v| v.contains(hot_word), &HotNames::new([]), None).expect("lexes");
        plan.apply(src)
    }

    #[test]
    fn blanks_cold_blocks_and_keeps_hot_ones() {
        let src = r#"function a(){return "plain text"}function b(){return "sk_live_x"}"#;
        assert_eq!(blanked(src, "sk_live"), r#"function a(){                   }function b(){return "sk_live_x"}"#);
    }

    #[test]
    fn a_hot_block_keeps_its_parents_but_blanks_cold_siblings() {
        let src =
            r#"!function(){var o={a:function(){return 1}};f({k:"sk_live_x"},function(){g({k:"sk_live_y"});h()})}()"#;
        assert_eq!(
            blanked(src, "sk_live"),
            r#"!function(){var o={                      };f({k:"sk_live_x"},function(){g({k:"sk_live_y"});h()})}()"#
        );
    }

    #[test]
    fn builders_and_concatenation_with_literals_are_hot() {
        for src in [
            r#"function f(){return "sk_li"+"ve"}"#,
            r#"function f(){return "a"+("b")}"#,
            r#"function f(){return (x+"a")+"b"}"#,
            r#"function f(){return "abc"+1}"#,
            r#"function f(){return atob(x)}"#,
            r#"function f(){return [a,b].join("")}"#,
            r#"function f(){return String.fromCharCode(115)}"#,
            r#"function f(){return `a${1}b`}"#,
            r#"function f(){return `a${"b"}c`}"#,
            r#"function f(){return \u0061tob(x)}"#,
            r#"function f(){return \u{61}tob(x)}"#,
        ] {
            assert_eq!(blanked(src, "never"), src, "{src}");
        }
        // One static operand next to a run-time one builds nothing new: the literal is judged.
        let body = r#"return "Error: "+e"#;
        assert_eq!(
            blanked(&format!("function f(){{{body}}}"), "never"),
            format!("function f(){{{}}}", " ".repeat(body.len()))
        );
        // A hole with only names cannot fold (unless a name is a constant: the caller checks).
        assert_eq!(blanked("function f(){return `a${b}c`}", "never"), "function f(){               }");
    }

    #[test]
    fn regexes_comments_and_escapes_do_not_confuse_it() {
        let src = r#"function f(){return /["'{]/.test(x)/2}// "}
function g(){/* { */return "s\x6b_live"}"#;
        let out = blanked(src, "sk_live");
        assert_eq!(out.lines().next().unwrap(), format!("function f(){{{}}}// \"}}", " ".repeat(24)));
        assert!(out.ends_with(r#"function g(){/* { */return "s\x6b_live"}"#), "{out}");
    }

    #[test]
    fn gives_up_on_what_it_does_not_follow() {
        for src in ["let a = <div>{x}</div>", "f('unterminated", "function f(){", "}", "`a${"] {
            assert!(plan(src, &mut |_| false, &HotNames::new([]), None).is_none(), "{src}");
        }
    }

    #[test]
    fn records_literal_starts_outside_blanks_only() {
        let src = r#"x("a");function f(){return "b"}y(/c/,`d`)"#;
        let p = plan(src, &mut |_| false, &HotNames::new([]), None).unwrap();
        let starts: Vec<&str> = p.literal_starts.iter().map(|&s| &src[s..s + 1]).collect();
        assert_eq!(starts, ["\"", "/", "`"]);
    }

    #[test]
    fn unescapes_like_javascript() {
        assert_eq!(unescape(r"a\x41\u0042\u{43}\n\'").as_deref(), Some("aABC\n'"));
        assert_eq!(unescape(r"\101"), None);
        assert_eq!(unescape(r"\ud800"), None);
    }
}
