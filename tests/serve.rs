//! `keylint serve`, the native engine of the npm package's bundler plugins: its JSON-lines
//! protocol on stdio, and answers identical to the native CLI's JSON for the same file
//! (npm/keylint/test/native-engine.test.mjs compares it with the wasm engine end to end).

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `keylint serve`, writes `input` to its stdin and closes it; returns the exit code and
/// the answer lines.
fn serve(input: impl AsRef<[u8]>) -> (Option<i32>, Vec<serde_json::Value>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_keylint"))
        .args(["serve", "--threads", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the keylint binary runs");
    let mut stdin = child.stdin.take().expect("piped");
    let input = input.as_ref().to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().expect("serve ends at the end of its input");
    writer.join().expect("writer thread").expect("serve reads all its input");
    let lines = String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    (out.status.code(), lines)
}

fn request(id: u64, code: &str, options: serde_json::Value) -> String {
    serde_json::json!({ "id": id, "code": code, "options": options }).to_string() + "\n"
}

/// The answer for a bundle and its map is what the native CLI reports for the same file read
/// from disk (a second, independent way to the same findings: the CLI's walk, its sibling-map
/// lookup and its report), with the summary counted here.
#[test]
fn says_ready_with_its_version_then_answers_like_the_cli() {
    let name = "fixtures/demo/assets/index-4f2a9c1e.js";
    let root = env!("CARGO_MANIFEST_DIR");
    let code = std::fs::read_to_string(format!("{root}/{name}")).unwrap();
    let map = std::fs::read_to_string(format!("{root}/{name}.map")).unwrap();
    let options = serde_json::json!({ "filename": name, "sourceMap": map, "sourceMapName": format!("{name}.map") });
    let (status, lines) = serve(request(7, &code, options));
    assert_eq!(status, Some(0));
    assert_eq!(lines[0], serde_json::json!({ "ready": { "version": env!("CARGO_PKG_VERSION"), "protocol": 3 } }));
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["id"], 7);
    let result = &lines[1]["result"];

    let cli = Command::new(env!("CARGO_BIN_EXE_keylint"))
        .args(["scan", name, "--format", "json"])
        .current_dir(root)
        .output()
        .expect("the keylint binary runs");
    assert_eq!(cli.status.code(), Some(1), "{}", String::from_utf8_lossy(&cli.stderr));
    let report: serde_json::Value = serde_json::from_slice(&cli.stdout).unwrap();
    assert_eq!(result["findings"], report["findings"]);
    assert_eq!(result["summary"]["notes"], report["summary"]["notes"]);

    let findings = result["findings"].as_array().unwrap();
    assert!(findings.len() >= 10, "the demo bundle plants many keys: {findings:?}");
    let count = |severity: &str| findings.iter().filter(|f| f["severity"] == severity).count();
    let summary = serde_json::json!({
        "files_scanned": 1, "bytes_scanned": code.len(),
        "errors": count("error"), "warnings": count("warning"), "infos": count("info"),
        "notes": report["summary"]["notes"],
    });
    assert_eq!(result["summary"], summary);
    assert!(count("error") > 0 && count("info") > 0, "{summary}");
    assert!(findings.iter().any(|f| f["original"].is_object()), "the source map was used");
    assert!(findings.iter().all(|f| f.get("secret").is_none()), "redacted by default");

    // The same shape as the JS API's result: docs/schema/scan.schema.json.
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{root}/docs/schema/scan.schema.json")).unwrap())
            .unwrap();
    let validator = jsonschema::draft202012::options().build(&schema).expect("the scan schema compiles");
    let violations: Vec<String> =
        validator.iter_errors(result).map(|e| format!("{}: {e}", e.instance_path())).collect();
    assert!(violations.is_empty(), "not valid against scan.schema.json:\n{}", violations.join("\n"));
}

/// A request as the npm package sends it: a header line announcing the code's length, then the
/// code's bytes as they are.
fn raw_request(id: u64, code: &[u8], options: serde_json::Value) -> Vec<u8> {
    let header = serde_json::json!({ "id": id, "codeBytes": code.len(), "options": options }).to_string();
    [header.as_bytes(), b"\n", code].concat()
}

#[test]
fn raw_code_after_its_header_reads_as_the_same_code_in_json() {
    // Line breaks and multi-byte characters inside the code: only the announced length counts.
    let code = "// caf\u{e9}\nconst stripeKey = \"sk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk4xYzAbCdEfGh\";\n\nlet b = `\u{1f511}`;";
    let options = serde_json::json!({ "filename": "a.js" });
    let input = [
        raw_request(1, code.as_bytes(), options.clone()),
        request(2, code, options.clone()).into_bytes(),
        raw_request(3, b"x = '\xff';", options.clone()),
        raw_request(4, b"", serde_json::Value::Null),
    ]
    .concat();
    let (status, lines) = serve(input);
    assert_eq!(status, Some(0));
    let by_id = |id: u64| lines[1..].iter().find(|l| l["id"] == id).unwrap_or_else(|| panic!("{id}: {lines:?}"));
    let result = &by_id(1)["result"];
    assert_eq!(result, &by_id(2)["result"]);
    assert_eq!(result["findings"][0]["line"], 2, "{result}");
    assert_eq!(result["summary"]["bytes_scanned"], code.len());
    assert_eq!(by_id(3)["error"]["message"], "keylint serve: bad request: the code is not UTF-8");
    assert_eq!(by_id(4)["result"]["summary"]["files_scanned"], 1);
}

#[test]
fn answers_every_request_of_a_parallel_batch_once() {
    let planted = "const stripeKey = \"sk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk4xYzAbCdEfGh\";\n";
    let input: String = (0..40)
        .map(|id| request(id, if id % 2 == 0 { planted } else { "let a = 1;" }, serde_json::Value::Null))
        .collect();
    let (status, lines) = serve(input);
    assert_eq!(status, Some(0));
    let mut ids: Vec<u64> = lines[1..].iter().map(|l| l["id"].as_u64().unwrap()).collect();
    ids.sort_unstable();
    assert_eq!(ids, (0..40).collect::<Vec<_>>());
    for line in &lines[1..] {
        let found = line["result"]["findings"].as_array().unwrap().len();
        assert_eq!(found > 0, line["id"].as_u64().unwrap() % 2 == 0, "{line}");
    }
}

#[test]
fn bad_requests_get_errors_and_the_rest_still_answers() {
    let input = [
        "not json\n".to_string(),
        r#"{"id":1,"code":42}"#.to_string() + "\n",
        request(2, "", serde_json::json!({ "showSecret": true })),
        request(3, "", serde_json::json!({ "config": "disable = [\"no-such-rule\"]\n" })),
        request(4, "let a = 1;", serde_json::json!({ "filename": "a.js" })),
        // JSON that JS's JSON.stringify writes for a lone surrogate, which serde_json refuses:
        // the answer still names the request.
        "{\"id\":5,\"code\":\"x = '\\ud800';\"}\n".to_string(),
    ]
    .concat();
    // A line that is not UTF-8 gets its error too, and the lines after it their answers.
    let input =
        [input.as_bytes(), b"{\"id\":6,\"code\":\"\xff\"}\n", request(7, "", serde_json::Value::Null).as_bytes()]
            .concat();
    let (status, lines) = serve(input);
    assert_eq!(status, Some(0));
    let by_id =
        |id: serde_json::Value| lines[1..].iter().find(|l| l["id"] == id).unwrap_or_else(|| panic!("{id}: {lines:?}"));
    let error = |id: serde_json::Value| by_id(id)["error"].clone();
    assert!(error(serde_json::Value::Null)["message"].as_str().unwrap().starts_with("keylint serve: bad request"));
    assert_eq!(
        error(1.into()),
        serde_json::json!({ "name": "TypeError", "message": "keylint.scan: code must be a string, got number" })
    );
    assert_eq!(error(2.into())["name"], "TypeError");
    assert!(error(2.into())["message"]
        .as_str()
        .unwrap()
        .starts_with("keylint.scan: options: unknown field `showSecret`"));
    assert_eq!(
        error(3.into())["message"],
        "keylint: keylint.toml:1: unknown rule id `no-such-rule` (see `keylint rules`)"
    );
    assert_eq!(by_id(4.into())["result"]["summary"]["files_scanned"], 1);
    assert!(error(5.into())["message"].as_str().unwrap().starts_with("keylint serve: bad request"), "{lines:?}");
    assert_eq!(error(6.into())["message"], "keylint serve: bad request: not UTF-8");
    assert_eq!(by_id(7.into())["result"]["summary"]["files_scanned"], 1);
}

#[test]
fn a_request_cut_short_ends_the_input_without_a_huge_allocation() {
    // 100 GB announced, 3 bytes sent: serve stops reading (the package then falls back to wasm).
    let input =
        [request(1, "let a = 1;", serde_json::Value::Null).as_bytes(), b"{\"id\":2,\"codeBytes\":100000000000}\nabc"]
            .concat();
    let (status, lines) = serve(input);
    assert_eq!(status, Some(0));
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[1]["id"], 1);
}

