//! Where a finding in a built file came from, through its source map: an inline `data:` map,
//! the file its `sourceMappingURL` names, or a sibling `<file>.map`. A map's `sources` are
//! relative to the map; findings name them relative to the built file, rebased here (the one
//! place that does). The host reads files, through [`MapReader`].

use keylint::original::{add_original_locations, map_reference, MapReference};
use keylint::{Note, NoteKind, ScanResult};

/// How a host reads a map file named by a built file.
pub trait MapReader {
    /// The file's text; `Ok(None)` when it does not exist, `Err` with the host's error text.
    fn read(&mut self, path: &str) -> Result<Option<String>, String>;
    /// `path` made absolute (joined to the working folder), to compare folders; the default
    /// leaves it as it is, which is right when every path has the same base.
    fn absolute(&self, path: &str) -> String {
        path.to_string()
    }
}

/// A host without files: only inline maps and maps given by the caller are read.
pub struct NoFiles;

impl MapReader for NoFiles {
    fn read(&mut self, _path: &str) -> Result<Option<String>, String> {
        Ok(None)
    }
}

/// Fills `original` on the findings of `code` (the built file `path`, as findings name it)
/// from its source map, found as the CLI finds it. A map that exists but cannot be used adds a
/// note; none is not an error. Maps themselves (`*.map`) are already located by the engine.
pub fn locate_originals(result: &mut ScanResult, code: &str, path: &str, reader: &mut dyn MapReader) {
    if result.findings.is_empty() || path.ends_with(".map") {
        return;
    }
    let map_file = match map_reference(code) {
        Some(MapReference::Inline(Ok(json))) => {
            apply(result, &json, code, &format!("{path} (inline map)"));
            return;
        }
        Some(MapReference::Inline(Err(e))) => {
            result.notes.push(Note::new(NoteKind::MapNotDecodable, format!("{path} (inline map)"), e));
            return;
        }
        Some(MapReference::File(url)) => map_file_from(path, &url),
        None => format!("{path}.map"),
    };
    let shown = map_file.strip_prefix("./").unwrap_or(&map_file).to_string();
    match reader.read(&map_file) {
        Ok(Some(text)) => {
            apply(result, &text, code, &shown);
            let (map_dir, bundle_dir) =
                (lexical(&reader.absolute(parent(&map_file))), lexical(&reader.absolute(parent(path))));
            if map_dir != bundle_dir {
                for original in result.findings.iter_mut().filter_map(|f| f.original.as_mut()) {
                    if let Some(rebased) = rebase(&original.file, &map_dir, &bundle_dir) {
                        original.file = rebased;
                    }
                }
            }
        }
        Ok(None) => {}
        Err(e) => result.notes.push(Note::new(NoteKind::MapUnreadable, shown, e)),
    }
}

/// Locates through a map the caller already holds (its JSON text), named `name` in notes, and
/// rebased from `map_path`'s folder when given.
pub fn locate_with_map(result: &mut ScanResult, code: &str, path: &str, map: &str, name: &str, map_path: Option<&str>) {
    if result.findings.is_empty() || path.ends_with(".map") {
        return;
    }
    apply(result, map, code, name);
    if let Some(map_path) = map_path {
        let (map_dir, bundle_dir) = (lexical(parent(map_path)), lexical(parent(path)));
        if map_dir != bundle_dir {
            for original in result.findings.iter_mut().filter_map(|f| f.original.as_mut()) {
                if let Some(rebased) = rebase(&original.file, &map_dir, &bundle_dir) {
                    original.file = rebased;
                }
            }
        }
    }
}

/// The map file of the built file `path` (as the host names files): the file its
/// `sourceMappingURL` names, relative to `path`'s folder, else a sibling `<path>.map`; `None`
/// for an inline map, which the engine reads itself. For hosts that read maps themselves (the
/// npm CLI, the bundler plugins), so that every surface looks for the same file.
pub fn map_file_for(path: &str, code: &str) -> Option<String> {
    match map_reference(code) {
        Some(MapReference::Inline(_)) => None,
        Some(MapReference::File(url)) => Some(map_file_from(path, &url)),
        None => Some(format!("{path}.map")),
    }
}

/// The file a `sourceMappingURL` names: a URL with a scheme is not a file here, so the sibling
/// `.map` is read instead; a query or fragment is not part of the name.
fn map_file_from(path: &str, url: &str) -> String {
    if url.contains("://") {
        return format!("{path}.map");
    }
    let url = url.split(['?', '#']).next().unwrap_or(url);
    join(parent(path), url)
}

