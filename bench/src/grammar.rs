//! Spec texts built from the spec grammar, steered by [`Unstructured`] bytes.
//!
//! Two ways to build one, chosen by the bytes:
//!
//! - **from the grammar**: every node `agentc-syntax` decodes (`project`, `agent` and its
//!   children, `image`, `network`, `auth`, `observability`/`alarm`, `permissions`/`allow`,
//!   `audit`, `environment` overlays, `suppress`), each value drawn from a pool that mixes
//!   valid values with the near misses each rule exists for, written in every KDL 2.0 string
//!   form (quoted with escapes, raw, bare identifier), now and then of the wrong type, with
//!   duplicates, unknown names, slashdash comments, type annotations, `;` separators, line
//!   continuations, CRLF line ends and a BOM;
//! - **from a seed**: one of the given real specs (`specs/*.kdl`, `golden/*/spec.kdl`), edited
//!   line by line (a quoted value replaced from the pools, a line deleted, duplicated or a
//!   generated node inserted), so the fuzzer starts from deep, valid programs.
//!
//! Paths in generated specs name `app.py`, `agent/app.py` and `../agent/app.py` (and missing
//! files): a harness that creates those in a scratch folder reaches the lowering and the
//! backends with most specs.

use arbitrary::{Result, Unstructured};

/// Build one spec text. `seeds` may be empty (then only the grammar is used).
pub fn spec(u: &mut Unstructured<'_>, seeds: &[String]) -> Result<String> {
    let mut g = Gen::new(u)?;
    if !seeds.is_empty() && g.u.ratio(1, 2)? {
        let seed = g.u.choose(seeds)?.clone();
        g.edit_seed(&seed)?;
    } else {
        g.document()?;
    }
    Ok(g.finish())
}

/// The files a harness should create (empty) in the spec's folder so that generated paths
/// resolve: relative to the spec folder (`../agent/…` is the sibling folder `agent/`).
pub const FIXTURE_FILES: &[&str] = &[
    "app.py",
    "requirements.txt",
    "Dockerfile",
    "agent/app.py",
    "agent/requirements.txt",
    "agent/Dockerfile",
    "../agent/app.py",
    "../agent/requirements.txt",
    "../agent/Dockerfile",
];

// ---------------------------------------------------------------------------------------
// Value pools: valid values first, then the near misses the rules look for.
// ---------------------------------------------------------------------------------------

