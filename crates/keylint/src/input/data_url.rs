//! `data:` URLs with a base64 text payload: bundlers inline small files this way (Vite's
//! `assetsInlineLimit`, webpack's `asset/inline`), so a key in an imported `config.json?url`
//! ships as base64 inside the bundle, where no pattern sees it.

use base64::Engine as _;

/// Larger payloads are media, not configs (Vite inlines up to 4 KiB by default).
const MAX_ENCODED_LEN: usize = 1 << 20;

/// The text a `data:` URL carries, when its payload is base64 of text (JSON, JavaScript, plain
/// text, XML, SVG): `None` for anything else, images and fonts included.
pub fn text(value: &str) -> Option<String> {
    let rest = value.get(..5).filter(|s| s.eq_ignore_ascii_case("data:")).map(|_| &value[5..])?;
    let (meta, payload) = rest.split_once(',')?;
    let mime = meta.strip_suffix(";base64").or_else(|| meta.strip_suffix(";BASE64"))?;
    let mime = mime.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if payload.len() > MAX_ENCODED_LEN || !is_text(&mime) {
        return None;
    }
    let bytes = base64::engine::general_purpose::STANDARD.decode(payload.trim()).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    text.chars().all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t')).then_some(text)
}

/// Media types whose payload is text. An empty one means `text/plain`, as RFC 2397 says.
fn is_text(mime: &str) -> bool {
    mime.is_empty()
        || mime.starts_with("text/")
        || mime.ends_with("+json")
        || mime.ends_with("+xml")
        || matches!(
            mime,
            "application/json"
                | "application/javascript"
                | "application/x-javascript"
                | "application/ecmascript"
                | "application/xml"
                | "application/x-www-form-urlencoded"
                | "application/toml"
                | "application/yaml"
                | "application/x-yaml"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(meta: &str, payload: &str) -> String {
        format!("data:{meta},{}", base64::engine::general_purpose::STANDARD.encode(payload))
    }

    #[test]
    fn text_payloads_are_decoded() {
        let json = r#"{"stripe":"sk_live_x"}"#;
        assert_eq!(text(&url("application/json;base64", json)).as_deref(), Some(json));
        assert_eq!(text(&url("text/javascript;charset=utf-8;base64", "a=1\n")).as_deref(), Some("a=1\n"));
        assert_eq!(text(&url("image/svg+xml;base64", "<svg/>")).as_deref(), Some("<svg/>"));
        assert_eq!(text(&url(";base64", "plain")).as_deref(), Some("plain"));
        assert_eq!(text(&url("DATA-IS-CASELESS", "x")), None, "not base64");
        assert_eq!(text(&format!("DATA:text/plain;base64,{}", "cGxhaW4=")).as_deref(), Some("plain"));
    }

    #[test]
    fn media_binary_and_malformed_payloads_are_not() {
        assert_eq!(text(&url("image/png;base64", "plain")), None);
        assert_eq!(text(&url("font/woff2;base64", "plain")), None);
        assert_eq!(text("data:text/plain,sk_live_not_base64"), None);
        assert_eq!(text("data:application/json;base64,@@@"), None);
        assert_eq!(text(&url("text/plain;base64", "\u{0}\u{1}binary")), None);
        assert_eq!(text("https://example.com/?data:text/plain;base64,cGxhaW4="), None);
        assert_eq!(text("data:"), None);
        assert_eq!(text("dat"), None);
    }
}
