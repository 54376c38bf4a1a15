//! The comments of a script, from the one tokenizer (`tokens`) run on the raw text: comments
//! inside blocks the prefilter blanks are read all the same, so findings do not depend on the
//! prefilter. The parser is not needed: a `/` the tokenizer misreads costs a comment or reads
//! code as one, it never stops the scan.

use super::tokens::{Kind, Tokenizer};
use std::ops::Range;

/// Every `// …` and `/* … */` comment of `code` (delimiters included; an unclosed block runs
/// to the end). A `#!` line is no comment.
pub fn ranges(code: &str) -> Vec<Range<usize>> {
    let src = code.as_bytes();
    Tokenizer::new(src)
        .filter(|t| match t.kind {
            Kind::Comment => !src[t.start..].starts_with(b"#!"),
            Kind::Unterminated => src[t.start..].starts_with(b"/*"),
            _ => false,
        })
        .map(|t| t.start..t.end)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::ranges;

    fn texts(code: &str) -> Vec<&str> {
        ranges(code).into_iter().map(|r| &code[r]).collect()
    }

    #[test]
    fn line_and_block_comments() {
        assert_eq!(texts("a = 1; // one\n/** two\n * @x */ b()"), ["// one", "/** two\n * @x */"]);
        assert_eq!(texts("x /* open"), ["/* open"]);
        assert_eq!(texts("#!/usr/bin/env node\n// c"), ["// c"]);
    }

    #[test]
    fn strings_templates_and_regexes_are_not_comments() {
        assert_eq!(texts(r#"u = "http://x" + '/*' // c"#), ["// c"]);
        assert_eq!(texts("t = `a // ${ {b: '//'}.b } /* ${`//`}` // c"), ["// c"]);
        assert_eq!(texts(r"r = /[/]\/\/x/g.test(s) // c"), ["// c"]);
        assert_eq!(texts("if (x) return /\\/\\//.test(y) // c"), ["// c"]);
        // Division is not a regex: the comment after it is found.
        assert_eq!(texts("a = b / c; d = e / f // c"), ["// c"]);
        assert_eq!(texts("a = (b) / 2 /* c */"), ["/* c */"]);
    }
}
