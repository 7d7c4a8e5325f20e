#!/usr/bin/env node
// Parse .tf files with HashiCorp's own HCL parser (npm @cdktf/hcl2json: hcl/v2 compiled to
// wasm) and print one JSON object {"<path>": <hcl2json document>} on stdout.
//
//   node hcl2json.js DIR_OR_FILE...      (directories: their *.tf files, not recursive)
//
// Exit 1 on the first parse error, with the parser's message. @cdktf/hcl2json must be
// resolvable: run with NODE_PATH=<dir>/node_modules (see ../reference/check.sh).
"use strict";

const fs = require("fs");
const path = require("path");
const { parse } = require("@cdktf/hcl2json");

async function main() {
  const args = process.argv.slice(2);
  if (args.length === 0) {
    console.error("usage: hcl2json.js DIR_OR_FILE...");
    process.exit(2);
  }
  const files = [];
  for (const arg of args) {
    if (fs.statSync(arg).isDirectory()) {
      for (const name of fs.readdirSync(arg).sort()) {
        if (name.endsWith(".tf")) files.push(path.join(arg, name));
      }
    } else {
      files.push(arg);
    }
  }
  const out = {};
  for (const file of files) {
    try {
      out[file] = await parse(path.basename(file), fs.readFileSync(file, "utf8"));
    } catch (err) {
      console.error(`${file}: HCL parse error: ${err && err.message ? err.message : err}`);
      process.exit(1);
    }
  }
  process.stdout.write(JSON.stringify(out, null, 1) + "\n");
}

main();