const PROJECT_NAMES: &[&str] = &[
    "support-desk",
    "travel",
    "a",
    "Support-Desk",
    "-lead",
    "trailing-",
    "has space",
    "project-name-that-is-much-too-long-for-a-cloudformation-stack-name-x",
    "",
];
const OWNERS: &[&str] = &["platform-team", "travel-team", "", "o\"wn\\er"];
const COST_CENTERS: &[&str] = &["CC-4521", "CC-8080", "", "x"];
const REGIONS: &[&str] = &[
    "us-east-1",
    "eu-west-1",
    "ap-southeast-2",
    "us-gov-west-1",
    "cn-north-1",
    "mars-north-1",
    "US-EAST-1",
    "",
];
const ACCOUNTS: &[&str] = &["123456789012", "000000000000", "12345", "abcdefghijkl", ""];
const TAG_KEYS: &[&str] = &[
    "team",
    "data-classification",
    "Project",
    "Environment",
    "Owner",
    "CostCenter",
    "aws:reserved",
    "",
];
const TAG_VALUES: &[&str] = &["agents", "internal", "", "v=1", "ünïcödé"];
const AGENT_NAMES: &[&str] = &[
    "support_agent",
    "planner",
    "booking_tools",
    "a",
    "SupportAgent",
    "support__agent",
    "agent-1",
    "1agent",
    "_agent",
    "agent_with_a_name_that_is_long_enough_to_fail_48",
    "ägent",
    "",
];
const DESCRIPTIONS: &[&str] = &[
    "Answers customer support questions",
    "Plans trips",
    "",
    "\u{1F600} émoji",
];
const ENTRYPOINTS: &[&str] = &[
    "app.py",
    "agent/app.py",
    "../agent/app.py",
    "missing/app.py",
    "",
    ".",
    "agent/",
];
const REQUIREMENTS: &[&str] = &[
    "requirements.txt",
    "agent/requirements.txt",
    "../agent/requirements.txt",
    "missing.txt",
    "",
];
const DOCKERFILES: &[&str] = &["Dockerfile", "agent/Dockerfile", "missing/Dockerfile", ""];
const FRAMEWORKS: &[&str] = &["strands", "langgraph", "crewai", "custom", "Strands", ""];
const PROTOCOLS: &[&str] = &["http", "mcp", "a2a", "agui", "grpc", "HTTP", ""];
const MODELS: &[&str] = &[
    "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "anthropic.claude-3-5-haiku-20241022-v1:0",
    "eu.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0",
    "arn:aws:bedrock:us-east-1:123456789012:inference-profile/x",
    "*",
    "anthropic.*",
    "not a model",
    "",
];
const ENV_KEYS: &[&str] = &[
    "LOG_LEVEL",
    "TICKETS_TABLE",
    "AWS_REGION",
    "API_KEY",
    "DB_PASSWORD",
    "lower_case",
    "1BAD",
    "HAS-DASH",
    "",
];
const ENV_VALUES: &[&str] = &["INFO", "tickets", "", "sk-live-0123456789abcdef", "a\nb"];
const SECRET_NAMES: &[&str] = &["SEARCH_API_KEY", "DB_PASSWORD", "lower", "1BAD", ""];
const SECRET_IDS: &[&str] = &[
    "support-desk/search-api-key",
    "support-desk/db-password",
    "arn:aws:secretsmanager:us-east-1:123456789012:secret:x-AbCdEf",
    "/support-desk/db-password",
    "arn:aws:ssm:us-east-1:123456789012:parameter/x",
    "",
    "*",
];
const DURATIONS: &[&str] = &[
    "5m",
    "15m",
    "8h",
    "60s",
    "1h",
    "5m",
    "30s",
    "59s",
    "9h",
    "1d",
    "0s",
    "",
    "15",
    "m",
    "1.5h",
    "99999999999999999999h",
    "-5m",
];
const IMAGE_MUTABILITY: &[&str] = &["immutable", "mutable", "IMMUTABLE", ""];
const NETWORK_MODES: &[&str] = &["public", "vpc", "private", ""];
const VPC_IDS: &[&str] = &[
    "vpc-0a1b2c3d4e5f67890",
    "vpc-12345678",
    "vpc-XYZ",
    "subnet-0aaa1111bbbb2222c",
    "",
];
const SUBNETS: &[&str] = &[
    "subnet-0aaa1111bbbb2222c",
    "subnet-0ddd3333eeee4444f",
    "subnet-12345678",
    "subnet-bad",
    "",
];
const SECURITY_GROUPS: &[&str] = &[
    "sg-0123456789abcdef0",
    "sg-0fedcba9876543210",
    "sg-12345678",
    "sg-",
    "",
];
const AUTH_KINDS: &[&str] = &["iam", "cognito", "jwt", "none", "IAM", ""];
const USER_POOLS: &[&str] = &["create", "us-east-1_AbCdEf123", "eu-west-1_x", "bad", ""];
const DISCOVERY_URLS: &[&str] = &[
    "https://issuer.example.com/.well-known/openid-configuration",
    "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123/.well-known/openid-configuration",
    "http://issuer.example.com/.well-known/openid-configuration",
    "https://issuer.example.com/",
    "not a url",
    "",
];
const CLIENTS: &[&str] = &["client-id", "abc123", "", "*"];
const AUDIENCES: &[&str] = &["api://my-agent", "api://other", "", "*"];
const SNS_ARNS: &[&str] = &[
    "arn:aws:sns:us-east-1:123456789012:oncall",
    "arn:aws:sns:eu-west-1:123456789012:alerts",
    "arn:aws:sqs:us-east-1:123456789012:q",
    "oncall",
    "",
];
const ALARM_NAMES: &[&str] = &["system-errors", "user-errors", "throttles", "latency", ""];
const METRICS: &[&str] = &[
    "SystemErrors",
    "UserErrors",
    "Throttles",
    "Latency",
    "Invocations",
    "Sessions",
    "CPU",
    "",
];
const STATISTICS: &[&str] = &[
    "Average",
    "Sum",
    "Maximum",
    "Minimum",
    "p99",
    "SampleCount",
    "",
];
const ACTIONS: &[&str] = &[
    "dynamodb:GetItem",
    "dynamodb:Query",
    "s3:GetObject",
    "s3:*",
    "*",
    "iam:PassRole",
    "dynamodb:Get*",
    "noservice",
    ":Action",
    "",
];
const RESOURCES: &[&str] = &[
    "arn:aws:dynamodb:us-east-1:123456789012:table/tickets",
    "arn:aws:s3:::bucket/*",
    "arn:${AWS::Partition}:s3:::b",
    "arn:aws:iam::123456789012:role/x",
    "*",
    "arn:aws:dynamodb:*:*:table/*",
    "not-an-arn",
    "",
];
const REASONS: &[&str] = &[
    "the agent serves only public data",
    "the table name is decided at deploy time",
    "",
    "because",
];
const ENV_NAMES: &[&str] = &[
    "dev",
    "staging",
    "production",
    "prod",
    "qa",
    "Prod",
    "test env",
    "",
];
const CODES: &[&str] = &[
    "agentc::network::public-in-production",
    "agentc::iam::wildcard-action",
    "agentc::iam::wildcard-resource",
    "agentc::logs::retention-too-short",
    "agentc::image::mutable-in-production",
    "agentc::image::scan-disabled-in-production",
    "agentc::auth::missing-in-production",
    "agentc::secrets::credential-name",
    "agentc::schema::unknown-node",
    "agentc::bogus::code",
    "",
];
const RETENTION: &[i64] = &[30, 365, 1, 3, 5, 7, 14, 60, 90, 400, 3653, 0, -1];
const KEEP_LAST: &[i64] = &[1, 10, 30, 1000, 0, -5];
const INTS: &[&str] = &[
    "1",
    "0",
    "-1",
    "5",
    "1_000",
    "0x10",
    "0o17",
    "0b101",
    "99999999999999999999999999999999999999999",
];
const FLOATS: &[&str] = &[
    "1", "5", "10", "0.5", "30000", "-1", "1e300", "1.5e-7", "#inf", "#-inf", "#nan",
];
/// Node names no part of the grammar knows (for unknown-node paths).
const UNKNOWN_NAMES: &[&str] = &["agnet", "projct", "runtime", "x", "environment", "tags"];
/// Any string at all, for "wrong place" values.
const ODD_STRINGS: &[&str] = &[
    "",
    " ",
    "\t",
    "\u{feff}",
    "\u{2028}",
    "\r\n",
    "a\u{0}b",
    "\\",
    "\"",
    "#",
    "}",
    "{",
    "/*",
    "é",
    "\u{10FFFF}",
];

