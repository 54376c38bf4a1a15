//! Where a file sits: in build output (what a site serves) or in a source tree (what a
//! repository holds). A `.env` inside `dist/` is downloadable by anyone; the same file beside
//! `package.json` is the developer's configuration, whose values are judged one by one. Test
//! fixtures and `.env.example` templates hold stand-ins by intent.
//!
//! Paths are judged by their folders only, as the scan names them (`dist/.env`), plus the
//! folders the caller marks as output ([`EngineSettings::output_dirs`](crate::config::EngineSettings::output_dirs): `--built`, or a scanned
//! folder that looks written by a bundler).

/// Folders a bundler or static-site generator writes, or whose contents are copied verbatim
/// into the output (`public/`, `static/`).
const OUTPUT_FOLDERS: &[&str] = &[
    "dist",
    "build",
    "out",
    ".next",
    ".output",
    ".nuxt",
    ".vercel",
    ".netlify",
    "_site",
    "storybook-static",
    "public",
    "static",
];

/// Whether the file at `path` is build output, by `config`'s marked folders and, below the
/// scanned root that holds it, its folders' names: `/build/app/.env` scanned as `/build/app`
/// is a source tree (a Docker `WORKDIR /build`), `/build/app/dist/.env` is output.
pub fn in_output(path: &str, config: &crate::config::Config) -> bool {
    let normal = normalized(path);
    let below_root = config
        .engine
        .scan_roots
        .iter()
        .map(|root| normalized(root).trim_end_matches('/').to_string())
        .filter(|root| !root.is_empty() && root != "." && normal.starts_with(&format!("{root}/")))
        // The root's own name counts (`keylint scan dist`); the folders above it do not.
        .map(|root| root.rfind('/').map_or(0, |slash| slash + 1))
        .max()
        .map_or(normal.as_str(), |cut| &normal[cut..]);
    // A content-hashed name (`index-4f2a9c1e.js`, its `.map`) is a bundler's wherever it sits.
    let name = file_name(&normal);
    config.engine.output_dirs.iter().any(|dir| is_build_output(&normal, std::slice::from_ref(dir)))
        || is_build_output(below_root, &[])
        || is_hashed_asset(name.strip_suffix(".map").unwrap_or(name))
}

/// Whether `path` lies in build output: under a folder named like one a bundler writes, or
/// under one of `output_dirs` (an empty entry or `.` marks everything).
pub fn is_build_output(path: &str, output_dirs: &[String]) -> bool {
    let path = normalized(path);
    if output_dirs.iter().any(|dir| {
        let dir = normalized(dir);
        dir.is_empty() || dir == "." || path == dir || path.starts_with(&format!("{}/", dir.trim_end_matches('/')))
    }) {
        return true;
    }
    let folders: Vec<&str> = path.split('/').collect();
    let folders = &folders[..folders.len().saturating_sub(1)];
    // SvelteKit's `.svelte-kit/output` is output; the rest of `.svelte-kit` is generated source.
    folders.windows(2).any(|w| w == [".svelte-kit", "output"])
        || folders.iter().any(|f| OUTPUT_FOLDERS.contains(&f.to_ascii_lowercase().as_str()))
}

/// `index-4f2a9c1e.js`, `main.7c2e91ab.css`, `index-BkX3a9_Q.js`: a name, then `-` or `.`, then
/// a hash of eight or more characters with a digit in it.
pub fn is_hashed_asset(name: &str) -> bool {
    let Some(stem) = [".js", ".mjs", ".css"].iter().find_map(|ext| name.strip_suffix(ext)) else { return false };
    let Some(at) = stem.rfind(['-', '.']) else { return false };
    let hash = &stem[at + 1..];
    at > 0
        && hash.len() >= 8
        && hash.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && hash.bytes().any(|b| b.is_ascii_digit())
}

/// Whether a folder of this name is one a bundler writes or copies into its output.
pub fn is_output_folder_name(name: &str) -> bool {
    OUTPUT_FOLDERS.contains(&name.to_ascii_lowercase().as_str())
}

/// Dotenv files committed as templates: every value in them is a stand-in by intent.
pub fn is_env_template(path: &str) -> bool {
    let name = file_name(path).to_ascii_lowercase();
    name.starts_with(".env")
        && [".example", ".sample", ".template", ".defaults", ".dist", ".tmpl", ".schema"]
            .iter()
            .any(|suffix| name.ends_with(suffix) || name.contains(&format!("{suffix}.")))
        || ["env.example", "env.sample", "env.template", "example.env", "sample.env", "template.env"]
            .contains(&name.as_str())
}

/// Dotenv files for development and test runs (`.env.development`, `.env.test`), which
/// frameworks load outside production and projects commit on purpose.
pub fn is_development_env(path: &str) -> bool {
    let name = file_name(path).to_ascii_lowercase();
    let Some(mode) = name.strip_prefix(".env.") else { return false };
    let mode = mode.strip_suffix(".local").unwrap_or(mode);
    matches!(mode, "development" | "dev" | "test" | "testing" | "ci" | "e2e" | "local.example")
}

