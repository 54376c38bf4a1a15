//! Sinks: calls whose role tells what a value is, whatever its name or format.
//!
//! Minifiers rename variables and inline single-use constants, so a 64-character exchange secret
//! often reaches `crypto.subtle.importKey("raw", enc.encode("…"), { name: "HMAC" }, …)` with no
//! name left around it. The call still says what it is: the key argument of an HMAC, a cipher or
//! a JWT signature is secret key material. Calls are recognised by their method name and the
//! shape of their arguments, never by the name of the object (which a minifier renames):
//! `X.subtle.importKey("raw", …)`, `(0, r.createHmac)("sha256", "…")`, `n.HmacSHA256(m, "…")`.
//!
//! Only a value the program builds from literals or folded constants reaches detection, so a key
//! passed in as a parameter (what library code does) is never reported.

use crate::candidate::Sink;
use crate::js::fold::{self, prop_name, unwrap, Consts};
use swc_ecma_ast::*;

/// Words without which a file calls no sink: where one occurs, the prefilter keeps every string
/// that could be key material (detection's `key_material::is_key_material`), since the call, not the string, says it is
/// a key. (A superset: `sign(` also matches `Math.sign(`; that costs time, never a finding.)
const SINK_WORDS: &[&str] =
    &["importKey", "createHmac", "Cipheriv", "Decipheriv", "Hmac", "encrypt", "decrypt", "sign"];

/// Words the prefilter must keep wherever they occur, braces around them included: an import of
/// a sink (`import { createHmac as r }`) is how a minifier's short name is resolved.
pub fn is_sink_name(word: &[u8]) -> bool {
    matches!(word, b"importKey" | b"createHmac" | b"createCipheriv" | b"createDecipheriv") || is_cryptojs_hmac(word)
}

/// Strings a sink is recognised by (`{ name: "HMAC" }`), which the prefilter must keep in a file
/// that may call one although they are too short to be secrets.
pub fn is_sink_argument(value: &str) -> bool {
    value == "raw" || is_secret_key_algorithm(value)
}

pub fn file_may_call_a_sink(code: &str) -> bool {
    SINK_WORDS.iter().any(|w| memchr::memmem::find(code.as_bytes(), w.as_bytes()).is_some())
}

/// `HmacSHA256`, `HmacMD5`, `HmacSHA3`, `HmacRIPEMD160`: CryptoJS's HMAC helpers (`(message, key)`).
fn is_cryptojs_hmac(word: &[u8]) -> bool {
    word.strip_prefix(b"Hmac").is_some_and(|alg| {
        matches!(alg, b"MD5" | b"SHA1" | b"SHA224" | b"SHA256" | b"SHA384" | b"SHA512" | b"SHA3" | b"RIPEMD160")
    })
}

/// CryptoJS ciphers whose `encrypt(message, key)` / `decrypt(cipher, key)` take the key second.
const CRYPTOJS_CIPHERS: &[&str] = &["AES", "DES", "TripleDES", "Rabbit", "RabbitLegacy", "RC4", "RC4Drop"];

/// Web Crypto algorithms whose `"raw"` key is a shared secret (for ECDSA or Ed25519 a raw key
/// is a public key).
fn is_secret_key_algorithm(name: &str) -> bool {
    let n = name.to_ascii_uppercase();
    n == "HMAC" || n.starts_with("AES-") || n == "PBKDF2" || n == "HKDF"
}

/// The argument of a call (or `new`) that is secret key material, if the call is a sink.
/// `imports` maps the local names of named imports to the names they import
/// (`import { createHmac as r } from "crypto"`: `r` is `createHmac`), as minifiers leave them.
pub fn key_argument(
    callee: &Expr,
    args: &[ExprOrSpread],
    consts: &Consts,
    imports: &foldhash::HashMap<String, String>,
) -> Option<(usize, Sink)> {
    if args.iter().any(|a| a.spread.is_some()) {
        return None;
    }
    let (mut method, object) = method_of(callee)?;
    if object.is_none() {
        method = imports.get(method).map_or(method, String::as_str);
    }
    let folded = |i: usize| args.get(i).and_then(|a| fold::fold(&a.expr, consts)).map(|f| f.value);
    let index = match method {
        // `importKey(format, keyData, algorithm, extractable, usages)`.
        "importKey" if args.len() >= 3 && folded(0).as_deref() == Some("raw") => {
            algorithm_name(&args[2].expr, consts).filter(|n| is_secret_key_algorithm(n)).map(|_| 1)
        }
        // Node's `createHmac(algorithm, key)`, `createCipheriv(algorithm, key, iv)`.
        "createHmac" if args.len() >= 2 && folded(0).is_some() => Some(1),
        "createCipheriv" | "createDecipheriv" if args.len() >= 3 && folded(0).is_some() => Some(1),
        // CryptoJS: `HmacSHA256(message, key)`, `AES.encrypt(message, key)`.
        m if is_cryptojs_hmac(m.as_bytes()) && args.len() >= 2 => Some(1),
        "encrypt" | "decrypt"
            if args.len() >= 2 && object.and_then(member_name).is_some_and(|o| CRYPTOJS_CIPHERS.contains(&o)) =>
        {
            Some(1)
        }
        // jose: `new SignJWT(claims).setProtectedHeader({ alg }) … .sign(key)`.
        "sign" if args.len() == 1 && object.is_some_and(chain_sets_protected_header) => Some(0),
        // jsonwebtoken: `jwt.sign(payload, secret[, options])`.
        "sign" if (2..=4).contains(&args.len()) && is_payload(&args[0].expr) => Some(1),
        _ => None,
    }?;
    Some((index, Sink::KeyMaterial))
}

