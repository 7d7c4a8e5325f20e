# RuntimeSecurityGroup: network "vpc" with ingress-from (FR-004, FR-034). Terraform removes
# AWS's default allow-all egress rule, so HTTPS out is the only egress.

resource "aws_security_group" "runtime_security_group" {
  #checkov:skip=CKV2_AWS_5:Attached to the AgentCore runtimes (network_mode_config.security_groups in runtime.tf), a resource type checkov does not know.
  name        = "ledger-production-runtime"
  description = "agentc ledger-production: AgentCore runtimes"
  vpc_id      = "vpc-0a1b2c3d4e5f67890"
}

resource "aws_vpc_security_group_ingress_rule" "runtime_security_group_ingress" {
  for_each = {
    "sg-0123456789abcdef0:8080" = { group = "sg-0123456789abcdef0", port = 8080, description = "Agent port from sg-0123456789abcdef0" }
  }

  security_group_id            = aws_security_group.runtime_security_group.id
  description                  = each.value.description
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
  referenced_security_group_id = each.value.group
}

resource "aws_vpc_security_group_egress_rule" "runtime_security_group_egress" {
  security_group_id = aws_security_group.runtime_security_group.id
  description       = "HTTPS to AWS APIs (ECR, Bedrock, CloudWatch, X-Ray)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}
