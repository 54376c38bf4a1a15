//! Credentials that only open a developer's own machine, a CI service container, or an
//! emulator: real in shape, public in fact. They are reported at most as infos, with the reason,
//! so that a source tree's docker-compose password or Hardhat's account #0 does not fail a scan.

use super::source_tree;
use crate::finding::Finding;
use crate::rules::Severity;
use regex::Regex;
use std::sync::OnceLock;

/// Keys published by their vendors for local emulators and development chains. Anyone can
/// read them in the docs; they guard nothing outside a developer's machine.
const DOCUMENTED_DEV_KEYS: &[(&str, &str)] = &[
    (
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
        "the Azurite storage emulator's well-known account key, published by Microsoft",
    ),
    (
        "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
        "Hardhat/Anvil default account #0, derived from the public `test … junk` mnemonic",
    ),
    (
        "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "Hardhat/Anvil default account #1, derived from the public `test … junk` mnemonic",
    ),
    (
        "5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
        "Hardhat/Anvil default account #2, derived from the public `test … junk` mnemonic",
    ),
    ("test test test test test test test test test test test junk", "the public default mnemonic of Hardhat and Anvil"),
    (
        "myth like bonus scare over problem client lizard pioneer submit female collect",
        "the public default mnemonic of Ganache",
    ),
];

/// Passwords that official images and CI service containers start with (`POSTGRES_PASSWORD:
/// postgres`), and that no production database keeps.
const DEFAULT_PASSWORDS: &[&str] = &[
    "postgres",
    "password",
    "root",
    "secret",
    "admin",
    "mysql",
    "mongo",
    "redis",
    "guest",
    "test",
    "mysecretpassword",
];

/// Where a finding was made, as far as judging it a development credential goes.
pub struct Place<'a> {
    /// The value the rule matched in (a whole URL, a `.env` line's value).
    pub value: &'a str,
    /// The function the value is passed to (`connectAuthEmulator(…)`).
    pub callee: Option<&'a str>,
    pub path: &'a str,
    /// The file is build output, where a fixture's or template's value ships like any other.
    pub in_output: bool,
    /// A generic rule judged the value by its name alone (no provider format vouches for it).
    pub generic: bool,
}

/// Why a finding on `secret` can only be a development credential; `None` when nothing says so.
pub fn reason(secret: &str, place: &Place) -> Option<String> {
    let Place { value, callee, path, in_output, generic, .. } = *place;
    if let Some(why) = documented_key(secret, value) {
        return Some(format!("development only: {why}"));
    }
    if let Some(host) = local_url_host(secret, value) {
        return Some(format!("development only: a URL to `{host}`, reachable from the developer's machine alone"));
    }
    if DEFAULT_PASSWORDS.contains(&secret.to_ascii_lowercase().as_str()) {
        return Some("development only: a default password of a local or CI service container".to_string());
    }
    // `connectAuthEmulator(auth, "http://127.0.0.1:9099")`, `useEmulator(…)`: whatever is passed
    // to an emulator connection opens the emulator (a name that merely mentions one does not).
    if callee.is_some_and(|c| c.to_ascii_lowercase().contains("emulator")) {
        return Some("development only: passed to a local emulator".to_string());
    }
    if in_output {
        return None;
    }
    if source_tree::is_env_template(path) {
        return Some("a template: the values of `.env.example`-style files are stand-ins by intent".to_string());
    }
    if source_tree::is_test_fixture(path) {
        return Some("a test fixture in the source tree, not configuration of a deployment".to_string());
    }
    // `.env.development` and `.env.test` are committed for development runs: a value only its
    // name calls secret is a development value there (a provider's key format still counts).
    if generic && source_tree::is_development_env(path) {
        return Some("a development env file in the source tree; a value only its name calls secret".to_string());
    }
    None
}

/// What the vendor says about `secret` when it is (or `value` holds) a key published for
/// development.
pub fn documented_key(secret: &str, value: &str) -> Option<&'static str> {
    let trimmed = secret.trim_start_matches("0x");
    DOCUMENTED_DEV_KEYS.iter().find(|(key, _)| *key == trimmed || value.contains(key)).map(|(_, why)| *why)
}

/// Findings of one rule under one name with a documented development key (Hardhat's account #0
/// in `DEFAULT_PRIVATE_KEYS`) are the rest of that development set: the other default accounts,
/// derived from the same public mnemonic. `sets` holds (rule id, name) of the documented ones.
pub fn lower_development_sets(findings: &mut [Finding], sets: &[(String, String)]) {
    if sets.is_empty() {
        return;
    }
    for f in findings.iter_mut().filter(|f| f.severity > Severity::Info) {
        let Some(name) = &f.context else { continue };
        if sets.iter().any(|(rule, set)| *rule == f.rule_id && set == name) {
            let why = format!("development only: listed in `{name}` with a key its vendor publishes for development");
            at_most_info(f, &why);
        }
    }
}

/// Lowers a finding to an info whose message says why, in place of what a leak would mean.
pub fn at_most_info(finding: &mut Finding, why: &str) {
    finding.severity = finding.severity.min(Severity::Info);
    let head = finding.message.rsplit_once(": ").map_or(finding.message.as_str(), |(head, _)| head);
    finding.message = format!("{head}: {why}");
}

