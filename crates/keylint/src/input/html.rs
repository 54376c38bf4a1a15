//! The parts of an HTML page that hold values: inline scripts (JavaScript or JSON payloads such
//! as `__NEXT_DATA__`), event-handler attributes, `<meta content>` and other attribute values.
//! A small tag scanner is enough: we need byte offsets, not a DOM.

use crate::candidate::Context;

/// A piece of the page to scan, at a byte offset in the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Region<'a> {
    pub text: &'a str,
    pub offset: usize,
    pub kind: RegionKind,
    pub context: Context,
}

/// What a `<script>` holds, by its `type`: the reader parses each kind its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    JavaScript,
    /// JSON payloads (`application/json`, `importmap`, `speculationrules`).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionKind {
    /// Code or data to parse in this language.
    Code(Script),
    /// A plain value (an attribute).
    Value,
}

pub fn regions(html: &str) -> Vec<Region<'_>> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(lt) = find_byte(bytes, b'<', i) {
        i = lt + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(html.len(), |p| i + p + 3);
            continue;
        }
        let name_len = bytes[i..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
        if name_len == 0 || !bytes[i].is_ascii_alphabetic() {
            continue;
        }
        let tag = html[i..i + name_len].to_ascii_lowercase();
        let (attrs, end) = attributes(html, i + name_len);
        i = end;
        for a in &attrs {
            if let Some(r) = attribute_region(&tag, a, &attrs) {
                out.push(r);
            }
        }
        if tag == "script" {
            let close = find_ci(html, "</script", i).unwrap_or(html.len());
            let body = &html[i..close];
            if let Some(lang) = script_language(&attrs) {
                if !body.trim().is_empty() {
                    let name = attr(&attrs, "id").map(str::to_string);
                    let context = Context { name, callee: Some("script".into()), ..Default::default() };
                    out.push(Region { text: body, offset: i, kind: RegionKind::Code(lang), context });
                }
            }
            i = close;
        }
    }
    out
}

struct Attr<'a> {
    name: String,
    value: &'a str,
    offset: usize,
}

fn attr<'a>(attrs: &'a [Attr<'_>], name: &str) -> Option<&'a str> {
    attrs.iter().find(|a| a.name == name).map(|a| a.value)
}

/// Attributes from `from` to the tag's `>`, and the offset after it.
fn attributes(html: &str, mut i: usize) -> (Vec<Attr<'_>>, usize) {
    let bytes = html.as_bytes();
    let mut attrs = Vec::new();
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return (attrs, i);
        }
        if bytes[i] == b'>' {
            return (attrs, i + 1);
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=>/".contains(&bytes[i]) {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            if i == start {
                i += 1; // a stray character: step over it
            }
            continue;
        }
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let (value_start, value_end, next) = match bytes.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = find_byte(bytes, q, i + 1).unwrap_or(bytes.len());
                (i + 1, end, (end + 1).min(bytes.len()))
            }
            _ => {
                let end = bytes[i..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace() || *b == b'>')
                    .map_or(bytes.len(), |p| i + p);
                (i, end, end)
            }
        };
        attrs.push(Attr { name, value: &html[value_start..value_end], offset: value_start });
        i = next;
    }
}

/// Attributes whose values are markup, never credentials.
const NOT_VALUES: &[&str] = &[
    "id",
    "type",
    "class",
    "style",
    "rel",
    "lang",
    "charset",
    "role",
    "crossorigin",
    "name",
    "for",
    "method",
    "target",
    "integrity",
    "nonce",
    "d",
    "points",
    "viewbox",
    "xmlns",
    "width",
    "height",
    "property",
    "http-equiv",
];

fn attribute_region<'a>(tag: &str, a: &Attr<'a>, all: &[Attr<'a>]) -> Option<Region<'a>> {
    if a.name.starts_with("on") && a.name.len() > 2 {
        let context = Context { name: Some(a.name.clone()), callee: Some(tag.to_string()), ..Default::default() };
        return Some(Region { text: a.value, offset: a.offset, kind: RegionKind::Code(Script::JavaScript), context });
    }
    if a.value.len() < 8 || NOT_VALUES.contains(&a.name.as_str()) {
        return None;
    }
    // `<meta name="stripe-key" content="…">`: the meta's own name is the value's name.
    let name = match (tag, a.name.as_str()) {
        ("meta", "content") => {
            attr(all, "name").or_else(|| attr(all, "property")).or_else(|| attr(all, "http-equiv")).unwrap_or("content")
        }
        _ => a.name.as_str(),
    };
    let context = Context { name: Some(name.to_string()), callee: Some(tag.to_string()), ..Default::default() };
    Some(Region { text: a.value, offset: a.offset, kind: RegionKind::Value, context })
}

/// The language of a `<script>` by its `type`; `None` for templates and other data.
fn script_language(attrs: &[Attr<'_>]) -> Option<Script> {
    let ty = attr(attrs, "type").map(|t| t.trim().to_ascii_lowercase());
    match ty.as_deref() {
        None | Some("" | "module" | "text/javascript" | "application/javascript" | "text/babel" | "text/jsx") => {
            Some(Script::JavaScript)
        }
        Some(t) if t.ends_with("json") || t == "importmap" || t == "speculationrules" => Some(Script::Json),
        _ => None,
    }
}

fn find_byte(bytes: &[u8], b: u8, from: usize) -> Option<usize> {
    bytes.get(from..)?.iter().position(|&c| c == b).map(|p| p + from)
}

/// Case-insensitive ASCII search.
fn find_ci(haystack: &str, needle: &str, from: usize) -> Option<usize> {
    let h = haystack.as_bytes();
    let n = needle.as_bytes();
    (from..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_scripts_handlers_and_meta() {
        let html = r#"<!-- <script>nope()</script> --><meta name="api-key" content="abcdefgh12345">
<script type="module">const a = 1;</script><SCRIPT id="__NEXT_DATA__" type="application/json">{"a":1}</script>
<button onclick="go('x')">Go</button><script type="text/template"><b>{{x}}</b></script>"#;
        let r = regions(html);
        let kinds: Vec<_> = r.iter().map(|r| (r.kind, r.text, r.context.name.as_deref())).collect();
        assert_eq!(
            kinds,
            vec![
                (RegionKind::Value, "abcdefgh12345", Some("api-key")),
                (RegionKind::Code(Script::JavaScript), "const a = 1;", None),
                (RegionKind::Code(Script::Json), "{\"a\":1}", Some("__NEXT_DATA__")),
                (RegionKind::Code(Script::JavaScript), "go('x')", Some("onclick")),
            ]
        );
        for region in &r {
            assert_eq!(&html[region.offset..region.offset + region.text.len()], region.text);
        }
    }

    #[test]
    fn survives_truncated_markup() {
        for html in ["<script>abc", "<a href=\"x", "<", "<div a=", "<meta content='abcdefghij"] {
            let _ = regions(html);
        }
    }
}