/// Whether `path` is a test, a fixture or a mock: what it holds exercises code, it does not
/// configure a deployment.
pub fn is_test_fixture(path: &str) -> bool {
    let path = normalized(path).to_ascii_lowercase();
    let parts: Vec<&str> = path.split('/').collect();
    let (folders, name) = parts.split_at(parts.len().saturating_sub(1));
    let name = name.first().copied().unwrap_or("");
    let test_folder = folders.iter().any(|f| {
        matches!(
            *f,
            "test"
                | "tests"
                | "__tests__"
                | "__test__"
                | "spec"
                | "specs"
                | "fixtures"
                | "fixture"
                | "__mocks__"
                | "__fixtures__"
                | "mocks"
                | "e2e"
                | "cypress"
                | "playwright"
                | "testdata"
                | "test-data"
        )
    });
    let test_name = [".test.", ".spec.", ".e2e.", ".stories.", "_test.", ".cy."].iter().any(|m| name.contains(m))
        || name.starts_with("test_")
        || name.starts_with("test.");
    test_folder || test_name
}

/// Key stores: binary containers of private keys and certificates (PKCS#12, Java key stores).
pub fn is_keystore(path: &str) -> bool {
    let name = file_name(path).to_ascii_lowercase();
    [".p12", ".pfx", ".jks", ".keystore", ".bks"].iter().any(|ext| name.ends_with(ext))
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn normalized(path: &str) -> String {
    let p = path.replace('\\', "/");
    p.strip_prefix("./").map(str::to_string).unwrap_or(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_by_folder_name_or_marked_root() {
        assert!(is_build_output("dist/.env", &[]));
        assert!(is_build_output("apps/web/.next/server/.env.production", &[]));
        assert!(is_build_output("public/.env", &[]));
        assert!(is_build_output(".svelte-kit/output/client/.env", &[]));
        assert!(!is_build_output(".svelte-kit/generated/.env", &[]));
        assert!(!is_build_output(".env", &[]));
        assert!(!is_build_output("apps/web/.env.development", &[]));
        assert!(!is_build_output("src/dist.ts", &[]), "a file named like a folder is not in one");
        assert!(is_build_output("site/.env", &["site".to_string()]));
        assert!(is_build_output("site\\.env", &["site/".to_string()]));
        assert!(!is_build_output("sites/.env", &["site".to_string()]));
        assert!(is_build_output(".env", &[".".to_string()]));
    }

    #[test]
    fn hashed_asset_names() {
        for name in ["index-4f2a9c1e.js", "main.7c2e91ab.css", "index-BkX3a9_Q.js", "chunk.1a2b3c4d5e.mjs"] {
            assert!(is_hashed_asset(name), "{name}");
        }
        for name in ["index.js", "vendor-polyfills.js", "app.config.js", "-4f2a9c1e.js", "index-4f2a9c1e.ts"] {
            assert!(!is_hashed_asset(name), "{name}");
        }
    }

    fn with_engine(change: impl FnOnce(&mut crate::EngineSettings)) -> crate::Config {
        let mut config = crate::Config::default();
        change(&mut config.engine);
        config
    }

    #[test]
    fn folder_names_count_below_the_scanned_root_only() {
        let config = with_engine(|e| e.scan_roots = vec!["/build/app".into()]);
        assert!(!in_output("/build/app/.env", &config), "a Docker WORKDIR named build");
        assert!(in_output("/build/app/dist/.env", &config));
        assert!(in_output("/build/other/.env", &config), "outside every root, the whole path counts");
        let marked = {
            let mut marked = config.clone();
            marked.engine.output_dirs = vec!["/build/app".into()];
            marked
        };
        assert!(in_output("/build/app/.env", &marked));
        assert!(in_output("dist/.env", &crate::Config::default()));
        let dist = with_engine(|e| e.scan_roots = vec!["/build/app/dist".into()]);
        assert!(in_output("/build/app/dist/.env", &dist), "the scanned folder's own name counts");
        let fixture = crate::Config::default();
        assert!(in_output("fixtures/demo/assets/index-4f2a9c1e.js.map", &fixture), "a hashed bundle's map");
        assert!(!in_output("fixtures/demo/src/index.js", &fixture));
    }

    #[test]
    fn env_templates_by_name() {
        for name in [".env.example", "app/.env.sample", ".env.template", ".env.local.example", ".env.example.local"] {
            assert!(is_env_template(name), "{name}");
        }
        for name in [".env", ".env.development", ".env.production", "example.js"] {
            assert!(!is_env_template(name), "{name}");
        }
    }

    #[test]
    fn development_env_files_by_mode() {
        for name in [".env.development", "web/.env.test", ".env.development.local", ".env.ci"] {
            assert!(is_development_env(name), "{name}");
        }
        for name in [".env", ".env.production", ".env.local", ".env.staging", "env.development"] {
            assert!(!is_development_env(name), "{name}");
        }
    }

    #[test]
    fn tests_and_fixtures_by_folder_or_name() {
        for path in ["test/db.js", "src/__tests__/a.ts", "pkg/fixtures/keys.json", "src/api.spec.ts", "a.test.js"] {
            assert!(is_test_fixture(path), "{path}");
        }
        for path in ["src/api.ts", "dist/assets/index-4f2a9c1e.js", "src/testimonials.ts", "latest/a.js"] {
            assert!(!is_test_fixture(path), "{path}");
        }
    }

    #[test]
    fn keystores_by_extension() {
        assert!(is_keystore("dist/certs/server.P12"));
        assert!(is_keystore("public/release.keystore"));
        assert!(!is_keystore("dist/p12.js"));
    }
}
