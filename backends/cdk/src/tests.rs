//! Tests of the whole backend: every template renders against a full and a minimal view model;
//! templates print view values only through typed helpers or `_ts` expressions and branch only
//! on booleans; hostile spec values cannot break out of the TypeScript; the emitted pins match
//! the toolchain the tests use (`backends/cdk/npm`).

use std::path::{Path, PathBuf};

use agentc_diagnostics::{Diagnostics, SourceFile};
use agentc_ir::{Auth, Deployment, EmitOptions};
use agentc_sema::EnvSelection;
use serde_json::Value;

use crate::render::{HELPERS, PARTIALS, TEMPLATES};
use crate::view::{AppView, Indexed, JwtView};

fn golden(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../golden")
        .join(case)
}

/// The deployment of `env` of golden case `case`.
fn deployment(case: &str, env: &str) -> Deployment {
    let dir = golden(case);
    let text = std::fs::read_to_string(dir.join("spec.kdl")).expect("read spec");
    let file = SourceFile::new(format!("golden/{case}/spec.kdl"), text);
    let mut diags = Diagnostics::new();
    let spec = agentc_syntax::parse(&file, &mut diags).expect("parses");
    let analysis = agentc_sema::analyze(&spec, &dir, EnvSelection::One(env), &mut diags);
    assert!(!diags.has_errors(), "{case}/{env} has errors");
    analysis.deployments.into_iter().next().expect("lowered")
}

fn options() -> EmitOptions {
    EmitOptions {
        spec_dir: "../..".into(),
    }
}

fn view(d: &Deployment) -> AppView {
    crate::view_of(d, &options()).unwrap_or_else(|e| panic!("{e:?}"))
}

/// Every optional section present at once (not a coherent deployment, but every line of every
/// template renders).
fn full_view() -> AppView {
    let mut d = deployment("ok-support-desk", "production");
    d.account = agentc_ir::AccountId::new("123456789012").ok();
    d.suppressions.push((
        "agentc::network::public-in-production".into(),
        "because".into(),
    ));
    let mut second = d.agents[0].clone();
    second.name = "second".into();
    second.ids.prefix = agentc_ir::LogicalId::new("Second").unwrap();
    d.agents.push(second);
    let mut v = view(&d);
    v.notify_topic = Some("arn:aws:sns:us-east-1:123456789012:ops".into());
    v.jwt = Some(JwtView {
        discovery_url: "https://issuer.example.com/.well-known/openid-configuration".into(),
        clients_ts: "[\"a\"]".into(),
        audiences_ts: "[\"b\"]".into(),
        has_audiences: true,
    });
    v.has_iam_auth = true;
    if let Some(vpc) = v.vpc.as_mut() {
        vpc.declared_groups.push(Indexed {
            construct_id: "SecurityGroup1".into(),
            value: "sg-0fedcba9876543210".into(),
        });
    }
    if let Some(audit) = v.audit.as_mut() {
        audit.has_data_events = true;
    }
    v
}

fn minimal_view() -> AppView {
    let v = view(&deployment("ok-minimal", "dev"));
    assert!(v.vpc.is_none() && v.audit.is_none() && v.user_pool.is_none() && v.jwt.is_none());
    v
}

fn render(v: &AppView) -> std::collections::BTreeMap<String, String> {
    crate::render_app(v).unwrap_or_else(|e| panic!("{e}")).files
}

#[test]
fn every_template_renders_with_a_full_and_a_minimal_view() {
    for (what, v) in [("full", full_view()), ("minimal", minimal_view())] {
        let files = render(&v);
        assert_eq!(
            files.len(),
            TEMPLATES.len() + crate::render::STATIC_FILES.len()
        );
        for (path, text) in &files {
            assert!(
                !text.contains("{{"),
                "{what}: {path} has an unrendered mustache"
            );
            assert!(
                text.ends_with('\n') && !text.ends_with("\n\n"),
                "{what}: {path} ends badly"
            );
            if path.ends_with(".json") {
                serde_json::from_str::<Value>(text)
                    .unwrap_or_else(|e| panic!("{what}: {path} is not JSON: {e}"));
            }
        }
        let stack = &files[&format!("lib/{}-stack.ts", v.stack_name)];
        assert!(stack.contains(&format!("export class {} extends Stack", v.stack_class)));
    }
}