/// The grammar's node writer.
struct Gen<'a, 'b> {
    u: &'b mut Unstructured<'a>,
    out: String,
    indent: usize,
    crlf: bool,
    /// Write a spec that should pass the checks: valid values (the first two of each pool),
    /// every required node, no noise. Half the specs, so the lowering and backends get as much
    /// of the fuzzer's time as the error paths.
    careful: bool,
}

impl<'a, 'b> Gen<'a, 'b> {
    fn new(u: &'b mut Unstructured<'a>) -> Result<Self> {
        let careful = u.ratio(1, 2)?;
        let crlf = u.ratio(1, 16)?;
        let mut out = String::new();
        if u.ratio(1, 32)? {
            out.push('\u{feff}');
        }
        Ok(Self {
            u,
            out,
            indent: 0,
            crlf,
            careful,
        })
    }

    fn finish(self) -> String {
        if self.crlf {
            self.out.replace('\n', "\r\n")
        } else {
            self.out
        }
    }

    // -- pieces of KDL ------------------------------------------------------------------

    /// Start a node line: indentation, now and then a comment, a slashdash or a type.
    fn open(&mut self, name: &str) -> Result<()> {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        match self.u.int_in_range(0..=63u8)? {
            0 if !self.careful => self.out.push_str("/- "),
            1 if !self.careful => self.out.push_str("(t)"),
            2 => self.out.push_str("/* c */ "),
            _ => {}
        }
        self.out.push_str(name);
        Ok(())
    }

    /// End a node line (a newline, sometimes `;`, a comment or a line continuation first).
    fn close(&mut self) -> Result<()> {
        match self.u.int_in_range(0..=31u8)? {
            0 => self.out.push_str("; "),
            1 => self.out.push_str(" // note"),
            2 => self.out.push_str(" \\\n   "),
            _ => {}
        }
        self.out.push('\n');
        Ok(())
    }

    /// ` {` + children + `}`.
    fn block(&mut self, children: impl FnOnce(&mut Self) -> Result<()>) -> Result<()> {
        self.out.push_str(" {\n");
        self.indent += 1;
        children(self)?;
        self.indent -= 1;
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push('}');
        Ok(())
    }

    /// A string value in one of KDL 2.0's spellings, or (rarely) a value of another type.
    fn string(&mut self, pool: &[&str]) -> Result<()> {
        self.out.push(' ');
        let value = self.pick_string(pool)?;
        let wrong = !self.careful;
        match self.u.int_in_range(0..=39u8)? {
            0 if wrong => self.out.push_str("#true"),
            1 if wrong => self.out.push_str("#null"),
            2 if wrong => self.out.push_str("42"),
            3 if wrong => self.out.push_str("(t)\"typed\""),
            4 => self.raw(&value),
            5 => self.multiline(&value),
            6 | 7 if is_bare(&value) => self.out.push_str(&value),
            _ => self.quoted(&value),
        }
        Ok(())
    }

    fn pick_string(&mut self, pool: &[&str]) -> Result<String> {
        if self.careful {
            return Ok(pool[usize::from(self.u.ratio(1, 3)?).min(pool.len() - 1)].to_owned());
        }
        Ok(match self.u.int_in_range(0..=31u8)? {
            0 => self.u.choose(ODD_STRINGS)?.to_string(),
            1 => {
                let s: &str = self.u.arbitrary()?;
                s.to_owned()
            }
            2 => {
                // Long values, for the length limits.
                let base = self.u.choose(pool)?;
                let n = self.u.int_in_range(10..=400usize)?;
                base.repeat(n.max(1)).chars().take(3_000).collect()
            }
            _ => self.u.choose(pool)?.to_string(),
        })
    }