/// The method a callee calls and the object it is called on: `importKey` and `X.subtle` for
/// `X.subtle.importKey`; a bare `createHmac` has no object. `(0, r.createHmac)` is how bundlers
/// call an import.
fn method_of(callee: &Expr) -> Option<(&str, Option<&Expr>)> {
    match unwrap(callee) {
        Expr::Ident(id) => Some((id.sym.as_str(), None)),
        Expr::Member(m) => Some((prop_name(&m.prop)?, Some(&*m.obj))),
        Expr::Seq(s) => s.exprs.last().and_then(|e| method_of(e)),
        _ => None,
    }
}

/// The last name of a member chain: `AES` for `CryptoJS.AES` or `o().AES`.
fn member_name(expr: &Expr) -> Option<&str> {
    match unwrap(expr) {
        Expr::Member(m) => prop_name(&m.prop),
        Expr::Ident(id) => Some(id.sym.as_str()),
        _ => None,
    }
}

/// `{ name: "HMAC", hash: "SHA-256" }` or `"HMAC"`: the Web Crypto algorithm's name.
fn algorithm_name(expr: &Expr, consts: &Consts) -> Option<String> {
    match unwrap(expr) {
        Expr::Object(o) => o.props.iter().find_map(|p| {
            let PropOrSpread::Prop(p) = p else { return None };
            let Prop::KeyValue(kv) = &**p else { return None };
            let key = match &kv.key {
                PropName::Ident(id) => id.sym.as_str().to_string(),
                PropName::Str(s) => fold::str_value(s),
                _ => return None,
            };
            (key == "name").then(|| fold::fold(&kv.value, consts).map(|f| f.value)).flatten()
        }),
        e => fold::fold(e, consts).map(|f| f.value),
    }
}

/// Whether a call chain calls `setProtectedHeader` on its way: jose's JWT builders do, whatever
/// the minifier named the class.
fn chain_sets_protected_header(expr: &Expr) -> bool {
    let mut at = unwrap(expr);
    for _ in 0..16 {
        let Expr::Call(call) = at else { return false };
        let Callee::Expr(callee) = &call.callee else { return false };
        let Some((method, object)) = method_of(callee) else { return false };
        if method == "setProtectedHeader" {
            return true;
        }
        let Some(object) = object else { return false };
        at = unwrap(object);
    }
    false
}

/// A JWT payload as `jwt.sign` takes it: claims written as an object, or a variable holding
/// them (a literal string first is a message signed with a key, not this call's shape).
fn is_payload(expr: &Expr) -> bool {
    matches!(unwrap(expr), Expr::Object(_) | Expr::Ident(_) | Expr::Member(_))
}

/// Local name → imported name of a module's named imports (`import { createHmac as r }`).
pub fn import_aliases(program: &Program) -> foldhash::HashMap<String, String> {
    let mut out = foldhash::HashMap::default();
    let Program::Module(m) = program else { return out };
    for item in &m.body {
        let ModuleItem::ModuleDecl(ModuleDecl::Import(import)) = item else { continue };
        for spec in &import.specifiers {
            let ImportSpecifier::Named(named) = spec else { continue };
            let imported = match &named.imported {
                Some(ModuleExportName::Ident(id)) => id.sym.to_string(),
                Some(ModuleExportName::Str(s)) => fold::str_value(s),
                None => continue,
            };
            out.insert(named.local.sym.to_string(), imported);
        }
    }
    out
}

/// Calls that only change how a key is encoded on its way to a sink: the key inside them is
/// still the key (`enc.encode("…")`, `new TextEncoder().encode("…")`, `Buffer.from("…", "hex")`,
/// `CryptoJS.enc.Utf8.parse("…")`, `utf8ToBytes("…")`).
pub fn is_wrapper(callee: Option<&str>) -> bool {
    matches!(
        callee,
        Some("encode" | "from" | "parse" | "utf8ToBytes" | "hexToBytes" | "toUtf8Bytes" | "stringToBytes" | "decode")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cryptojs_helpers_need_an_algorithm() {
        assert!(is_cryptojs_hmac(b"HmacSHA256"));
        assert!(!is_cryptojs_hmac(b"Hmac"));
        assert!(!is_cryptojs_hmac(b"HmacFoo"));
    }

    #[test]
    fn files_without_a_sink_word_call_no_sink() {
        assert!(file_may_call_a_sink("x.subtle.importKey(\"raw\",k)"));
        assert!(!file_may_call_a_sink("const a = \"Zq82liYL5Ebo9xR3mW7t\";"));
    }
}
