//! The pinned benchmark corpus: built bundles of popular npm packages.
//!
//! Real bundles are the input keylint exists for, and they are full of
//! high-entropy strings, base64 blobs and key-like identifiers, so they measure
//! both speed and false positives (a clean corpus should give 0 errors).
//! They are fetched with npm rather than committed: ~82 MB of third-party code
//! does not belong in the repository.

use crate::Result;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One npm package at an exact version and the files taken from its tarball
/// (paths relative to the tarball's `package/` folder).
pub struct Package {
    pub name: &'static str,
    pub version: &'static str,
    pub files: &'static [&'static str],
}

/// Exact versions so numbers stay comparable across runs. Order matters:
/// `--quick` takes the first three files, so small packages come first.
/// Bump a version only together with its file paths (hashed chunk names
/// such as monaco's change with every release).
pub const PACKAGES: &[Package] = &[
    Package { name: "lodash", version: "4.18.1", files: &["lodash.js", "lodash.min.js"] },
    Package {
        name: "react-dom",
        version: "19.3.1",
        files: &["cjs/react-dom-client.production.js", "cjs/react-dom-client.development.js"],
    },
    Package { name: "@supabase/supabase-js", version: "2.119.1", files: &["dist/umd/supabase.js"] },
    Package {
        name: "@angular/core",
        version: "22.2.6",
        files: &["fesm2022/core.mjs", "fesm2022/_debug_node-chunk.mjs"],
    },
    Package {
        name: "firebase",
        version: "13.2.0",
        files: &["firebase-compat.js", "firebase-firestore.js", "firebase-firestore-compat.js"],
    },
    Package {
        name: "three",
        version: "0.187.0",
        // 0.187 ships no three.module.min.js; three.core.js holds most of the code.
        files: &["build/three.module.js", "build/three.core.js", "build/three.webgpu.js"],
    },
    Package { name: "vue", version: "3.5.45", files: &["dist/vue.global.js"] },
    Package { name: "jquery", version: "4.0.0", files: &["dist/jquery.js"] },
    Package { name: "d3", version: "7.9.2", files: &["dist/d3.js"] },
    Package {
        name: "echarts",
        version: "6.1.0",
        files: &["dist/echarts.js", "dist/echarts.min.js", "dist/echarts.esm.mjs"],
    },
    Package {
        name: "pdfjs-dist",
        version: "6.5.438",
        files: &["build/pdf.mjs", "build/pdf.worker.mjs", "build/pdf.worker.min.mjs", "legacy/build/pdf.worker.mjs"],
    },
    Package { name: "mapbox-gl", version: "3.32.0", files: &["dist/mapbox-gl.js"] },
    Package { name: "plotly.js-dist-min", version: "4.1.2", files: &["plotly.min.js"] },
    Package { name: "@babel/standalone", version: "8.0.6", files: &["babel.js", "babel.min.js"] },
    Package {
        name: "monaco-editor",
        version: "0.57.0",
        // min/vs/editor/editor.main.js is only a 3 KB loader since 0.5x; the
        // code lives in hashed chunks.
        files: &["min/vs/editor-BdtEMBbM.js", "min/vs/assets/ts.worker-g3pjEjl4.js", "dev/vs/editor-CLplJsAh.js"],
    },
    Package { name: "antd", version: "5.29.3", files: &["dist/antd.js", "dist/antd.min.js"] },
    Package { name: "@tensorflow/tfjs", version: "4.22.0", files: &["dist/tf.js", "dist/tf.min.js"] },
    Package {
        // 7.x is the Go port with no JS compiler bundle; 6.x is the last with one.
        name: "typescript",
        version: "6.0.3",
        files: &["lib/typescript.js", "lib/_tsc.js"],
    },
];

/// A corpus file on disk, in pinned-list order.
pub struct CorpusFile {
    /// Flat name, `<pkg>@<ver>__<path>` with slashes replaced.
    pub name: String,
    pub path: PathBuf,
    pub size: u64,
}

/// Where the corpus lives; the whole-corpus run scans `files_dir` as is.
pub struct Corpus {
    pub root: PathBuf,
    pub files_dir: PathBuf,
    pub files: Vec<CorpusFile>,
}

impl Corpus {
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }
}

/// Returns the corpus under `root`, fetching it with npm unless a complete
/// copy of exactly this pinned list is already there.
pub fn ensure(root: &Path) -> Result<Corpus> {
    let files_dir = root.join("files");
    let marker = root.join("complete.marker");
    let expected = list_hash();
    let marker_ok = fs::read_to_string(&marker).is_ok_and(|m| m.trim() == expected);
    if marker_ok && list_files(&files_dir).is_ok() {
        eprintln!("corpus: reusing {}", files_dir.display());
    } else {
        // Dropped first and written last, so a failed or interrupted fetch
        // is never mistaken for a complete corpus.
        remove_file_if_exists(&marker)?;
        fetch_all(root, &files_dir)?;
        write(&marker, &expected)?;
    }
    let files = list_files(&files_dir)?;
    Ok(Corpus { root: root.to_path_buf(), files_dir, files })
}