/// `(mustache text, enclosing #each paths)` of every `{{…}}` in `text`.
fn mustaches(text: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut blocks: Vec<(String, String)> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let end = rest[start..].find("}}").expect("closed mustache") + start;
        let inner = rest[start + 2..end].trim().to_owned();
        rest = &rest[end + 2..];
        if let Some(open) = inner.strip_prefix('#') {
            let mut words = open.split_whitespace();
            let kind = words.next().unwrap_or_default().to_owned();
            blocks.push((kind, words.next().unwrap_or_default().to_owned()));
        } else if inner.starts_with('/') {
            blocks.pop();
        }
        let eaches = blocks
            .iter()
            .filter(|(k, _)| k == "each")
            .map(|(_, p)| p.clone())
            .collect();
        out.push((inner, eaches));
    }
    out
}

#[test]
fn templates_print_only_through_typed_helpers_or_ts_expressions() {
    let all = TEMPLATES.iter().chain(PARTIALS);
    for (name, text) in all {
        for (m, eaches) in mustaches(text) {
            if m.starts_with('{') {
                panic!("{name}: triple mustache {{{{{m}}}}}");
            }
            if m.starts_with(['#', '/', '>', '!']) || m == "else" {
                if let Some(cond) = m.strip_prefix("#if ").or(m.strip_prefix("#unless ")) {
                    let field = cond.rsplit(['.', '/']).next().unwrap_or_default();
                    assert!(
                        ["has_", "is_", "creates_"]
                            .iter()
                            .any(|p| field.starts_with(p)),
                        "{name}: `{{{{{m}}}}}` branches on `{field}`, which is not a has_/is_/creates_ boolean"
                    );
                }
                continue;
            }
            let head = m.split_whitespace().next().unwrap_or_default();
            let raw_ok = head.ends_with("_ts")
                || (head == "this" && eaches.last().is_some_and(|p| p.ends_with("_ts")));
            assert!(
                HELPERS.contains(&head) || (raw_ok && !m.contains(' ')),
                "{name}: `{{{{{m}}}}}` prints a value without a typed helper"
            );
        }
    }
}

/// Every key of `v` (recursively) that names a branch flag.
fn flags(v: &Value, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                if ["has_", "is_", "creates_"].iter().any(|p| k.starts_with(p)) {
                    out.push((k.clone(), x.clone()));
                }
                flags(x, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|x| flags(x, out)),
        _ => {}
    }
}

#[test]
fn branch_flags_are_booleans() {
    for v in [full_view(), minimal_view()] {
        let mut found = Vec::new();
        flags(&serde_json::to_value(&v).unwrap(), &mut found);
        assert!(found.len() > 10);
        for (k, x) in found {
            assert!(x.is_boolean(), "{k} is {x}, not a boolean");
        }
    }
}

const HOSTILE: &str =
    "quote\" apostrophe' back\\slash ${process.exit(1)} `tick` */ end\nnew line\u{2028}";

