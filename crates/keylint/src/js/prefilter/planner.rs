//! The walk over the tokens: a frame per open `{` or `${`, hot when something in it could
//! make a finding, cold blocks and statements collected for blanking.

use super::{is_builder, unescape, HotNames, Plan};
use crate::js::tokens::{Keyword, Kind, Token, Tokenizer};
use std::ops::Range;

pub(super) struct Frame {
    open: usize,
    /// `${` of a template rather than a block.
    pub(super) template_hole: bool,
    /// The body of a `switch`, which is no scope of its own.
    pub(super) switch_body: bool,
    /// Parentheses open around this frame (a `(` inside it raises the count).
    pub(super) parens_at_open: usize,
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
pub(super) enum Paren {
    /// `switch (`: a statement (the body) follows its `)`.
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
fn continues_statement(keyword: Option<Keyword>) -> bool {
    matches!(keyword, Some(Keyword::Else | Keyword::While | Keyword::Catch | Keyword::Finally))
}

pub(super) struct Planner<'s, 'h> {
    pub(super) src: &'s [u8],
    text: &'s str,
    /// Where the token being planned starts (its end, for a name).
    pub(super) i: usize,
    is_hot: &'h mut dyn FnMut(&str) -> bool,
    hot_names: &'h HotNames<'h>,
    /// Names whose bindings in nested scopes must stay: each one disqualifies a top-level name
    /// from being a constant, and a parse that did not see it would fold that name.
    pub(super) hot_bindings: &'h HotNames<'h>,
    /// Verdicts of an earlier pass over the same source, in order: the literals are the same.
    replay: Option<std::slice::Iter<'h, bool>>,
    pub(super) frames: Vec<Frame>,
    pub(super) plan: Plan,
    /// `[` open anywhere: a parameter list's own names sit at the depth its `(` saw.
    pub(super) brackets: usize,
}

impl<'s, 'h> Planner<'s, 'h> {
    pub(super) fn new(
        source: &'s str,
        is_hot: &'h mut dyn FnMut(&str) -> bool,
        hot_names: &'h HotNames<'h>,
        hot_bindings: &'h HotNames<'h>,
        replay: Option<&'h [bool]>,
    ) -> Self {
        Planner {
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
        }
    }

