//! Source trees are judged as source: a `.env` is "shipped" only from build output, values that
//! only open a developer's machine or an emulator are infos that say why, identifiers without
//! their secret are no leak, and a far name does not make an address a password. Checked with
//! the built-in catalogue, since these mechanisms sit between the rules and the report.

use keylint::{scan, Config, Finding, Severity};

const ENV: &str = "DB_URL=postgres://app:uhfJXqIEnomef2mS@db.internal.acme.io:5432/app\nSESSION_SECRET=J5CMTIeg1ZTVnVv2fgKD0f6YYIgrCOX6\nEMPTY=\n";
const STRIPE: &str = "sk_live_51HqLyjWDarjtT1zdp7dc9Qm2Lw8Rk";

fn findings(code: &str, path: &str) -> Vec<Finding> {
    scan(code, path, &Config::default()).findings
}

fn found(code: &str, path: &str) -> Vec<(String, Severity)> {
    findings(code, path).into_iter().map(|f| (f.rule_id, f.severity)).collect()
}

fn severity_of(code: &str, path: &str, rule: &str) -> Option<Severity> {
    findings(code, path).into_iter().find(|f| f.rule_id == rule).map(|f| f.severity)
}

fn message_of(code: &str, path: &str, rule: &str) -> String {
    findings(code, path).into_iter().find(|f| f.rule_id == rule).map(|f| f.message).unwrap_or_default()
}

#[test]
fn an_env_file_is_shipped_only_from_build_output() {
    for output in ["dist/.env", "public/.env.production", "apps/web/.next/.env", ".svelte-kit/output/client/.env"] {
        assert_eq!(severity_of(ENV, output, "shipped-env-file"), Some(Severity::Error), "{output}");
    }
    for source in [".env", ".env.production", "apps/web/.env.development", "src/build.env"] {
        assert_eq!(severity_of(ENV, source, "shipped-env-file"), None, "{source}");
    }
    // In a source tree the values are judged one by one, with their keys as names.
    let in_source = found(ENV, ".env.production");
    assert!(in_source.contains(&("database-url-password".into(), Severity::Error)), "{in_source:?}");
    assert!(in_source.contains(&("generic-secret".into(), Severity::Error)), "{in_source:?}");
    // A folder the caller marks as output is output whatever its name.
    let marked = {
        let mut c = Config::default();
        c.engine.output_dirs = vec!["site".into()];
        c
    };
    let shipped = scan(ENV, "site/.env", &marked).findings;
    assert!(shipped.iter().any(|f| f.rule_id == "shipped-env-file"), "{shipped:?}");
}

#[test]
fn empty_and_placeholder_env_values_are_never_findings() {
    let env = "API_URL=\nSTRIPE_SECRET_KEY=<your-key>\nSESSION_SECRET=changeme\nJWT_SECRET=${JWT_SECRET}\nTOKEN=xxxxxxxxxxxxxxxx\n";
    assert_eq!(found(env, ".env"), []);
    assert_eq!(found(env, "dist/.env").len(), 0, "a file of stand-ins holds nothing to rotate");
}

#[test]
fn env_templates_are_infos_that_say_why() {
    let env = format!("STRIPE_SECRET_KEY={STRIPE}\nSESSION_SECRET=J5CMTIeg1ZTVnVv2fgKD0f6YYIgrCOX6\n");
    for name in [".env.example", ".env.sample", "web/.env.template"] {
        let all = found(&env, name);
        assert_eq!(all.len(), 2, "{name}: {all:?}");
        assert!(all.iter().all(|(_, s)| *s == Severity::Info), "{name}: {all:?}");
    }
    assert!(message_of(&env, ".env.example", "stripe-secret-key").contains("template"));
    // The same file inside the output ships its values like any other.
    assert_eq!(severity_of(&env, "dist/.env.example", "stripe-secret-key"), Some(Severity::Error));
}

