//! Finding the settings: `keylint.toml` in a folder or the nearest parent. The host reads files
//! (the disk natively, a JS callback in the wasm engine); the walk up the tree is here, once.

use keylint::Config;

/// The settings file's name.
pub const CONFIG_NAME: &str = "keylint.toml";

/// A settings file found up the tree: its path and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundConfig {
    /// `start` joined with the folders up to the file, and its name.
    pub path: String,
    /// The file's text.
    pub text: String,
}

/// Looks for `keylint.toml` in `start` and then in each parent, asking `read` for each
/// candidate path: `Ok(None)` when there is no file there (or it is not a file), `Err` stops
/// the search with the host's error.
pub fn find_config<E>(
    start: &str,
    mut read: impl FnMut(&str) -> Result<Option<String>, E>,
) -> Result<Option<FoundConfig>, E> {
    for dir in ancestors(start) {
        let path = join(&dir, CONFIG_NAME);
        if let Some(text) = read(&path)? {
            return Ok(Some(FoundConfig { path, text }));
        }
    }
    Ok(None)
}

/// Reads settings from their text; `origin` names the file in errors (`origin:line: …`).
pub fn load_config(text: &str, origin: &str) -> Result<Config, String> {
    Config::from_toml(text, origin).map_err(|e| e.to_string())
}

fn is_separator(c: char) -> bool {
    c == '/' || c == '\\'
}

/// `start`, then each parent up to the root (`/`, `C:\`) or, for a relative path, `""`.
fn ancestors(start: &str) -> Vec<String> {
    let mut dirs = Vec::new();
    let mut dir = start.to_string();
    loop {
        while dir.len() > 1 && dir.ends_with(is_separator) && !dir.ends_with(":\\") && !dir.ends_with(":/") {
            dir.pop();
        }
        dirs.push(dir.clone());
        match dir.rfind(is_separator) {
            // At a root: `/` or `C:\`.
            Some(at) if at + 1 == dir.len() => break,
            Some(at) => {
                let root = at == 0 || dir[..at].ends_with(':');
                dir.truncate(if root { at + 1 } else { at });
            }
            None if dir.is_empty() || dir.ends_with(':') => break,
            None => dir.clear(),
        }
    }
    dirs
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else if dir.ends_with(is_separator) {
        format!("{dir}{name}")
    } else {
        let separator = if dir.contains('\\') && !dir.contains('/') { '\\' } else { '/' };
        format!("{dir}{separator}{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_up_to_the_root() {
        assert_eq!(ancestors("/home/me/app/"), ["/home/me/app", "/home/me", "/home", "/"]);
        assert_eq!(ancestors("C:\\work\\app"), ["C:\\work\\app", "C:\\work", "C:\\"]);
        assert_eq!(ancestors("app/src"), ["app/src", "app", ""]);
        assert_eq!(ancestors("/"), ["/"]);
    }

    #[test]
    fn the_nearest_file_wins_and_errors_stop_the_search() {
        let mut asked = Vec::new();
        let found = find_config("/a/b/c", |p: &str| {
            asked.push(p.to_string());
            Ok::<_, String>((p == "/a/keylint.toml" || p == "/keylint.toml").then(|| format!("# {p}")))
        })
        .unwrap()
        .unwrap();
        assert_eq!(found, FoundConfig { path: "/a/keylint.toml".into(), text: "# /a/keylint.toml".into() });
        assert_eq!(asked, ["/a/b/c/keylint.toml", "/a/b/keylint.toml", "/a/keylint.toml"]);
        assert_eq!(find_config("C:\\x", |_| Ok::<_, String>(None)).unwrap(), None);
        let e = find_config("/a", |p: &str| Err::<Option<String>, _>(format!("{p}: denied"))).unwrap_err();
        assert_eq!(e, "/a/keylint.toml: denied");
    }

    #[test]
    fn load_names_the_origin() {
        let e = load_config("disable = [\"nope\"]\n", "x/keylint.toml").unwrap_err();
        assert_eq!(e, "x/keylint.toml:1: unknown rule id `nope` (see `keylint rules`)");
    }
}
