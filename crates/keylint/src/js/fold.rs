//! Static evaluation of the ways code builds a string: concatenation, templates, base64,
//! character codes, array joins. Returns the value the engine would compute, or `None` when
//! any part depends on run-time data.

use crate::candidate::Form;
use base64::Engine as _;
use foldhash::HashMap;
use swc_ecma_ast::*;

/// Names bound once, never reassigned, to a static string: `const A = "sk_live_"`.
pub type Consts = HashMap<String, String>;

/// Deeper folds than this are not worth following (and bound the recursion).
const MAX_FOLD_DEPTH: u32 = 48;

pub struct Folded {
    pub value: String,
    pub form: Form,
    /// Part of the value came from a named constant declared elsewhere (reported there).
    pub via_const: bool,
}

/// What evaluation reads, and whether it used a constant.
struct Env<'a> {
    consts: &'a Consts,
    used_const: std::cell::Cell<bool>,
}

/// Folds `expr` to a string, naming the form of its outermost operation.
pub fn fold(expr: &Expr, consts: &Consts) -> Option<Folded> {
    let expr = unwrap(expr);
    let form = match expr {
        Expr::Lit(Lit::Str(_)) => Form::Literal,
        Expr::Tpl(_) => Form::Template,
        Expr::Bin(BinExpr { op: BinaryOp::Add, .. }) => Form::Concat,
        Expr::Call(call) => call_form(call)?,
        _ => return None,
    };
    let env = Env { consts, used_const: Default::default() };
    let value = eval(expr, &env, 0)?;
    Some(Folded { value, form, via_const: env.used_const.get() })
}

/// The folding form of a call, when it is one we know how to evaluate.
fn call_form(call: &CallExpr) -> Option<Form> {
    let callee = callee_expr(&call.callee)?;
    if is_atob(callee) {
        return Some(Form::Base64);
    }
    let Expr::Member(m) = callee else { return None };
    match prop_name(&m.prop)? {
        "concat" => Some(Form::Concat),
        "fromCharCode" | "fromCodePoint" if is_ident(&m.obj, "String") => Some(Form::CharCodes),
        "join" => Some(Form::ArrayJoin),
        "toString" if buffer_from_base64(&m.obj).is_some() => Some(Form::Base64),
        _ => None,
    }
}

/// Strips parentheses and TypeScript-only wrappers, which do not change the value.
pub fn unwrap(mut expr: &Expr) -> &Expr {
    loop {
        expr = match expr {
            Expr::Paren(p) => &p.expr,
            Expr::TsAs(e) => &e.expr,
            Expr::TsSatisfies(e) => &e.expr,
            Expr::TsConstAssertion(e) => &e.expr,
            Expr::TsNonNull(e) => &e.expr,
            Expr::TsTypeAssertion(e) => &e.expr,
            _ => return expr,
        }
    }
}

pub fn str_value(s: &Str) -> String {
    s.value.to_atom_lossy().as_str().to_string()
}

fn eval(expr: &Expr, env: &Env, depth: u32) -> Option<String> {
    if depth > MAX_FOLD_DEPTH {
        return None;
    }
    match unwrap(expr) {
        Expr::Lit(Lit::Str(s)) => Some(str_value(s)),
        Expr::Ident(id) => {
            let value = env.consts.get(id.sym.as_str()).cloned();
            env.used_const.set(env.used_const.get() || value.is_some());
            value
        }
        Expr::Tpl(tpl) => {
            let mut out = String::new();
            for (i, quasi) in tpl.quasis.iter().enumerate() {
                out.push_str(quasi.cooked.as_ref()?.to_atom_lossy().as_str());
                if let Some(e) = tpl.exprs.get(i) {
                    out.push_str(&eval_operand(e, env, depth + 1, true)?);
                }
            }
            Some(out)
        }
        Expr::Bin(BinExpr { op: BinaryOp::Add, .. }) => {
            let mut out = String::new();
            let mut seen_string = false;
            for operand in add_operands(expr) {
                // `1 + 2 + "a"` is "3a": numbers only fold once a string has started the chain.
                let piece = eval_operand(operand, env, depth + 1, seen_string)?;
                seen_string = true;
                out.push_str(&piece);
            }
            Some(out)
        }
        Expr::Call(call) => eval_call(call, env, depth + 1),
        _ => None,
    }
}

/// A string, or a number when `numbers` says it would be converted to one.
fn eval_operand(expr: &Expr, env: &Env, depth: u32, numbers: bool) -> Option<String> {
    match unwrap(expr) {
        Expr::Lit(Lit::Num(n)) if numbers => Some(js_number(n.value)),
        e => eval(e, env, depth),
    }
}

/// The operands of a `+` chain, left to right, without recursion on its left spine.
pub fn add_operands(expr: &Expr) -> Vec<&Expr> {
    let mut operands = Vec::new();
    let mut cur = unwrap(expr);
    while let Expr::Bin(BinExpr { op: BinaryOp::Add, left, right, .. }) = cur {
        operands.push(&**right);
        cur = unwrap(left);
    }
    operands.push(cur);
    operands.reverse();
    operands
}

