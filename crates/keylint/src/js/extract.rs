//! Walks a program and collects every string it can build, each with the names around it.

use crate::candidate::Sink;
use crate::candidate::{Candidate, Context, Form};
use crate::js::fold::{self, add_operands, prop_name, str_value, unwrap, Consts};
use crate::js::sinks;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::sync::Arc;
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

/// Strings shorter than this cannot hold a key worth reporting; skipping them early keeps
/// minified bundles (full of short strings) cheap.
pub(crate) const MIN_VALUE_LEN: usize = 8;
/// Sibling keys kept per object: enough to recognise a config object, bounded for huge maps.
const MAX_SIBLINGS: usize = 48;
/// Prefixes bundlers use for variables that are meant to reach the browser.
pub const PUBLIC_ENV_PREFIXES: &[&str] =
    &["VITE_", "NEXT_PUBLIC_", "REACT_APP_", "PUBLIC_", "EXPO_PUBLIC_", "GATSBY_", "NUXT_PUBLIC_", "VUE_APP_"];

pub fn extract(program: &Program, source: &str) -> Vec<Candidate> {
    let (consts, const_sites) = collect_consts(program, source);
    let imports = sinks::import_aliases(program);
    let mut extractor = Extractor { source, consts, const_sites, imports, ctx: Context::default(), out: Vec::new() };
    program.visit_with(&mut extractor);
    extractor.out
}

/// Where a constant's value is written, to report it there when a use of it is what tells
/// what it is (`const K = "…"; Binance({ apiKey: K })`).
struct ConstSite {
    span: std::ops::Range<usize>,
    verbatim_at: Option<usize>,
    form: Form,
}

struct Extractor<'s> {
    source: &'s str,
    consts: Consts,
    const_sites: HashMap<String, ConstSite>,
    /// Named imports by local name, for sinks a minifier imported under a short one.
    imports: HashMap<String, String>,
    ctx: Context,
    out: Vec<Candidate>,
}

fn offset(pos: swc_common::BytePos) -> usize {
    (pos.0 as usize).saturating_sub(1)
}

fn range(span: swc_common::Span) -> std::ops::Range<usize> {
    offset(span.lo)..offset(span.hi)
}