/// Flat file name for one corpus file; `/` in scoped names and paths would
/// otherwise create subfolders.
pub fn flat_name(pkg: &Package, path: &str) -> String {
    format!("{}@{}__{}", pkg.name, pkg.version, path).replace('/', "_")
}

/// FNV-1a over the pinned list. Hand-rolled because std's hasher is not
/// guaranteed stable across Rust releases, and the marker must be.
fn list_hash() -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for pkg in PACKAGES {
        for path in pkg.files {
            for byte in flat_name(pkg, path).bytes().chain([b'\n']) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    format!("{hash:016x}")
}

fn fetch_all(root: &Path, files_dir: &Path) -> Result<()> {
    // Start clean so the folder holds exactly the pinned files, nothing stale.
    remove_dir_if_exists(files_dir)?;
    let work = root.join("download");
    remove_dir_if_exists(&work)?;
    create_dir(files_dir)?;
    create_dir(&work)?;
    for pkg in PACKAGES {
        fetch_package(pkg, &work, files_dir)?;
    }
    remove_dir_if_exists(&work)
}

fn fetch_package(pkg: &Package, work: &Path, files_dir: &Path) -> Result<()> {
    let spec = format!("{}@{}", pkg.name, pkg.version);
    eprintln!("corpus: fetching {spec}");
    let tarball = npm_pack(&spec, work)?;
    let extracted = work.join(flat_name(pkg, "extracted"));
    create_dir(&extracted)?;
    run_tool(
        Command::new("tar").arg("-xzf").arg(&tarball).arg("-C").arg(&extracted),
        &format!("tar -xzf {}", tarball.display()),
    )?;
    for path in pkg.files {
        let src = extracted.join("package").join(path);
        if !src.is_file() {
            return Err(format!("{spec} has no file `{path}`; fix its entry in xtask/src/corpus.rs"));
        }
        let dest = files_dir.join(flat_name(pkg, path));
        fs::copy(&src, &dest).map_err(|e| format!("copying {} to {}: {e}", src.display(), dest.display()))?;
    }
    Ok(())
}

/// Downloads one package tarball and returns its path. `--json` is used
/// because the tarball's file name (scope mangling) is npm's business.
pub(crate) fn npm_pack(spec: &str, dest: &Path) -> Result<PathBuf> {
    let output = Command::new("npm")
        .args(["pack", spec, "--json", "--pack-destination"])
        .arg(dest)
        .output()
        .map_err(|e| format!("cannot run npm (is it installed?): {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`npm pack {spec}` failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let json: serde_json::Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("`npm pack {spec} --json` printed unparseable JSON: {e}"))?;
    let filename =
        json[0]["filename"].as_str().ok_or_else(|| format!("`npm pack {spec} --json` did not name the tarball"))?;
    Ok(dest.join(filename))
}

/// Lists the corpus in pinned-list order, checking every file is present.
fn list_files(files_dir: &Path) -> Result<Vec<CorpusFile>> {
    let mut files = Vec::new();
    for pkg in PACKAGES {
        for path in pkg.files {
            let name = flat_name(pkg, path);
            let full = files_dir.join(&name);
            let size =
                fs::metadata(&full).map_err(|e| format!("corpus file {} is missing: {e}", full.display()))?.len();
            files.push(CorpusFile { name, path: full, size });
        }
    }
    Ok(files)
}

pub(crate) fn run_tool(cmd: &mut Command, what: &str) -> Result<()> {
    let status = cmd.status().map_err(|e| format!("cannot run {what}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

pub(crate) fn create_dir(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))
}

pub(crate) fn remove_dir_if_exists(dir: &Path) -> Result<()> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(format!("removing {}: {e}", dir.display())),
        _ => Ok(()),
    }
}

pub(crate) fn remove_file_if_exists(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(format!("removing {}: {e}", path.display())),
        _ => Ok(()),
    }
}

pub(crate) fn write(path: &Path, contents: &str) -> Result<()> {
    fs::write(path, contents).map_err(|e| format!("writing {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_names_are_unique_and_flat() {
        let mut names: Vec<String> =
            PACKAGES.iter().flat_map(|p| p.files.iter().map(move |f| flat_name(p, f))).collect();
        assert!(names.iter().all(|n| !n.contains('/')));
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count);
    }

    #[test]
    fn scoped_names_are_flattened() {
        let pkg = &PACKAGES[2];
        assert_eq!(flat_name(pkg, "dist/umd/supabase.js"), "@supabase_supabase-js@2.119.1__dist_umd_supabase.js");
    }
}
