//! JavaScript's tokens, read from bytes without a parser: names (with their keyword), numbers,
//! strings, template pieces, regular expressions, comments and punctuation, each with its byte
//! span. The prefilter plans over them and the parser's depth estimate counts them.
//!
//! The one hard question of a JavaScript tokenizer is whether a `/` starts a regular expression
//! or divides. It is decided here, and only here, the way tokenizers that run ahead of a parser
//! decide it (acorn's token contexts, sweet.js's "read"): from the token before, and, after a
//! `}` or `)`, from a stack of what each bracket opened, decided when it opened. A `}` closing
//! a block statement, a function or class *declaration* ends a statement: a regex may follow. A
//! `}` closing an object literal, a function, class or arrow-function *expression* ends an
//! operand: `/` divides (swc reads `() => {} / x` as a division too). A `)` divides, except
//! after `if (…)`, `for (…)`, `while (…)` and `with (…)`, where a statement follows.
//!
//! Where the guess can be wrong (a `{` after `:` in an unusual place, code that is not
//! JavaScript), the prefilter's caller finds out: the parser must see every literal where the
//! tokenizer saw one.

/// Words that change how the tokens after them read, or that a consumer asks about. A name
/// after `.` or `?.` is a property, never a keyword.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keyword {
    Async,
    Await,
    Case,
    Catch,
    Class,
    Const,
    Default,
    Delete,
    Do,
    Else,
    Export,
    Finally,
    For,
    Function,
    If,
    Import,
    In,
    Instanceof,
    Let,
    New,
    Of,
    Return,
    Switch,
    Throw,
    Try,
    Typeof,
    Var,
    Void,
    While,
    With,
    Yield,
}

impl Keyword {
    fn of(word: &[u8]) -> Option<Keyword> {
        use Keyword::*;
        // Most names in a bundle are short or capitalised: rule them out before comparing.
        if !(2..=10).contains(&word.len()) || !word[0].is_ascii_lowercase() {
            return None;
        }
        Some(match word {
            b"async" => Async,
            b"await" => Await,
            b"case" => Case,
            b"catch" => Catch,
            b"class" => Class,
            b"const" => Const,
            b"default" => Default,
            b"delete" => Delete,
            b"do" => Do,
            b"else" => Else,
            b"export" => Export,
            b"finally" => Finally,
            b"for" => For,
            b"function" => Function,
            b"if" => If,
            b"import" => Import,
            b"in" => In,
            b"instanceof" => Instanceof,
            b"let" => Let,
            b"new" => New,
            b"of" => Of,
            b"return" => Return,
            b"switch" => Switch,
            b"throw" => Throw,
            b"try" => Try,
            b"typeof" => Typeof,
            b"var" => Var,
            b"void" => Void,
            b"while" => While,
            b"with" => With,
            b"yield" => Yield,
            _ => return None,
        })
    }

    /// An expression follows this word: a `/` after it starts a regex (`return /x/`).
    fn precedes_expression(self) -> bool {
        use Keyword::*;
        matches!(
            self,
            Return | Typeof | Instanceof | In | Of | New | Delete | Void | Throw | Case | Do | Else | Yield | Await
        )
    }

    /// A statement may follow this word (`else {`, `do {`, `try {`, `export function`).
    fn precedes_statement(self) -> bool {
        use Keyword::*;
        matches!(self, Else | Do | Try | Finally | Export | Default)
    }
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A name, `#private` name or keyword; `escaped` when spelled with a `\u` escape.
    Name {
        keyword: Option<Keyword>,
        escaped: bool,
    },
    Number,
    /// `'…'` or `"…"`; `escaped` when its text holds a backslash.
    String {
        escaped: bool,
    },
    /// A piece of template text: from a backtick (or the `}` closing a hole: `continues`) to
    /// the closing backtick (or a `${`: `opens_hole`).
    Template {
        continues: bool,
        opens_hole: bool,
        escaped: bool,
    },
    Regex,
    /// `//…`, `/*…*/`, or a `#!` line at the very start.
    Comment,
    /// Operators and brackets, the longest that applies (`>>>=`, `?.`, `=>`, `...`).
    Punct,
    /// A string, template, regex or block comment that the input ends (or a line breaks)
    /// before it closes.
    Unterminated,
    /// A `\` that starts no `\u` escape.
    Invalid,
}