    fn quoted(&mut self, value: &str) {
        self.out.push('"');
        for c in value.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                c if c.is_control() || is_kdl_newline_or_disallowed(c) => {
                    self.out.push_str(&format!("\\u{{{:x}}}", c as u32));
                }
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }

    fn raw(&mut self, value: &str) {
        if value.contains('"') || value.chars().any(|c| c.is_control()) {
            self.quoted(value);
        } else {
            self.out.push_str("#\"");
            self.out.push_str(value);
            self.out.push_str("\"#");
        }
    }

    fn multiline(&mut self, value: &str) {
        if value.contains('"') || value.contains('\\') || value.chars().any(|c| c.is_control()) {
            self.quoted(value);
        } else {
            self.out.push_str("\"\"\"\n");
            self.out.push_str(value);
            self.out.push_str("\n\"\"\"");
        }
    }

    /// `key=value` with a string value.
    fn prop(&mut self, key: &str, pool: &[&str]) -> Result<()> {
        self.out.push(' ');
        self.out.push_str(key);
        self.out.push('=');
        let at = self.out.len();
        self.string(pool)?;
        // `string` starts with a space, which KDL does not allow after `=`.
        self.out.remove(at);
        Ok(())
    }

    fn int(&mut self, pool: &[i64]) -> Result<()> {
        self.out.push(' ');
        if self.careful {
            let v = pool[usize::from(self.u.ratio(1, 3)?).min(pool.len() - 1)];
            self.out.push_str(&v.to_string());
            return Ok(());
        }
        match self.u.int_in_range(0..=15u8)? {
            0 => self.out.push_str(self.u.choose(INTS)?),
            1 => self.out.push_str("\"30\""),
            2 => self.out.push_str("1.5"),
            _ => {
                let v = *self.u.choose(pool)?;
                self.out.push_str(&v.to_string());
            }
        }
        Ok(())
    }

    fn float(&mut self) -> Result<()> {
        let floats = if self.careful { &FLOATS[..4] } else { FLOATS };
        self.out.push_str(self.u.choose(floats)?);
        Ok(())
    }

    fn boolean(&mut self) -> Result<()> {
        self.out.push(' ');
        let wrong = !self.careful;
        self.out.push_str(match self.u.int_in_range(0..=11u8)? {
            0 if wrong => "true",
            1 if wrong => "\"yes\"",
            2 if wrong => "1",
            3..=7 => "#true",
            _ => "#false",
        });
        Ok(())
    }

    /// 1..=max string arguments from `pool`.
    fn list(&mut self, pool: &[&str], max: usize) -> Result<()> {
        let n = self.u.int_in_range(0..=max)?;
        if self.careful {
            // Distinct valid items: the first one or two of the pool.
            for item in pool.iter().take(n.clamp(1, 2)) {
                self.out.push(' ');
                self.quoted(item);
            }
            return Ok(());
        }
        for _ in 0..n.max(1) {
            self.string(pool)?;
        }
        Ok(())
    }

    /// `KEY=value …` entries (tags, env): distinct valid keys when careful.
    fn entries(&mut self, keys: &[&str], values: &[&str]) -> Result<()> {
        if self.careful {
            let n = self.u.int_in_range(1..=2usize)?;
            for key in keys.iter().take(n) {
                self.prop(key, values)?;
            }
            return Ok(());
        }
        for _ in 0..self.u.int_in_range(0..=4u8)? {
            let key = self.pick_string(keys)?;
            if is_bare(&key) {
                self.prop(&key, values)?;
            } else {
                self.out.push(' ');
                self.quoted(&key);
                self.out.push_str("=\"v\"");
            }
        }
        Ok(())
    }

    /// How many of a repeatable node: 0..=2, at most one when careful.
    fn repeats(&mut self) -> Result<u8> {
        let n = self.u.int_in_range(0..=2u8)?;
        Ok(if self.careful { n.min(1) } else { n })
    }

    /// A leaf `name value`.
    fn leaf(&mut self, name: &str, value: impl FnOnce(&mut Self) -> Result<()>) -> Result<()> {
        self.open(name)?;
        value(self)?;
        if !self.careful && self.u.ratio(1, 48)? {
            // An argument too many, or children where none belong.
            if self.u.ratio(1, 2)? {
                self.out.push_str(" \"extra\"");
            } else {
                self.out.push_str(" { x 1 }");
            }
        }
        self.close()
    }

    /// Now and then, a node nobody knows.
    fn noise(&mut self) -> Result<()> {
        if !self.careful && self.u.ratio(1, 24)? {
            let name = *self.u.choose(UNKNOWN_NAMES)?;
            self.open(name)?;
            self.string(ODD_STRINGS)?;
            self.close()?;
        }
        Ok(())
    }

