//! Choosing a parser for a file, guarding it against input that would crash it, and running it.

use swc_common::{input::StringInput, BytePos, Spanned, DUMMY_SP};
use swc_ecma_ast::{ExprStmt, Program, Script, Stmt};
use swc_ecma_parser::{EsSyntax, Parser, Syntax, TsSyntax};

/// Languages keylint parses, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// `.js .mjs .cjs .jsx`: JSX allowed, as bundlers do.
    JavaScript,
    /// `.ts .mts .cts`
    TypeScript,
    /// `.tsx`
    Tsx,
    /// `.json`, `.webmanifest`, JSON script blocks: parsed as one JavaScript expression, so
    /// that keys give values their context and every value keeps its position.
    Json,
}

impl Language {
    pub fn from_path(path: &str) -> Option<Language> {
        let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
        if path.ends_with(".d.ts") {
            return Some(Language::TypeScript);
        }
        match ext.as_str() {
            "js" | "mjs" | "cjs" | "jsx" => Some(Language::JavaScript),
            "ts" | "mts" | "cts" => Some(Language::TypeScript),
            "tsx" => Some(Language::Tsx),
            "json" | "webmanifest" => Some(Language::Json),
            _ => None,
        }
    }

    fn syntax(self, jsx: bool) -> Syntax {
        match self {
            Language::Json => Syntax::Es(EsSyntax::default()),
            Language::JavaScript => Syntax::Es(EsSyntax { jsx, decorators: true, ..Default::default() }),
            Language::TypeScript => Syntax::Typescript(TsSyntax { decorators: true, ..Default::default() }),
            Language::Tsx => Syntax::Typescript(TsSyntax { tsx: true, decorators: true, ..Default::default() }),
        }
    }
}

/// Why a file was scanned as text instead of through its AST.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseFailure {
    /// A syntax error at a byte offset.
    Syntax { offset: usize, message: String },
    /// Nesting deeper than the parser can take safely.
    TooDeep { depth: usize, limit: usize },
    /// The parser failed on its own (a bug in it, reached by unusual input).
    Internal { message: String },
}

/// Parses `source` and hands the program to `visit` (on a stack big enough for `max_depth`),
/// with the offsets of the syntax errors the parser recovered from.
pub fn with_program<T>(
    source: &str,
    language: Language,
    max_depth: usize,
    visit: impl FnOnce(&Program, &[usize]) -> T,
) -> Result<T, ParseFailure> {
    // `usize::MAX`: the caller has already measured this source (or one it was cut from).
    if max_depth != usize::MAX {
        let depth = estimate_depth(source.as_bytes());
        if depth > max_depth {
            return Err(ParseFailure::TooDeep { depth, limit: max_depth });
        }
    }
    // A parser bug must cost this file its AST, not the whole run: a panic (swc has debug
    // assertions that hostile input can reach) becomes a text-scan fallback with a note.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parse_and_visit(source, language, visit)));
    parsed.unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("unknown error");
        Err(ParseFailure::Internal { message: message.lines().next().unwrap_or("").to_string() })
    })
}

fn parse_and_visit<T>(
    source: &str,
    language: Language,
    visit: impl FnOnce(&Program, &[usize]) -> T,
) -> Result<T, ParseFailure> {
    on_big_stack(|| {
        let (program, recovered) = match parse(source, language) {
            // `a < b > c` style code that is not JSX: try once more without it.
            Err(first) if language == Language::JavaScript => {
                parse_with(source, language.syntax(false), false).map_err(|_| first)?
            }
            other => other?,
        };
        Ok(visit(&program, &recovered))
    })
}

fn parse(source: &str, language: Language) -> Result<(Program, Vec<usize>), ParseFailure> {
    parse_with(source, language.syntax(true), language == Language::Json)
}

/// The program, and the offsets of the errors the parser recovered from.
fn parse_with(source: &str, syntax: Syntax, expression: bool) -> Result<(Program, Vec<usize>), ParseFailure> {
    // swc spans start at BytePos(1); offsets below subtract it.
    let input = StringInput::new(source, BytePos(1), BytePos(1 + source.len() as u32));
    let mut parser = Parser::new(syntax, input, None);
    let failure = |e: swc_ecma_parser::error::Error| ParseFailure::Syntax {
        offset: (e.span().lo.0 as usize).saturating_sub(1),
        message: e.kind().msg().into_owned(),
    };
    let program = if expression {
        let expr = parser.parse_expr().map_err(failure)?;
        let stmt = Stmt::Expr(ExprStmt { span: DUMMY_SP, expr });
        Program::Script(Script { span: DUMMY_SP, body: vec![stmt], shebang: None })
    } else {
        parser.parse_program().map_err(failure)?
    };
    // swc recovers from some errors, and may drop what it could not read (the second string of
    // `"x" "sk_live_…"`); others lose nothing (a top-level `return`, legal in CommonJS). Where
    // each was, for the caller to read as text too.
    let recovered = parser.take_errors().iter().map(|e| (e.span().lo.0 as usize).saturating_sub(1)).collect();
    Ok((program, recovered))
}

