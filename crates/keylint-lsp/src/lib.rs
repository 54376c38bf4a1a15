//! `keylint lsp`: a language server on stdio that publishes keylint findings as diagnostics for
//! JavaScript, TypeScript and HTML documents on open and on every change.
//!
//! Documents are kept in memory and edited with the client's incremental changes, whose
//! positions count UTF-16 code units, as do the diagnostics' ranges (keylint's columns already
//! do). Settings come from the `keylint.toml` nearest to each document, as the CLI finds it.

mod documents;

use documents::Documents;
use keylint::{Config, Finding, Severity};
use lsp_server::{Connection, Message, Notification};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticSeverity, InitializeParams, NumberOrString, Position,
    PublishDiagnosticsParams, Range, ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    Uri,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Serves the protocol on stdin/stdout until the client says `exit`.
pub fn run_stdio() -> Result<(), String> {
    let (connection, io) = Connection::stdio();
    serve(&connection)?;
    // The writer thread runs until every sender is gone: drop ours before waiting for it.
    drop(connection);
    io.join().map_err(|e| format!("lsp transport: {e}"))
}

fn send(connection: &Connection, message: Message) -> Result<(), String> {
    connection.sender.send(message).map_err(|_| "lsp: the client is gone".to_string())
}

pub fn serve(connection: &Connection) -> Result<(), String> {
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::INCREMENTAL)),
        ..Default::default()
    };
    let init = serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": ServerInfo { name: "keylint".into(), version: Some(env!("CARGO_PKG_VERSION").into()) },
    });
    // lsp-server's own lifecycle helpers put a message that breaks the protocol, document text
    // and all, into their error: an editor's log would keep the keys in it. The handshake and
    // the shutdown are done here, leniently, and errors never quote a message.
    let (id, params) =
        connection.initialize_start().map_err(|_| "lsp initialize: no initialize request".to_string())?;
    let params: InitializeParams = serde_json::from_value(params).map_err(|e| format!("lsp initialize: {e}"))?;
    send(connection, lsp_server::Response::new_ok(id, init).into())?;
    let mut server = Server { documents: Documents::default(), configs: Configs::new(workspace_root(&params)) };
    let mut shutting_down = false;
    for message in &connection.receiver {
        match message {
            Message::Request(req) => {
                let (code, text) = if shutting_down {
                    (lsp_server::ErrorCode::InvalidRequest, "the server is shutting down".to_string())
                } else if req.method == "shutdown" {
                    shutting_down = true;
                    send(connection, lsp_server::Response::new_ok(req.id, ()).into())?;
                    continue;
                } else {
                    // keylint answers no requests beyond the lifecycle ones.
                    (lsp_server::ErrorCode::MethodNotFound, format!("keylint does not handle {}", req.method))
                };
                send(connection, lsp_server::Response::new_err(req.id, code as i32, text).into())?;
            }
            Message::Notification(n) if n.method == "exit" => {
                return if shutting_down { Ok(()) } else { Err("lsp: exit before shutdown".into()) };
            }
            // After shutdown, the spec drops notifications; `initialized` says nothing keylint needs.
            Message::Notification(_) if shutting_down => {}
            Message::Notification(n) => {
                for publish in server.on_notification(n) {
                    let note = Notification::new(PublishDiagnostics::METHOD.to_string(), publish);
                    send(connection, note.into())?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

struct Server {
    documents: Documents,
    configs: Configs,
}

impl Server {
    /// Handles a notification; returns the diagnostics to publish.
    fn on_notification(&mut self, n: Notification) -> Vec<PublishDiagnosticsParams> {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params) else {
                    return vec![];
                };
                let doc = p.text_document;
                self.documents.open(doc.uri.clone(), doc.language_id, doc.version, doc.text);
                self.diagnose(&doc.uri).into_iter().collect()
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params) else {
                    return vec![];
                };
                self.documents.change(&p.text_document.uri, p.text_document.version, p.content_changes);
                self.diagnose(&p.text_document.uri).into_iter().collect()
            }
            DidSaveTextDocument::METHOD => vec![],
            DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params) else {
                    return vec![];
                };
                self.documents.close(&p.text_document.uri);
                // Clear what was shown for a closed document.
                vec![PublishDiagnosticsParams { uri: p.text_document.uri, diagnostics: vec![], version: None }]
            }
            DidChangeWatchedFiles::METHOD => {
                // A keylint.toml may have changed: read settings afresh and check every document.
                self.configs.clear();
                let uris: Vec<Uri> = self.documents.uris().cloned().collect();
                uris.iter().filter_map(|u| self.diagnose(u)).collect()
            }
            _ => vec![],
        }
    }

    fn diagnose(&mut self, uri: &Uri) -> Option<PublishDiagnosticsParams> {
        let doc = self.documents.get(uri)?;
        let path = doc.scan_path(uri);
        let (config, config_error) = self.configs.for_document(&path);
        let mut diagnostics: Vec<Diagnostic> = match config {
            Some(config) => {
                keylint::scan(&doc.text, &path.to_string_lossy(), config).findings.iter().map(diagnostic).collect()
            }
            None => vec![],
        };
        if let Some(message) = config_error {
            diagnostics.push(Diagnostic {
                range: Range::default(),
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some("keylint".into()),
                message,
                ..Default::default()
            });
        }
        Some(PublishDiagnosticsParams { uri: uri.clone(), diagnostics, version: Some(doc.version) })
    }
}