    /// How many times an optional node appears: mostly once, sometimes never or twice.
    fn times(&mut self) -> Result<usize> {
        if self.careful {
            return Ok(usize::from(self.u.ratio(3, 4)?));
        }
        Ok(match self.u.int_in_range(0..=15u8)? {
            0..=3 => 0,
            4 => 2,
            _ => 1,
        })
    }

    // -- the spec's nodes ----------------------------------------------------------------

    fn document(&mut self) -> Result<()> {
        if self.u.ratio(1, 4)? {
            self.out
                .push_str("// generated by agentc-bench's grammar\n");
        }
        for _ in 0..self.times()?.max(usize::from(self.careful)) {
            self.project()?;
        }
        let agents = self.u.int_in_range(0..=4u8)?;
        for i in 0..agents.max(u8::from(self.careful || self.u.ratio(7, 8)?)) {
            self.agent(i)?;
        }
        self.layer_tail()?;
        let envs = if self.careful {
            self.u.int_in_range(1..=2u8)?
        } else {
            self.u.int_in_range(0..=4u8)?
        };
        for nth in 0..envs {
            self.environment(nth)?;
        }
        for _ in 0..self.u.int_in_range(0..=2u8)? {
            self.suppress()?;
        }
        self.noise()
    }

    /// The layer nodes after `project` and `agent`.
    fn layer_tail(&mut self) -> Result<()> {
        for _ in 0..self.times()? {
            self.image()?;
        }
        for _ in 0..self.times()? {
            self.network()?;
        }
        for _ in 0..self.times()? {
            self.auth()?;
        }
        for _ in 0..self.times()? {
            self.observability()?;
        }
        for _ in 0..self.times()? {
            self.permissions()?;
        }
        for _ in 0..self.times()? {
            self.audit()?;
        }
        Ok(())
    }

    /// Any one top-level node (for insertion into seeds).
    fn any_node(&mut self) -> Result<()> {
        match self.u.int_in_range(0..=10u8)? {
            0 => self.project(),
            1 | 2 => {
                let i = self.u.int_in_range(0..=9u8)?;
                self.agent(i)
            }
            3 => self.image(),
            4 => self.network(),
            5 => self.auth(),
            6 => self.observability(),
            7 => self.permissions(),
            8 => self.audit(),
            9 => self.environment(2),
            _ => self.suppress(),
        }
    }

    fn project(&mut self) -> Result<()> {
        self.open("project")?;
        if self.careful || self.u.ratio(15, 16)? {
            self.string(PROJECT_NAMES)?;
        }
        self.block(|g| {
            let required = usize::from(g.careful);
            for _ in 0..g.times()?.max(required) {
                g.leaf("owner", |g| g.string(OWNERS))?;
            }
            for _ in 0..g.times()?.max(required) {
                g.leaf("cost-center", |g| g.string(COST_CENTERS))?;
            }
            for _ in 0..g.times()?.max(required) {
                g.leaf("region", |g| g.string(REGIONS))?;
            }
            if g.u.ratio(1, 3)? {
                g.leaf("account", |g| g.string(ACCOUNTS))?;
            }
            for _ in 0..g.repeats()? {
                g.leaf("tags", |g| g.entries(TAG_KEYS, TAG_VALUES))?;
            }
            g.noise()
        })?;
        self.close()
    }