impl Extractor<'_> {
    /// Runs `f` with a context changed by `change`, then restores it.
    fn with_ctx(&mut self, change: impl FnOnce(&mut Context), f: impl FnOnce(&mut Self)) {
        let saved = self.ctx.clone();
        change(&mut self.ctx);
        f(self);
        self.ctx = saved;
    }

    fn emit(&mut self, value: String, span: std::ops::Range<usize>, verbatim_at: Option<usize>, form: Form) {
        self.emit_built(value, span, verbatim_at, form, false);
    }

    fn emit_built(
        &mut self,
        value: String,
        span: std::ops::Range<usize>,
        verbatim_at: Option<usize>,
        form: Form,
        via_const: bool,
    ) {
        if value.len() < MIN_VALUE_LEN {
            return;
        }
        let candidate = Candidate { value, span, verbatim_at, form, context: self.ctx.clone(), via_const };
        // A text file a bundler inlined as a base64 `data:` URL: its text, and any JSON in it.
        if let Some(text) = crate::input::data_url::text(&candidate.value) {
            let inner = Candidate { value: text, verbatim_at: None, form: Form::Base64, ..candidate.clone() };
            crate::input::json::expand(&inner, &mut self.out);
            self.out.push(inner);
        }
        // JSON inside a string: its keys are better context than the string's own name. Its
        // values go first so that, where both find the same secret, the JSON one is kept.
        let before = self.out.len();
        crate::input::json::expand(&candidate, &mut self.out);
        // Config text, a command or code inside a string (JSON is read as JSON, above): read
        // with the names written in it; on one line, the string's own reading goes first.
        let mut named = Vec::new();
        if self.out.len() == before {
            crate::input::names::expand(&candidate, self.source, &mut named);
        }
        if candidate.value.contains('\n') {
            self.out.append(&mut named);
            self.out.push(candidate);
        } else {
            self.out.push(candidate);
            self.out.append(&mut named);
        }
    }

    /// A use of a top-level constant: its value judged with the names around this use, at the
    /// place it is written. Where the declaration's own name already tells, detection keeps
    /// that reading (`via_const`).
    fn emit_const_use(&mut self, name: &str) {
        // Every identifier of a bundle comes here: one lookup for the names that are no constant.
        let Some(site) = self.const_sites.get(name) else { return };
        let Some(value) = self.consts.get(name) else { return };
        let (value, span, verbatim_at, form) = (value.clone(), site.span.clone(), site.verbatim_at, site.form);
        self.emit_built(value, span, verbatim_at, form, true);
    }

    fn emit_str(&mut self, s: &Str, form: Form) {
        let value = str_value(s);
        let span = range(s.span);
        // The value sits verbatim between the quotes when the literal has no escapes. Raw text
        // of a recovered, unterminated literal may end mid-character: compare, never slice.
        let verbatim = s
            .raw
            .as_ref()
            .filter(|raw| raw.len() >= 2 && raw.get(1..raw.len() - 1) == Some(value.as_str()))
            .map(|_| span.start + 1);
        self.emit(value, span, verbatim, form);
    }

    /// Emits a folded value for a whole expression, if it folds.
    fn try_fold(&mut self, expr: &Expr, form_override: Option<Form>) -> bool {
        let Some(folded) = fold::fold(expr, &self.consts) else { return false };
        let form = form_override.unwrap_or(folded.form);
        match unwrap(expr) {
            Expr::Lit(Lit::Str(s)) => self.emit_str(s, form),
            e => {
                let span = range(expr_span(e));
                let verbatim = (form == Form::Template || form == Form::EnvInline)
                    .then(|| self.verbatim_template(e, &folded.value))
                    .flatten();
                self.emit_built(folded.value, span, verbatim, form, folded.via_const)
            }
        }
        true
    }

    fn verbatim_template(&self, e: &Expr, value: &str) -> Option<usize> {
        let Expr::Tpl(tpl) = e else { return None };
        let start = offset(tpl.span.lo) + 1;
        (self.source.get(start..start + value.len())? == value).then_some(start)
    }

    /// A `+` chain that does not fold whole: its runs of static operands still build strings.
    fn visit_add_chain(&mut self, expr: &Expr) {
        // Consecutive operands with static values build a string of their own; the rest are
        // visited as usual. A number only continues a run that a string has started.
        let mut run: Vec<(&Expr, String, bool)> = Vec::new();
        for operand in add_operands(expr) {
            let value = match unwrap(operand) {
                Expr::Lit(Lit::Num(n)) if !run.is_empty() => Some((fold::js_number(n.value), false)),
                e => fold::fold(e, &self.consts).map(|f| (f.value, f.via_const)),
            };
            match value {
                Some((value, via_const)) => run.push((operand, value, via_const)),
                None => {
                    self.flush_run(&mut run);
                    operand.visit_with(self);
                }
            }
        }
        self.flush_run(&mut run);
    }

    fn flush_run(&mut self, run: &mut Vec<(&Expr, String, bool)>) {
        match run.as_slice() {
            [] => {}
            [(single, _, _)] => single.visit_with(self),
            [(first, ..), .., (last, ..)] => {
                let value: String = run.iter().map(|(_, v, _)| v.as_str()).collect();
                let via_const = run.iter().any(|(_, _, c)| *c);
                let span = offset(expr_span(first).lo)..offset(expr_span(last).hi);
                self.emit_built(value, span, None, Form::Concat, via_const);
            }
        }
        run.clear();
    }

    /// The URL an object's `baseURL`/`endpoint`/`url` property names, when it folds to one.
    fn base_url_of(&self, o: &ObjectLit) -> Option<String> {
        o.props.iter().find_map(|p| {
            let PropOrSpread::Prop(p) = p else { return None };
            let Prop::KeyValue(kv) = &**p else { return None };
            prop_key_name(&kv.key).filter(|k| crate::hosts::is_url_property(k))?;
            let url = fold::fold(&kv.value, &self.consts)?.value;
            crate::hosts::host_of(&url).map(|_| url)
        })
    }

    /// `key_arg`: the argument a sink gives a role to ([`sinks::key_argument`]).
    fn visit_args(&mut self, callee: Option<String>, args: &[ExprOrSpread], key_arg: Option<(usize, Sink)>) {
        // `headers.set("X-Api-Key", v)`, `setRequestHeader("Authorization", v)`,
        // `localStorage.setItem("token", v)`: the first argument names the others.
        let url = args
            .first()
            .and_then(|a| fold::fold(&a.expr, &self.consts))
            .map(|f| f.value)
            .filter(|v| crate::hosts::host_of(v).is_some());
        let setter = callee.as_deref().is_some_and(|c| KEYED_SETTERS.contains(&c));
        let key_name = match args.first().map(|a| unwrap(&a.expr)) {
            Some(Expr::Lit(Lit::Str(s))) if setter && args.len() >= 2 && looks_like_key_name(&str_value(s)) => {
                Some(str_value(s))
            }
            _ => None,
        };
        self.with_ctx(
            |ctx| {
                // `const deepseek = new OpenAI({ apiKey })`: the binding's name stays in the
                // path; the nearest name of an argument is its callee's.
                if let Some(name) = ctx.name.take() {
                    ctx.path.push(name);
                }
                // A call inside another's arguments keeps the outer callee in the path:
                // `Keypair.fromSecretKey(bs58.decode("…"))` is a secret key, whatever decode is.
                if let Some(outer) = ctx.callee.take() {
                    ctx.path.push(outer);
                }
                // `importKey("raw", enc.encode("…"), …)`: an encoding call passes the role on.
                if !sinks::is_wrapper(callee.as_deref()) {
                    ctx.sink = None;
                }
                ctx.callee = callee;
                ctx.url = url;
                ctx.siblings = Arc::default();
            },
            |v| {
                for (i, arg) in args.iter().enumerate() {
                    if let Some((_, sink)) = key_arg.filter(|(k, _)| *k == i) {
                        v.with_ctx(|c| c.sink = Some(sink), |v| arg.visit_with(v));
                    } else if i > 0 && key_name.is_some() {
                        let name = key_name.clone();
                        v.with_ctx(|c| c.name = name, |v| arg.visit_with(v));
                    } else {
                        arg.visit_with(v);
                    }
                }
            },
        );
    }
}