fn apply(result: &mut ScanResult, map: &str, code: &str, name: &str) {
    if let Err(e) = add_original_locations(result, map, code) {
        result.notes.push(Note::new(NoteKind::MapInvalid, name, e));
    }
}

fn is_separator(c: char) -> bool {
    c == '/' || (cfg!(windows) && c == '\\')
}

/// The folder part of a path (`""` for a bare name), as `Path::parent` gives it.
fn parent(path: &str) -> &str {
    match path.rfind(is_separator) {
        Some(0) => &path[..1],
        Some(at) => &path[..at],
        None => "",
    }
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() || name.starts_with('/') {
        name.to_string()
    } else if dir.ends_with(is_separator) {
        format!("{dir}{name}")
    } else {
        format!("{dir}/{name}")
    }
}

/// A path's parts with `.` and `..` resolved lexically (symlinks untouched: two names of a file
/// in an output folder are two shipped files). A leading `/` is kept as an empty first part.
fn lexical(path: &str) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    for (i, part) in path.split(is_separator).enumerate() {
        match part {
            "" if i == 0 => parts.push(String::new()),
            "" | "." => {}
            ".." => match parts.last().map(String::as_str) {
                // The root has no parent; a relative path keeps climbing.
                Some("") if parts.len() == 1 => {}
                Some(p) if p != ".." => {
                    parts.pop();
                }
                _ => parts.push("..".into()),
            },
            other => parts.push(other.to_string()),
        }
    }
    parts
}