/// Stack for parsing and visiting one file; the depth limit is set so that it always suffices.
#[cfg(not(target_arch = "wasm32"))]
const PARSE_STACK: usize = 256 << 20;

#[cfg(not(target_arch = "wasm32"))]
fn on_big_stack<T>(f: impl FnOnce() -> T) -> T {
    // Only allocates when the caller's thread has less left than that.
    stacker::maybe_grow(PARSE_STACK, PARSE_STACK, f)
}

#[cfg(target_arch = "wasm32")]
fn on_big_stack<T>(f: impl FnOnce() -> T) -> T {
    f()
}

/// The nesting depth limit on this target: natively the parse stack holds far more than
/// real code needs; in wasm the stack is fixed and small.
pub const DEFAULT_MAX_DEPTH: usize = if cfg!(target_arch = "wasm32") { 300 } else { 5_000 };

/// A cheap upper estimate of how deep the parser will recurse: bracket nesting plus operators
/// chained within one expression (`a+b+c…` nests as deeply as `((a+b)+c)…`). Strings,
/// comments and regex literals are skipped so their brackets do not count.
pub fn estimate_depth(src: &[u8]) -> usize {
    // Operators chained at each open bracket level; `total` = levels + their operators.
    let mut chain: Vec<usize> = vec![0];
    // The levels (`chain.len()` inside) of the template holes open: their `}` goes back to
    // template text, whose brackets and dots are not code.
    let mut holes: Vec<usize> = Vec::new();
    let mut total = 1usize;
    let mut max = 1usize;
    let mut prev_significant = b'(';
    let mut in_operator = false;
    let mut i = 0;
    // This pass runs over every byte of every script before anything else, so names and
    // blanks, most of any file, are skipped a run at a time.
    while i < src.len() {
        let b = src[i];
        match DEPTH_CLASS[b as usize] {
            NAME => {
                let end = src[i..].iter().position(|&c| DEPTH_CLASS[c as usize] != NAME).map_or(src.len(), |p| i + p);
                // Keywords that nest what follows them: `typeof typeof x`, `new new X`,
                // `await await p`, `else if` chains, and loops whose body is a statement
                // without braces (`while (a) while (b) …`, `do do … while (a)`), which swc
                // parses recursively (`if`, `for` and `with` cost it no depth: measured by
                // npm/keylint/scripts/depth-probe.mjs).
                if b.is_ascii_lowercase()
                    && (i == 0 || !is_ident_byte(src[i - 1]))
                    && matches!(
                        &src[i..end],
                        b"typeof" | b"new" | b"await" | b"void" | b"delete" | b"else" | b"yield" | b"while" | b"do"
                    )
                {
                    *chain.last_mut().expect("chain never empties") += 1;
                    total += 1;
                    max = max.max(total);
                }
                in_operator = false;
                prev_significant = src[end - 1];
                i = end;
            }
            BLANK => {
                in_operator = false;
                i += 1;
                while i < src.len() && DEPTH_CLASS[src[i] as usize] == BLANK {
                    i += 1;
                }
            }
            OTHER => {
                in_operator = false;
                prev_significant = b;
                i += 1;
            }
            _ => {
                i = depth_punctuation(
                    src,
                    i,
                    &mut chain,
                    &mut holes,
                    &mut total,
                    &mut prev_significant,
                    &mut in_operator,
                );
                max = max.max(total);
            }
        }
    }
    max
}

