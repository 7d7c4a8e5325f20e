# UserPool and UserPoolClient: auth "cognito" { user-pool "create" } (FR-017, FR-018). The
# runtimes accept the client's access tokens (allowed_clients: Cognito access tokens carry
# client_id, not aud).

resource "aws_cognito_user_pool" "user_pool" {
  name              = "analytics-production-users"
  mfa_configuration = "OPTIONAL"
  # Threat protection (advanced security) ENFORCED needs the Plus tier.
  user_pool_tier = "PLUS"

  admin_create_user_config {
    allow_admin_create_user_only = true
  }

  password_policy {
    minimum_length    = 12
    require_uppercase = true
    require_lowercase = true
    require_numbers   = true
    require_symbols   = true
  }

  software_token_mfa_configuration {
    enabled = true
  }

  user_pool_add_ons {
    advanced_security_mode = "ENFORCED"
  }

  # production: the user pool outlives the module (CloudFormation: Retain).
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_cognito_user_pool_client" "user_pool_client" {
  name         = "analytics-production-client"
  user_pool_id = aws_cognito_user_pool.user_pool.id

  generate_secret     = false
  explicit_auth_flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
}