/// Calls whose first argument names the value that follows it.
const KEYED_SETTERS: &[&str] =
    &["set", "append", "setRequestHeader", "setHeader", "header", "setItem", "put", "add", "define", "defineProperty"];

fn looks_like_key_name(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

fn expr_span(e: &Expr) -> swc_common::Span {
    use swc_common::Spanned;
    e.span()
}

/// The name a callee is known by: `Stripe` for `new Stripe`, `createClient` for
/// `supabase.createClient`, `initializeApp` for `firebase.initializeApp`.
fn callee_name(expr: &Expr) -> Option<String> {
    match unwrap(expr) {
        Expr::Ident(id) => Some(id.sym.to_string()),
        Expr::Member(m) => prop_name(&m.prop).map(str::to_string),
        Expr::OptChain(o) => match &*o.base {
            OptChainBase::Member(m) => prop_name(&m.prop).map(str::to_string),
            OptChainBase::Call(_) => None,
        },
        // `(0, o.createClient)(…)`, as bundlers emit calls to imports.
        Expr::Seq(s) => s.exprs.last().and_then(|e| callee_name(e)),
        _ => None,
    }
}

fn prop_key_name(key: &PropName) -> Option<String> {
    match key {
        PropName::Ident(id) => Some(id.sym.to_string()),
        PropName::Str(s) => Some(str_value(s)),
        PropName::Num(_) | PropName::BigInt(_) => None,
        PropName::Computed(c) => match unwrap(&c.expr) {
            Expr::Lit(Lit::Str(s)) => Some(str_value(s)),
            _ => None,
        },
    }
}

/// `process.env.X` or `import.meta.env.X`: the variable name X.
fn env_reference(expr: &Expr) -> Option<String> {
    let Expr::Member(m) = unwrap(expr) else { return None };
    let name = prop_name(&m.prop)?;
    let Expr::Member(env) = unwrap(&m.obj) else { return None };
    if prop_name(&env.prop)? != "env" {
        return None;
    }
    match unwrap(&env.obj) {
        Expr::Ident(id) if id.sym == "process" => Some(name.to_string()),
        Expr::MetaProp(MetaPropExpr { kind: MetaPropKind::ImportMeta, .. }) => Some(name.to_string()),
        _ => None,
    }
}

/// An object literal as bundlers emit `process.env` / `import.meta.env`: keys such as
/// `VITE_API_KEY` next to `MODE` or `NODE_ENV`.
fn is_env_object(keys: &[String]) -> bool {
    let public = keys.iter().any(|k| PUBLIC_ENV_PREFIXES.iter().any(|p| k.starts_with(p)));
    let builtin = keys.iter().any(|k| matches!(k.as_str(), "NODE_ENV" | "MODE" | "BASE_URL" | "DEV" | "PROD" | "SSR"));
    let all_upper = keys.iter().all(|k| k.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'));
    (public || builtin) && all_upper
}

impl Visit for Extractor<'_> {
    fn visit_expr(&mut self, expr: &Expr) {
        match unwrap(expr) {
            Expr::Lit(Lit::Str(s)) => self.emit_str(s, Form::Literal),
            Expr::Tpl(tpl) => {
                if !self.try_fold(expr, None) {
                    // Static parts of a template with run-time holes are strings of their own.
                    for q in &tpl.quasis {
                        if let Some(cooked) = &q.cooked {
                            let value = cooked.to_atom_lossy().as_str().to_string();
                            let span = range(q.span);
                            let verbatim = (q.raw == *value).then_some(span.start);
                            self.emit(value, span, verbatim, Form::Template);
                        }
                    }
                    tpl.exprs.visit_with(self);
                }
            }
            e @ Expr::Bin(BinExpr { op: BinaryOp::Add, .. }) => {
                if !self.try_fold(e, None) {
                    self.visit_add_chain(e);
                }
            }
            e @ Expr::Call(_) => {
                if !self.try_fold(e, None) {
                    e.visit_children_with(self);
                }
            }
            Expr::Ident(id) => self.emit_const_use(id.sym.as_str()),
            e => e.visit_children_with(self),
        }
    }

    fn visit_class_prop(&mut self, p: &ClassProp) {
        // `private apiSecret = "…"`, `static SECRET = "…"`: the field's name names the value.
        p.key.visit_with(self);
        let name = prop_key_name(&p.key);
        self.with_ctx(
            |c| {
                if let Some(n) = name {
                    *c = Context::named(n);
                }
            },
            |v| p.value.visit_with(v),
        );
    }

    fn visit_private_prop(&mut self, p: &PrivateProp) {
        let name = p.key.name.to_string();
        self.with_ctx(|c| *c = Context::named(name), |v| p.value.visit_with(v));
    }

    fn visit_var_declarator(&mut self, d: &VarDeclarator) {
        match &d.name {
            Pat::Ident(id) => {
                let name = id.id.sym.to_string();
                self.with_ctx(
                    |c| {
                        *c = Context::named(name);
                    },
                    |v| d.init.visit_with(v),
                );
            }
            pat => {
                pat.visit_with(self);
                d.init.visit_with(self);
            }
        }
    }

    fn visit_assign_pat(&mut self, p: &AssignPat) {
        p.left.visit_with(self);
        let name = match &*p.left {
            Pat::Ident(id) => Some(id.id.sym.to_string()),
            _ => None,
        };
        self.with_ctx(|c| c.name = name, |v| p.right.visit_with(v));
    }

    fn visit_assign_pat_prop(&mut self, p: &AssignPatProp) {
        let name = p.key.id.sym.to_string();
        self.with_ctx(|c| c.name = Some(name), |v| p.value.visit_with(v));
    }

    fn visit_assign_expr(&mut self, a: &AssignExpr) {
        let (name, path) = match &a.left {
            AssignTarget::Simple(SimpleAssignTarget::Ident(id)) => (Some(id.id.sym.to_string()), Vec::new()),
            AssignTarget::Simple(SimpleAssignTarget::Member(m)) => {
                let owner = match unwrap(&m.obj) {
                    Expr::Ident(id) => vec![id.sym.to_string()],
                    Expr::Member(inner) => prop_name(&inner.prop).map(|p| vec![p.to_string()]).unwrap_or_default(),
                    _ => Vec::new(),
                };
                (prop_name(&m.prop).map(str::to_string), owner)
            }
            _ => (None, Vec::new()),
        };
        a.left.visit_with(self);
        self.with_ctx(
            |c| {
                *c = Context { name, path, ..Default::default() };
            },
            |v| a.right.visit_with(v),
        );
    }

    fn visit_object_lit(&mut self, o: &ObjectLit) {
        let keys: Vec<String> = o
            .props
            .iter()
            .filter_map(|p| match p {
                PropOrSpread::Prop(p) => match &**p {
                    Prop::KeyValue(kv) => prop_key_name(&kv.key),
                    Prop::Shorthand(id) => Some(id.sym.to_string()),
                    _ => None,
                },
                PropOrSpread::Spread(_) => None,
            })
            .take(MAX_SIBLINGS)
            .collect();
        let env = is_env_object(&keys);
        // `axios.create({ baseURL: "https://api…", headers: { … } })`: the other properties go there.
        let base_url = self.base_url_of(o);
        let siblings: Arc<[String]> = keys.into();
        let outer_name = self.ctx.name.clone();
        for prop in &o.props {
            let PropOrSpread::Prop(p) = prop else {
                prop.visit_with(self);
                continue;
            };
            if let Prop::Shorthand(id) = &**p {
                // `{ apiKey }`: the constant `apiKey`, under its own name as the key.
                let name = id.sym.to_string();
                let siblings = siblings.clone();
                self.with_ctx(
                    |c| {
                        c.name = Some(name.clone());
                        c.siblings = siblings;
                    },
                    |v| v.emit_const_use(&name),
                );
                continue;
            }
            let Prop::KeyValue(kv) = &**p else {
                p.visit_with(self);
                continue;
            };
            kv.key.visit_with(self);
            let key = prop_key_name(&kv.key);
            let siblings = siblings.clone();
            let outer = outer_name.clone();
            self.with_ctx(
                |c| {
                    if let Some(k) = &key {
                        c.path.extend(outer.filter(|o| c.path.last() != Some(o)));
                        c.name = Some(k.clone());
                    }
                    c.siblings = siblings;
                    if base_url.is_some() {
                        c.url.clone_from(&base_url);
                    }
                },
                |v| {
                    if !(env && v.try_fold(&kv.value, Some(Form::EnvInline))) {
                        kv.value.visit_with(v);
                    }
                },
            );
        }
    }

    fn visit_prop_name(&mut self, key: &PropName) {
        // A key's own string is a name, not a value; only computed keys hold expressions.
        if let PropName::Computed(c) = key {
            c.visit_with(self);
        }
    }

    fn visit_bin_expr(&mut self, b: &BinExpr) {
        if matches!(b.op, BinaryOp::LogicalOr | BinaryOp::NullishCoalescing) {
            // `process.env.STRIPE_KEY || "sk_live_…"`: the fallback is the variable's value.
            if let Some(var) = env_reference(&b.left) {
                self.with_ctx(
                    |c| c.name = Some(var),
                    |v| {
                        if !v.try_fold(&b.right, Some(Form::EnvInline)) {
                            b.right.visit_with(v);
                        }
                    },
                );
                return;
            }
        }
        b.visit_children_with(self);
    }

    // A name is near its value or it says nothing about it: the body of a function does not
    // inherit the names around the function (`const sendForgotPassword = async () => { …
    // from: { address: 'noreply@…' } }` holds no password). Only an arrow that directly
    // builds a string (`const secret = () => "…"`) keeps its binding's name.
    fn visit_function(&mut self, f: &Function) {
        self.with_ctx(|c| *c = Context::default(), |v| f.visit_children_with(v));
    }

    fn visit_arrow_expr(&mut self, f: &ArrowExpr) {
        let builds_string = match &*f.body {
            ArrowFunctionBody::Expr(e) => matches!(unwrap(e), Expr::Lit(_) | Expr::Tpl(_) | Expr::Bin(_)),
            ArrowFunctionBody::FunctionBody(_) => false,
        };
        if builds_string {
            f.visit_children_with(self);
        } else {
            self.with_ctx(|c| *c = Context::default(), |v| f.visit_children_with(v));
        }
    }

    fn visit_call_expr(&mut self, call: &CallExpr) {
        call.callee.visit_with(self);
        let (callee, key_arg) = match &call.callee {
            Callee::Expr(e) => (callee_name(e), sinks::key_argument(e, &call.args, &self.consts, &self.imports)),
            _ => (None, None),
        };
        self.visit_args(callee, &call.args, key_arg);
    }

    fn visit_new_expr(&mut self, n: &NewExpr) {
        n.callee.visit_with(self);
        let callee = callee_name(&n.callee);
        self.visit_args(callee, n.args.as_deref().unwrap_or_default(), None);
    }

    fn visit_jsx_opening_element(&mut self, el: &JSXOpeningElement) {
        let element = match &el.name {
            JSXElementName::Ident(id) => Some(id.sym.to_string()),
            JSXElementName::JSXMemberExpr(m) => Some(m.prop.sym.to_string()),
            JSXElementName::JSXNamespacedName(n) => Some(n.name.sym.to_string()),
        };
        self.with_ctx(|c| c.callee = element, |v| el.attrs.visit_with(v));
    }

    fn visit_jsx_attr(&mut self, attr: &JSXAttr) {
        let name = match &attr.name {
            JSXAttrName::Ident(id) => id.sym.to_string(),
            JSXAttrName::JSXNamespacedName(n) => n.name.sym.to_string(),
        };
        self.with_ctx(
            |c| c.name = Some(name),
            |v| match &attr.value {
                Some(JSXAttrValue::Str(s)) => v.emit_str(s, Form::Literal),
                other => other.visit_with(v),
            },
        );
    }

    fn visit_jsx_text(&mut self, t: &JSXText) {
        let value = t.value.to_atom_lossy().as_str().trim().to_string();
        let span = range(t.span);
        let verbatim = self.source.get(span.clone()).and_then(|raw| raw.find(value.as_str())).map(|o| span.start + o);
        self.emit(value, span, verbatim, Form::Literal);
    }

    // Module specifiers and type-level strings never ship as values.
    fn visit_str(&mut self, _: &Str) {}
    fn visit_ts_type(&mut self, _: &TsType) {}
}

/// Top-level names declared exactly once and never reassigned or shadowed, bound to a static
/// string: their uses inside concatenations fold. Minified code reuses short names across
/// scopes; those are disqualified, which keeps this scope-free pass sound.
fn collect_consts(program: &Program, source: &str) -> (Consts, HashMap<String, ConstSite>) {
    let mut declared: HashMap<&str, (usize, Option<&Expr>)> = HashMap::new();
    for decl in top_level_var_decls(program) {
        for d in &decl.decls {
            if let Pat::Ident(id) = &d.name {
                let entry = declared.entry(id.id.sym.as_str()).or_insert((0, d.init.as_deref()));
                entry.0 += 1;
            }
        }
    }
    let mut disqualifier = Disqualifier {
        top_level: declared.keys().map(|k| k.to_string()).collect(),
        disqualified: HashSet::new(),
        depth: 0,
    };
    program.visit_with(&mut disqualifier);

    // Fold in source order, so a name may use the ones declared before it.
    let mut order: Vec<(&str, &Expr)> = declared
        .into_iter()
        .filter(|(name, (count, _))| *count == 1 && !disqualifier.disqualified.contains(*name))
        .filter_map(|(name, (_, init))| Some((name, init?)))
        .collect();
    order.sort_by_key(|(_, e)| expr_span(e).lo);
    let mut consts = Consts::new();
    let mut sites = HashMap::new();
    for (name, init) in order {
        if let Some(f) = fold::fold(init, &consts) {
            let span = range(expr_span(init));
            // The value between the quotes of a plain literal: findings point at the key itself.
            let verbatim_at = (f.form == Form::Literal
                && source.get(span.start + 1..span.end - 1) == Some(f.value.as_str()))
            .then_some(span.start + 1);
            sites.insert(name.to_string(), ConstSite { span, verbatim_at, form: f.form });
            consts.insert(name.to_string(), f.value);
        }
    }
    (consts, sites)
}

fn top_level_var_decls(program: &Program) -> Vec<&VarDecl> {
    fn stmt_decl(s: &Stmt) -> Option<&VarDecl> {
        match s {
            Stmt::Decl(Decl::Var(v)) => Some(v),
            _ => None,
        }
    }
    match program {
        Program::Script(s) => s.body.iter().filter_map(stmt_decl).collect(),
        Program::Module(m) => m
            .body
            .iter()
            .filter_map(|item| match item {
                ModuleItem::Stmt(s) => stmt_decl(s),
                ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl { decl: Decl::Var(v), .. })) => Some(&**v),
                _ => None,
            })
            .collect(),
    }
}

