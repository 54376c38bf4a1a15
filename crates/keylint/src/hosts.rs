//! API hosts: a value sent to a provider's own API host is that provider's key, whatever its
//! format. A rule declares its hosts (`hosts = ["pro-api.coinmarketcap.com"]`); a value whose
//! call goes to one of them (`fetch("https://pro-api.coinmarketcap.com/…", { headers })`, an
//! SDK's `baseURL` beside it) satisfies the rule's context as its names would.

use crate::candidate::Context;

/// The host of an `http(s)://` or `ws(s)://` URL, lowercased: `api.x.com` for
/// `https://user@API.x.com:443/v1?q`.
pub fn host_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https" | "ws" | "wss") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Whether `host` is `declared` or one of its subdomains (`eth-mainnet.g.alchemy.com` is
/// `alchemy.com`'s, `evilalchemy.com` is not).
pub fn is_host_or_subdomain(host: &str, declared: &str) -> bool {
    host == declared || host.strip_suffix(declared).is_some_and(|rest| rest.ends_with('.'))
}

/// Whether the call a value reaches goes to one of `hosts`.
pub fn sent_to(ctx: &Context, hosts: &[String]) -> bool {
    !hosts.is_empty()
        && ctx.url.as_deref().and_then(host_of).is_some_and(|h| hosts.iter().any(|d| is_host_or_subdomain(&h, d)))
}

/// A declared host must be a plain lowercase host name with a dot: no scheme, path or port.
pub fn check_declared(host: &str) -> Result<(), String> {
    let plain = !host.is_empty()
        && host.contains('.')
        && !host.starts_with(['.', '-'])
        && !host.ends_with(['.', '-'])
        && host.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
    if plain {
        Ok(())
    } else {
        Err(format!(
            "host {host:?} in `hosts` must be a lowercase host name such as \"api.example.com\" (no scheme, path or port)"
        ))
    }
}

/// Names of an object's properties that give the URL its other properties are sent to
/// (`axios.create({ baseURL, headers })`, `new Client({ endpoint, apiKey })`).
pub fn is_url_property(name: &str) -> bool {
    matches!(
        crate::candidate::normalize(name).as_str(),
        "baseurl" | "baseuri" | "url" | "uri" | "endpoint" | "apiurl" | "apibaseurl" | "host" | "server" | "rpcurl"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_read_from_urls() {
        assert_eq!(host_of("https://user@API.x.com:443/v1?q=1").as_deref(), Some("api.x.com"));
        assert_eq!(host_of("wss://stream.binance.com:9443/ws").as_deref(), Some("stream.binance.com"));
        assert_eq!(host_of("/relative/path"), None);
        assert_eq!(host_of("ftp://x.com"), None);
    }

    #[test]
    fn subdomains_match_and_lookalikes_do_not() {
        assert!(is_host_or_subdomain("eth-mainnet.g.alchemy.com", "alchemy.com"));
        assert!(is_host_or_subdomain("alchemy.com", "alchemy.com"));
        assert!(!is_host_or_subdomain("evilalchemy.com", "alchemy.com"));
    }

    #[test]
    fn declared_hosts_are_plain_names() {
        assert!(check_declared("pro-api.coinmarketcap.com").is_ok());
        for bad in ["https://api.x.com", "api.x.com/v1", "API.x.com", "localhost", "api.x.com:443", ""] {
            assert!(check_declared(bad).is_err(), "{bad}");
        }
    }
}