/// A token and where it is: `start..end` in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// Whether an expression may start here (what decided that a `/` here is a regex): a `<`
    /// here would open JSX.
    pub expression_may_start: bool,
}

impl Token {
    /// The token's bytes.
    pub fn text<'s>(&self, src: &'s [u8]) -> &'s [u8] {
        &src[self.start..self.end]
    }

    /// The text inside a string's quotes or a template piece's delimiters.
    pub fn inside(&self) -> std::ops::Range<usize> {
        match self.kind {
            Kind::Template { opens_hole: true, .. } => self.start + 1..self.end - 2,
            Kind::String { .. } | Kind::Template { .. } => self.start + 1..self.end - 1,
            _ => self.start..self.end,
        }
    }

    /// Whether this is the punctuation `p` (exactly, not a longer operator).
    pub fn is(&self, src: &[u8], p: &[u8]) -> bool {
        self.kind == Kind::Punct && self.text(src) == p
    }
}

/// What an open bracket began, decided from the tokens before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Open {
    /// A block of statements: after its `}`, a statement (so a regex) may follow.
    Block,
    /// An object literal or pattern: its `}` ends an operand.
    Object,
    /// A function's or class's body; `statement` for a declaration.
    Body {
        statement: bool,
    },
    /// `${` in a template: its `}` goes back to template text.
    Hole,
    /// `(`; `control` after `if`, `for`, `while`, `with`.
    Paren {
        control: bool,
    },
    Bracket,
    /// After `function` or `class`, before its body opens.
    Function {
        statement: bool,
    },
}

/// The significant token before the current one, as far as the next one cares.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Other,
    /// `.` or `?.`: a name after it is a property.
    Dot,
    CloseParen,
    Arrow,
    /// `if`, `for`, `while`, `with`: their `(` is a statement's head.
    Control,
    /// `return` ending at this offset: a `{` on a later line is a block (no value returned).
    Return(usize),
    /// `async`, and whether a statement could start where it stood.
    Async {
        statement: bool,
    },
}

/// Yields the tokens of `src` in order, comments included, whitespace skipped. It never fails:
/// what it cannot read comes as [`Kind::Unterminated`] or [`Kind::Invalid`] and reading goes on.
pub struct Tokenizer<'s> {
    src: &'s [u8],
    at: usize,
    expression_may_start: bool,
    statement_may_start: bool,
    last: Last,
    /// What each open bracket began, with the `?` count outside it.
    stack: Vec<(Open, u32)>,
    /// `?` of conditionals waiting for their `:` at this bracket level.
    ternaries: u32,
}

impl<'s> Tokenizer<'s> {
    pub fn new(src: &'s [u8]) -> Self {
        Tokenizer {
            src,
            at: 0,
            expression_may_start: true,
            statement_may_start: true,
            last: Last::Other,
            stack: Vec::new(),
            ternaries: 0,
        }
    }

    fn push(&mut self, open: Open) {
        self.stack.push((open, self.ternaries));
        self.ternaries = 0;
    }

    fn pop(&mut self) -> Option<Open> {
        let (open, outside) = self.stack.pop()?;
        self.ternaries = outside;
        Some(open)
    }

    /// A `function`/`class` head that never got a body (a property named `function`): gone
    /// when the bracket around it closes.
    fn drop_heads(&mut self) {
        while matches!(self.stack.last(), Some((Open::Function { .. }, _))) {
            self.pop();
        }
    }

    fn top(&self) -> Option<Open> {
        self.stack.last().map(|&(open, _)| open)
    }

    fn token(&mut self, kind: Kind, start: usize, end: usize, expression_may_start: bool) -> Token {
        self.at = end;
        Token { kind, start, end, expression_may_start }
    }

