"""Known vulnerabilities in what Paso installs: `make audit` (part of `make test`).

Python: every distribution installed in this interpreter's environment, asked of PyPI's
per-release JSON (``/pypi/NAME/VERSION/json``, the advisories pip-audit's PyPI service reads:
PyPA's advisory database via OSV). The browser: Reflex's frontend packages (reflex.lock/), by
``npm audit`` on a lockfile npm derives from reflex.lock/package.json in a temporary folder.

Exit 1 when a known vulnerability has a fixed version; a vulnerability without a fix is printed
and does not fail. An advisory service that cannot be reached is said loudly in one line and
does not fail the run, even under CI=true: this project's CI runs on a machine that reaches the
package registries but none of their advisory services (docs/development.md, "Dependency audit").
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYPI = "https://pypi.org/pypi/{name}/{version}/json"


def installed() -> dict[str, str]:
    """Every distribution in this environment, name -> version (Paso itself left out)."""
    found = {dist.metadata["Name"].lower(): dist.version for dist in metadata.distributions()}
    found.pop("paso", None)
    return dict(sorted(found.items()))


def pypi_advisories(name: str, version: str) -> list[dict[str, Any]] | None:
    """PyPI's advisories for one release, or None when PyPI does not answer for it."""
    try:
        with urllib.request.urlopen(PYPI.format(name=name, version=version), timeout=15) as response:
            return list(json.load(response).get("vulnerabilities") or [])
    except (OSError, ValueError):
        return None


def audit_python() -> tuple[list[str], list[str], str | None]:
    """(fixable, unfixed, unreachable): findings as lines, and why nothing could be asked."""
    fixable: list[str] = []
    unfixed: list[str] = []
    packages = installed()
    unanswered = 0
    for name, version in packages.items():
        advisories = pypi_advisories(name, version)
        if advisories is None:
            unanswered += 1
            if unanswered == 5 and not fixable and not unfixed:  # the service is down, not one package
                return [], [], f"PyPI's per-release JSON ({PYPI}) does not answer"
            continue
        for advisory in advisories:
            fixed = ", ".join(map(str, advisory.get("fixed_in") or []))
            line = f"{name} {version}: {advisory.get('id')} ({', '.join(map(str, advisory.get('aliases') or []))})"
            (fixable if fixed else unfixed).append(f"{line} fixed in {fixed}" if fixed else line)
    missing = f"{unanswered} of {len(packages)} packages not answered by PyPI" if unanswered else None
    return fixable, unfixed, missing


def audit_frontend() -> tuple[list[str], list[str], str | None]:
    """``npm audit`` of reflex.lock/package.json: (fixable, unfixed, unreachable)."""
    npm = shutil.which("npm")
    if npm is None:
        return [], [], "npm is not installed"
    with tempfile.TemporaryDirectory(prefix="paso-audit-") as folder:
        shutil.copyfile(ROOT / "reflex.lock" / "package.json", Path(folder) / "package.json")
        quiet = ["--ignore-scripts", "--no-fund", "--loglevel=error"]
        lock = subprocess.run(
            [npm, "install", "--package-lock-only", *quiet], cwd=folder, capture_output=True
        )
        if lock.returncode != 0:
            return [], [], "npm could not resolve reflex.lock/package.json"
        done = subprocess.run([npm, "audit", "--json"], cwd=folder, capture_output=True, text=True)
    try:
        report = json.loads(done.stdout or "{}")
    except ValueError:
        report = {}
    if "vulnerabilities" not in report:
        said = [
            line for line in done.stderr.splitlines() if "audit" in line and "log of this run" not in line
        ]
        return [], [], f"npm's advisory endpoint does not answer ({said[0] if said else 'no report'})"
    fixable: list[str] = []
    unfixed: list[str] = []
    for name, finding in sorted(report["vulnerabilities"].items()):
        line = f"{name} {finding.get('range', '')}: {finding.get('severity')}"
        (fixable if finding.get("fixAvailable") else unfixed).append(line)
    return fixable, unfixed, None


def main() -> int:
    """Audit both; print one line per finding and one loud line per service not reached."""
    failed = False
    for label, audit in (
        ("Python packages", audit_python),
        ("frontend packages (reflex.lock)", audit_frontend),
    ):
        fixable, unfixed, unreachable = audit()
        for line in fixable:
            print(f"VULNERABLE, fix available: {line}")
        for line in unfixed:
            print(f"vulnerable, no fix yet: {line}")
        if unreachable and not fixable and not unfixed:
            print(f"!!! AUDIT NOT DONE for {label}: {unreachable}; nothing was checked.")
        elif unreachable:
            print(f"!!! audit partial for {label}: {unreachable}.")
        else:
            print(f"audit of {label}: {len(fixable)} fixable, {len(unfixed)} without a fix")
        failed = failed or bool(fixable)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