#[test]
fn development_urls_and_default_passwords_are_infos() {
    for url in [
        "postgres://postgres:Pg4dev-2024x@localhost:5432/app",
        "postgres://postgres:Pg4dev-2024x@db:5432/app",
        "mysql://root:Pg4dev-2024x@127.0.0.1:3306/app",
        "redis://default:Pg4dev-2024x@[::1]:6379",
    ] {
        let code = format!("const url = \"{url}\";");
        assert_eq!(severity_of(&code, "src/db.ts", "database-url-password"), Some(Severity::Info), "{url}");
        assert!(message_of(&code, "src/db.ts", "database-url-password").contains("development only"), "{url}");
    }
    let remote = "const url = \"postgres://app:Pg4dev-2024x@db.acme.io:5432/app\";";
    assert_eq!(severity_of(remote, "src/db.ts", "database-url-password"), Some(Severity::Error));
}

#[test]
fn documented_emulator_and_chain_keys_are_infos() {
    let azurite = "const conn = \"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;\";";
    let all = findings(azurite, "src/storage.ts");
    assert!(!all.is_empty(), "the key is still in the inventory");
    assert!(all.iter().all(|f| f.severity == Severity::Info), "{all:?}");
    assert!(all.iter().any(|f| f.message.contains("Azurite")), "{all:?}");
    let hardhat = "const signer = new ethers.Wallet(\"0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80\", provider);";
    assert_eq!(severity_of(hardhat, "scripts/deploy.ts", "eth-private-key"), Some(Severity::Info));
    assert!(message_of(hardhat, "scripts/deploy.ts", "eth-private-key").contains("Hardhat"));
    // One digit off is somebody's key.
    let other = hardhat.replace("ff80", "ff81");
    assert_eq!(severity_of(&other, "scripts/deploy.ts", "eth-private-key"), Some(Severity::Error));
    // Listed with a documented key under one name, the rest of a default set is development too.
    let set = "export const DEFAULT_PRIVATE_KEYS = [\n  \"0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80\",\n  \"0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6\",\n];\nconst deployerPrivateKey = \"0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a\";";
    let all = findings(set, "src/constants.ts");
    let severity_at = |line: u32| all.iter().find(|f| f.line == line).map(|f| f.severity);
    assert_eq!(
        (severity_at(2), severity_at(3), severity_at(5)),
        (Some(Severity::Info), Some(Severity::Info), Some(Severity::Error)),
        "{all:?}"
    );
    assert!(all[1].message.contains("`DEFAULT_PRIVATE_KEYS`"), "{all:?}");
    // Passed to an emulator connection, a value opens the emulator; a name that mentions one does not.
    let emulator = "connectAuthEmulator(auth, \"http://127.0.0.1:9099\", { apiSecret: \"6BHeErFyUEiusc4kUVFo!\" });";
    assert_eq!(severity_of(emulator, "src/firebase.ts", "generic-secret"), Some(Severity::Info));
    assert!(message_of(emulator, "src/firebase.ts", "generic-secret").contains("emulator"));
    let named = "const FIREBASE_EMULATOR_API_SECRET = \"6BHeErFyUEiusc4kUVFo!\";";
    assert_eq!(severity_of(named, "src/track.ts", "generic-secret"), Some(Severity::Error));
}

#[test]
fn test_fixtures_in_a_source_tree_are_infos() {
    let code = format!("const stripe = new Stripe(\"{STRIPE}\");");
    for path in ["test/billing.js", "src/__tests__/billing.ts", "src/billing.spec.ts", "fixtures/keys.js"] {
        assert_eq!(severity_of(&code, path, "stripe-secret-key"), Some(Severity::Info), "{path}");
    }
    assert_eq!(severity_of(&code, "src/billing.ts", "stripe-secret-key"), Some(Severity::Error));
    assert_eq!(severity_of(&code, "dist/test/billing.js", "stripe-secret-key"), Some(Severity::Error), "shipped");
}

#[test]
fn an_access_key_id_without_its_secret_is_an_info() {
    let presigned = "const img = \"https://b.s3.amazonaws.com/a.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA7GJTA7TCB7JLM5LQ%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=3f1a\";";
    assert_eq!(severity_of(presigned, "src/img.ts", "aws-access-key-id"), Some(Severity::Info));
    assert!(message_of(presigned, "src/img.ts", "aws-access-key-id").contains("identifier alone"));
    let pair = "new S3Client({ credentials: { accessKeyId: \"AKIA7GJTA7TCB7JLM5LQ\", secretAccessKey: \"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\" } });";
    assert_eq!(severity_of(pair, "src/s3.ts", "aws-access-key-id"), Some(Severity::Error));
}