fn diagnostic(f: &Finding) -> Diagnostic {
    let position =
        |line: u32, column: u32| Position { line: line.saturating_sub(1), character: column.saturating_sub(1) };
    Diagnostic {
        range: Range { start: position(f.line, f.column), end: position(f.end_line, f.end_column) },
        severity: Some(match f.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(f.rule_id.clone())),
        code_description: f.docs_url.parse().ok().map(|href| CodeDescription { href }),
        source: Some("keylint".into()),
        message: format!("{} [{}]\nFix: {}", f.message, f.secret_redacted, f.remediation),
        ..Default::default()
    }
}

fn workspace_root(params: &InitializeParams) -> Option<PathBuf> {
    let folder = params.workspace_folders.as_ref().and_then(|f| f.first()).map(|f| &f.uri);
    #[allow(deprecated)] // older clients send only rootUri
    let uri = folder.or(params.root_uri.as_ref())?;
    documents::file_path(uri)
}

/// Settings per folder: the nearest `keylint.toml` above a document, read once.
struct Configs {
    root: Option<PathBuf>,
    by_file: HashMap<Option<PathBuf>, Result<Config, String>>,
}

impl Configs {
    fn new(root: Option<PathBuf>) -> Self {
        Configs { root, by_file: HashMap::new() }
    }

    fn clear(&mut self) {
        self.by_file.clear();
    }

    /// The config for a document, and an error to show if its keylint.toml is invalid (the
    /// document is then not scanned, as the CLI would refuse to run).
    fn for_document(&mut self, path: &Path) -> (Option<&Config>, Option<String>) {
        // An untitled document's name has no folder (`untitled.js`): the workspace's config.
        let start =
            path.parent().filter(|p| !p.as_os_str().is_empty()).map(Path::to_path_buf).or_else(|| self.root.clone());
        // The search and the parse are the report library's, as for the CLI; reading is here.
        let found = start.and_then(|dir| keylint_report::find_config(&dir.to_string_lossy(), read_if_file).transpose());
        let file = match &found {
            Some(Ok(f)) => Some(PathBuf::from(&f.path)),
            Some(Err((path, _))) => Some(path.clone()),
            None => None,
        };
        let entry = self.by_file.entry(file).or_insert_with(|| match found {
            None => Ok(Config::default()),
            Some(Err((_, e))) => Err(e),
            Some(Ok(f)) => keylint_report::load_config(&f.text, &f.path),
        });
        match entry {
            Ok(c) => (Some(c), None),
            Err(e) => (None, Some(format!("keylint: {e}"))),
        }
    }
}

/// A file's text for `find_config`: `None` when no file is there; an error names the path.
fn read_if_file(path: &str) -> Result<Option<String>, (PathBuf, String)> {
    if !Path::new(path).is_file() {
        return Ok(None);
    }
    std::fs::read_to_string(path).map(Some).map_err(|e| (PathBuf::from(path), format!("{path}: {e}")))
}