    /// A significant token starts at `self.i` at its frame's own level (`level`): open a
    /// segment if none is.
    fn segment_token(&mut self, level: bool, token: &Token) {
        let frame = self.frames.last_mut().expect("the file's own frame is never popped");
        if !level || frame.template_hole || frame.segment.start.is_some() {
            return;
        }
        let keyword = match token.kind {
            Kind::Name { keyword, .. } => keyword,
            _ => None,
        };
        if let Some((range, children)) = frame.pending.take() {
            if continues_statement(keyword) {
                frame.cold_children.extend(children);
            } else {
                frame.cold_children.push(range);
            }
        }
        let quote = matches!(token.kind, Kind::String { .. } | Kind::Template { .. });
        // A `case` label carries the statements after it: keep it.
        let module = matches!(keyword, Some(Keyword::Import | Keyword::Export | Keyword::Case | Keyword::Default));
        frame.segment = Segment {
            start: Some(token.start),
            hot: false,
            eligible: !quote && !module && !continues_statement(keyword),
        };
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

    pub(super) fn run(mut self) -> Option<Plan> {
        let src = self.src;
        self.frames.push(Frame::new(0, false, false, 0));
        // `after_string`: the last operand was a string, template or number (kept through `)`);
        // `after_plus`: the last token was a `+` after such an operand (kept through `(`).
        // Only a static operand on both sides of a `+` builds a string no literal shows whole:
        // `"Error: " + e` just uses the literal, which is judged on its own.
        let mut after_plus = false;
        let mut after_string = false;
        // What each open `(` belongs to, and how the last `)` opened.
        let mut parens: Vec<Paren> = Vec::new();
        let mut closed = Paren::Other;
        // The keywords of the last two names (for `function f(` and `switch (`), whether the
        // last token was a name, or a `)`, and whether it was the `.` of a member access.
        let mut last_keywords: [Option<Keyword>; 2] = [None, None];
        let mut last_was_name = false;
        let mut last_was_close_paren = false;
        let mut after_dot = false;
        // Where a top-level `var`/`let`/`const` stands: a name after it or after one of its
        // commas is a declarator.
        let mut declaration = Declaration::Outside;
        for token in Tokenizer::new(src) {
            let c = src[token.start];
            match token.kind {
                Kind::Comment => continue,
                Kind::Unterminated | Kind::Invalid => return None,
                _ => {}
            }
            self.i = token.start;
            let at_top = self.frames.len() == 1 && parens.is_empty();
            let level = parens.len() == self.frames.last().map_or(0, |f| f.parens_at_open);
            self.segment_token(level, &token);
            if at_top {
                declaration = match (declaration, c) {
                    (Declaration::Outside, _) | (_, b';') => Declaration::Outside,
                    (_, b',') => Declaration::ExpectName,
                    // A destructuring pattern or anything else: no plain name to note.
                    (Declaration::ExpectName, _) if !matches!(token.kind, Kind::Name { .. }) => Declaration::Inside,
                    (d, _) => d,
                };
            }
            let member = after_dot;
            // The `.` (or `?.`) of a member access; not a number's, not a spread's `...`.
            after_dot = token.is(src, b".") || token.is(src, b"?.");
            let was_name = std::mem::replace(&mut last_was_name, false);
            let was_close_paren = std::mem::replace(&mut last_was_close_paren, false);
            match token.kind {
                Kind::Regex => {
                    // A regex is no value, but one the parser rejects sends its line to the
                    // text scan: one whose text could hold a finding stays.
                    if self.judge(token.start + 1..token.end, false)? {
                        self.mark_hot();
                    }
                    self.plan.literal_starts.push(token.start);
                    (after_plus, after_string) = (false, false);
                }
                Kind::String { escaped } => {
                    let hot = self.judge(token.inside(), escaped)?;
                    self.plan.literal_starts.push(token.start);
                    if hot || after_plus || self.innermost().template_hole {
                        self.mark_hot();
                    }
                    (after_plus, after_string) = (false, true);
                }
                Kind::Template { continues, opens_hole, escaped } => {
                    if continues {
                        // The `}` closing a hole: the tokenizer and the frames must agree.
                        if !self.close()? {
                            return None;
                        }
                    } else {
                        self.plan.literal_starts.push(token.start);
                        if after_plus || self.innermost().template_hole {
                            self.mark_hot();
                        }
                    }
                    // Each piece of text is judged as a value of its own.
                    if self.judge(token.inside(), escaped)? {
                        self.mark_hot();
                    }
                    if opens_hole {
                        self.frames.push(Frame::new(token.end - 1, true, false, 0));
                    }
                    // A closed template is an operand (a static one); a `${` opens an expression.
                    (after_plus, after_string) = (false, !opens_hole);
                }
                Kind::Number => {
                    if after_plus || self.innermost().template_hole {
                        self.mark_hot();
                    }
                    (after_plus, after_string) = (false, true);
                }
                Kind::Name { keyword, escaped } => {
                    self.i = token.end;
                    // A name spelled with `\u` escapes could be any name (`\u0061tob`): hot.
                    let word = token.text(src);
                    // `x.name` is a property, never the constant `name`.
                    // A sink (`importKey`, `createHmac`, …) says its argument is a key: keep the call.
                    if escaped
                        || is_builder(word)
                        || crate::js::sinks::is_sink_name(word)
                        || (!member
                            && self.hot_names.contains(word)
                            && !super::bindings::is_key(src, token.start, token.end))
                    {
                        self.mark_hot();
                    }
                    if member {
                        // `a.function(x)` is a call, not a parameter list.
                        last_keywords = [None, None];
                    } else {
                        self.note_binding(word, token.start, &parens, last_keywords[0]);
                        last_keywords = [keyword, last_keywords[0]];
                    }
                    if at_top && !member {
                        if matches!(keyword, Some(Keyword::Var | Keyword::Let | Keyword::Const)) {
                            declaration = Declaration::ExpectName;
                        } else if declaration == Declaration::ExpectName {
                            self.note_declarator(word);
                            declaration = Declaration::Inside;
                        }
                    }
                    last_was_name = !member;
                    (after_plus, after_string) = (false, false);
                }
                _ if c == b'{' => {
                    // `switch (x) {`: its `var`s are not in a nested scope (no block there).
                    let switch_body = closed == Paren::Switch && was_close_paren;
                    self.frames.push(Frame::new(token.start, false, switch_body, parens.len()));
                    (after_plus, after_string) = (false, false);
                }
                _ if c == b'}' => {
                    // The tokenizer reads a hole's `}` as template text: this closes a block.
                    if self.close()? {
                        return None;
                    }
                    (after_plus, after_string) = (false, false);
                }
                _ if c == b'(' => {
                    // `"a" + ("b")` folds through parentheses: keep `after_plus`.
                    let function = last_keywords[0] == Some(Keyword::Function)
                        || (last_keywords[1] == Some(Keyword::Function) && was_name);
                    parens.push(match () {
                        _ if was_name && last_keywords[0] == Some(Keyword::Switch) => Paren::Switch,
                        _ if function => Paren::Params(self.brackets),
                        _ => Paren::Other,
                    });
                    after_string = false;
                }
                _ if c == b')' => {
                    closed = parens.pop()?;
                    last_was_close_paren = true;
                    // `("a") + b`: keep `after_string`.
                    after_plus = false;
                }
                _ if c == b'[' => {
                    self.brackets += 1;
                    (after_plus, after_string) = (false, false);
                }
                _ if c == b']' => {
                    self.brackets = self.brackets.saturating_sub(1);
                    after_plus = false;
                }
                _ if token.is(src, b"+") => (after_plus, after_string) = (after_string, false),
                _ if token.is(src, b"<")
                    && token.expression_may_start
                    && src
                        .get(token.end)
                        .is_some_and(|&n| matches!(n, b'>' | b'/') || crate::js::tokens::is_ident_start(n)) =>
                {
                    // Where an expression starts, `<x` is JSX (or a TypeScript cast): not ours.
                    return None;
                }
                _ if c == b';' => {
                    if level {
                        self.segment_end();
                    }
                    (after_plus, after_string) = (false, false);
                }
                _ => (after_plus, after_string) = (false, false),
            }
        }
        self.finish()
    }

    /// The end of input: every block and template must be closed.
    fn finish(mut self) -> Option<Plan> {
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
        Some(self.plan)
    }

    fn innermost(&mut self) -> &mut Frame {
        self.frames.last_mut().expect("the file's own frame is never popped")
    }

    pub(super) fn mark_hot(&mut self) {
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

    /// `is_hot`'s verdict on the literal text at `raw` (or the earlier pass's, replayed).
    fn judge(&mut self, raw: Range<usize>, escaped: bool) -> Option<bool> {
        let raw = self.text.get(raw)?;
        if let Some(verdict) = self.replay.as_mut().and_then(Iterator::next) {
            self.plan.verdicts.push(*verdict);
            return Some(*verdict);
        }
        let verdict =
            if !escaped { (self.is_hot)(raw) } else { unescape(raw).is_none_or(|value| (self.is_hot)(&value)) };
        self.plan.verdicts.push(verdict);
        Some(verdict)
    }
}
