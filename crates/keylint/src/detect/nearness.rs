//! How near a name must be to speak for a value. Generic (fallback) rules judge a value by its
//! names alone, so a name that describes something else must not count: the function a whole
//! object is passed to (`redactPasswordHash({ kind: "identitytoolkit#…" })`) says what the call
//! does, not what each property holds. A value with a name of its own is judged by that name
//! and the keys enclosing it; the callee speaks only for a value without one
//! (`setPassword("…")`). Function bodies do not inherit outer names at all (`extract`).

use crate::candidate::{normalize, Context};

/// Whether one of a fallback rule's `context` entries matches names near enough to the value.
pub fn fallback_context_holds(entries: &[String], ctx: &Context) -> bool {
    if entries.is_empty() || ctx.name.is_none() {
        return true;
    }
    let near: Vec<String> = ctx.name.iter().chain(ctx.path.iter()).map(|n| normalize(n)).collect();
    entries.iter().any(|entry| entry.split('&').all(|word| near.iter().any(|name| name.contains(word))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(name: Option<&str>, callee: Option<&str>, path: &[&str]) -> Context {
        Context {
            name: name.map(str::to_string),
            callee: callee.map(str::to_string),
            path: path.iter().map(|p| p.to_string()).collect(),
            ..Context::default()
        }
    }

    #[test]
    fn the_callee_speaks_only_for_an_unnamed_value() {
        let words = ["password".to_string(), "client&secret".to_string()];
        assert!(!fallback_context_holds(&words, &ctx(Some("kind"), Some("redactPasswordHash"), &[])));
        assert!(fallback_context_holds(&words, &ctx(None, Some("setPassword"), &[])));
        assert!(fallback_context_holds(&words, &ctx(Some("password"), Some("login"), &[])));
        assert!(fallback_context_holds(&words, &ctx(Some("admin"), None, &["passwords"])), "an enclosing key");
        assert!(fallback_context_holds(&words, &ctx(Some("secret"), None, &["client"])), "words across names");
        assert!(fallback_context_holds(&[], &ctx(Some("kind"), None, &[])), "no context to hold");
    }
}
