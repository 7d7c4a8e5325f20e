# RuntimeSecurityGroup: network "vpc" with ingress-from (FR-004, FR-034).

resource "aws_security_group" "runtime_security_group" {
  #checkov:skip=CKV2_AWS_5:Attached to the AgentCore runtime (network_mode_config.security_groups in runtime.tf), a resource type checkov does not know.
  name        = "support-desk-production-runtime"
  description = "AgentCore runtimes of support-desk-production: TCP 8080 from the declared groups, HTTPS out"
  vpc_id      = "vpc-0a1b2c3d4e5f67890"
}

resource "aws_vpc_security_group_ingress_rule" "runtime_security_group_ingress" {
  for_each = toset(["sg-0123456789abcdef0"])

  security_group_id            = aws_security_group.runtime_security_group.id
  description                  = "Agent invocations from ${each.key}"
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  referenced_security_group_id = each.key
}

resource "aws_vpc_security_group_egress_rule" "runtime_security_group_egress" {
  security_group_id = aws_security_group.runtime_security_group.id
  description       = "HTTPS to AWS APIs (ECR, Bedrock, CloudWatch, X-Ray)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}