#[test]
fn hostile_spec_values_stay_inside_their_literals() {
    let mut d = deployment("ok-support-desk", "staging");
    d.tags.push(("hostile".into(), HOSTILE.into()));
    d.suppressions
        .push(("agentc::logs::retention-too-short".into(), HOSTILE.into()));
    let agent = &mut d.agents[0];
    agent.description = Some(HOSTILE.into());
    agent.env.insert("HOSTILE".into(), HOSTILE.into());
    agent.statements[0].sid = HOSTILE.into();
    agent
        .statements
        .last_mut()
        .unwrap()
        .actions
        .push(HOSTILE.into());
    d.auth = Auth::Jwt {
        discovery_url: HOSTILE.into(),
        allowed_clients: vec![HOSTILE.into()],
        allowed_audiences: vec![],
    };
    let files = render(&view(&d));
    let stack = &files["lib/support-desk-staging-stack.ts"];
    let literal = crate::ts::string(HOSTILE);
    assert!(stack.matches(&literal).count() >= 5, "{stack}");
    // Outside string literals, template-literal text and comments, no part of the value is code,
    // and every literal and comment the lexer opens is closed.
    let code = code_outside_literals(stack);
    for fragment in ["process.exit", "apostrophe", "tick", "new line"] {
        assert!(!code.contains(fragment), "`{fragment}` escaped into code");
    }
    // Comments hold no line break of the value and cannot be closed by it.
    let escaped_comment = crate::ts::comment(HOSTILE);
    assert!(!escaped_comment.contains("*/") && !escaped_comment.contains('\n'));
    for (path, text) in &files {
        if path.ends_with(".json") {
            serde_json::from_str::<Value>(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
    }
    let readme = &files["README.md"];
    assert!(!readme.contains("new line\u{2028}") && !readme.contains("end\nnew"));
}

/// The code of `ts` with every string literal, template-literal text and comment removed
/// (a small TypeScript lexer: enough for the emitted code, which has no regex literals).
fn code_outside_literals(ts: &str) -> String {
    let chars: Vec<char> = ts.chars().collect();
    let mut code = String::new();
    // Brace depth of each open `${` interpolation.
    let mut holes: Vec<usize> = Vec::new();
    let mut i = 0;
    let mut in_template = false;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if in_template {
            match c {
                '\\' => i += 1,
                '`' => in_template = false,
                '$' if next == Some('{') => {
                    holes.push(0);
                    in_template = false;
                    i += 1;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        match c {
            '"' | '\'' => {
                i += 1;
                while i < chars.len() && chars[i] != c {
                    assert!(chars[i] != '\n', "line break in a string literal");
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    i += 1;
                }
                assert!(i < chars.len(), "unterminated string literal");
            }
            '`' => in_template = true,
            '/' if next == Some('/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                code.push('\n');
            }
            '/' if next == Some('*') => {
                let rest: String = chars[i..].iter().collect();
                let end = rest.find("*/").expect("unterminated comment");
                i += rest[..end].chars().count() + 1;
            }
            '{' => {
                if let Some(depth) = holes.last_mut() {
                    *depth += 1;
                }
                code.push(c);
            }
            '}' if holes.last() == Some(&0) => {
                holes.pop();
                in_template = true;
            }
            '}' => {
                if let Some(depth) = holes.last_mut() {
                    *depth -= 1;
                }
                code.push(c);
            }
            c => code.push(c),
        }
        i += 1;
    }
    assert!(
        !in_template && holes.is_empty(),
        "unterminated template literal"
    );
    code
}

#[test]
fn the_lexer_sees_code_that_escaped_a_literal() {
    assert!(code_outside_literals("const a = \"x\"; process.exit(1);").contains("process.exit"));
    assert!(code_outside_literals("const a = `x${process.exit(1)}`;").contains("process.exit"));
    assert!(
        !code_outside_literals("const a = `x\\${process.exit(1)}`; // process.exit")
            .contains("process.exit")
    );
    assert!(!code_outside_literals("const a = \"x\\\" process.exit\";").contains("process.exit"));
}

#[test]
fn cdk_token_markers_in_the_spec_are_refused() {
    let mut d = deployment("ok-minimal", "dev");
    d.agents[0]
        .env
        .insert("X".into(), "${Token[AWS.AccountId.5]}".into());
    let err = crate::emit(&d, &options()).unwrap_err();
    assert_eq!(err[0].code, agentc_diagnostics::Code::TargetUnsupported);
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn emitted_pins_are_the_toolchain_s() {
    let files = render(&minimal_view());
    let package = json(&files["package.json"]);
    let lock = json(&files["package-lock.json"]);
    let tools = json(include_str!("../npm/package.json"));
    let tools_lock = json(include_str!("../npm/package-lock.json"));
    let mut emitted = serde_json::Map::new();
    for key in ["dependencies", "devDependencies"] {
        emitted.extend(package[key].as_object().unwrap().clone());
        assert_eq!(lock["packages"][""][key], package[key], "lock root {key}");
    }
    assert_eq!(Value::Object(emitted), tools["dependencies"]);
    assert_eq!(lock["name"], package["name"]);
    let strip = |lock: &Value| -> Vec<(String, Value, Value)> {
        lock["packages"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(k, _)| !k.is_empty())
            .map(|(k, v)| (k.clone(), v["version"].clone(), v["integrity"].clone()))
            .collect()
    };
    assert_eq!(strip(&lock), strip(&tools_lock));
}
