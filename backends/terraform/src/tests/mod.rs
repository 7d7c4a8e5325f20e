//! Every template against a fully populated and a minimal view model, and spec values that try
//! to break out of their strings: the output must still parse (hcl-rs), keep the value intact,
//! and hold no interpolation or directive the spec wrote.

use hcl::expr::{Expression, TraversalOperator};
use hcl::template::Element;

mod fixtures;

use fixtures::{NASTY, full, minimal};

use crate::view::Module;

/// The parsed `.tf` files of `module`, each rendered from every template (not only the files
/// `module` would write).
fn render_all(module: &Module) -> Vec<(String, String)> {
    let hb = crate::render::registry().expect("templates register");
    let mut out = Vec::new();
    for (name, _) in crate::render::TEMPLATES {
        let text = hb
            .render(name, module)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let text = if name.ends_with(".tf") {
            crate::format::format(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
        } else {
            text
        };
        out.push(((*name).to_owned(), text));
    }
    out
}

fn visit(e: &Expression, f: &mut dyn FnMut(&Expression)) {
    f(e);
    match e {
        Expression::Array(items) => items.iter().for_each(|i| visit(i, f)),
        Expression::Object(o) => o.values().for_each(|v| visit(v, f)),
        Expression::Traversal(t) => visit(&t.expr, f),
        Expression::FuncCall(c) => c.args.iter().for_each(|a| visit(a, f)),
        Expression::Parenthesis(p) => visit(p, f),
        Expression::Conditional(c) => [&c.cond_expr, &c.true_expr, &c.false_expr]
            .into_iter()
            .for_each(|x| visit(x, f)),
        _ => {}
    }
}

/// Every expression of every attribute in `body`, recursively.
fn expressions(body: &hcl::Body, out: &mut Vec<(String, Expression)>) {
    for a in body.attributes() {
        visit(&a.expr, &mut |e| out.push((a.key.to_string(), e.clone())));
    }
    for b in body.blocks() {
        expressions(&b.body, out);
    }
}

fn assert_no_injection(name: &str, text: &str) {
    let body = hcl::parse(text).unwrap_or_else(|e| panic!("{name} does not parse: {e}\n{text}"));
    let mut exprs = Vec::new();
    expressions(&body, &mut exprs);
    for (key, e) in &exprs {
        if let Expression::TemplateExpr(t) = e {
            let template =
                hcl::Template::from_expr(t).unwrap_or_else(|err| panic!("{name}: {key}: {err}"));
            for element in template.elements() {
                match element {
                    Element::Literal(_) => {}
                    Element::Interpolation(i) => {
                        let root = match &i.expr {
                            Expression::Traversal(tr) => tr.expr.clone(),
                            other => other.clone(),
                        };
                        let ok = matches!(&root, Expression::Variable(v) if ["local", "aws_cognito_user_pool", "aws_s3_bucket", "var", "aws_ecr_repository"].contains(&v.as_str()))
                            || matches!(&root, Expression::String(s) if s == "$")
                            || matches!(&i.expr, Expression::FuncCall(_));
                        assert!(
                            ok,
                            "{name}: {key}: an interpolation agentc did not write: {:?}",
                            i.expr
                        );
                    }
                    Element::Directive(d) => panic!("{name}: {key}: a template directive: {d:?}"),
                }
            }
        }
        if let Expression::Traversal(t) = e {
            assert!(!t.operators.iter().any(|o| matches!(o, TraversalOperator::GetAttr(a) if a.as_str() == "x" || a.as_str() == "z")));
        }
        if let Expression::Variable(v) = e {
            assert!(
                !["x", "y", "z", "if"].contains(&v.as_str()),
                "{name}: {key}: injected variable {v:?}"
            );
        }
    }
}

#[test]
fn every_template_renders_with_a_full_and_a_minimal_view() {
    for module in [full("plain text"), minimal()] {
        for (name, text) in render_all(&module) {
            assert!(!text.is_empty(), "{name} is empty");
            if name.ends_with(".tf") {
                assert_no_injection(&name, &text);
                assert_eq!(
                    crate::format::format(&text).as_deref(),
                    Ok(text.as_str()),
                    "{name}: formatting is not stable"
                );
            }
        }
    }
}

#[test]
fn spec_values_cannot_break_or_inject_into_the_output() {
    let module = full(NASTY);
    let files = render_all(&module);
    for (name, text) in &files {
        if name.ends_with(".tf") {
            assert_no_injection(name, text);
        }
    }
    // The value arrives intact where it is a string.
    let runtime = &files
        .iter()
        .find(|(n, _)| n == "runtime.tf")
        .expect("runtime.tf")
        .1;
    let body = hcl::parse(runtime).expect("parses");
    let resource = body
        .blocks()
        .find(|b| b.identifier() == "resource")
        .expect("a resource");
    let description = resource
        .body
        .attributes()
        .find(|a| a.key() == "description")
        .expect("description");
    assert_eq!(description.expr, Expression::String(NASTY.to_owned()));
    // Comments hold one line only; the shell gets one single-quoted word.
    let deploy = &files
        .iter()
        .find(|(n, _)| n == "deploy.sh")
        .expect("deploy.sh")
        .1;
    let start = deploy
        .find("digest=\"$(build_and_push ")
        .expect("build line")
        + "digest=\"$(build_and_push ".len();
    let args = &deploy[start
        ..start
            + deploy[start..]
                .find(")\"\nvars+=")
                .expect("end of the build line")];
    let script = format!("here=/h; printf '%s\\n' {args}");
    let out = std::process::Command::new("bash")
        .args(["-c", &script])
        .output()
        .expect("bash runs");
    let printed = String::from_utf8_lossy(&out.stdout);
    let mut lines = printed.lines();
    assert_eq!(lines.next(), Some("aws_ecr_repository.first_repository"));
    assert_eq!(
        printed.matches(NASTY).count(),
        2,
        "the build paths must reach the shell intact: {printed}"
    );
}

/// Writes the full (hostile) and minimal renderings to `$AGENTC_TF_DUMP/{full,minimal}` for a
/// manual `terraform fmt -check`; the gates in tests/terraform_gates.rs check the goldens.
#[test]
fn dump_renderings_when_asked() {
    let Some(dir) = std::env::var_os("AGENTC_TF_DUMP") else {
        return;
    };
    for (sub, module) in [("full", full(NASTY)), ("minimal", minimal())] {
        let d = std::path::Path::new(&dir).join(sub);
        std::fs::create_dir_all(&d).expect("mkdir");
        for (name, text) in render_all(&module) {
            std::fs::write(d.join(name), text).expect("write");
        }
    }
}
