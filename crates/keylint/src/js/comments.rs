//! The comments of a script, found on its raw text by a byte scan that knows strings,
//! template literals (and their holes) and regex literals. It runs on the original source,
//! not on what the prefilter left of it: comments inside blanked blocks are read all the same,
//! so findings do not depend on the prefilter. The parser is not needed: a misread `/` costs a
//! comment or reads code as one, it never stops the scan.

use std::ops::Range;

/// Every `// …` and `/* … */` comment of `code` (delimiters included; an unclosed block runs
/// to the end).
pub fn ranges(code: &str) -> Vec<Range<usize>> {
    let src = code.as_bytes();
    let mut out = Vec::new();
    // Brace depth inside each open template hole, innermost last.
    let mut holes: Vec<usize> = Vec::new();
    // Whether a `/` here would start a regex literal (rather than divide).
    let mut regex_ok = true;
    let mut i = 0;
    // A hashbang line is no comment, and no code either.
    if src.starts_with(b"#!") {
        i = src.iter().position(|&b| b == b'\n').unwrap_or(src.len());
    }
    while i < src.len() {
        let b = src[i];
        match b {
            b'/' if src.get(i + 1) == Some(&b'/') => {
                let end = src[i..].iter().position(|&c| c == b'\n' || c == b'\r').map_or(src.len(), |p| i + p);
                out.push(i..end);
                i = end;
            }
            b'/' if src.get(i + 1) == Some(&b'*') => {
                let end = find(src, i + 2, b"*/").map_or(src.len(), |p| p + 2);
                out.push(i..end);
                i = end;
            }
            b'/' if regex_ok => {
                i = skip_regex(src, i + 1);
                regex_ok = false;
            }
            b'\'' | b'"' => {
                i = skip_string(src, i + 1, b);
                regex_ok = false;
            }
            b'`' => {
                i = skip_template(src, i + 1, &mut holes);
                regex_ok = false;
            }
            b'{' => {
                if let Some(depth) = holes.last_mut() {
                    *depth += 1;
                }
                regex_ok = true;
                i += 1;
            }
            b'}' => match holes.last_mut() {
                // The end of a template hole: back to the template's text.
                Some(0) => {
                    holes.pop();
                    i = skip_template(src, i + 1, &mut holes);
                    regex_ok = false;
                }
                Some(depth) => {
                    *depth -= 1;
                    regex_ok = true;
                    i += 1;
                }
                None => {
                    regex_ok = true;
                    i += 1;
                }
            },
            b')' | b']' => {
                regex_ok = false;
                i += 1;
            }
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            _ if b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80 => {
                let end = src[i..]
                    .iter()
                    .position(|&c| !(c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80))
                    .map_or(src.len(), |p| i + p);
                // After these words an expression starts: `return /re/`.
                regex_ok = matches!(
                    &src[i..end],
                    b"return"
                        | b"typeof"
                        | b"case"
                        | b"do"
                        | b"else"
                        | b"in"
                        | b"of"
                        | b"new"
                        | b"delete"
                        | b"void"
                        | b"throw"
                        | b"yield"
                        | b"await"
                        | b"instanceof"
                );
                i = end;
            }
            _ => {
                // Punctuation: an expression may follow (`=`, `(`, `,`, operators).
                regex_ok = true;
                i += 1;
            }
        }
    }
    out
}

fn find(src: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    src.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| from + p)
}

/// Past a string opened before `i` by `quote` (an unterminated one ends at its line).
fn skip_string(src: &[u8], mut i: usize, quote: u8) -> usize {
    while i < src.len() {
        match src[i] {
            b'\\' => i += 2,
            b'\n' | b'\r' => return i,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    src.len()
}

/// Past a regex literal's body and flags (an unterminated one ends at its line).
fn skip_regex(src: &[u8], mut i: usize) -> usize {
    let mut in_class = false;
    while i < src.len() {
        match src[i] {
            b'\\' => i += 2,
            b'\n' | b'\r' => return i,
            b'[' => {
                in_class = true;
                i += 1;
            }
            b']' => {
                in_class = false;
                i += 1;
            }
            b'/' if !in_class => {
                i += 1;
                while i < src.len() && src[i].is_ascii_alphabetic() {
                    i += 1;
                }
                return i;
            }
            _ => i += 1,
        }
    }
    src.len()
}

/// Past a template's text from `i`: to its closing backtick, or into a `${` hole (pushed on
/// `holes`, for `}` to come back).
fn skip_template(src: &[u8], mut i: usize, holes: &mut Vec<usize>) -> usize {
    while i < src.len() {
        match src[i] {
            b'\\' => i += 2,
            b'`' => return i + 1,
            b'$' if src.get(i + 1) == Some(&b'{') => {
                holes.push(0);
                return i + 2;
            }
            _ => i += 1,
        }
    }
    src.len()
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
