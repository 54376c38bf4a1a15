//! Values that are plainly something other than a secret, whatever name stands near them: an
//! e-mail address, a URL without credentials, a sentence, a file path. Only generic (fallback)
//! rules ask: they judge a value by its name, and a name (`password`, or a far one such as an
//! enclosing `sendForgotPassword`) cannot turn an address into a password.

/// Whether `value` is an e-mail address, a credential-free URL, a sentence or a path.
pub fn is_plainly_not_secret(value: &str) -> bool {
    let v = value.trim();
    is_email(v) || is_plain_url(v) || is_sentence(v) || is_path(v)
}

/// `noreply@acme.io`: a local part, one `@`, a dotted domain of letters.
fn is_email(v: &str) -> bool {
    let Some((local, domain)) = v.split_once('@') else { return false };
    let tld = domain.rsplit('.').next().unwrap_or("");
    !local.is_empty()
        && local.bytes().all(|b| b.is_ascii_alphanumeric() || b"._%+-".contains(&b))
        && domain.contains('.')
        && domain.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && tld.len() >= 2
        && tld.bytes().all(|b| b.is_ascii_alphabetic())
}

/// `https://api.acme.io/v1/reset?next=/login`: a URL with no `user:password@` and no query
/// parameter that names a credential.
fn is_plain_url(v: &str) -> bool {
    let Some((scheme, rest)) = v.split_once("://") else { return false };
    if scheme.is_empty() || !scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b)) {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let lower = v.to_ascii_lowercase();
    let credential_param = ["key=", "token=", "secret=", "password=", "sig=", "signature=", "auth="]
        .iter()
        .any(|p| lower.contains(&format!("?{p}")) || lower.contains(&format!("&{p}")));
    !authority.contains('@') && !credential_param && !authority.is_empty()
}

/// Three or more words separated by single spaces, mostly letters: UI text, not a key.
fn is_sentence(v: &str) -> bool {
    let words: Vec<&str> = v.split(' ').filter(|w| !w.is_empty()).collect();
    let letters = v.chars().filter(|c| c.is_alphabetic()).count();
    words.len() >= 3 && letters * 3 >= v.chars().count() * 2
}

/// `/var/run/app.sock`, `./config/secrets.json`, `C:\keys\dev`: a path names a place.
fn is_path(v: &str) -> bool {
    let rooted = v.starts_with('/') || v.starts_with("./") || v.starts_with("../") || v.starts_with("~/");
    let windows = v.len() > 3 && v.as_bytes()[1] == b':' && v.as_bytes()[2] == b'\\';
    let segments = v.split(['/', '\\']).filter(|s| !s.is_empty()).count();
    (rooted || windows) && segments >= 2 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b"/\\._-~:".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::is_plainly_not_secret as plain;

    #[test]
    fn addresses_urls_sentences_and_paths() {
        assert!(plain("noreply@acme-mail.io"));
        assert!(plain("https://api.acme.io/v1/password/reset?next=/login"));
        assert!(plain("Your password was reset 2 minutes ago"));
        assert!(plain("/etc/ssl/private/server.key"));
        assert!(plain("./keys/dev-2024.pem"));
    }

    #[test]
    fn secrets_stay_secrets() {
        assert!(!plain("Tr4ding!Desk2024"));
        assert!(!plain("p@ssw0rd-Zq82liYL"), "an @ inside a password is no address");
        assert!(!plain("https://deploy:Rgjix7YSdn60LNJ@github.com"), "credentials in the URL");
        assert!(!plain("https://hooks.acme.io/hook?token=Zq82liYL5Ebo9xR3"), "a credential parameter");
        assert!(!plain("6BHeErFyUEiusc4kUVFo!"));
        assert!(!plain("/Zq82liYL5Ebo9xR3mW7t+Lp0"), "base64 that starts with a slash");
    }
}
