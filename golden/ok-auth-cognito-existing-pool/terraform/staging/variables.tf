variable "region" {
  type        = string
  default     = "us-west-2"
  nullable    = false
  description = "AWS region to deploy into; the spec's project region by default."

  validation {
    condition     = can(regex("^[a-z]{2,4}(-[a-z]+)+-[0-9]+$", var.region))
    error_message = "The region must be an AWS region code such as us-east-1."
  }
}

variable "helpdesk_agent_image_ref" {
  type        = string
  default     = ""
  nullable    = false
  description = "Image of agent helpdesk_agent in helpdesk/staging/helpdesk_agent: a tag or a sha256:<64 hex> digest. Empty (the default) creates everything but the runtime and what depends on it; deploy.sh sets it."

  validation {
    condition     = var.helpdesk_agent_image_ref == "" || can(regex("^(sha256:[a-f0-9]{64}|[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$", var.helpdesk_agent_image_ref))
    error_message = "The image reference must be empty, an image tag or a digest sha256:<64 lowercase hex>."
  }

  validation {
    condition     = var.helpdesk_agent_image_ref != "latest"
    error_message = "The image reference \"latest\" is refused: a mutable tag would not roll the runtime to a new version. Use the tag or digest deploy.sh pushes."
  }
}