    /// Agent `i` of the spec (careful specs name it `agent_{i}`: names must differ).
    fn agent(&mut self, i: u8) -> Result<()> {
        self.open("agent")?;
        if self.careful {
            self.out.push_str(&format!(" \"agent_{i}\""));
        } else if self.u.ratio(15, 16)? {
            self.string(AGENT_NAMES)?;
        }
        self.block(|g| {
            let required = usize::from(g.careful);
            if g.u.ratio(1, 2)? {
                g.leaf("description", |g| g.string(DESCRIPTIONS))?;
            }
            for _ in 0..g.times()?.max(required) {
                g.leaf("entrypoint", |g| g.string(ENTRYPOINTS))?;
            }
            if g.u.ratio(1, 2)? {
                g.leaf("requirements", |g| g.string(REQUIREMENTS))?;
            }
            if g.u.ratio(1, 6)? {
                g.leaf("dockerfile", |g| g.string(DOCKERFILES))?;
            }
            if g.u.ratio(1, 2)? {
                g.leaf("framework", |g| g.string(FRAMEWORKS))?;
            }
            if g.u.ratio(1, 2)? {
                g.leaf("protocol", |g| g.string(PROTOCOLS))?;
            }
            for _ in 0..g.times()?.max(required) {
                g.leaf("model", |g| g.list(MODELS, 3))?;
            }
            for _ in 0..g.repeats()? {
                g.leaf("env", |g| g.entries(ENV_KEYS, ENV_VALUES))?;
            }
            for _ in 0..g.repeats()? {
                g.leaf("secret", |g| {
                    g.string(SECRET_NAMES)?;
                    match g.u.int_in_range(0..=7u8)? {
                        0 | 1 if g.careful => g.prop("secrets-manager", SECRET_IDS)?,
                        0 => {}
                        1 => {
                            g.prop("secrets-manager", SECRET_IDS)?;
                            g.prop("ssm-parameter", SECRET_IDS)?;
                        }
                        2 | 3 => g.prop("ssm-parameter", SECRET_IDS)?,
                        _ => g.prop("secrets-manager", SECRET_IDS)?,
                    }
                    Ok(())
                })?;
            }
            if g.u.ratio(1, 2)? {
                g.leaf("lifecycle", |g| {
                    if g.careful {
                        g.out.push_str(" idle-timeout=\"15m\" max-lifetime=\"8h\"");
                        return Ok(());
                    }
                    if g.u.ratio(3, 4)? {
                        g.prop("idle-timeout", DURATIONS)?;
                    }
                    if g.u.ratio(3, 4)? {
                        g.prop("max-lifetime", DURATIONS)?;
                    }
                    if g.u.ratio(1, 32)? {
                        g.prop("idle-timeout", DURATIONS)?;
                    }
                    Ok(())
                })?;
            }
            g.noise()
        })?;
        self.close()
    }

    fn image(&mut self) -> Result<()> {
        self.open("image")?;
        self.block(|g| {
            if g.u.ratio(3, 4)? {
                g.leaf("scan-on-push", Self::boolean)?;
            }
            if g.u.ratio(3, 4)? {
                g.leaf("tag-mutability", |g| g.string(IMAGE_MUTABILITY))?;
            }
            if g.u.ratio(3, 4)? {
                g.leaf("keep-last", |g| g.int(KEEP_LAST))?;
            }
            g.noise()
        })?;
        self.close()
    }

    fn network(&mut self) -> Result<()> {
        self.open("network")?;
        if self.careful {
            if self.u.ratio(1, 2)? {
                self.out.push_str(" \"public\"");
            } else {
                self.out.push_str(" \"vpc\"");
                self.block(|g| {
                    g.leaf("vpc-id", |g| g.string(VPC_IDS))?;
                    g.leaf("subnets", |g| {
                        g.out
                            .push_str(" \"subnet-0aaa1111bbbb2222c\" \"subnet-0ddd3333eeee4444f\"");
                        Ok(())
                    })?;
                    if g.u.ratio(1, 2)? {
                        g.leaf("security-groups", |g| g.list(SECURITY_GROUPS, 2))?;
                    }
                    g.leaf("ingress-from", |g| g.list(SECURITY_GROUPS, 2))
                })?;
            }
            return self.close();
        }
        self.string(NETWORK_MODES)?;
        if self.u.ratio(2, 3)? {
            self.block(|g| {
                if g.u.ratio(3, 4)? {
                    g.leaf("vpc-id", |g| g.string(VPC_IDS))?;
                }
                if g.u.ratio(3, 4)? {
                    g.leaf("subnets", |g| g.list(SUBNETS, 3))?;
                }
                if g.u.ratio(1, 3)? {
                    g.leaf("security-groups", |g| g.list(SECURITY_GROUPS, 2))?;
                }
                if g.u.ratio(2, 3)? {
                    g.leaf("ingress-from", |g| g.list(SECURITY_GROUPS, 2))?;
                }
                g.noise()
            })?;
        }
        self.close()
    }

    fn auth(&mut self) -> Result<()> {
        self.open("auth")?;
        if self.careful {
            match self.u.int_in_range(0..=2u8)? {
                0 => self.out.push_str(" \"iam\""),
                1 => {
                    self.out.push_str(" \"cognito\"");
                    self.block(|g| {
                        if g.u.ratio(1, 2)? {
                            g.leaf("user-pool", |g| g.string(&USER_POOLS[..1]))
                        } else {
                            // An existing pool needs its clients named.
                            g.leaf("user-pool", |g| g.string(&USER_POOLS[1..]))?;
                            g.leaf("allowed-clients", |g| g.list(CLIENTS, 2))
                        }
                    })?;
                }
                _ => {
                    self.out.push_str(" \"jwt\"");
                    self.block(|g| {
                        g.leaf("discovery-url", |g| g.string(DISCOVERY_URLS))?;
                        g.leaf("allowed-clients", |g| g.list(CLIENTS, 2))?;
                        g.leaf("allowed-audiences", |g| g.list(AUDIENCES, 2))
                    })?;
                }
            }
            return self.close();
        }
        self.string(AUTH_KINDS)?;
        if self.u.ratio(2, 3)? {
            self.block(|g| {
                if g.u.ratio(1, 2)? {
                    g.leaf("user-pool", |g| g.string(USER_POOLS))?;
                }
                if g.u.ratio(1, 2)? {
                    g.leaf("discovery-url", |g| g.string(DISCOVERY_URLS))?;
                }
                if g.u.ratio(1, 2)? {
                    g.leaf("allowed-clients", |g| g.list(CLIENTS, 2))?;
                }
                if g.u.ratio(1, 3)? {
                    g.leaf("allowed-audiences", |g| g.list(AUDIENCES, 2))?;
                }
                g.noise()
            })?;
        }
        self.close()
    }

