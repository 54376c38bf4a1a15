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
//! Cold statements go the same way: a run of statements up to a `;` at its block's own level,
//! with nothing hot in it, becomes spaces (not an `import`/`export`, a directive, a `case`
//! label, or a statement an `else`/`while`/`catch`/`finally` continues).
//!
//! Constants fold wherever they are used, so the lexer notes the top-level names declared with
//! an initialiser that could fold (a superset of extraction's constants, minus names it sees
//! bound again in a nested scope, which extraction disqualifies), and a second pass keeps every
//! block and statement that mentions one outside a member access or an object key.
//!
//! The lexer only has to agree with the parser, and the caller checks that it did: every string,
//! template and regex literal the parser sees outside the blanks must start where the lexer saw
//! one, and the other way round. On any disagreement, or input the lexer does not follow (JSX,
//! unterminated tokens), the caller parses the whole file, so the prefilter can cost time but
//! never a finding.
//!
//! One difference is by design: a syntax error inside a skipped block or statement is not
//! seen, so such a file is read through its AST (minus the broken part) instead of falling
//! back to a text scan of the whole file. `--no-prefilter` restores the strict reading.

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
    /// The body of a `switch`, which is no scope of its own.
    switch_body: bool,
    /// Parentheses open around this frame (a `(` inside it raises the count).
    parens_at_open: usize,
    /// The statements being read at this frame's level.
    segment: Segment,
    /// A cold segment, blanked unless the next one continues its statement (`else`, `while`,
    /// `catch`, `finally`); with the cold blocks inside it, which it replaces.
    pending: Option<(Range<usize>, Vec<Range<usize>>)>,
    hot: bool,
    cold_children: Vec<Range<usize>>,
}

impl Frame {
    fn new(open: usize, template_hole: bool, switch_body: bool, parens_at_open: usize) -> Frame {
        Frame {
            open,
            template_hole,
            hot: false,
            cold_children: Vec::new(),
            switch_body,
            parens_at_open,
            segment: Segment::default(),
            pending: None,
        }
    }
}