/// The host of a URL with credentials in `value` whose password is (or holds) `secret`, when
/// that host is this machine or a docker-compose service (a name without dots).
fn local_url_host(secret: &str, value: &str) -> Option<String> {
    static URL: OnceLock<Regex> = OnceLock::new();
    let url = URL.get_or_init(|| {
        Regex::new(r#"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://[^\s/@:'"]*:(?P<password>[^\s@'"]*)@(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)"#)
            .expect("static regex")
    });
    url.captures_iter(value).find_map(|caps| {
        let whole = caps.get(0).expect("group 0").as_str();
        let password = caps.name("password").expect("group").as_str();
        let host = caps.name("host").expect("group").as_str();
        let scheme = caps.name("scheme").expect("group").as_str();
        let about_secret = secret == password || whole.contains(secret) || secret.contains(whole);
        // A single-label host is a compose service only where the scheme names a machine to
        // connect to; in a vendor's URL (`cloudinary://key:secret@cloud-name`) it is an account.
        let local = if is_single_label(host) { names_a_machine(scheme) } else { is_local_host(host) };
        (about_secret && local).then(|| host.to_string())
    })
}

/// Schemes whose host part is a machine on the network (databases, queues, caches, HTTP), so a
/// single-label host there is a docker-compose service.
fn names_a_machine(scheme: &str) -> bool {
    let scheme = scheme.to_ascii_lowercase();
    let base = scheme.split('+').next().unwrap_or(&scheme);
    matches!(
        base,
        "postgres"
            | "postgresql"
            | "mysql"
            | "mariadb"
            | "mssql"
            | "sqlserver"
            | "redis"
            | "rediss"
            | "mongodb"
            | "amqp"
            | "amqps"
            | "http"
            | "https"
            | "ws"
            | "wss"
            | "ftp"
            | "sftp"
            | "ssh"
            | "smtp"
            | "smtps"
            | "ldap"
            | "ldaps"
            | "nats"
            | "kafka"
            | "memcached"
            | "clickhouse"
            | "cassandra"
            | "couchdb"
            | "neo4j"
            | "bolt"
            | "elasticsearch"
            | "influxdb"
            | "mqtt"
    )
}

fn is_single_label(host: &str) -> bool {
    let h = host.to_ascii_lowercase();
    !h.contains('.') && !h.contains(':') && !h.is_empty() && !h.starts_with('[') && h != "localhost"
}

/// `localhost`, loopback, unspecified and docker-internal hosts, and single-label names
/// (`db`, `postgres`): docker-compose services that resolve only inside their network.
pub fn is_local_host(host: &str) -> bool {
    let h = host.trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
    h == "localhost"
        || h.ends_with(".localhost")
        || h.starts_with("127.")
        || h == "::1"
        || h == "0.0.0.0"
        || h == "host.docker.internal"
        || (!h.contains('.') && !h.contains(':') && !h.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(secret: &str, value: &str, callee: Option<&str>, path: &str, in_output: bool) -> Option<String> {
        super::reason(secret, &Place { value, callee, path, in_output, generic: false })
    }

    #[test]
    fn urls_to_this_machine_or_a_compose_service() {
        let url = "postgres://postgres:S3cr3tPw42@localhost:5432/app";
        assert!(reason("S3cr3tPw42", url, None, "src/db.ts", false).unwrap().contains("`localhost`"));
        let compose = "postgres://app:S3cr3tPw42@db:5432/app";
        assert!(reason(compose, compose, None, "src/db.ts", false).unwrap().contains("`db`"));
        assert!(reason("S3cr3tPw42", "mysql://u:S3cr3tPw42@[::1]/x", None, "a.js", false).is_some());
        assert!(reason("S3cr3tPw42", "redis://:S3cr3tPw42@127.0.0.1:6379", None, "a.js", false).is_some());
        let remote = "postgres://app:S3cr3tPw42@db.internal.acme.io:5432/app";
        assert_eq!(reason("S3cr3tPw42", remote, None, "src/db.ts", false), None);
        // Another URL on the same line does not vouch for this one's password.
        let two = "redis://:Other99x@localhost postgres://app:S3cr3tPw42@db.acme.io/app";
        assert_eq!(reason("S3cr3tPw42", two, None, "src/db.ts", false), None);
        // In a vendor's URL the single label is an account (a Cloudinary cloud name), not a host.
        let vendor = "cloudinary://123456789012345:S3cr3tPw42abcdefghij@acme-media";
        assert_eq!(reason("S3cr3tPw42abcdefghij", vendor, None, "src/media.ts", false), None);
        assert!(reason("S3cr3tPw42", "cloudinary://1:S3cr3tPw42@localhost", None, "a.js", false).is_some());
    }

    #[test]
    fn documented_keys_and_default_passwords() {
        let azurite = DOCUMENTED_DEV_KEYS[0].0;
        assert!(reason(azurite, azurite, None, "src/storage.ts", true).unwrap().contains("Azurite"));
        let hardhat = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
        assert!(reason(hardhat, hardhat, None, "hardhat.config.ts", true).unwrap().contains("#0"));
        assert!(reason("postgres", "postgres", None, "docker-compose.yml", false).is_some());
        assert_eq!(
            reason("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff81", "x", None, "a", false),
            None
        );
    }

    #[test]
    fn fixtures_and_templates_only_in_a_source_tree() {
        let key = "Zq82liYL5Ebo9xR3mW7t";
        assert!(reason(key, key, None, "test/api.test.ts", false).unwrap().contains("test fixture"));
        assert!(reason(key, key, None, ".env.example", false).unwrap().contains("template"));
        assert_eq!(reason(key, key, None, "dist/test/api.js", true), None);
        assert_eq!(reason(key, key, None, "src/api.ts", false), None);
        // A development env file excuses what only a name calls secret, not a provider's key.
        let generic = Place { value: key, callee: None, path: ".env.development", in_output: false, generic: true };
        assert!(super::reason(key, &generic).unwrap().contains("development env file"));
        assert_eq!(super::reason(key, &Place { generic: false, ..generic }), None);
        assert_eq!(super::reason(key, &Place { path: ".env.production", ..generic }), None);
    }
}