    /// After an operand (a name, literal, `)` or `]`): an operator follows.
    fn operand(&mut self) {
        self.expression_may_start = false;
        self.statement_may_start = false;
    }

    fn name(&mut self, start: usize) -> Token {
        let src = self.src;
        let mut i = start + 1;
        let mut escaped = src[start] == b'\\';
        if escaped && !self.unicode_escape(start) {
            return self.token(Kind::Invalid, start, start + 1, self.expression_may_start);
        }
        if escaped {
            i = self.at;
        }
        loop {
            while i < src.len() && is_ident_part(src[i]) {
                i += 1;
            }
            if src.get(i) != Some(&b'\\') {
                break;
            }
            escaped = true;
            if !self.unicode_escape(i) {
                break;
            }
            i = self.at;
        }
        let expression = self.expression_may_start;
        let statement = self.statement_may_start;
        let word = &src[start..i];
        let keyword = if self.last == Last::Dot || escaped { None } else { Keyword::of(word) };
        self.operand();
        self.last = Last::Other;
        match keyword {
            Some(Keyword::Function | Keyword::Class) => {
                self.push(Open::Function { statement });
            }
            Some(Keyword::If | Keyword::For | Keyword::While | Keyword::With) => self.last = Last::Control,
            Some(Keyword::Return) => {
                self.expression_may_start = true;
                self.last = Last::Return(i);
            }
            Some(Keyword::Async) => self.last = Last::Async { statement },
            Some(k) => {
                self.expression_may_start = k.precedes_expression() || k.precedes_statement();
                self.statement_may_start = k.precedes_statement();
            }
            None => {}
        }
        self.token(Kind::Name { keyword, escaped }, start, i, expression)
    }

    /// A `\u` escape at `at` (`\u0061` or `\u{61}`): moves past it; false when it is none.
    fn unicode_escape(&mut self, at: usize) -> bool {
        let src = self.src;
        if src.get(at + 1) != Some(&b'u') {
            return false;
        }
        let mut i = at + 2;
        if src.get(i) == Some(&b'{') {
            match memchr::memchr(b'}', &src[i..]) {
                Some(k) => i += k + 1,
                None => return false,
            }
        } else {
            i = (i + 4).min(src.len());
        }
        self.at = i;
        true
    }

    fn number(&mut self, start: usize) -> Token {
        let src = self.src;
        let hex = src[start..].starts_with(b"0x") || src[start..].starts_with(b"0X");
        let mut i = start + 1;
        while i < src.len() {
            let c = src[i];
            let exponent_sign = !hex && (c == b'+' || c == b'-') && matches!(src[i - 1], b'e' | b'E');
            if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || exponent_sign {
                i += 1;
            } else {
                break;
            }
        }
        let expression = self.expression_may_start;
        self.operand();
        self.last = Last::Other;
        self.token(Kind::Number, start, i, expression)
    }

    fn string(&mut self, start: usize, quote: u8) -> Token {
        let src = self.src;
        let mut i = start + 1;
        let mut escaped = false;
        let expression = self.expression_may_start;
        self.operand();
        self.last = Last::Other;
        loop {
            match src.get(i) {
                None => return self.token(Kind::Unterminated, start, i, expression),
                Some(&c) if c == quote => break,
                Some(b'\\') => {
                    escaped = true;
                    i += if src.get(i + 1) == Some(&b'\r') && src.get(i + 2) == Some(&b'\n') { 3 } else { 2 };
                    i = i.min(src.len());
                }
                Some(b'\n' | b'\r') => return self.token(Kind::Unterminated, start, i, expression),
                Some(_) => i += 1,
            }
        }
        self.token(Kind::String { escaped }, start, i + 1, expression)
    }