/// Finds top-level names that are assigned, updated, or bound again in a nested scope.
struct Disqualifier {
    top_level: HashSet<String>,
    disqualified: HashSet<String>,
    depth: usize,
}

impl Disqualifier {
    fn nested(&mut self, f: impl FnOnce(&mut Self)) {
        self.depth += 1;
        f(self);
        self.depth -= 1;
    }
}

impl Visit for Disqualifier {
    fn visit_assign_expr(&mut self, a: &AssignExpr) {
        if let AssignTarget::Simple(SimpleAssignTarget::Ident(id)) = &a.left {
            self.disqualified.insert(id.id.sym.to_string());
        }
        a.visit_children_with(self);
    }
    fn visit_update_expr(&mut self, u: &UpdateExpr) {
        if let Expr::Ident(id) = unwrap(&u.arg) {
            self.disqualified.insert(id.sym.to_string());
        }
        u.visit_children_with(self);
    }
    fn visit_binding_ident(&mut self, id: &BindingIdent) {
        if self.depth > 0 && self.top_level.contains(id.id.sym.as_str()) {
            self.disqualified.insert(id.id.sym.to_string());
        }
    }
    fn visit_function(&mut self, f: &Function) {
        self.nested(|v| f.visit_children_with(v));
    }
    fn visit_arrow_expr(&mut self, f: &ArrowExpr) {
        self.nested(|v| f.visit_children_with(v));
    }
    fn visit_block_stmt(&mut self, b: &BlockStmt) {
        self.nested(|v| b.visit_children_with(v));
    }
}