/// Lexes `source` and plans which blocks to blank. `is_hot` judges a literal's decoded value;
/// a block that mentions one of `hot_names` (the file's folded constants) is kept too.
/// `None` means the lexer cannot vouch for this input; parse all of it.
pub fn plan(
    source: &str,
    is_hot: &mut dyn FnMut(&str) -> bool,
    hot_names: &HotNames,
    hot_bindings: &HotNames,
    replay: Option<&[bool]>,
) -> Option<Plan> {
    let mut lexer = Lexer {
        src: source.as_bytes(),
        text: source,
        i: 0,
        is_hot,
        hot_names,
        hot_bindings,
        replay: replay.map(|r| r.iter()),
        frames: Vec::new(),
        plan: Plan::default(),
        brackets: 0,
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
    /// Names whose bindings in nested scopes must stay: each one disqualifies a top-level name
    /// from being a constant, and a parse that did not see it would fold that name.
    hot_bindings: &'h HotNames<'h>,
    /// Verdicts of an earlier pass over the same source, in order: the literals are the same.
    replay: Option<std::slice::Iter<'h, bool>>,
    frames: Vec<Frame>,
    plan: Plan,
    /// `[` open anywhere: a parameter list's own names sit at the depth its `(` saw.
    brackets: usize,
}

/// A run of statements up to a `;` at its block's own level: blanked whole when cold.
#[derive(Default)]
struct Segment {
    start: Option<usize>,
    hot: bool,
    /// Not an `import`/`export` (the file must stay a module), not a directive or a string
    /// (`"use strict"` changes how the rest parses), not the tail of an earlier statement.
    eligible: bool,
}

/// What an open `(` belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Paren {
    /// `if (`, `for (`, `while (`, `with (`: a statement follows its `)`.
    Control,
    /// `switch (`: a statement (the body) follows too.
    Switch,
    /// `function f(`: the names directly in it are parameters (not those inside a default
    /// value's brackets, opened deeper than the count kept here).
    Params(usize),
    Other,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Declaration {
    Outside,
    ExpectName,
    Inside,
}

/// Words that continue the statement before them, so what precedes them is never blanked alone.
fn continues_statement(word: &[u8]) -> bool {
    matches!(word, b"else" | b"while" | b"catch" | b"finally")
}

impl Lexer<'_, '_> {
    /// A significant token starts at `self.i` at its frame's own level (`level`): open a
    /// segment if none is.
    fn segment_token(&mut self, level: bool) {
        let src = self.src;
        let frame = self.frames.last_mut().expect("the file's own frame is never popped");
        if !level || frame.template_hole || frame.segment.start.is_some() {
            return;
        }
        let word_end = (self.i..src.len()).find(|&k| !is_ident_part(src[k])).unwrap_or(src.len());
        let word = &src[self.i..word_end];
        if let Some((range, children)) = frame.pending.take() {
            if continues_statement(word) {
                frame.cold_children.extend(children);
            } else {
                frame.cold_children.push(range);
            }
        }
        let quote = matches!(src[self.i], b'"' | b'\'' | b'`');
        // A `case` label carries the statements after it: keep it.
        let module = matches!(word, b"import" | b"export" | b"case" | b"default");
        frame.segment =
            Segment { start: Some(self.i), hot: false, eligible: !quote && !module && !continues_statement(word) };
    }

    /// A `;` at `self.i` at its frame's own level ends the segment.
    fn segment_end(&mut self) {
        let at = self.i;
        let frame = self.frames.last_mut().expect("the file's own frame is never popped");
        let segment = std::mem::take(&mut frame.segment);
        let Some(start) = segment.start else { return };
        if segment.hot || !segment.eligible {
            return;
        }
        // The segment's cold blocks are inside it: it replaces them.
        let children = &mut frame.cold_children;
        let keep = children.iter().rposition(|r| r.start < start).map_or(0, |k| k + 1);
        let inner = children.split_off(keep);
        frame.pending = Some((start..at + 1, inner));
    }

    /// Names bound in a nested scope are never constants (extraction disqualifies them): a
    /// parameter of `function f(a, b)` or `a => …`, or `var`/`let`/`const` inside a block or
    /// function (not a `switch` body, which is no scope). Only sure cases are noted.
    fn note_binding(&mut self, word: &[u8], start: usize, parens: &[Paren], last_word: &[u8]) {
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
            && matches!(last_word, b"var" | b"let" | b"const")
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
    fn note_declarator(&mut self, name: &[u8]) {
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

    fn run(&mut self) -> Option<()> {
        let src = self.src;
        self.frames.push(Frame::new(0, false, false, 0));
        let mut prev = Prev::Operator;
        // `after_string`: the last operand was a string, template or number (kept through `)`);
        // `after_plus`: the last token was a `+` after such an operand (kept through `(`).
        // Only a static operand on both sides of a `+` builds a string no literal shows whole:
        // `"Error: " + e` just uses the literal, which is judged on its own.
        let mut after_plus = false;
        let mut after_string = false;
        // Whether each open `(` follows `if`/`for`/`while`/`with`, and whether the last token
        // was one of those words.
        let mut parens: Vec<Paren> = Vec::new();
        // The last two names seen (for `function f(` and `switch (`), and how the last `)` opened.
        let mut last_words: [&[u8]; 2] = [b"", b""];
        let mut closed = Paren::Other;
        let mut after_control = false;
        let mut after_dot = false;
        // Where a top-level `var`/`let`/`const` stands: a name after it or after one of its
        // commas is a declarator.
        let mut declaration = Declaration::Outside;
        if src.starts_with(b"#!") {
            self.i = memchr::memchr(b'\n', src).unwrap_or(src.len());
        }
        while self.i < src.len() {
            let c = src[self.i];
            let comment = c == b'/' && matches!(src.get(self.i + 1), Some(b'/' | b'*'));
            let at_top = self.frames.len() == 1 && parens.is_empty();
            let level = parens.len() == self.frames.last().map_or(0, |f| f.parens_at_open);
            if !matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) && !comment {
                self.segment_token(level);
                if at_top {
                    declaration = match (declaration, c) {
                        (Declaration::Outside, _) | (_, b';') => Declaration::Outside,
                        (_, b',') => Declaration::ExpectName,
                        // A destructuring pattern or anything else: no plain name to note.
                        (Declaration::ExpectName, c) if !is_ident_start(c) => Declaration::Inside,
                        (d, _) => d,
                    };
                }
            }
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
                    // `switch (x) {`: its `var`s are not in a nested scope (no block there).
                    let switch_body = closed == Paren::Switch && src[..self.i].trim_ascii_end().ends_with(b")");
                    self.frames.push(Frame::new(self.i, false, switch_body, parens.len()));
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
                    let function = last_words[0] == b"function" || last_words[1] == b"function";
                    parens.push(match () {
                        _ if prev == Prev::Operand && last_words[0] == b"switch" => Paren::Switch,
                        _ if after_control => Paren::Control,
                        _ if function && prev != Prev::Operator || last_words[0] == b"function" => {
                            Paren::Params(self.brackets)
                        }
                        _ => Paren::Other,
                    });
                    after_control = false;
                    self.i += 1;
                    prev = Prev::Operator;
                    after_string = false;
                }
                b')' => {
                    // After `if (…)`, `for (…)`, `while (…)` a statement starts: `/` is a regex.
                    closed = parens.pop()?;
                    self.i += 1;
                    prev =
                        if matches!(closed, Paren::Control | Paren::Switch) { Prev::Operator } else { Prev::Operand };
                    // `("a") + b`: keep `after_string`.
                    after_plus = false;
                }
                b'[' => {
                    self.brackets += 1;
                    self.i += 1;
                    prev = Prev::Operator;
                    (after_plus, after_string) = (false, false);
                }
                b']' => {
                    self.brackets = self.brackets.saturating_sub(1);
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
                    if is_builder(word)
                        || crate::sinks::is_sink_name(word)
                        || (!member && self.hot_names.contains(word) && !is_key(src, start, self.i))
                    {
                        self.mark_hot();
                    }
                    if member {
                        // `a.function(x)` is a call, not a parameter list.
                        last_words = [b"", b""];
                    } else {
                        self.note_binding(word, start, &parens, last_words[0]);
                        last_words = [word, last_words[0]];
                    }
                    if at_top && !member {
                        if matches!(word, b"var" | b"let" | b"const") {
                            declaration = Declaration::ExpectName;
                        } else if declaration == Declaration::ExpectName {
                            self.note_declarator(word);
                            declaration = Declaration::Inside;
                        }
                    }
                    prev = if before_expression(word) { Prev::Operator } else { Prev::Operand };
                    (after_plus, after_string) = (false, false);
                    after_control = matches!(word, b"if" | b"for" | b"while" | b"with");
                    continue;
                }
                b';' => {
                    if level {
                        self.segment_end();
                    }
                    self.i += 1;
                    prev = Prev::Operator;
                    (after_plus, after_string) = (false, false);
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
        let mut top = self.frames.pop().expect("the file's own frame");
        if let Some((range, _)) = top.pending.take() {
            top.cold_children.push(range);
        }
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
        let frame = self.innermost();
        frame.hot = true;
        frame.segment.hot = true;
    }

    /// Closes the innermost frame at `self.i` (a `}`); says whether it was a template hole.
    fn close(&mut self) -> Option<bool> {
        if self.frames.len() < 2 {
            return None; // a `}` without its `{`
        }
        let mut frame = self.frames.pop().expect("checked above");
        if let Some((range, _)) = frame.pending.take() {
            frame.cold_children.push(range);
        }
        let close = self.i;
        let parent = self.frames.last_mut().expect("checked above");
        if frame.hot {
            parent.hot = true;
            parent.segment.hot = true;
            self.plan.blanks.extend(frame.cold_children);
        } else if frame.template_hole {
            parent.cold_children.extend(frame.cold_children);
        } else if close > frame.open + 1 {
            parent.cold_children.push(frame.open + 1..close);
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
            self.frames.push(Frame::new(i + 1, true, false, 0));
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
fn is_key(src: &[u8], start: usize, end: usize) -> bool {
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
        let plan =
            plan(src, &mut |v| v.contains(hot_word), &HotNames::new([]), &HotNames::new([]), None).expect("lexes");
        plan.apply(src)
    }

    #[test]
    fn blanks_cold_blocks_and_keeps_hot_ones() {
        let src = r#"function a(){return "plain text"}function b(){return "sk_live_x"}"#;
        assert_eq!(blanked(src, "sk_live"), r#"function a(){                   }function b(){return "sk_live_x"}"#);
    }

    #[test]
    fn a_hot_block_keeps_its_parents_but_blanks_cold_siblings() {
        // (`var o={…};` is a cold statement of a hot function: it goes whole.)
        let src =
            r#"!function(){var o={a:function(){return 1}};f({k:"sk_live_x"},function(){g({k:"sk_live_y"});h()})}()"#;
        assert_eq!(
            blanked(src, "sk_live"),
            r#"!function(){                               f({k:"sk_live_x"},function(){g({k:"sk_live_y"});h()})}()"#
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
            assert!(plan(src, &mut |_| false, &HotNames::new([]), &HotNames::new([]), None).is_none(), "{src}");
        }
    }

    #[test]
    fn records_literal_starts_outside_blanks_only() {
        let src = r#"x("a");function f(){return "b"}y(/c/,`d`)"#;
        let p = plan(src, &mut |_| false, &HotNames::new([]), &HotNames::new([]), None).unwrap();
        let starts: Vec<&str> = p.literal_starts.iter().map(|&s| &src[s..s + 1]).collect();
        // `x("a");` is a cold statement, blanked whole; the rest has no `;` to end it.
        assert_eq!(starts, ["/", "`"]);
    }

    #[test]
    fn blanks_cold_top_level_statements_but_not_what_continues_them() {
        let out = blanked(r#"a(1);if(x)b();else c("sk_live_x");d();"#, "sk_live");
        assert_eq!(out, r#"     if(x)b();else c("sk_live_x");    "#);
        let out = blanked(r#""use strict";import a from "b";export{a};f(2);"#, "never");
        assert_eq!(out, r#""use strict";import a from "b";export{ };     "#);
    }

    #[test]
    fn notes_names_bound_in_nested_scopes_only_when_sure() {
        let src = r#"var {a}=o;function f(b,c=d,q=[r,s,t],u={v,w,y}){var e;for(let g of h);switch(x){case 1:var i}}
k=>1;(function(){let l=1})();m.function(n);(o)=>1;try{}catch(p){}"#;
        let p = plan(src, &mut |_| false, &HotNames::new([]), &HotNames::new([]), None).unwrap();
        let mut bound: Vec<String> =
            p.bound_in_nested.iter().map(|n| String::from_utf8_lossy(n).into_owned()).collect();
        bound.sort();
        // Not `a` (top-level pattern), `d`, `s` or `v` (in a default's value), `g` (a for head), `i` (a switch
        // body is no scope), `n` (a call), `o` or `p` (not detected: fine, just not pruned).
        assert_eq!(bound, ["b", "c", "e", "k", "l", "q", "u"]);
    }

    #[test]
    fn notes_top_level_names_that_could_be_constants() {
        let src = r#"var A="sk_",B=A+x,C={a:1},D=function(){},E=atob(y),F=2,I=J.k,L=M;G=[1].join("");o.H="z";
const N=(1,"x"),{P}=o,R=N.concat("z"),S=N.length,T=[1,"a"],U=["a",'b]'].join("");f(Q="y");
var V=(e,t)=>()=>t,W=(e=")")=>e,X=(Y)=>(Z),Z=(")"),K=(`x`);"#;
        let p = plan(src, &mut |_| false, &HotNames::new([]), &HotNames::new([]), None).unwrap();
        // Not `V`, `W` or `X`: arrow functions. `K`: unsure (a template in the parentheses).
        assert_eq!(p.const_candidates, ["A", "B", "E", "L", "N", "R", "U", "Z", "K"]);
    }

    #[test]
    fn unescapes_like_javascript() {
        assert_eq!(unescape(r"a\x41\u0042\u{43}\n\'").as_deref(), Some("aABC\n'"));
        assert_eq!(unescape(r"\101"), None);
        assert_eq!(unescape(r"\ud800"), None);
    }
}
