#!/usr/bin/env python3
"""Run agentc's CloudFormation gates, cfn-lint and checkov, on template files.

    tests/tools/run_cfn_gates.py [options] TEMPLATE.json...

A template passes when cfn-lint reports no error and no warning and checkov reports no failed
check and no parsing error. Justified exceptions live in the template itself: a checkov skip in
the resource's Metadata ({"checkov": {"skip": [{"id": ..., "comment": ...}]}}) or a cfn-lint
ignore in Metadata ({"cfn-lint": {"config": {"ignore_checks": [...]}}}). A skip without a
comment is itself a finding.

Exit status: 0 clean, 1 findings (printed one a line, file:line first), 2 the gates could not
run (missing tools, unreadable template, a tool that crashed or printed something unexpected).

The tools come from the venvs scripts/setup/python-tools.sh builds under
${AGENTC_TOOLS_DIR:-$HOME/.cache/agentc/tools}; --setup runs that script first (a no-op when
the venvs are current). Both tools run offline: checkov with --skip-download,
BC_SKIP_MAPPING=TRUE and CKV_SKIP_PACKAGE_UPDATE_CHECK=true.

Standard library only; Python 3.8+.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SETUP_SCRIPT = REPO_ROOT / "scripts" / "setup" / "python-tools.sh"

EXIT_CLEAN, EXIT_FINDINGS, EXIT_TOOL_ERROR = 0, 1, 2


class GateError(Exception):
    """The gates could not run; exit status 2."""


def tools_dir() -> Path:
    configured = os.environ.get("AGENTC_TOOLS_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "agentc" / "tools"


def tool_env() -> dict:
    env = dict(os.environ)
    env.update(
        {
            # checkov: no platform mapping download, no PyPI version check.
            "BC_SKIP_MAPPING": "TRUE",
            "CKV_SKIP_PACKAGE_UPDATE_CHECK": "true",
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONWARNINGS": "ignore",
        }
    )
    return env


def tool_path(venv: str, exe: str) -> Path:
    path = tools_dir() / venv / "bin" / exe
    if not path.exists():
        raise GateError(f"{path} not found: run {SETUP_SCRIPT.relative_to(REPO_ROOT)} (or pass --setup)")
    return path


def declared_resources(path: Path) -> int:
    """Number of resources a JSON template declares (used to check checkov parsed them all)."""
    try:
        template = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise GateError(f"{path}: cannot read: {err}") from err
    except json.JSONDecodeError:
        return -1  # YAML or broken JSON: cfn-lint reports the latter
    resources = template.get("Resources") if isinstance(template, dict) else None
    return len(resources) if isinstance(resources, dict) else 0


def start_cfn_lint(files, include_info: bool, regions) -> subprocess.Popen:
    cmd = [str(tool_path("venv-cfnlint", "cfn-lint")), "--format", "json"]
    if include_info:
        cmd += ["--include-checks", "I"]
    if regions:
        cmd += ["--regions", *regions]
    cmd += ["--", *map(str, files)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=tool_env(), text=True)


def start_checkov(files) -> subprocess.Popen:
    cmd = [str(tool_path("venv-checkov", "checkov"))]
    for f in files:
        cmd += ["-f", str(f)]
    cmd += ["--framework", "cloudformation", "--skip-download", "--output", "json"]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=tool_env(), text=True)


def finish(proc: subprocess.Popen, name: str):
    out, err = proc.communicate()
    try:
        return proc.returncode, json.loads(out) if out.strip() else None, err
    except json.JSONDecodeError as e:
        raise GateError(f"{name} printed no JSON (exit {proc.returncode}): {e}\n{out[-2000:]}{err[-2000:]}") from e


def cfn_lint_findings(result, include_info: bool):
    code, matches, err = result
    if not isinstance(matches, list):
        if code == 0:
            return []
        raise GateError(f"cfn-lint exited {code} without findings:\n{err[-2000:]}")
    failing = {"Error", "Warning"} | ({"Informational"} if include_info else set())
    findings = []
    for m in matches:
        rule = m.get("Rule", {}).get("Id", "?")
        if rule in ("E0001", "E0003") and m.get("Filename") is None:
            raise GateError(f"cfn-lint: {m.get('Message')}")
        if m.get("Level") not in failing:
            continue
        start = (m.get("Location") or {}).get("Start") or {}
        path = "/".join(str(p) for p in ((m.get("Location") or {}).get("Path") or []))
        findings.append(
            f"{m.get('Filename')}:{start.get('LineNumber', 0)}:{start.get('ColumnNumber', 0)}: "
            f"cfn-lint {rule} ({m.get('Level')}) {m.get('Message')}" + (f" [at {path}]" if path else "")
        )
    if code != 0 and not matches:
        raise GateError(f"cfn-lint exited {code} without findings:\n{err[-2000:]}")
    return findings


def checkov_findings(result, files, verbose: bool):
    code, report, err = result
    if report is None:
        raise GateError(f"checkov exited {code} with no report:\n{err[-2000:]}")
    reports = report if isinstance(report, list) else [report]
    findings, notes = [], []
    parsed = 0
    for rep in reports:
        if not isinstance(rep, dict) or "summary" not in rep:
            raise GateError(f"checkov: unexpected report shape: {str(rep)[:500]}")
        summary = rep["summary"]
        parsed += int(summary.get("resource_count", 0))
        if summary.get("parsing_errors"):
            findings.append(f"checkov: {summary['parsing_errors']} file(s) could not be parsed")
        results = rep.get("results", {})
        for c in results.get("failed_checks", []):
            lines = c.get("file_line_range") or [0, 0]
            findings.append(
                f"{c.get('file_abs_path') or c.get('file_path')}:{lines[0]}: checkov {c.get('check_id')} FAILED "
                f"for {c.get('resource')}: {c.get('check_name')}"
            )
        for c in results.get("skipped_checks", []):
            comment = ((c.get("check_result") or {}).get("suppress_comment") or "").strip()
            where = f"{c.get('file_abs_path') or c.get('file_path')}: checkov {c.get('check_id')} skipped for {c.get('resource')}"
            if not comment or comment == "No comment provided":
                findings.append(f"{where} without a justification comment")
            elif verbose:
                notes.append(f"{where}: {comment}")
        notes.append(
            f"checkov: {summary.get('passed', 0)} passed, {summary.get('failed', 0)} failed, "
            f"{summary.get('skipped', 0)} skipped, {summary.get('resource_count', 0)} resources"
        )
    declared = [declared_resources(f) for f in files]
    if all(n >= 0 for n in declared) and parsed != sum(declared):
        findings.append(
            f"checkov parsed {parsed} resources but the templates declare {sum(declared)}: "
            "a file was not recognised as CloudFormation"
        )
    return findings, notes


def run_gates(files, include_info=False, regions=None, verbose=False):
    for f in files:
        if not f.is_file():
            raise GateError(f"{f}: no such file")
        if declared_resources(f) == 0:
            raise GateError(f"{f}: declares no Resources")
    t0 = time.monotonic()
    lint_proc = start_cfn_lint(files, include_info, regions)
    checkov_proc = start_checkov(files)
    lint = cfn_lint_findings(finish(lint_proc, "cfn-lint"), include_info)
    checkov, notes = checkov_findings(finish(checkov_proc, "checkov"), files, verbose)
    notes.append(f"cfn-lint: {len(lint)} finding(s)" + (" (with informational checks)" if include_info else ""))
    notes.append(f"gates: {len(files)} template(s) in {time.monotonic() - t0:.1f} s")
    return lint + checkov, notes


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description="Run cfn-lint and checkov on CloudFormation templates; exit 1 on any finding.",
        epilog="Exit status: 0 clean, 1 findings, 2 the gates could not run.",
    )
    parser.add_argument("templates", nargs="+", type=Path, metavar="TEMPLATE")
    parser.add_argument("--include-info", action="store_true", help="also run cfn-lint's informational (I) checks and fail on them")
    parser.add_argument("--regions", nargs="+", metavar="REGION", help="cfn-lint regions (default: its own, us-east-1)")
    parser.add_argument("--setup", action="store_true", help="run scripts/setup/python-tools.sh first")
    parser.add_argument("-v", "--verbose", action="store_true", help="print summaries and each justified skip")
    args = parser.parse_args(argv)
    try:
        if args.setup:
            subprocess.run(["bash", str(SETUP_SCRIPT), "cfnlint", "checkov"], check=True)
        findings, notes = run_gates(args.templates, args.include_info, args.regions, args.verbose)
    except (GateError, subprocess.CalledProcessError) as err:
        print(f"run_cfn_gates: error: {err}", file=sys.stderr)
        return EXIT_TOOL_ERROR
    for line in findings:
        print(line)
    if args.verbose or findings:
        for line in notes:
            print(line, file=sys.stderr)
    return EXIT_FINDINGS if findings else EXIT_CLEAN


if __name__ == "__main__":
    sys.exit(main())
