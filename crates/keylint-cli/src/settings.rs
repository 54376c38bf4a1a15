//! Where settings come from: `keylint.toml` in the working folder or a parent (or `--config`),
//! and `--env-file`s. `keylint init` writes a starter file.

use keylint::env::{parse_env_file, ServerValue};
use keylint::Config;
use keylint_report::{find_config, CONFIG_NAME};
use std::path::Path;

pub fn load(explicit: Option<&Path>) -> Result<Config, String> {
    let (text, origin) = match explicit {
        Some(path) => {
            (std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?, path.display().to_string())
        }
        None => {
            let Ok(cwd) = std::env::current_dir() else { return Ok(Config::default()) };
            match find_config(&cwd.to_string_lossy(), read_if_file)? {
                Some(found) => (found.text, found.path),
                None => return Ok(Config::default()),
            }
        }
    };
    let mut read = |path: &str| std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"));
    let (config, warnings) = Config::load(&text, &origin, &mut read).map_err(|e| e.to_string())?;
    // What of a gitleaks config could not be translated: on stderr, one line each, so the
    // report itself stays the findings.
    for w in warnings {
        eprintln!("keylint: warning: {w}");
    }
    Ok(config)
}

/// A file's text for `find_config`: `None` when there is no file there.
pub fn read_if_file(path: &str) -> Result<Option<String>, String> {
    if !Path::new(path).is_file() {
        return Ok(None);
    }
    std::fs::read_to_string(path).map(Some).map_err(|e| format!("{path}: {e}"))
}

pub fn read_env_file(path: &Path) -> Result<Vec<ServerValue>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(parse_env_file(&text))
}

pub fn init() -> Result<(), String> {
    use std::io::Write as _;
    // Created only if nothing is there, a dangling symlink included (whose target `exists()`
    // would not see, and a plain write would follow).
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(CONFIG_NAME).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            format!("{CONFIG_NAME}: already exists; not overwriting it")
        } else {
            format!("{CONFIG_NAME}: {e}")
        }
    })?;
    file.write_all(STARTER.as_bytes()).map_err(|e| format!("{CONFIG_NAME}: {e}"))?;
    println!("wrote {CONFIG_NAME}");
    Ok(())
}

const STARTER: &str = r#"# keylint settings. keylint reads this file from the folder it runs in or any parent;
# `keylint scan --config FILE` reads another. Every key is optional.

# Rules not to report (ids from `keylint rules`).
disable = []

# Severities that replace a rule's default (error | warning | info).
[severity]
# "stripe-test-secret-key" = "error"

[allow]
# Files not to scan (globs).
paths = [
  # "dist/vendor/**",
]
# Findings accepted one by one, by fingerprint (a baseline file does this in bulk).
fingerprints = []
# Secrets matching one of these regexes are not reported.
values = [
  # '''^pk_test_''',
]

# Your own rules, with the same schema as the built-in ones
# (see crates/keylint/rules/README.md in the keylint repository).
# [[rule]]
# id = "acme-internal-token"
# title = "Acme internal API token"
# provider = "Acme"
# family = "internal"
# class = "secret"
# keywords = ["acme_"]
# pattern = '''acme_[a-z0-9]{32}'''
# docs = { what = "…", why = "…", fix = "…", url = "https://wiki.acme.example/tokens" }

# gitleaks/betterleaks rule files whose rules and allowlists join these.
# extends = [".gitleaks.toml"]
"#;

#[cfg(test)]
mod tests {
    #[test]
    fn starter_file_is_a_valid_config() {
        keylint::Config::from_toml(super::STARTER, "starter").expect("the starter config loads");
    }
}