/// Byte classes for [`estimate_depth`]: a name's bytes, blanks, punctuation it follows, and the
/// rest (non-ASCII bytes, `#`, `@`, `\`), which only end an operator.
const NAME: u8 = 1;
const BLANK: u8 = 2;
const OTHER: u8 = 3;
const PUNCTUATION: u8 = 4;
const DEPTH_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' {
            NAME
        } else if c.is_ascii_whitespace() {
            BLANK
        } else if matches!(
            c,
            b'"' | b'\''
                | b'`'
                | b'/'
                | b'('
                | b'['
                | b'{'
                | b')'
                | b']'
                | b'}'
                | b','
                | b';'
                | b'!'
                | b'~'
                | b'+'
                | b'-'
                | b'*'
                | b'%'
                | b'&'
                | b'|'
                | b'^'
                | b'<'
                | b'>'
                | b'='
                | b'?'
                | b':'
                | b'.'
        ) {
            PUNCTUATION
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

/// One punctuation byte at `i` (or the string, template text, comment or regex it starts) for
/// [`estimate_depth`]; returns where to go on.
fn depth_punctuation(
    src: &[u8],
    i: usize,
    chain: &mut Vec<usize>,
    holes: &mut Vec<usize>,
    total: &mut usize,
    prev_significant: &mut u8,
    in_operator: &mut bool,
) -> usize {
    let b = src[i];
    let after_operand = |prev_significant: &mut u8, in_operator: &mut bool, next: usize| {
        *prev_significant = b'a';
        *in_operator = false;
        next
    };
    match b {
        b'"' | b'\'' => return after_operand(prev_significant, in_operator, skip_string(src, i + 1, b)),
        b'`' => {
            let next = skip_template_text(src, i + 1, chain, total, holes);
            return after_operand(prev_significant, in_operator, next);
        }
        b'}' if holes.last() == Some(&chain.len()) => {
            holes.pop();
            *total -= 1 + chain.pop().unwrap_or(0);
            let next = skip_template_text(src, i + 1, chain, total, holes);
            return after_operand(prev_significant, in_operator, next);
        }
        b'/' if src.get(i + 1) == Some(&b'/') => return memchr::memchr(b'\n', &src[i..]).map_or(src.len(), |p| i + p),
        b'/' if src.get(i + 1) == Some(&b'*') => {
            return memchr::memmem::find(&src[i + 2..], b"*/").map_or(src.len(), |p| i + 2 + p + 2);
        }
        b'/' if regex_allowed(src, i, *prev_significant) => {
            return after_operand(prev_significant, in_operator, skip_regex(src, i + 1));
        }
        b'(' | b'[' | b'{' => {
            chain.push(0);
            *total += 1;
            *in_operator = false;
        }
        b')' | b']' | b'}' => {
            if chain.len() > 1 {
                *total -= 1 + chain.pop().unwrap_or(0);
            }
            *in_operator = false;
        }
        b',' | b';' => {
            let level = chain.last_mut().expect("chain never empties");
            *total -= *level;
            *level = 0;
            *in_operator = false;
        }
        // Prefix operators nest one level each, however they are written: `!!!!x`.
        b'!' | b'~' => {
            *chain.last_mut().expect("chain never empties") += 1;
            *total += 1;
            *in_operator = true;
        }
        // The rest of DEPTH_CLASS's punctuation: binary operators and member dots.
        _ => {
            if !*in_operator {
                *chain.last_mut().expect("chain never empties") += 1;
                *total += 1;
            }
            *in_operator = true;
        }
    }
    *prev_significant = b;
    i + 1
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// After `'` or `"`: the index after the closing quote (or the line end, where such a string
/// must have ended).
fn skip_string(src: &[u8], mut i: usize, quote: u8) -> usize {
    while let Some(p) = memchr::memchr3(quote, b'\\', b'\n', src.get(i..).unwrap_or_default()) {
        i += p;
        match src[i] {
            b'\\' => i += 2,
            b'\n' => return i,
            _ => return i + 1,
        }
    }
    src.len()
}

/// After a backtick, or a hole's `}`: skips template text; a `${` opens a nesting level (noted
/// in `holes`) whose `}` the main loop answers by coming back here.
fn skip_template_text(
    src: &[u8],
    mut i: usize,
    chain: &mut Vec<usize>,
    total: &mut usize,
    holes: &mut Vec<usize>,
) -> usize {
    while let Some(p) = memchr::memchr3(b'\\', b'`', b'$', src.get(i..).unwrap_or_default()) {
        i += p;
        match src[i] {
            b'\\' => i += 2,
            b'`' => return i + 1,
            _ if src.get(i + 1) == Some(&b'{') => {
                chain.push(0);
                holes.push(chain.len());
                *total += 1;
                return i + 2;
            }
            _ => i += 1,
        }
    }
    src.len()
}

fn skip_regex(src: &[u8], mut i: usize) -> usize {
    let mut in_class = false;
    while i < src.len() {
        match src[i] {
            b'\\' => i += 2,
            b'\n' => return i,
            b'[' => {
                in_class = true;
                i += 1
            }
            b']' => {
                in_class = false;
                i += 1
            }
            b'/' if !in_class => return i + 1,
            _ => i += 1,
        }
    }
    src.len()
}

/// Whether a `/` at `i` starts a regex literal rather than a division, judged from what
/// precedes it, as a tokenizer without a parser does.
fn regex_allowed(src: &[u8], i: usize, prev: u8) -> bool {
    if b"(,=:[!&|?{};+-*%<>~^".contains(&prev) {
        return true;
    }
    if prev.is_ascii_alphanumeric() || prev == b'_' || prev == b'$' {
        let before = src[..i].trim_ascii_end();
        let start =
            before.iter().rposition(|c| !(c.is_ascii_alphanumeric() || *c == b'_' || *c == b'$')).map_or(0, |p| p + 1);
        let word = &before[start..];
        return [
            &b"return"[..],
            b"typeof",
            b"case",
            b"do",
            b"else",
            b"in",
            b"of",
            b"void",
            b"delete",
            b"throw",
            b"new",
            b"instanceof",
            b"yield",
            b"await",
        ]
        .contains(&word);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_brackets_and_chains() {
        assert!(estimate_depth(b"a(b(c(d)))") >= 4);
        let chain = "x=".to_string() + &"a+".repeat(500) + "b";
        assert!(estimate_depth(chain.as_bytes()) >= 500);
        // Commas end a chain: long argument lists and sequences stay shallow.
        let args = format!("f({})", "a,".repeat(500));
        assert!(estimate_depth(args.as_bytes()) < 10);
        // Prefix operators and nesting keywords count one level each.
        assert!(estimate_depth(format!("x = {}y", "!".repeat(1000)).as_bytes()) >= 1000);
        assert!(estimate_depth("typeof ".repeat(300).as_bytes()) >= 300);
        let chain = "if(a){}".to_string() + &"else if(a){}".repeat(400);
        assert!(estimate_depth(chain.as_bytes()) >= 400);
        // Loops nest their statement bodies; braces or a `;` end them.
        assert!(estimate_depth(("while (a) ".repeat(400) + "x;").as_bytes()) >= 400);
        assert!(estimate_depth(("do ".repeat(400) + "x;" + &" while (a);".repeat(400)).as_bytes()) >= 400);
        assert!(estimate_depth("while (a) x; ".repeat(400).as_bytes()) < 4);
        assert!(estimate_depth("dowhile(a) x;".repeat(400).as_bytes()) < 4, "not in other names");
    }

    #[test]
    fn depth_skips_strings_comments_regexes() {
        assert!(estimate_depth(b"var s = '((((((((((((';") < 6);
        assert!(estimate_depth(b"// (((((((((((\nx") < 4);
        assert!(estimate_depth(b"var r = /[(((((((((]/;") < 6);
        assert!(estimate_depth(b"return /((((((((((/") < 6);
        assert!(estimate_depth(b"a = b / c / d") < 8);
    }

    #[test]
    fn depth_follows_template_text_after_a_hole() {
        // After `${…}` closes, the template's text goes on: its dots and brackets are not code.
        let text = format!("x = `a${{b}}{}` + c;", ".((".repeat(400));
        assert!(estimate_depth(text.as_bytes()) < 6, "{}", estimate_depth(text.as_bytes()));
        // And the code after the template is code again.
        let code = format!("x = `a${{b}}c`; y = {}1{};", "(".repeat(300), ")".repeat(300));
        assert!(estimate_depth(code.as_bytes()) >= 300);
        // Holes nest: objects inside a hole, templates inside a hole.
        let nested = format!("x = `${{ {{a: `${{ {}1{} }}` }} }}tail.((((`;", "[".repeat(50), "]".repeat(50));
        let depth = estimate_depth(nested.as_bytes());
        assert!((50..60).contains(&depth), "{depth}");
    }

    #[test]
    fn language_by_extension() {
        assert_eq!(Language::from_path("a/b.mjs"), Some(Language::JavaScript));
        assert_eq!(Language::from_path("x.tsx"), Some(Language::Tsx));
        assert_eq!(Language::from_path("x.d.ts"), Some(Language::TypeScript));
        assert_eq!(Language::from_path("x.css"), None);
        assert_eq!(Language::from_path("site.webmanifest"), Some(Language::Json));
    }
}
