//! `keylint lsp` spoken to as an editor would: JSON-RPC over stdio with Content-Length framing.
//! Set KEYLINT_LSP_TRANSCRIPT=path to keep the exchange.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

struct Client {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    transcript: Vec<String>,
}

impl Client {
    fn start(cwd: &std::path::Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_keylint"))
            .arg("lsp")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("keylint lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        Client { child, stdin, stdout, transcript: Vec::new() }
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        self.transcript.push(format!("--> {body}"));
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn receive(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            self.stdout.read_line(&mut line).unwrap();
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.stdout.read_exact(&mut body).unwrap();
        let text = String::from_utf8(body).unwrap();
        self.transcript.push(format!("<-- {text}"));
        serde_json::from_str(&text).unwrap()
    }

    /// The next message with this method (skipping log messages and the like).
    fn next(&mut self, method: &str) -> Value {
        loop {
            let m = self.receive();
            if m["method"] == method {
                return m;
            }
        }
    }
}

#[test]
fn publishes_diagnostics_for_open_and_changed_documents() {
    let dir = tempfile::tempdir().unwrap();
    let root = format!("file://{}", dir.path().display());
    let mut c = Client::start(dir.path());
    c.send(json!({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":root,"capabilities":{}}}));
    let init = c.receive();
    assert_eq!(init["result"]["serverInfo"]["name"], "keylint");
    assert_eq!(init["result"]["capabilities"]["textDocumentSync"], 2, "incremental sync");
    c.send(json!({"jsonrpc":"2.0","method":"initialized","params":{}}));

    // "é😀" before the key: 3 UTF-16 units but 6 bytes, so a byte column would be off by 3.
    let uri = format!("{root}/src/pay.ts");
    let text = "const note = \"é😀\"; const k = \"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\";\n";
    c.send(json!({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":uri,"languageId":"typescript","version":1,"text":text}}}));
    let d = c.next("textDocument/publishDiagnostics");
    assert_eq!(d["params"]["version"], 1);
    let diags = d["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "github-personal-access-token");
    assert_eq!(diags[0]["severity"], 1);
    assert_eq!(diags[0]["range"], json!({"start":{"line":0,"character":31},"end":{"line":0,"character":71}}));
    let message = diags[0]["message"].as_str().unwrap();
    assert!(message.contains("ghp_dHEmUI…") && !message.contains("ghp_dHEmUI69xGX"), "redacted: {message}");

    // Replace the key with a placeholder through an incremental edit at UTF-16 positions.
    let edit =
        json!({"range":{"start":{"line":0,"character":31},"end":{"line":0,"character":71}},"text":"your-token-here"});
    c.send(json!({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":uri,"version":2},"contentChanges":[edit]}}));
    let d = c.next("textDocument/publishDiagnostics");
    assert_eq!(d["params"]["version"], 2);
    assert_eq!(d["params"]["diagnostics"], json!([]));

    c.send(json!({"jsonrpc":"2.0","id":2,"method":"shutdown"}));
    assert_eq!(c.receive()["id"], 2);
    c.send(json!({"jsonrpc":"2.0","method":"exit"}));
    let status = c.child.wait().unwrap();
    assert!(status.success());
    if let Ok(path) = std::env::var("KEYLINT_LSP_TRANSCRIPT") {
        std::fs::write(path, c.transcript.join("\n")).unwrap();
    }
}

#[test]
fn uses_the_workspace_keylint_toml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keylint.toml"), "[severity]\ngithub-personal-access-token = \"warning\"\n")
        .unwrap();
    let root = format!("file://{}", dir.path().display());
    let mut c = Client::start(dir.path());
    c.send(json!({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":root,"capabilities":{}}}));
    c.receive();
    c.send(json!({"jsonrpc":"2.0","method":"initialized","params":{}}));
    let text = "const k = \"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\";";
    c.send(json!({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":format!("{root}/a.js"),"languageId":"javascript","version":7,"text":text}}}));
    let d = c.next("textDocument/publishDiagnostics");
    assert_eq!(d["params"]["diagnostics"][0]["severity"], 2, "the config made it a warning");
    c.send(json!({"jsonrpc":"2.0","id":2,"method":"shutdown"}));
    c.receive();
    c.send(json!({"jsonrpc":"2.0","method":"exit"}));
    assert!(c.child.wait().unwrap().success());
}

#[test]
fn an_editor_out_of_order_is_served_and_no_key_reaches_stderr() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keylint.toml"), "[severity]\ngithub-personal-access-token = \"info\"\n").unwrap();
    let root = format!("file://{}", dir.path().display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_keylint"))
        .arg("lsp")
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = child.stdin.take().unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let mut c = Client { child, stdin, stdout, transcript: Vec::new() };
    c.send(json!({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":root,"capabilities":{}}}));
    c.receive();
    // didOpen before `initialized`; an untitled document takes the workspace's keylint.toml; lone
    // CRs are line breaks for the edits as for the diagnostics.
    let text = "let a = 1;\rconst k = \"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\";\r";
    c.send(json!({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"untitled:Untitled-1","languageId":"javascript","version":1,"text":text}}}));
    let d = c.next("textDocument/publishDiagnostics");
    let diag = &d["params"]["diagnostics"][0];
    assert_eq!(diag["severity"], 3, "the workspace config made it an info: {d}");
    assert_eq!(diag["range"]["start"], json!({"line":1,"character":11}));
    c.send(json!({"jsonrpc":"2.0","method":"initialized","params":{}}));
    let edit = json!({"range":{"start":{"line":1,"character":0},"end":{"line":1,"character":7}},"text":"var t"});
    c.send(json!({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"untitled:Untitled-1","version":2},"contentChanges":[edit]}}));
    let d = c.next("textDocument/publishDiagnostics");
    assert_eq!(d["params"]["diagnostics"][0]["range"]["start"], json!({"line":1,"character":9}), "{d}");
    c.send(json!({"jsonrpc":"2.0","id":2,"method":"shutdown"}));
    assert_eq!(c.receive()["id"], 2);
    // A change racing the shutdown: dropped, not a crash that prints the message.
    c.send(json!({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"untitled:Untitled-1","version":3},"contentChanges":[{"text":text}]}}));
    c.send(json!({"jsonrpc":"2.0","method":"exit"}));
    let out = c.child.wait_with_output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("ghp_dHEmUI69xGX"), "{stderr}");
}
