#!/usr/bin/env python3
"""Check the attribute and block names a Terraform module uses on the resources of a schema.

    check_attributes.py [--schema aws-6.25-agentcore.json] [--kinds auto|require|off] PARSED.json

PARSED.json is the output of hcl2json.js ({"<file>": <hcl2json document>}). For every
resource whose type is in the schema (by default aws-6.25-agentcore.json beside this file:
the resources agentc emits that the local provider 5.100 cannot validate), it checks:

  * each argument and nested block name exists at that nesting level of the schema;
  * no computed-only attribute is set;
  * every required attribute is present (blocks cannot be checked: see the schema notes);
  * a block with nesting "single" or max_items 1 appears at most once;
  * the keys inside a literal list-of-object attribute (`lifecycle_configuration = [{...}]`);
  * every reference `<type>.<name>[...].<attr>` anywhere in the module names an attribute
    that the resource exports.

hcl2json renders a block and a list-of-object attribute the same way (a list of objects),
so it cannot tell `x { }` from `x = [{ }]`. The block/attribute KIND is checked with a
second parser, python-hcl2 >= 8 (which marks blocks with `__is_block__`), when it can be
imported; `--kinds require` makes its absence an error, `--kinds off` skips it. The
summary line says whether kinds were verified.

Exit status: 0 when everything checked is in the schema, 1 on any finding, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

META_ARGS = {"count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection"}
DEFAULT_SCHEMA = Path(__file__).with_name("aws-6.25-agentcore.json")


class Checker:
    def __init__(self, schema: dict, verbose: bool):
        self.schema = schema["resources"]
        self.verbose = verbose
        self.findings: list[str] = []
        self.checked = 0

    def ok(self, msg: str) -> None:
        self.checked += 1
        if self.verbose:
            print(f"  ok    {msg}")

    def bad(self, msg: str) -> None:
        self.findings.append(msg)
        print(f"  ERROR {msg}")

    # -- resource bodies ---------------------------------------------------------------
    def body(self, body: dict, node: dict, where: str, top: bool) -> None:
        attrs, blocks = node.get("attributes", {}), node.get("blocks", {})
        for key, value in body.items():
            path = f"{where}.{key}"
            if top and key in META_ARGS:
                continue
            if key in blocks:
                spec = blocks[key]
                items = value if isinstance(value, list) else [value]
                if not all(isinstance(i, dict) for i in items):
                    self.bad(f"{path}: is a block in the schema, but its value is not a block body")
                    continue
                if (spec["nesting"] == "single" or spec.get("max_items") == 1) and len(items) > 1:
                    self.bad(f"{path}: at most one `{key}` block allowed, found {len(items)}")
                self.ok(f"{path}: block ({spec['nesting']})")
                for item in items:
                    self.body(item, spec, path, top=False)
            elif key in attrs:
                spec = attrs[key]
                if spec.get("computed") and not (spec.get("optional") or spec.get("required")):
                    self.bad(f"{path}: computed-only attribute, cannot be set")
                    continue
                desc = f"{path}: attribute ({spec['type']}{', required' if spec.get('required') else ''})"
                if "attributes" in spec:
                    self.object_attribute(value, spec, path)
                self.ok(desc)
            else:
                known = sorted(set(attrs) | set(blocks))
                self.bad(f"{path}: no attribute or block `{key}` here in the schema (known: {', '.join(known)})")
        for key, spec in attrs.items():
            if spec.get("required") and key not in body:
                self.bad(f"{where}: required attribute `{key}` is missing")

    def object_attribute(self, value, spec: dict, path: str) -> None:
        """Keys inside a literal list/set-of-object attribute value."""
        if isinstance(value, str):
            if self.verbose:
                print(f"  note  {path}: an expression; the object keys inside it are not checked")
            return
        items = value if isinstance(value, list) else [value]
        for item in items:
            if not isinstance(item, dict):
                self.bad(f"{path}: expected a list of objects")
                continue
            for k in item:
                if k in spec["attributes"]:
                    self.ok(f"{path}[].{k}: object attribute ({spec['attributes'][k]['type']})")
                else:
                    self.bad(f"{path}[].{k}: no such object attribute (known: {', '.join(sorted(spec['attributes']))})")

    # -- references ----------------------------------------------------------------------
    def references(self, files: dict) -> None:
        types = "|".join(re.escape(t) for t in sorted(self.schema))
        ref_re = re.compile(rf"\b({types})\.(\w+)((?:\[[^\]]*\])*)\.(\w+)")
        for file, doc in files.items():
            for s in strings(doc):
                for m in ref_re.finditer(s):
                    rtype, name, _index, attr = m.groups()
                    exported = self.schema[rtype].get("attributes", {})
                    ref = m.group(0)
                    if attr in exported:
                        self.ok(f"{file}: reference {ref}")
                    else:
                        self.bad(f"{file}: reference {ref}: `{attr}` is not an attribute of {rtype}")


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield k
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


# -- block/attribute kind with python-hcl2 --------------------------------------------------
def load_python_hcl2():
    try:
        import hcl2  # python-hcl2 >= 8 marks blocks with "__is_block__"
    except ImportError:
        return None
    probe = hcl2.loads('x {\n}\ny = [{ a = 1 }]\n')
    if not (probe["x"][0].get("__is_block__") and "__is_block__" not in probe["y"][0]):
        return None
    return hcl2


def unquote(s: str) -> str:
    return s[1:-1] if len(s) >= 2 and s[0] == s[-1] == '"' else s


def check_kinds(hcl2, file: str, checker: Checker) -> None:
    doc = hcl2.loads(Path(file).read_text(encoding="utf-8"))
    for entry in doc.get("resource", []):
        for rtype_q, named in entry.items():
            rtype = unquote(rtype_q)
            if rtype not in checker.schema or not isinstance(named, dict):
                continue
            for name_q, body in named.items():
                if name_q == "__is_block__":
                    continue
                kinds_body(body, checker.schema[rtype], f"{rtype}.{unquote(name_q)}", checker, top=True)


def kinds_body(body: dict, node: dict, where: str, checker: Checker, top: bool) -> None:
    attrs, blocks = node.get("attributes", {}), node.get("blocks", {})
    for key, value in body.items():
        if key == "__is_block__" or (top and key in META_ARGS):
            continue
        items = value if isinstance(value, list) else [value]
        as_block = bool(items) and all(isinstance(i, dict) and i.get("__is_block__") for i in items)
        path = f"{where}.{key}"
        if key in blocks:
            if as_block:
                checker.ok(f"{path}: written as a block, as the schema wants")
                for item in items:
                    kinds_body(item, blocks[key], path, checker, top=False)
            else:
                checker.bad(f"{path}: the schema has a block; write `{key} {{ ... }}`, not `{key} = ...`")
        elif key in attrs:
            if as_block:
                checker.bad(f"{path}: the schema has an attribute; write `{key} = ...`, not a `{key} {{ }}` block")
            else:
                checker.ok(f"{path}: written as an attribute, as the schema wants")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("parsed", type=Path, help="hcl2json.js output")
    ap.add_argument("--schema", type=Path, default=DEFAULT_SCHEMA)
    ap.add_argument("--kinds", choices=["auto", "require", "off"], default="auto")
    ap.add_argument("-q", "--quiet", action="store_true", help="print findings and the summary only")
    args = ap.parse_args()

    schema = json.loads(args.schema.read_text(encoding="utf-8"))
    files = json.loads(args.parsed.read_text(encoding="utf-8"))
    checker = Checker(schema, verbose=not args.quiet)
    src = schema.get("source", {})
    print(f"schema: {args.schema.name} ({src.get('npm_package', '?')}, hashicorp/aws {src.get('provider_version', '?')})")

    seen = 0
    for file, doc in files.items():
        for rtype, named in doc.get("resource", {}).items():
            if rtype not in checker.schema:
                continue
            for name, bodies in named.items():
                for body in bodies:
                    seen += 1
                    print(f"{file}: {rtype}.{name}")
                    checker.body(body, checker.schema[rtype], f"{rtype}.{name}", top=True)
    print("references:")
    checker.references(files)

    kinds = "off"
    if args.kinds != "off":
        hcl2 = load_python_hcl2()
        if hcl2 is None:
            if args.kinds == "require":
                checker.bad("--kinds require: python-hcl2 >= 8 is not importable")
            kinds = "NOT verified (python-hcl2 >= 8 not importable)"
        else:
            print("block/attribute kinds (python-hcl2):")
            for file in files:
                check_kinds(hcl2, file, checker)
            kinds = "verified with python-hcl2"

    print(
        f"summary: {seen} resource(s) of {len(checker.schema)} schema type(s), {checker.checked} check(s) passed, "
        f"{len(checker.findings)} finding(s); block/attribute kind: {kinds}"
    )
    return 1 if checker.findings else 0


if __name__ == "__main__":
    sys.exit(main())
