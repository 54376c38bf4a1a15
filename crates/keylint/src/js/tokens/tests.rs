//! The tokenizer on tables of inputs: kinds and spans, written out by hand.

use super::*;

/// A short name for each token kind, and the token's text.
fn tokens(src: &str) -> Vec<(&'static str, &str)> {
    Tokenizer::new(src.as_bytes())
        .map(|t| {
            let kind = match t.kind {
                Kind::Name { keyword: Some(_), .. } => "kw",
                Kind::Name { .. } => "name",
                Kind::Number => "num",
                Kind::String { .. } => "str",
                Kind::Template { .. } => "tpl",
                Kind::Regex => "re",
                Kind::Comment => "comment",
                Kind::Punct => "p",
                Kind::Unterminated => "unterminated",
                Kind::Invalid => "invalid",
            };
            (kind, &src[t.start..t.end])
        })
        .collect()
}

/// Just the kinds of the tokens that start with `/`: how each slash was read.
fn slashes(src: &str) -> Vec<&'static str> {
    tokens(src).into_iter().filter(|(_, text)| text.starts_with('/')).map(|(kind, _)| kind).collect()
}

#[test]
fn reads_each_kind_with_its_span() {
    assert_eq!(
        tokens(r#"let a = "s\"x" + 'y' + 0x1F + 1.5e+3 + .5; // c"#),
        [
            ("kw", "let"),
            ("name", "a"),
            ("p", "="),
            ("str", r#""s\"x""#),
            ("p", "+"),
            ("str", "'y'"),
            ("p", "+"),
            ("num", "0x1F"),
            ("p", "+"),
            ("num", "1.5e+3"),
            ("p", "+"),
            ("num", ".5"),
            ("p", ";"),
            ("comment", "// c"),
        ]
    );
    assert_eq!(
        tokens("a>>>=b?.c??d=>e...f/*x*/#g"),
        [
            ("name", "a"),
            ("p", ">>>="),
            ("name", "b"),
            ("p", "?."),
            ("name", "c"),
            ("p", "??"),
            ("name", "d"),
            ("p", "=>"),
            ("name", "e"),
            ("p", "..."),
            ("name", "f"),
            ("comment", "/*x*/"),
            ("name", "#g"),
        ]
    );
    // `a ? .5 : b` is a conditional, not `?.`.
    assert_eq!(tokens("a?.5:b"), [("name", "a"), ("p", "?"), ("num", ".5"), ("p", ":"), ("name", "b")]);
}

#[test]
fn templates_come_in_pieces_around_nested_holes() {
    assert_eq!(
        tokens("`a${ {b: `c${d}e`} }f` / 2"),
        [
            ("tpl", "`a${"),
            ("p", "{"),
            ("name", "b"),
            ("p", ":"),
            ("tpl", "`c${"),
            ("name", "d"),
            ("tpl", "}e`"),
            ("p", "}"),
            ("tpl", "}f`"),
            ("p", "/"),
            ("num", "2"),
        ]
    );
    let t: Vec<Token> = Tokenizer::new(b"`x${y}z`").collect();
    assert_eq!(t[0].kind, Kind::Template { continues: false, opens_hole: true, escaped: false });
    assert_eq!(t[2].kind, Kind::Template { continues: true, opens_hole: false, escaped: false });
    assert_eq!((t[0].inside(), t[2].inside()), (1..2, 6..7));
    // A `}` of a block inside a hole is no template text.
    assert_eq!(tokens("`${function(){}}`").last(), Some(&("tpl", "}`")));
}

#[test]
fn a_slash_after_a_brace_depends_on_what_the_brace_closed() {
    // Expressions: an object literal, a function, class or arrow expression, a hole.
    for src in [
        "x = {} / 1",
        "x = {a: {}} / 1",
        "x = function(){} / 1",
        "x = function f(a){ if (a) {} } / 1",
        "x = class { m() {} } / 1",
        "x = () => {} / 1",
        "x = async function(){} / 1",
        "f({}) / 1",
        "x = c ? {} : {} / 1",
        "x = `${{}}` / 1",
        "return {} / 1",
    ] {
        assert_eq!(slashes(src), ["p"], "{src}");
    }
    // Statements: a block, a declaration, a class body in statement position, a label's block.
    for src in [
        "{} /re/.test(x)",
        "if (a) {} /re/.test(x)",
        "function f(){} /re/.test(x)",
        "async function f(){} /re/.test(x)",
        "class A { m() {} } /re/.test(x)",
        "class A extends B {} /re/.test(x)",
        "for (;;) {} /re/.test(x)",
        "a: {} /re/.test(x)",
        "switch (a) { case 1: {} /re/.test(x) }",
        "try {} finally {} /re/.test(x)",
        "function f(){ return\n{} /re/.test(x) }",
        "x = function(){ {} /re/.test(x) }",
    ] {
        assert_eq!(slashes(src), ["re"], "{src}");
    }
}

#[test]
fn a_slash_after_a_paren_keyword_or_operator() {
    for (src, want) in [
        ("(a) / 2", "p"),
        ("f(a) / 2", "p"),
        ("if (a) /re/.test(x)", "re"),
        ("while (a) /re/.test(x)", "re"),
        ("for (;;) /re/.test(x)", "re"),
        ("with (a) /re/.test(x)", "re"),
        ("return /re/", "re"),
        ("typeof /re/", "re"),
        ("a in /re/", "re"),
        ("x = a / b", "p"),
        ("x = this / b", "p"),
        ("x.return / b", "p"),
        ("x = a++ / 2", "p"),
        ("x = a-- / 2", "p"),
        ("x = ++/re/.lastIndex", "re"),
        ("x => /re/", "re"),
        ("[a] / 2", "p"),
        ("x = 1 / 2", "p"),
        ("x = 'a' / 2", "p"),
        ("x = /a/ / 2", "re"),
        ("x = a /= 2", "p"),
        ("x = /=/", "re"),
    ] {
        assert_eq!(slashes(src).first().copied(), Some(want), "{src}");
    }
    assert_eq!(tokens("x = a /= 2")[3], ("p", "/="));
    assert_eq!(tokens("x = /[/]x/g.y")[2], ("re", "/[/]x/g"));
}

#[test]
fn an_unterminated_token_ends_at_its_line_or_the_input() {
    assert_eq!(tokens("'abc\nx"), [("unterminated", "'abc"), ("name", "x")]);
    assert_eq!(tokens("\"abc"), [("unterminated", "\"abc")]);
    assert_eq!(tokens("`abc\n${x"), [("tpl", "`abc\n${"), ("name", "x")]);
    assert_eq!(tokens("`abc\ndef"), [("unterminated", "`abc\ndef")]);
    assert_eq!(tokens("a /* b"), [("name", "a"), ("unterminated", "/* b")]);
    assert_eq!(tokens("x = /ab\ny"), [("name", "x"), ("p", "="), ("unterminated", "/ab"), ("name", "y")]);
    assert_eq!(tokens("x = /ab"), [("name", "x"), ("p", "="), ("unterminated", "/ab")]);
    assert_eq!(tokens("'a\\"), [("unterminated", "'a\\")]);
    assert_eq!(tokens("`a\\"), [("unterminated", "`a\\")]);
}

#[test]
fn names_with_escapes_non_ascii_and_a_shebang() {
    assert_eq!(
        tokens("#!/usr/bin/env node\nconst é = \\u0061tob;"),
        [
            ("comment", "#!/usr/bin/env node"),
            ("kw", "const"),
            ("name", "é"),
            ("p", "="),
            ("name", "\\u0061tob"),
            ("p", ";"),
        ]
    );
    let t: Vec<Token> = Tokenizer::new("\\u{61}b".as_bytes()).collect();
    assert_eq!((t.len(), t[0].kind), (1, Kind::Name { keyword: None, escaped: true }));
    // A backslash that starts no `\u` escape, and a `#` after the start.
    assert_eq!(tokens("a\\x"), [("name", "a"), ("invalid", "\\"), ("name", "x")]);
    assert_eq!(tokens("x #! y"), [("name", "x"), ("p", "#"), ("p", "!"), ("name", "y")]);
    // Non-ASCII text in strings and comments keeps its bytes.
    assert_eq!(tokens("'ü€' /*→*/"), [("str", "'ü€'"), ("comment", "/*→*/")]);
    // U+2028 ends a line comment and a regex.
    assert_eq!(tokens("//a\u{2028}b"), [("comment", "//a"), ("name", "\u{2028}b")]);
}

#[test]
fn keywords_are_words_not_properties() {
    let keyword = |src: &str| Tokenizer::new(src.as_bytes()).map(|t| t.kind).collect::<Vec<_>>();
    assert_eq!(keyword("typeof")[0], Kind::Name { keyword: Some(Keyword::Typeof), escaped: false });
    assert_eq!(keyword("x.typeof")[2], Kind::Name { keyword: None, escaped: false });
    assert_eq!(keyword("x?.new")[2], Kind::Name { keyword: None, escaped: false });
    assert_eq!(keyword("typeofx")[0], Kind::Name { keyword: None, escaped: false });
}

#[test]
fn an_expression_may_start_where_jsx_could() {
    let starts: Vec<bool> = Tokenizer::new(b"a < b; x = <div/>").map(|t| t.expression_may_start).collect();
    // `a` `<` `b` `;` `x` `=` `<` …: the first `<` follows an operand, the second an operator.
    assert_eq!(&starts[..7], [true, false, true, false, true, false, true]);
}

#[test]
fn unbalanced_brackets_do_not_stop_it() {
    assert_eq!(tokens(")}]{").len(), 4);
    assert_eq!(tokens("`${(}`").last(), Some(&("tpl", "}`")));
}