    fn observability(&mut self) -> Result<()> {
        self.open("observability")?;
        self.block(|g| {
            if g.u.ratio(3, 4)? {
                g.leaf("log-retention-days", |g| g.int(RETENTION))?;
            }
            if g.u.ratio(1, 2)? {
                g.leaf("tracing", Self::boolean)?;
            }
            if g.u.ratio(1, 3)? {
                g.leaf("notify", |g| g.string(SNS_ARNS))?;
            }
            for i in 0..g.u.int_in_range(0..=4usize)? {
                g.leaf("alarm", |g| {
                    if g.careful {
                        // Distinct names, each with a metric and a threshold.
                        g.out.push(' ');
                        g.quoted(ALARM_NAMES[i.min(3)]);
                    } else {
                        g.string(ALARM_NAMES)?;
                    }
                    if g.careful || g.u.ratio(7, 8)? {
                        g.prop("metric", METRICS)?;
                    }
                    if g.careful || g.u.ratio(7, 8)? {
                        g.out.push_str(" threshold=");
                        g.float()?;
                    }
                    if g.u.ratio(1, 3)? {
                        g.prop("statistic", STATISTICS)?;
                    }
                    if g.u.ratio(1, 3)? {
                        g.prop("period", DURATIONS)?;
                    }
                    if g.u.ratio(1, 3)? {
                        g.out.push_str(" evaluation-periods=");
                        let ints = if g.careful { &INTS[..1] } else { INTS };
                        g.out.push_str(g.u.choose(ints)?);
                    }
                    Ok(())
                })?;
            }
            g.noise()
        })?;
        self.close()
    }

    fn permissions(&mut self) -> Result<()> {
        self.open("permissions")?;
        self.block(|g| {
            for _ in 0..g.u.int_in_range(0..=3u8)? {
                g.leaf("allow", |g| {
                    g.list(ACTIONS, 3)?;
                    if g.careful || g.u.ratio(7, 8)? {
                        g.prop("on", RESOURCES)?;
                    }
                    if !g.careful && g.u.ratio(1, 4)? {
                        g.prop("because", REASONS)?;
                    }
                    Ok(())
                })?;
            }
            g.noise()
        })?;
        self.close()
    }

    fn audit(&mut self) -> Result<()> {
        self.open("audit")?;
        self.block(|g| {
            if g.u.ratio(3, 4)? {
                g.leaf("cloudtrail", Self::boolean)?;
            }
            if g.u.ratio(1, 2)? {
                g.leaf("data-events", Self::boolean)?;
            }
            g.noise()
        })?;
        self.close()
    }

    /// The `nth` environment (careful specs name them `dev`, `staging`: names must differ).
    fn environment(&mut self, nth: u8) -> Result<()> {
        self.open("environment")?;
        if self.careful {
            self.out
                .push_str(if nth == 0 { " \"dev\"" } else { " \"staging\"" });
        } else {
            self.string(ENV_NAMES)?;
        }
        if !self.careful && self.u.ratio(1, 6)? {
            self.out.push_str(" production=");
            self.out.push_str(if self.u.ratio(1, 2)? {
                "#true"
            } else {
                "#false"
            });
        }
        if self.u.ratio(2, 3)? && self.indent == 0 {
            self.block(|g| {
                let mut seen = [false; 9];
                for _ in 0..g.u.int_in_range(0..=3u8)? {
                    let kind = g.u.int_in_range(0..=8u8)?;
                    if g.careful && std::mem::replace(&mut seen[usize::from(kind)], true) {
                        continue; // each node at most once in an overlay
                    }
                    match kind {
                        0 => g.project()?,
                        1 => {
                            let i = g.u.int_in_range(0..=3u8)?;
                            g.agent(i)?
                        }
                        2 => g.image()?,
                        3 => g.network()?,
                        4 => g.auth()?,
                        5 => g.observability()?,
                        6 => g.permissions()?,
                        7 => g.audit()?,
                        _ => g.noise()?,
                    }
                }
                Ok(())
            })?;
        }
        self.close()
    }

    fn suppress(&mut self) -> Result<()> {
        self.open("suppress")?;
        self.string(CODES)?;
        if !self.careful && self.u.ratio(1, 2)? {
            self.prop("env", ENV_NAMES)?;
        }
        if self.careful || self.u.ratio(3, 4)? {
            self.prop("because", REASONS)?;
        }
        self.close()
    }

