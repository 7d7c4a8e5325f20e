//! CloudFormation intrinsic functions, and IR [`Template`]s rendered with them.
//!
//! A template that is literal text stays a plain string; one that is a single hole becomes a
//! `Ref` (pseudo parameter) or `Fn::GetAtt` (ARN of a resource); anything else is an
//! `Fn::Sub` string, with `${AWS::Partition}`, `${AWS::Region}`, `${AWS::AccountId}` and
//! `${Id.Arn}` for the holes and every literal `${` escaped as `${!`.

use agentc_ir::{Part, Template};

use crate::model::{Json, arr, obj};

/// `{"Ref": id}`.
pub fn reference(id: &str) -> Json {
    obj! { "Ref" => id }.into()
}

/// `{"Fn::GetAtt": [id, attribute]}`.
pub fn get_att(id: &str, attribute: &str) -> Json {
    obj! { "Fn::GetAtt" => arr![id, attribute] }.into()
}

/// `{"Fn::Sub": text}`; `text` is written as CloudFormation reads it (holes included).
pub fn sub(text: impl Into<String>) -> Json {
    obj! { "Fn::Sub" => text.into() }.into()
}

/// `{"Fn::If": [condition, then, otherwise]}`.
pub fn fn_if(condition: &str, then: Json, otherwise: Json) -> Json {
    obj! { "Fn::If" => arr![condition, then, otherwise] }.into()
}

/// `{"Fn::Equals": [a, b]}`.
pub fn equals(a: Json, b: Json) -> Json {
    obj! { "Fn::Equals" => arr![a, b] }.into()
}

/// `{"Fn::Not": [condition]}`.
pub fn not(condition: Json) -> Json {
    obj! { "Fn::Not" => arr![condition] }.into()
}

/// Literal text for the inside of an `Fn::Sub` string: `${` becomes `${!`.
pub fn escape_sub(text: &str) -> String {
    text.replace("${", "${!")
}

fn pseudo(part: &Part) -> Option<&'static str> {
    match part {
        Part::Partition => Some("AWS::Partition"),
        Part::Region => Some("AWS::Region"),
        Part::Account => Some("AWS::AccountId"),
        Part::Text(_) | Part::ArnOf(_) => None,
    }
}

/// Render `template` as the smallest CloudFormation value that means it.
pub fn render(template: &Template) -> Json {
    if let Some(text) = template.as_text() {
        return Json::from(text);
    }
    if let [one] = template.0.as_slice() {
        if let Part::ArnOf(id) = one {
            return get_att(id.as_str(), "Arn");
        }
        if let Some(name) = pseudo(one) {
            return reference(name);
        }
    }
    sub(template.render(escape_sub, |part| match part {
        Part::ArnOf(id) => format!("${{{id}.Arn}}"),
        other => format!("${{{}}}", pseudo(other).unwrap_or_default()),
    }))
}

/// One value, or an array of several: how IAM writes `Action`, `Resource` and condition values.
pub fn one_or_many(mut values: Vec<Json>) -> Json {
    if values.len() == 1 {
        values.remove(0)
    } else {
        Json::Array(values)
    }
}

#[cfg(test)]
mod tests {
    use agentc_ir::LogicalId;

    use super::*;

    #[test]
    fn text_stays_plain_and_holes_become_sub() {
        assert_eq!(render(&Template::text("*")), Json::from("*"));
        assert_eq!(
            render(&Template::parse("{account}")),
            reference("AWS::AccountId")
        );
        assert_eq!(
            render(&Template::parse(
                "arn:{partition}:logs:{region}:{account}:log-group:*"
            )),
            sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*")
        );
        let repo = LogicalId::new("Repo").unwrap();
        assert_eq!(render(&Template::arn_of(&repo)), get_att("Repo", "Arn"));
        let mut t = Template::arn_of(&repo);
        t.0.push(Part::Text("/*".into()));
        assert_eq!(render(&t), sub("${Repo.Arn}/*"));
    }

    #[test]
    fn literal_dollar_brace_is_escaped_only_inside_sub() {
        assert_eq!(render(&Template::text("a${b}")), Json::from("a${b}"));
        assert_eq!(
            render(&Template::parse("arn:{partition}:x:::a${b}")),
            sub("arn:${AWS::Partition}:x:::a${!b}")
        );
    }
}