    /// Template text from `start` (a backtick, or the `}` of a hole) to its end.
    fn template(&mut self, start: usize, continues: bool) -> Token {
        let src = self.src;
        let mut i = start + 1;
        let mut escaped = false;
        let expression = self.expression_may_start;
        self.last = Last::Other;
        loop {
            match memchr::memchr3(b'`', b'$', b'\\', &src[i.min(src.len())..]) {
                None => {
                    self.operand();
                    return self.token(Kind::Unterminated, start, src.len(), expression);
                }
                Some(k) => i += k,
            }
            match src[i] {
                b'`' => {
                    self.operand();
                    let kind = Kind::Template { continues, opens_hole: false, escaped };
                    return self.token(kind, start, i + 1, expression);
                }
                b'$' if src.get(i + 1) == Some(&b'{') => {
                    self.push(Open::Hole);
                    self.expression_may_start = true;
                    self.statement_may_start = false;
                    let kind = Kind::Template { continues, opens_hole: true, escaped };
                    return self.token(kind, start, i + 2, expression);
                }
                b'\\' => {
                    escaped = true;
                    i += 2;
                }
                _ => i += 1,
            }
        }
    }

    fn regex(&mut self, start: usize) -> Token {
        let src = self.src;
        let mut i = start + 1;
        let mut in_class = false;
        let expression = self.expression_may_start;
        self.operand();
        self.last = Last::Other;
        loop {
            if i >= src.len() || is_line_end(src, i) {
                return self.token(Kind::Unterminated, start, i.min(src.len()), expression);
            }
            match src[i] {
                b'\\' if src.get(i + 1).is_some() && !is_line_end(src, i + 1) => i += 1,
                b'[' => in_class = true,
                b']' => in_class = false,
                b'/' if !in_class => break,
                _ => {}
            }
            i += 1;
        }
        i += 1;
        while i < src.len() && is_ident_part(src[i]) {
            i += 1;
        }
        self.token(Kind::Regex, start, i, expression)
    }

    fn comment(&mut self, start: usize) -> Token {
        let src = self.src;
        let expression = self.expression_may_start;
        if src[start + 1] == b'*' {
            return match memchr::memmem::find(&src[start + 2..], b"*/") {
                Some(k) => self.token(Kind::Comment, start, start + 2 + k + 2, expression),
                None => self.token(Kind::Unterminated, start, src.len(), expression),
            };
        }
        let mut i = start + 2;
        while i < src.len() && !is_line_end(src, i) {
            i += 1;
        }
        self.token(Kind::Comment, start, i, expression)
    }