    // -- seeds ---------------------------------------------------------------------------

    /// A real spec, edited line by line.
    fn edit_seed(&mut self, seed: &str) -> Result<()> {
        let mut lines: Vec<String> = seed.lines().map(str::to_owned).collect();
        for _ in 0..self.u.int_in_range(0..=4u8)? {
            if lines.is_empty() {
                break;
            }
            let at = self.u.choose_index(lines.len())?;
            match self.u.int_in_range(0..=7u8)? {
                0 => {
                    lines.remove(at);
                }
                1 => {
                    let line = lines[at].clone();
                    lines.insert(at, line);
                }
                2 | 3 => {
                    // Insert a generated node (top-level or inside a block, as it falls).
                    let saved = std::mem::take(&mut self.out);
                    self.any_node()?;
                    let node = std::mem::replace(&mut self.out, saved);
                    lines.insert(at, node);
                }
                _ => {
                    // Replace one quoted value with a value from any pool.
                    let line = &lines[at];
                    let quotes: Vec<usize> = line.match_indices('"').map(|(i, _)| i).collect();
                    if quotes.len() >= 2 {
                        let pair = self.u.choose_index(quotes.len() / 2)?;
                        let (start, end) = (quotes[2 * pair], quotes[2 * pair + 1]);
                        let pool = *self.u.choose(ALL_POOLS)?;
                        let value = self.pick_string(pool)?;
                        let saved = std::mem::take(&mut self.out);
                        self.quoted(&value);
                        let quoted = std::mem::replace(&mut self.out, saved);
                        let mut edited = line[..start].to_owned();
                        edited.push_str(&quoted);
                        edited.push_str(&line[end + 1..]);
                        lines[at] = edited;
                    }
                }
            }
        }
        for line in lines {
            self.out.push_str(&line);
            self.out.push('\n');
        }
        for _ in 0..self.u.int_in_range(0..=2u8)? {
            self.any_node()?;
        }
        Ok(())
    }
}

/// Every string pool, for replacing a seed's values.
const ALL_POOLS: &[&[&str]] = &[
    PROJECT_NAMES,
    REGIONS,
    ACCOUNTS,
    AGENT_NAMES,
    ENTRYPOINTS,
    FRAMEWORKS,
    PROTOCOLS,
    MODELS,
    ENV_KEYS,
    SECRET_IDS,
    DURATIONS,
    IMAGE_MUTABILITY,
    NETWORK_MODES,
    VPC_IDS,
    SUBNETS,
    SECURITY_GROUPS,
    AUTH_KINDS,
    USER_POOLS,
    DISCOVERY_URLS,
    SNS_ARNS,
    METRICS,
    STATISTICS,
    ACTIONS,
    RESOURCES,
    ENV_NAMES,
    CODES,
    ODD_STRINGS,
];

/// Whether `s` can be written as a bare KDL 2.0 identifier (keywords and number-like words
/// cannot).
fn is_bare(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == '_')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))
        && !matches!(s, "true" | "false" | "null" | "inf" | "nan")
}

/// Characters KDL 2.0 treats as newlines or forbids in a document; written as `\u{…}`.
fn is_kdl_newline_or_disallowed(c: char) -> bool {
    matches!(
        c,
        '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{feff}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Specs from a fixed pseudo-random stream (no dependency needed).
    fn specs(count: usize, seeds: &[String]) -> Vec<String> {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        (0..count)
            .map(|_| {
                let bytes: Vec<u8> = (0..2_048)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        (state >> 24) as u8
                    })
                    .collect();
                spec(&mut Unstructured::new(&bytes), seeds).expect("enough bytes")
            })
            .collect()
    }

    #[test]
    fn every_node_kind_shows_up() {
        let all = specs(300, &[]).concat();
        for node in [
            "project",
            "owner",
            "region",
            "tags",
            "agent",
            "entrypoint",
            "model",
            "env ",
            "secret",
            "lifecycle",
            "image",
            "network",
            "subnets",
            "auth",
            "observability",
            "alarm",
            "permissions",
            "allow",
            "audit",
            "environment",
            "suppress",
        ] {
            assert!(all.contains(node), "`{node}` never generated");
        }
    }

    #[test]
    fn seeds_are_used_and_edited() {
        let seed = "project \"seeded\" {\n    region \"us-east-1\"\n}\n".to_owned();
        let out = specs(100, std::slice::from_ref(&seed));
        assert!(out.iter().any(|s| s.contains("seeded")));
        assert!(out.iter().any(|s| s.contains("seeded") && s != &seed));
    }

    #[test]
    fn empty_input_gives_a_spec() {
        let s = spec(&mut Unstructured::new(&[]), &[]).expect("no bytes is fine");
        assert!(s.len() < 10_000);
    }
}