fn eval_call(call: &CallExpr, env: &Env, depth: u32) -> Option<String> {
    let callee = callee_expr(&call.callee)?;
    if is_atob(callee) {
        return decode_base64(&eval(&call.args.first()?.expr, env, depth)?);
    }
    let Expr::Member(m) = callee else { return None };
    match prop_name(&m.prop)? {
        "concat" => {
            let mut out = eval(&m.obj, env, depth)?;
            for arg in &call.args {
                out.push_str(&eval_operand(&arg.expr, env, depth, true)?);
            }
            Some(out)
        }
        "fromCharCode" | "fromCodePoint" if is_ident(&m.obj, "String") => {
            let mut out = String::new();
            for arg in &call.args {
                let codes: Vec<f64> = match (&arg.spread, unwrap(&arg.expr)) {
                    (None, Expr::Lit(Lit::Num(n))) => vec![n.value],
                    (Some(_), Expr::Array(arr)) => arr
                        .elems
                        .iter()
                        .map(|e| match e.as_ref().map(|e| unwrap(&e.expr)) {
                            Some(Expr::Lit(Lit::Num(n))) => Some(n.value),
                            _ => None,
                        })
                        .collect::<Option<_>>()?,
                    _ => return None,
                };
                for c in codes {
                    out.push(char::from_u32(c as u32).filter(|_| c.fract() == 0.0 && c >= 0.0)?);
                }
            }
            Some(out)
        }
        "join" => {
            let parts = eval_array(&m.obj, env, depth)?;
            let sep = match call.args.first() {
                Some(a) => eval(&a.expr, env, depth)?,
                None => ",".to_string(),
            };
            Some(parts.join(&sep))
        }
        "toString" => {
            let encoded = buffer_from_base64(&m.obj)?;
            decode_base64(&eval(encoded, env, depth)?)
        }
        _ => None,
    }
}

/// `["a","b"]`, `"ab".split("")` and `.reverse()` of either: the pieces of an array join.
fn eval_array(expr: &Expr, env: &Env, depth: u32) -> Option<Vec<String>> {
    match unwrap(expr) {
        Expr::Array(arr) => arr
            .elems
            .iter()
            .map(|e| {
                let e = e.as_ref()?;
                if e.spread.is_some() {
                    return None;
                }
                eval_operand(&e.expr, env, depth + 1, true)
            })
            .collect(),
        Expr::Call(call) => {
            let Expr::Member(m) = callee_expr(&call.callee)? else { return None };
            match prop_name(&m.prop)? {
                "reverse" if call.args.is_empty() => {
                    let mut parts = eval_array(&m.obj, env, depth + 1)?;
                    parts.reverse();
                    Some(parts)
                }
                "split" => {
                    let s = eval(&m.obj, env, depth + 1)?;
                    let sep = eval(&call.args.first()?.expr, env, depth + 1)?;
                    Some(if sep.is_empty() {
                        s.chars().map(String::from).collect()
                    } else {
                        s.split(sep.as_str()).map(String::from).collect()
                    })
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The encoded argument of `Buffer.from(x, "base64")`.
fn buffer_from_base64(expr: &Expr) -> Option<&Expr> {
    let Expr::Call(call) = unwrap(expr) else { return None };
    let Expr::Member(m) = callee_expr(&call.callee)? else { return None };
    let is_from = prop_name(&m.prop)? == "from" && is_ident(&m.obj, "Buffer");
    let encoding = match call.args.get(1).map(|a| unwrap(&a.expr)) {
        Some(Expr::Lit(Lit::Str(s))) => str_value(s),
        _ => return None,
    };
    (is_from && (encoding == "base64" || encoding == "base64url")).then(|| &*call.args[0].expr)
}

/// Decoded text, when the input is base64 of printable UTF-8 (binary payloads are not strings
/// anyone would use as a key).
fn decode_base64(encoded: &str) -> Option<String> {
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    let trimmed = encoded.trim();
    let bytes = STANDARD.decode(trimmed).or_else(|_| URL_SAFE_NO_PAD.decode(trimmed.trim_end_matches('='))).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    text.chars().all(|c| !c.is_control() || c == '\n' || c == '\r' || c == '\t').then_some(text)
}

fn is_atob(callee: &Expr) -> bool {
    match unwrap(callee) {
        Expr::Ident(id) => id.sym == "atob",
        Expr::Member(m) => {
            prop_name(&m.prop) == Some("atob") && ["window", "self", "globalThis"].iter().any(|g| is_ident(&m.obj, g))
        }
        _ => false,
    }
}

fn callee_expr(callee: &Callee) -> Option<&Expr> {
    match callee {
        Callee::Expr(e) => Some(unwrap(e)),
        _ => None,
    }
}

pub fn prop_name(prop: &MemberProp) -> Option<&str> {
    match prop {
        MemberProp::Ident(id) => Some(id.sym.as_str()),
        MemberProp::Computed(c) => match unwrap(&c.expr) {
            Expr::Lit(Lit::Str(s)) => s.value.as_str(),
            _ => None,
        },
        MemberProp::PrivateName(_) => None,
    }
}

fn is_ident(expr: &Expr, name: &str) -> bool {
    matches!(unwrap(expr), Expr::Ident(id) if id.sym == name)
}

/// Number to string as JavaScript prints integers; other numbers rarely build keys.
pub(crate) fn js_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e21 {
        format!("{}", n as i128)
    } else {
        format!("{n}")
    }
}
