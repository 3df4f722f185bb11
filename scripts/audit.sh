#!/usr/bin/env bash
# Audit the installed environment for packages with known vulnerabilities (pip-audit).
#
# Fails (exit 1) when any installed package has a known vulnerability, and also when any
# package could not be checked: pip-audit reports a package its vulnerability service
# cannot look up as "skipped" and still exits 0, so an audit that reached no service
# would otherwise pass having checked nothing. The project itself (not on PyPI) is left out.
#
#   AUDIT_SERVICE=pypi|osv   the vulnerability service (default pypi: PyPI's JSON API)
#   PY=path/to/python        the environment to audit (default .venv/bin/python)
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${PY:-.venv/bin/python}"
SERVICE="${AUDIT_SERVICE:-pypi}"
report="$(mktemp)"
log="$(mktemp)"
trap 'rm -f "$report" "$log"' EXIT

audit_status=0
"$PY" -m pip_audit --vulnerability-service "$SERVICE" --skip-editable --progress-spinner off \
    --format json --desc off --output "$report" >"$log" 2>&1 || audit_status=$?

"$PY" - "$report" "$log" "$audit_status" "$SERVICE" <<'PYTHON'
import json
import sys
import tomllib
from pathlib import Path

report, log, status, service = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
project = tomllib.loads(Path("pyproject.toml").read_text())["project"]["name"]

if not report.read_text().strip():
    last = (log.read_text().strip().splitlines() or ["(no output)"])[-1]
    print(f"audit: FAILED: pip-audit could not run against the {service!r} service: {last}")
    sys.exit(1)

packages = [p for p in json.loads(report.read_text())["dependencies"] if p["name"] != project]
skipped = [p for p in packages if "skip_reason" in p]
vulnerable = [p for p in packages if p.get("vulns")]
for package in vulnerable:
    for vuln in package["vulns"]:
        fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
        print(f"audit: {package['name']} {package['version']}: {vuln['id']} (fixed in {fixed})")
if skipped:
    print(f"audit: FAILED: {len(skipped)} of {len(packages)} packages could not be checked "
          f"against the {service!r} vulnerability service, e.g.:")
    for package in skipped[:3]:
        print(f"  {package['skip_reason']}")
    print("audit: is the service reachable from this machine? (AUDIT_SERVICE=pypi|osv)")
if vulnerable or skipped or status not in (0, 1):
    sys.exit(1)
print(f"audit: {len(packages)} packages checked against {service!r}: no known vulnerabilities")
PYTHON