#[test]
fn a_far_name_does_not_make_an_address_a_password() {
    let mail = "export const sendForgotPassword = async (user) => {\n  await transport.sendMail({ from: { address: 'noreply@acme-mail.io', name: 'Acme' }, to: user.email });\n};\nexport async function resetPassword() { return fetch('https://api.acme-mail.io/v2/reset', { method: 'POST' }); }\nclass Mailer { sendPasswordMail() { return { replyTo: 'support+2fa@acme-mail.io' }; } }";
    assert_eq!(found(mail, "src/mail.ts"), []);
    // Nor an id: the function's name is not the value's.
    let template = "export const sendForgotPassword = async (to) => {\n  await sgMail.send({ to, templateId: 'd-4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d' });\n};";
    assert_eq!(found(template, "src/mail.ts"), []);
    // The function an object is passed to names what it does, not each property.
    let call = "return redactPasswordHash({ kind: 'identitytoolkit#SetAccountInfo2Response', localId: user.localId });";
    assert_eq!(found(call, "src/auth.js"), []);
    assert!(!found("setPassword(\"Tr4ding!Desk2024\");", "src/a.js").is_empty(), "an unnamed argument");
    let method = "const auth = { resetPassword(user) { return api.post({ campaign: 'cmp_8Zq2LmX9vT4pK7wN' }); } };";
    assert_eq!(found(method, "src/auth.ts"), []);
    // The binding's own value still counts, and so does one built directly by its arrow.
    assert!(!found("const adminPassword = \"Tr4ding!Desk2024\";", "src/a.ts").is_empty());
    assert!(!found("const adminPassword = () => \"Tr4ding!Desk2024\";", "src/a.ts").is_empty());
    // Even a near name does not make an address or a plain URL a password.
    assert_eq!(found("const password = \"noreply@acme-mail.io\";", "src/a.ts"), []);
    assert_eq!(found("const secretUrl = \"https://acme-mail.io/2fa/reset\";", "src/a.ts"), []);
}

#[test]
fn a_firebase_config_in_an_env_json_value_is_judged_as_in_javascript() {
    let config = r#"{"apiKey":"AIzaSyB3kT9mQ2xR7vL4pN8wZ1cJ5hD6fG0aE2u","authDomain":"acme-app.firebaseapp.com","projectId":"acme-app"}"#;
    let in_js = severity_of(&format!("const firebaseConfig = {config};"), "src/firebase.js", "google-api-key");
    assert_eq!(in_js, Some(Severity::Info));
    for line in [format!("VITE_FIREBASE_CONFIG={config}\n"), format!("FIREBASE_CONFIG='{config}'\n")] {
        for path in [".env.production", "dist/.env"] {
            let all = findings(&line, path);
            let key = all.iter().find(|f| f.rule_id == "google-api-key").unwrap_or_else(|| panic!("{path}: {all:?}"));
            assert_eq!((key.severity, key.context.as_deref()), (Severity::Info, Some("apiKey")), "{path}: {line}");
        }
    }
    // Without the config around it, the same key is judged as before.
    let alone = "GEMINI='{\"apiKey\":\"AIzaSyB3kT9mQ2xR7vL4pN8wZ1cJ5hD6fG0aE2u\"}'\n";
    assert_ne!(severity_of(alone, ".env.production", "google-api-key"), Some(Severity::Info));
}

#[test]
fn key_stores_are_findings_by_name_only_in_output_and_empty_files_give_no_note() {
    let shipped = scan("", "dist/certs/server.pfx", &Config::default());
    assert_eq!(shipped.findings.iter().map(|f| f.rule_id.as_str()).collect::<Vec<_>>(), ["shipped-keystore"]);
    assert_eq!(shipped.findings[0].severity, Severity::Error);
    assert!(scan("", "android/app/release.jks", &Config::default()).findings.is_empty());
    let marked = {
        let mut c = Config::default();
        c.engine.output_dirs = vec![".".into()];
        c
    };
    assert_eq!(scan("", "release.keystore", &marked).findings.len(), 1);
    for empty in ["", "  \n", "\u{feff}"] {
        assert_eq!(scan(empty, "src/data.json", &Config::default()), keylint::ScanResult::default());
    }
}
