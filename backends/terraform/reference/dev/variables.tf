variable "region" {
  type        = string
  default     = "us-east-1"
  nullable    = false
  description = "AWS region to deploy support-desk (dev) into. The spec's `project { region }` is the default."

  validation {
    condition     = can(regex("^[a-z]{2,4}(-[a-z]+)+-[0-9]+$", var.region))
    error_message = "The region must be an AWS region code such as us-east-1."
  }
}

variable "support_agent_image_ref" {
  type        = string
  default     = ""
  nullable    = false
  description = <<-EOT
    Image of agent support_agent in its ECR repository: a tag (e.g. src-3f2a9c1d0b7e4a65) or a
    digest (sha256:<64 hex>). Empty on the first apply: then only the repository, role, keys, log
    group and the other image-independent resources are created; deploy.sh pushes the image and
    applies again with its digest, which creates the runtime, its log delivery and its alarms.
  EOT

  validation {
    condition     = var.support_agent_image_ref == "" || can(regex("^(sha256:[a-f0-9]{64}|[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$", var.support_agent_image_ref))
    error_message = "support_agent_image_ref must be empty, an image tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}) or a digest sha256:<64 lowercase hex>."
  }

  validation {
    condition     = var.support_agent_image_ref != "latest"
    error_message = "support_agent_image_ref = \"latest\" is refused: a mutable tag would not roll the runtime to a new version. Use the content-hash tag or the digest that deploy.sh pushes."
  }
}
