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
/// chained within one expression (`a+b+c…` nests as deeply as `((a+b)+c)…`), read from the
/// tokens of [`crate::js::tokens`], so that the brackets of strings, comments, regex literals and
/// template text do not count.
pub fn estimate_depth(src: &[u8]) -> usize {
    use crate::js::tokens::{Keyword, Kind, Tokenizer};
    // Operators chained at each open bracket level (a template hole is one); `total` = levels
    // + their operators.
    let mut chain: Vec<usize> = vec![0];
    let mut total = 1usize;
    let mut max = 1usize;
    // Whether the last token was an operator, directly before this one: a run of them
    // (`a = -b`, `a+-b`) nests once; `!!!!x` nests once per `!`.
    let mut in_operator = false;
    let mut last_end = 0;
    let open = |chain: &mut Vec<usize>, total: &mut usize| {
        chain.push(0);
        *total += 1;
    };
    let close = |chain: &mut Vec<usize>, total: &mut usize| {
        if chain.len() > 1 {
            *total -= 1 + chain.pop().unwrap_or(0);
        }
    };
    for token in Tokenizer::new(src) {
        let adjacent = token.start == last_end;
        last_end = token.end;
        let mut operator = false;
        match token.kind {
            Kind::Comment => {
                in_operator &= adjacent;
                continue;
            }
            // Keywords that nest what follows them: `typeof typeof x`, `new new X`, `await
            // await p`, `else if` chains, and loops whose body is a statement without braces
            // (`while (a) while (b) …`, `do do … while (a)`), which swc parses recursively
            // (`if`, `for` and `with` cost it no depth: measured by
            // npm/keylint/scripts/depth-probe.mjs).
            Kind::Name {
                keyword:
                    Some(
                        Keyword::Typeof
                        | Keyword::New
                        | Keyword::Await
                        | Keyword::Void
                        | Keyword::Delete
                        | Keyword::Else
                        | Keyword::Yield
                        | Keyword::While
                        | Keyword::Do,
                    ),
                ..
            } => {
                *chain.last_mut().expect("chain never empties") += 1;
                total += 1;
            }
            Kind::Template { continues, opens_hole, .. } => {
                if continues {
                    close(&mut chain, &mut total);
                }
                if opens_hole {
                    open(&mut chain, &mut total);
                }
            }
            Kind::Punct => match src[token.start] {
                b'(' | b'[' | b'{' => open(&mut chain, &mut total),
                b')' | b']' | b'}' => close(&mut chain, &mut total),
                b',' | b';' => {
                    let level = chain.last_mut().expect("chain never empties");
                    total -= *level;
                    *level = 0;
                }
                // Prefix operators nest one level each, however they are written: `!!!!x`.
                b'!' | b'~' if token.end - token.start == 1 => {
                    *chain.last_mut().expect("chain never empties") += 1;
                    total += 1;
                    operator = true;
                }
                // Binary operators and member dots.
                _ => {
                    if !(in_operator && adjacent) {
                        *chain.last_mut().expect("chain never empties") += 1;
                        total += 1;
                    }
                    operator = true;
                }
            },
            // Names, numbers, literals: operands.
            _ => {}
        }
        in_operator = operator;
        max = max.max(total);
    }
    max
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
        // A `/` that divides, then brackets on the same line: read as a regex, they would hide.
        for division in ["a++ / 2", "{} / 2", "function(){} / 2", "(a) / 2"] {
            let code = format!("x = {division}; y = {}1{};", "(".repeat(300), ")".repeat(300));
            assert!(estimate_depth(code.as_bytes()) >= 300, "{division}");
        }
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