    fn punctuation(&mut self, start: usize) -> Token {
        let src = self.src;
        let c = src[start];
        let next = src.get(start + 1).copied().unwrap_or(0);
        let after = src.get(start + 2).copied().unwrap_or(0);
        let expression = self.expression_may_start;
        let statement = self.statement_may_start;
        let last = self.last;
        self.last = Last::Other;
        // By default an operator: an expression follows.
        self.expression_may_start = true;
        self.statement_may_start = false;
        let len = match c {
            b'{' => {
                let open = match self.top() {
                    Some(Open::Function { statement }) => {
                        self.pop();
                        Open::Body { statement }
                    }
                    // An arrow's body is a block inside, an operand outside.
                    _ if last == Last::Arrow => Open::Body { statement: false },
                    _ if last == Last::CloseParen => Open::Block,
                    _ if matches!(last, Last::Return(end) if src[end..start].iter().any(|&b| b == b'\n' || b == b'\r')) => {
                        Open::Block
                    }
                    _ if statement => Open::Block,
                    _ => Open::Object,
                };
                self.push(open);
                self.statement_may_start = matches!(open, Open::Block | Open::Body { .. });
                1
            }
            b'}' => {
                self.drop_heads();
                let closed = loop {
                    match self.pop() {
                        None => break None,
                        Some(open @ (Open::Block | Open::Object | Open::Body { .. } | Open::Hole)) => break Some(open),
                        Some(_) => {}
                    }
                };
                match closed {
                    Some(Open::Hole) => {
                        self.expression_may_start = expression;
                        return self.template(start, true);
                    }
                    Some(Open::Object | Open::Body { statement: false }) => self.operand(),
                    _ => self.statement_may_start = true,
                }
                1
            }
            b'(' => {
                self.push(Open::Paren { control: last == Last::Control });
                1
            }
            b')' => {
                self.drop_heads();
                match self.top() {
                    Some(Open::Paren { control }) => {
                        self.pop();
                        if control {
                            self.statement_may_start = true;
                        } else {
                            self.operand();
                        }
                    }
                    _ => self.operand(),
                }
                self.last = Last::CloseParen;
                1
            }
            b'[' => {
                self.push(Open::Bracket);
                1
            }
            b']' => {
                self.drop_heads();
                if self.top() == Some(Open::Bracket) {
                    self.pop();
                }
                self.operand();
                1
            }
            b';' => {
                self.drop_heads();
                self.statement_may_start = true;
                1
            }
            b':' => {
                if self.ternaries > 0 {
                    self.ternaries -= 1;
                } else {
                    // A label or a `case`'s colon in a block; a key's colon in an object.
                    self.statement_may_start = matches!(self.top(), None | Some(Open::Block | Open::Body { .. }));
                }
                1
            }
            b'.' if next == b'.' && after == b'.' => 3,
            b'.' => {
                self.operand();
                self.last = Last::Dot;
                1
            }
            b'?' if next == b'?' => {
                if after == b'=' {
                    3
                } else {
                    2
                }
            }
            b'?' if next == b'.' && !after.is_ascii_digit() => {
                self.operand();
                self.last = Last::Dot;
                2
            }
            b'?' => {
                self.ternaries += 1;
                1
            }
            b'=' if next == b'>' => {
                self.last = Last::Arrow;
                2
            }
            b'+' | b'-' if next == c => {
                // `a++ / 2` divides, `++/x/.lastIndex` would be a regex: what was, stays.
                self.expression_may_start = expression;
                2
            }
            b'=' | b'!' => 1 + (next == b'=') as usize + (next == b'=' && after == b'=') as usize,
            b'*' | b'&' | b'|' if next == c => 2 + (after == b'=') as usize,
            b'<' if next == b'<' => 2 + (after == b'=') as usize,
            b'>' if next == b'>' => {
                let third = after == b'>';
                let len = 2 + third as usize;
                len + (src.get(start + len) == Some(&b'=')) as usize
            }
            b'+' | b'-' | b'*' | b'/' | b'%' | b'&' | b'|' | b'^' | b'<' | b'>' => 1 + (next == b'=') as usize,
            _ => 1,
        };
        self.token(Kind::Punct, start, start + len, expression)
    }
}

impl Iterator for Tokenizer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let src = self.src;
        let mut i = self.at;
        // Indentation is most of a readable bundle: skip it in one go.
        while i < src.len() && matches!(src[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            i += 1;
        }
        self.at = i;
        let &c = src.get(i)?;
        let next = src.get(i + 1).copied();
        let async_statement = match self.last {
            Last::Async { statement } => Some(statement),
            _ => None,
        };
        let token = match c {
            b'/' if matches!(next, Some(b'/' | b'*')) => self.comment(i),
            b'#' if i == 0 && next == Some(b'!') => self.comment(i),
            b'/' if self.expression_may_start => self.regex(i),
            b'\'' | b'"' => self.string(i, c),
            b'`' => self.template(i, false),
            _ if c.is_ascii_digit() || (c == b'.' && next.is_some_and(|n| n.is_ascii_digit())) => self.number(i),
            _ if is_ident_start(c) || c == b'\\' || (c == b'#' && next.is_some_and(is_ident_start)) => {
                let token = self.name(i);
                // `async function`: a declaration when `async` stood where a statement can.
                if let (Some(true), Some((Open::Function { statement }, _))) = (async_statement, self.stack.last_mut())
                {
                    if token.kind == (Kind::Name { keyword: Some(Keyword::Function), escaped: false }) {
                        *statement = true;
                    }
                }
                token
            }
            _ => self.punctuation(i),
        };
        Some(token)
    }
}

pub fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c == b'$' || c >= 0x80
}

pub fn is_ident_part(c: u8) -> bool {
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

#[cfg(test)]
mod tests;
