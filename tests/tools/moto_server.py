#!/usr/bin/env python3
"""moto's server (the local AWS stand-in of tests/deploy.rs), with four moto 5.2 bugs fixed.

Run with the interpreter of the moto venv (scripts/setup/python-tools.sh):

    venv-moto/bin/python tests/tools/moto_server.py PORT

It listens on 127.0.0.1:PORT and prints `ready` once it answers. agentc's CloudFormation
templates are valid for AWS (cfn-lint clean) but trip four bugs of moto's CloudFormation
emulation, patched here before the server starts (nothing else is changed):

1. An `Outputs` entry that `Fn::GetAtt`s a resource type moto does not implement
   (`AWS::BedrockAgentCore::Runtime`) makes CreateStack/UpdateStack fail with HTTP 500
   (`validate_outputs`: `'NoneType' object has no attribute 'has_cfn_attr'`). moto skips
   such resources anyway; the patch drops their outputs too (at validation and when
   DescribeStacks renders them).
2. ExecuteChangeSet applies the change set's template to the stack's resources but keeps the
   outputs of the template the stack was created with (none, for a stack created by a change
   set), so DescribeStacks shows no outputs. The patch rebuilds them after execution.
3. An `AWS::ECR::Repository` with `EmptyOnDelete: true` is deleted without `force`, so
   DeleteStack fails with RepositoryNotEmptyException once an image is in it. The patch passes
   `force` when the template asks for EmptyOnDelete.
4. `AWS::KMS::Key` `Tags` (`[{Key, Value}]` in CloudFormation) are passed to moto's KMS backend,
   which expects the KMS API's `[{TagKey, TagValue}]`: `KeyError: 'TagKey'`. The patch converts.
"""

from __future__ import annotations

import sys
import threading
import urllib.request


def patch_moto() -> None:
    from moto.cloudformation import parsing
    from moto.kms import models as kms

    original_validate = parsing.ResourceMap.validate_outputs

    def validate_outputs(self: parsing.ResourceMap) -> None:
        outputs = self._template.get("Outputs") or {}
        kept = {}
        for name, output in outputs.items():
            value = output.get("Value", {})
            if isinstance(value, dict) and "Fn::GetAtt" in value:
                resource = self._resource_json_map.get(value["Fn::GetAtt"][0]) or {}
                if parsing.resource_class_from_type(resource.get("Type", "")) is None:
                    continue
            kept[name] = output
        saved = self._template.get("Outputs")
        self._template["Outputs"] = kept
        try:
            original_validate(self)
        finally:
            if saved is not None:
                self._template["Outputs"] = saved

    parsing.ResourceMap.validate_outputs = validate_outputs

    original_parse_output = parsing.parse_output

    def parse_output(output_logical_id, output_json, resources_map):
        try:
            return original_parse_output(output_logical_id, output_json, resources_map)
        except parsing.ValidationError as e:
            if "references undefined resource" in str(e):
                return None  # an output of a resource moto skipped
            raise

    parsing.parse_output = parse_output

    original_key = kms.Key.create_from_cloudformation_json.__func__

    def create_key(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        properties = cloudformation_json.get("Properties", {})
        tags = properties.get("Tags")
        if tags and all("Key" in t for t in tags):
            properties = dict(properties)
            properties["Tags"] = [{"TagKey": t["Key"], "TagValue": t["Value"]} for t in tags]
            cloudformation_json = dict(cloudformation_json, Properties=properties)
        return original_key(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)

    kms.Key.create_from_cloudformation_json = classmethod(create_key)

    from moto.cloudformation import models as cfn

    original_execute = cfn.CloudFormationBackend.execute_change_set

    def execute_change_set(self, change_set_name, stack_name=None):
        original_execute(self, change_set_name, stack_name)
        for change_set in self.change_sets.values():
            if change_set_name in (change_set.change_set_id, change_set.change_set_name):
                stack = self.stacks[change_set.stack_id]
                stack._parse_template()
                stack.description = stack.template_dict.get("Description")
                stack.output_map = stack._create_output_map()

    cfn.CloudFormationBackend.execute_change_set = execute_change_set

    from moto.ecr import models as ecr

    original_delete_resource = parsing.ResourceMap._delete_resource

    def delete_resource(self, parsed_resource, resource_json):
        properties = resource_json.get("Properties") or {}
        if resource_json.get("Type") == "AWS::ECR::Repository" and properties.get("EmptyOnDelete"):
            backend = ecr.ecr_backends[self._account_id][self._region_name]
            backend.delete_repository(parsed_resource.name, force=True)
            return
        original_delete_resource(self, parsed_resource, resource_json)

    parsing.ResourceMap._delete_resource = delete_resource


def announce_when_ready(port: int) -> None:
    import time

    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/moto-api/", timeout=1).read()
            print("ready", flush=True)
            return
        except Exception:
            time.sleep(0.05)
    print("moto did not start within 10 s", file=sys.stderr, flush=True)


def main() -> None:
    port = int(sys.argv[1])
    patch_moto()
    from moto.server import main as moto_main

    threading.Thread(target=announce_when_ready, args=(port,), daemon=True).start()
    moto_main(["-H", "127.0.0.1", "-p", str(port)])


if __name__ == "__main__":
    main()
