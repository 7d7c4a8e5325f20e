//! Stack outputs: per agent the runtime's ARN, ID and invocation URL (once it exists), the
//! repository URI and the log group; then the Cognito pool and client and the alarm topic when
//! the stack creates them.

use agentc_ir::Auth;

use crate::intrinsics::{get_att, reference, sub};
use crate::model::{Json, Object, Template, obj};
use crate::stack::{Stack, has_image};

fn output(description: String, value: Json, condition: Option<&str>) -> Object {
    let o = match condition {
        Some(c) => obj! { "Condition" => c },
        None => Object::new(),
    };
    o.with("Description", description).with("Value", value)
}

/// Every output, in the contract's order.
pub(crate) fn outputs(stack: &Stack<'_>, t: &mut Template) {
    let d = stack.d;
    for agent in &d.agents {
        let ids = &agent.ids;
        let prefix = ids.prefix.as_str();
        let runtime = agent.runtime_name.as_str();
        let when = has_image(agent);
        t.outputs.insert(
            format!("{prefix}RuntimeArn"),
            output(
                format!("ARN of the AgentCore runtime {runtime}"),
                get_att(ids.runtime.as_str(), "AgentRuntimeArn"),
                when,
            ),
        );
        t.outputs.insert(
            format!("{prefix}RuntimeId"),
            output(
                format!("ID of the AgentCore runtime {runtime}"),
                get_att(ids.runtime.as_str(), "AgentRuntimeId"),
                when,
            ),
        );
        // The runtime ARN, URL-encoded, rebuilt from its ID (a GetAtt cannot be encoded).
        let url = format!(
            "https://bedrock-agentcore.${{AWS::Region}}.amazonaws.com/runtimes/arn%3A${{AWS::Partition}}%3Abedrock-agentcore%3A${{AWS::Region}}%3A${{AWS::AccountId}}%3Aruntime%2F${{{}.AgentRuntimeId}}/invocations?qualifier=DEFAULT",
            ids.runtime
        );
        t.outputs.insert(
            format!("{prefix}InvocationUrl"),
            output(
                format!("HTTPS invocation URL of {runtime} (DEFAULT endpoint)"),
                sub(url),
                when,
            ),
        );
        t.outputs.insert(
            format!("{prefix}RepositoryUri"),
            output(
                format!("ECR repository for the {} image", agent.name),
                get_att(ids.repository.as_str(), "RepositoryUri"),
                None,
            ),
        );
        t.outputs.insert(
            format!("{prefix}LogGroupName"),
            output(
                format!("Log group of {runtime}"),
                reference(ids.log_group.as_str()),
                None,
            ),
        );
    }
    if d.auth == Auth::CognitoCreate {
        t.outputs.insert(
            "UserPoolId",
            output(
                "Cognito user pool of the agents' callers".into(),
                reference(d.ids.user_pool.as_str()),
                None,
            ),
        );
        t.outputs.insert(
            "UserPoolClientId",
            output(
                "Cognito app client allowed to call the agents".into(),
                reference(d.ids.user_pool_client.as_str()),
                None,
            ),
        );
    }
    if stack.creates_alarm_topic() {
        t.outputs.insert(
            "AlarmTopicArn",
            output(
                "SNS topic the alarms notify".into(),
                reference(d.ids.alarm_topic.as_str()),
                None,
            ),
        );
    }
}
