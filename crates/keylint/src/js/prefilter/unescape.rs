//! Literal text to the value it spells.

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