/// `source`, relative to a map in `map_dir`, as a path relative to `bundle_dir`; `None` for a
/// URL or an absolute path, which say where they are by themselves.
fn rebase(source: &str, map_dir: &[String], bundle_dir: &[String]) -> Option<String> {
    let windows_absolute = source.as_bytes().get(1) == Some(&b':');
    if source.is_empty() || source.contains("://") || source.starts_with('/') || windows_absolute {
        return None;
    }
    let target = lexical(&format!("{}/{source}", map_dir.join("/")));
    let common = target.iter().zip(bundle_dir).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; bundle_dir.len() - common];
    parts.extend(target[common..].iter().map(String::as_str));
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use keylint::Config;
    use std::collections::HashMap;

    #[test]
    fn paths_resolve_lexically_and_rebase_to_the_bundle() {
        assert_eq!(lexical("/a/./b/../c/"), ["", "a", "c"]);
        assert_eq!(lexical("/.."), [""]);
        assert_eq!(lexical("../x"), ["..", "x"]);
        let (map, bundle) = (lexical("/w/dist/maps"), lexical("/w/dist"));
        assert_eq!(rebase("../../src/a.ts", &map, &bundle).as_deref(), Some("../src/a.ts"));
        assert_eq!(rebase("a.ts", &map, &bundle).as_deref(), Some("maps/a.ts"));
        assert_eq!(rebase("webpack://app/a.ts", &map, &bundle), None);
        assert_eq!(rebase("/abs/a.ts", &map, &bundle), None);
        assert_eq!(parent("a.js"), "");
        assert_eq!(parent("/a.js"), "/");
        assert_eq!(join("dist", "../maps/a.js.map"), "dist/../maps/a.js.map");
    }

    struct Files(HashMap<String, Result<String, String>>, Vec<String>);

    impl MapReader for Files {
        fn read(&mut self, path: &str) -> Result<Option<String>, String> {
            self.1.push(path.to_string());
            self.0.get(path).cloned().transpose()
        }
    }

    const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/demo/assets/");

    fn demo() -> (String, String) {
        let code = std::fs::read_to_string(format!("{DEMO}index-4f2a9c1e.js")).unwrap();
        let map = std::fs::read_to_string(format!("{DEMO}index-4f2a9c1e.js.map")).unwrap();
        (code, map)
    }

    #[test]
    fn the_url_a_file_names_is_read_beside_it_and_a_bad_map_is_a_note() {
        let (code, map) = demo();
        let scan = || keylint::scan(&code, "dist/index.js", &Config::default());
        let mut result = scan();
        assert!(!result.findings.is_empty());
        let mut files = Files(HashMap::from([("dist/index-4f2a9c1e.js.map".into(), Ok(map))]), Vec::new());
        locate_originals(&mut result, &code, "dist/index.js", &mut files);
        assert_eq!(files.1, ["dist/index-4f2a9c1e.js.map"]);
        assert!(result.findings.iter().all(|f| f.original.is_some()), "{:?}", result.findings);
        assert!(result.notes.is_empty());

        let mut result = scan();
        let mut files = Files(HashMap::from([("dist/index-4f2a9c1e.js.map".into(), Ok("{".into()))]), Vec::new());
        locate_originals(&mut result, &code, "dist/index.js", &mut files);
        assert!(result.findings.iter().all(|f| f.original.is_none()));
        assert_eq!(result.notes[0].kind, NoteKind::MapInvalid);
        assert!(result.notes[0].to_string().starts_with("dist/index-4f2a9c1e.js.map: invalid source map"));

        let mut result = scan();
        let mut files = Files(HashMap::from([("dist/index-4f2a9c1e.js.map".into(), Err("denied".into()))]), vec![]);
        locate_originals(&mut result, &code, "dist/index.js", &mut files);
        assert_eq!(result.notes[0].to_string(), "dist/index-4f2a9c1e.js.map: denied");
    }

    #[test]
    fn a_map_in_another_folder_has_its_sources_rebased() {
        let (code, map) = demo();
        let code = code.replace("sourceMappingURL=index-4f2a9c1e.js.map", "sourceMappingURL=maps/m.map");
        let mut result = keylint::scan(&code, "out/dist/index.js", &Config::default());
        let mut files = Files(HashMap::from([("out/dist/maps/m.map".into(), Ok(map))]), Vec::new());
        locate_originals(&mut result, &code, "out/dist/index.js", &mut files);
        // The map's `../../demo-src/src/…` from out/dist/maps is out/demo-src/src/….
        let originals: Vec<&str> = result.findings.iter().map(|f| f.original.as_ref().unwrap().file.as_str()).collect();
        assert!(originals.contains(&"../demo-src/src/payments.ts"), "{originals:?}");
        let sources = originals.iter().filter(|o| o.ends_with(".ts"));
        assert!(
            sources.clone().count() > 1 && sources.clone().all(|o| o.starts_with("../demo-src/src/")),
            "{originals:?}"
        );
        // A name that is no path in the map's folder is still relative to it.
        assert!(originals.contains(&"maps/<define:import.meta.env>"), "{originals:?}");
    }

    #[test]
    fn the_map_file_a_host_reads_is_the_one_locate_reads() {
        let named = "k();\n//# sourceMappingURL=maps/a.js.map?v=2#x\n";
        assert_eq!(map_file_for("dist/a.js", named).as_deref(), Some("dist/maps/a.js.map"));
        assert_eq!(map_file_for("a.js", named).as_deref(), Some("maps/a.js.map"));
        assert_eq!(map_file_for("./a.js", named).as_deref(), Some("./maps/a.js.map"));
        assert_eq!(map_file_for("dist/a.js", "k();\n//# sourceMappingURL=/abs/m.map").as_deref(), Some("/abs/m.map"));
        let remote = "k();\n//# sourceMappingURL=https://cdn.example/a.js.map";
        assert_eq!(map_file_for("dist/a.js", remote).as_deref(), Some("dist/a.js.map"));
        assert_eq!(map_file_for("dist/a.js", "k();").as_deref(), Some("dist/a.js.map"));
        assert_eq!(map_file_for("dist/a.js", "k();\n//# sourceMappingURL=data:application/json;base64,e30="), None);
        // And `locate_originals` asks its reader for that very file.
        let (code, map) = demo();
        let mut result = keylint::scan(&code, "dist/index.js", &Config::default());
        let mut files = Files(HashMap::from([("dist/index-4f2a9c1e.js.map".into(), Ok(map))]), Vec::new());
        locate_originals(&mut result, &code, "dist/index.js", &mut files);
        assert_eq!(files.1, [map_file_for("dist/index.js", &code).unwrap()]);
    }

    #[test]
    fn inline_maps_that_do_not_decode_are_a_note() {
        let code = "const stripeKey = \"sk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk4xYzAbCdEfGh\";\n//# sourceMappingURL=data:application/json;base64,%%%\n";
        let mut result = keylint::scan(code, "a.js", &Config::default());
        locate_originals(&mut result, code, "a.js", &mut NoFiles);
        assert_eq!(result.notes[0].kind, NoteKind::MapNotDecodable);
        assert!(result.notes[0].to_string().starts_with("a.js (inline map): invalid base64"), "{:?}", result.notes);
    }
}