/// One call request, answered by a fresh `keylint serve`.
fn call(name: &str, args: serde_json::Value) -> serde_json::Value {
    let line = serde_json::json!({ "id": 1, "call": name, "args": args }).to_string() + "\n";
    let (status, lines) = serve(line);
    assert_eq!(status, Some(0));
    assert_eq!(lines.len(), 2, "{lines:?}");
    lines[1].clone()
}

#[test]
fn report_calls_give_the_native_clis_bytes_for_every_format() {
    let root = env!("CARGO_MANIFEST_DIR");
    let file = "fixtures/demo/assets/index-4f2a9c1e.js";
    let code = std::fs::read_to_string(format!("{root}/{file}")).unwrap();
    let map = std::fs::read_to_string(format!("{root}/{file}.map")).unwrap();
    let options = serde_json::json!({ "filename": file, "sourceMap": map, "sourceMapName": format!("{file}.map") });
    let (_, lines) = serve(request(1, &code, options));
    let scanned = lines[1]["result"].clone();
    let report = call("buildReport", serde_json::json!([[scanned]]))["result"].clone();
    for format in ["pretty", "json", "sarif", "github"] {
        let native = Command::new(env!("CARGO_BIN_EXE_keylint"))
            .args(["scan", file, "--format", format])
            .current_dir(root)
            .output()
            .unwrap();
        let native = String::from_utf8(native.stdout).unwrap();
        let options = serde_json::json!({ "sources": { file: code } });
        let rendered = call("render", serde_json::json!([report, format, options]));
        assert_eq!(rendered["result"].as_str(), Some(native.as_str()), "{format}");
    }
    let wrong = call("render", serde_json::json!([report, "xml"]));
    assert_eq!(wrong["error"]["name"], "TypeError");
    assert_eq!(wrong["error"]["message"], "keylint.render: unknown format `xml` (pretty, json, sarif or github)");
}

#[test]
fn find_config_walks_up_from_the_start_folder() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("app/src");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::write(dir.path().join("keylint.toml"), "disable = []\n").unwrap();
    let found = call("findConfig", serde_json::json!([nested.to_str().unwrap()]));
    let expected = format!("{}/keylint.toml", dir.path().to_str().unwrap());
    assert_eq!(found["result"], serde_json::json!({ "path": expected, "text": "disable = []\n" }));
    let prefixes = call("publicEnvPrefixes", serde_json::json!([]));
    assert!(prefixes["result"].as_array().unwrap().contains(&serde_json::json!("NEXT_PUBLIC_")));
    assert_eq!(call("findConfig", serde_json::json!([1]))["error"]["name"], "TypeError");
}
