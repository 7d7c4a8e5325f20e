# Negative fixture for check_attributes.py: every marked line must be reported.
# Not a module to apply; ../../reference/check.sh runs the checker on it and expects exit 1.

resource "aws_bedrockagentcore_agent_runtime" "bad" {
  agent_runtime_name = "bad_runtime"
  agent_runtime_arn  = "arn:computed-only" # EXPECT computed-only
  runtime_role_arn   = "arn:typo"          # EXPECT unknown attribute; and role_arn missing

  agent_runtime_artifact {
    container_configuration {
      image_uri = "typo" # EXPECT unknown nested attribute; and container_uri missing
    }
  }

  network_configuration {
    network_mode = "PUBLIC"
  }

  # EXPECT kind: a block where the schema has a list-of-object attribute (python-hcl2 only)
  lifecycle_configuration {
    idle_runtime_session_timeout = 900
    max_lifetime                 = 28800
  }

  timeouts {
    create = "30m"
  }
  timeouts { # EXPECT at most one
    create = "40m"
  }
}

resource "aws_bedrockagentcore_agent_runtime" "bad_object_key" {
  agent_runtime_name = "bad_object_key"
  role_arn           = "arn:aws:iam::123456789012:role/x"

  agent_runtime_artifact {
    container_configuration {
      container_uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1"
    }
  }

  lifecycle_configuration = [{
    idle_timeout = 900 # EXPECT unknown object attribute
  }]
}

output "bad_reference" {
  value = aws_bedrockagentcore_agent_runtime.bad.arn # EXPECT not an exported attribute
}
