#!/usr/bin/env python3
"""Cross-check extract_schema.py against Terraform's own schema dump.

    compare_schema.py EXTRACTED.json TF_SCHEMA.json

EXTRACTED.json is extract_schema.py output (from @cdktf/provider-aws, i.e. hashicorp/aws
6.25); TF_SCHEMA.json is `terraform providers schema -json` of a module using the local
hashicorp/aws 5.100 mirror. For every resource in both, it compares each attribute and
block path: kind (attribute, object attribute, block nesting), required/optional/computed.
Names that exist in only one version are listed (real 5.x -> 6.x changes, such as the
`region` argument every 6.x resource gained); a difference in kind or flags on a name
that exists in both is what an extraction bug would look like, and makes the exit code 1.
"""

from __future__ import annotations

import json
import sys

PROVIDER = "registry.terraform.io/hashicorp/aws"
FLAGS = ("required", "optional", "computed")
# Real 5.100 -> 6.x changes on a name present in both versions (not extraction bugs).
KNOWN_CHANGES = {
    ("aws_s3_bucket", "region"): "5.x: computed only; 6.x: the per-resource `region` argument",
}


def flat_tf(block: dict, prefix: str = "") -> dict:
    out = {}
    for name, attr in block.get("attributes", {}).items():
        typ = attr["type"]
        is_obj = isinstance(typ, list) and isinstance(typ[1], list) and typ[1][0] == "object"
        out[prefix + name] = ("attribute-object" if is_obj else "attribute", tuple(f for f in FLAGS if attr.get(f)))
    for name, bt in block.get("block_types", {}).items():
        max1 = ":max1" if bt["nesting_mode"] == "list" and bt.get("max_items") == 1 else ""
        out[prefix + name] = ("block:" + bt["nesting_mode"] + max1, ())
        out.update(flat_tf(bt["block"], prefix + name + "."))
    return out


def flat_extracted(node: dict, prefix: str = "") -> dict:
    out = {}
    for name, attr in node.get("attributes", {}).items():
        kind = "attribute-object" if "attributes" in attr else "attribute"
        out[prefix + name] = (kind, tuple(f for f in FLAGS if attr.get(f)))
    for name, blk in node.get("blocks", {}).items():
        max1 = ":max1" if blk.get("max_items") == 1 else ""
        out[prefix + name] = ("block:" + blk["nesting"] + max1, ())
        out.update(flat_extracted(blk, prefix + name + "."))
    return out


def main() -> int:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    extracted = json.load(open(sys.argv[1], encoding="utf-8"))["resources"]
    tf = json.load(open(sys.argv[2], encoding="utf-8"))["provider_schemas"][PROVIDER]["resource_schemas"]
    bad = 0
    for rtype in sorted(extracted):
        if rtype not in tf:
            print(f"{rtype}: not in the Terraform schema dump (newer resource)")
            continue
        a, b = flat_extracted(extracted[rtype]), flat_tf(tf[rtype]["block"])
        same = sorted(set(a) & set(b))
        diffs = [(k, b[k], a[k]) for k in same if a[k] != b[k] and (rtype, k) not in KNOWN_CHANGES]
        for k in same:
            if a[k] != b[k] and (rtype, k) in KNOWN_CHANGES:
                print(f"    known change {k}: {KNOWN_CHANGES[(rtype, k)]}")
        print(f"{rtype}: {len(same)} paths agree{'' if not diffs else f', {len(diffs)} DIFFER'}")
        for k in sorted(set(a) - set(b)):
            print(f"    only in extracted: {k}")
        for k in sorted(set(b) - set(a)):
            print(f"    only in terraform dump: {k}")
        for k, want, got in diffs:
            print(f"    DIFF {k}: terraform {want} extracted {got}")
        bad += len(diffs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
