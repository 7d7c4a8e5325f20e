//! The parts of the view that summarise the whole app: npm scripts, the README's sentences and
//! lists (what the stack creates, what `cdk destroy` keeps, every output), and the list of
//! every acknowledgement.

use agentc_ir::Deployment;

use crate::view::{AppView, OutputView, ReadmeView, Scripts};

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

pub(crate) fn scripts(d: &Deployment) -> Scripts {
    let env = d.environment.as_str();
    Scripts {
        synth: format!("cdk synth -c env={env} --no-notices"),
        deploy_first: format!("cdk deploy -c env={env} -c withImages=false"),
        deploy: format!("cdk deploy -c env={env}"),
        destroy: format!("cdk destroy -c env={env}"),
    }
}

fn outputs(app: &AppView) -> Vec<OutputView> {
    let mut out = Vec::new();
    for a in &app.agents {
        let o = &a.outputs;
        out.extend(
            [
                &o.runtime_arn,
                &o.runtime_id,
                &o.invocation_url,
                &o.repository_uri,
                &o.log_group_name,
            ]
            .into_iter()
            .cloned(),
        );
    }
    let output = |name: &str, description: &str| OutputView {
        name: name.to_owned(),
        description: description.to_owned(),
    };
    if app.user_pool.is_some() {
        out.push(output(
            "UserPoolId",
            "Cognito user pool of the agents' callers",
        ));
        out.push(output(
            "UserPoolClientId",
            "Cognito app client allowed to call the agents",
        ));
    }
    if app.alarm_topic.is_some() {
        out.push(output("AlarmTopicArn", "SNS topic the alarms notify"));
    }
    out
}

fn retained(d: &Deployment, app: &AppView) -> Vec<String> {
    let mut out = Vec::new();
    for a in &d.agents {
        if a.repository.retain {
            out.push(format!(
                "the ECR repository {} and its images",
                a.repository.name
            ));
        }
    }
    if d.production {
        for a in &d.agents {
            out.push(format!("the log group {}", a.log_group_name));
        }
        out.push(format!(
            "the KMS key {} (a retained encrypted log group needs it)",
            d.ids.log_key
        ));
        if app.user_pool.is_some() {
            out.push(format!("the Cognito user pool {}-users", d.stack_name));
        }
    }
    if let Some(audit) = d.audit.as_ref().filter(|a| a.retain) {
        out.push(format!(
            "the audit trail's key {}, bucket {} and access-log bucket {} (audit evidence outlives the stack; the trail {} itself is deleted)",
            d.ids.audit_key, d.ids.audit_bucket, d.ids.audit_log_bucket, audit.trail_name
        ));
    }
    out
}

/// The README's view of `app`, once its agents are in.
pub(crate) fn readme(d: &Deployment, app: &AppView) -> ReadmeView {
    let runtimes: Vec<String> = d
        .agents
        .iter()
        .map(|a| a.runtime_name.to_string())
        .collect();
    let mut resources: Vec<String> = vec![
        "ECR repository".into(),
        "execution role".into(),
        "log group and delivery".into(),
        "KMS keys".into(),
    ];
    let mut first: Vec<String> = Vec::new();
    if app.has_alarms {
        resources.push("alarms".into());
    }
    if app.user_pool.is_some() {
        resources.push("Cognito user pool and client".into());
        first.push("user pool".into());
    }
    if app.vpc.as_ref().is_some_and(|v| v.security_group.is_some()) {
        resources.push("runtime security group".into());
        first.push("security group".into());
    }
    if app.audit.is_some() {
        resources.push("a CloudTrail trail with its encrypted bucket".into());
        first.push("trail".into());
    }
    if app.alarm_topic.is_some() {
        first.push("alarm topic".into());
    }
    let retained = retained(d, app);
    ReadmeView {
        runtimes: format!(
            "Runtime{} {}",
            if runtimes.len() == 1 { "" } else { "s" },
            join_and(&runtimes)
        ),
        they: if runtimes.len() == 1 {
            "it runs"
        } else {
            "they run"
        }
        .to_owned(),
        resources: join_and(&resources),
        first_resources: first.iter().map(|f| format!(", {f}")).collect(),
        account_note: if d.account.is_some() {
            " and account".into()
        } else {
            String::new()
        },
        account_text: d.account.as_ref().map_or_else(
            || "the AWS account to deploy to".to_owned(),
            |a| format!("account {a} (the spec pins it)"),
        ),
        stack_file: format!("lib/{}-stack.ts", d.stack_name),
        has_retained: !retained.is_empty(),
        retained,
        outputs: outputs(app),
    }
}
