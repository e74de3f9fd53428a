"""The docs name only what exists: paths, modules, make targets, and every setting is documented.

README.md and docs/*.md once named files that had been renamed long before (issue 15). Each test
collects every stale name at once, so one run lists all there is to fix.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rxapp.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

# A repo path: one of these top-level folders (or files), not inside a URL or another path.
_PATH = re.compile(
    r"(?<![\w/.~+-])"
    r"((?:rxapp|assets|tests|bench|scripts|docs|translations|alembic|\.ci)/[\w./<>*-]*"
    r"|(?:rxconfig\.py|pyproject\.toml|alembic\.ini|babel\.cfg|Makefile|reflex\.lock)(?![\w.]))"
)
# `python -m rxapp.cli`, `python -m bench.search`: the module must exist.
_MODULE = re.compile(r"python -m ((?:rxapp|bench|scripts)(?:\.\w+)+)")
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_CODE = re.compile(r"```.*?```|`[^`\n]+`", re.S)
_MAKE = re.compile(r"(?<![\w-])make((?: +[a-z][a-z0-9-]*)+)")
_TARGETS = re.compile(r"^([a-z][\w .-]*?)\s*:(?!=)", re.M)
# Made when the app, the tests or a benchmark run; git ignores them (.gitignore).
GENERATED = ("bench/out/", "bench/.data/")


def _texts() -> dict[str, str]:
    return {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in DOCS}


def _exists(name: str) -> bool:
    """A path, where ``<locale>``-like placeholders and ``*`` match anything."""
    name = name.rstrip(".,:;").split("#")[0]
    if name.startswith(GENERATED):
        return True
    pattern = re.sub(r"<[^>]*>", "*", name).rstrip("/")
    if "*" in pattern:
        return any(ROOT.glob(pattern))
    return (ROOT / pattern).exists()


def test_docs_exist() -> None:
    """The split docs are where the README sends readers."""
    names = {path.name for path in DOCS}
    for doc in ("operators.md", "translators.md", "desk-guide.md", "architecture.md", "benchmarks.md"):
        assert doc in names


def test_readme_starts_with_the_two_commands() -> None:
    """The README opens with `make run` and `make test` (what `.ci/run` runs), before anything else."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first = re.search(r"```sh\n(.*?)```", text, re.S)
    assert first and text.index(first.group(0)) == text.index("\n") + 2, "the README's first block"
    assert [line.split("#")[0].strip() for line in first.group(1).splitlines()] == ["make run", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_named_paths_exist() -> None:
    """Every repo path, relative link and ``python -m`` module named in the docs exists."""
    missing = []
    for doc, text in _texts().items():
        for name in _PATH.findall(text):
            if not _exists(name):
                missing.append(f"{doc}: {name}")
        for module in _MODULE.findall(text):
            path = ROOT / module.replace(".", "/")
            if not (path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()):
                missing.append(f"{doc}: python -m {module}")
        for target in _LINK.findall(text):
            if re.match(r"[a-z]+:|#", target):
                continue  # a URL or an anchor in the same page
            local = (ROOT / doc).parent / target.split("#")[0]
            if not local.exists():
                missing.append(f"{doc}: link {target}")
    missing = list(dict.fromkeys(missing))
    assert not missing, "named in the docs but not in the repo:\n" + "\n".join(missing)


def test_named_make_targets_exist() -> None:
    """Every ``make <target>`` written as code in the docs is a target of the Makefile."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = {name for line in _TARGETS.findall(makefile) for name in line.split()}
    assert {"run", "test", "tls"} <= targets  # the parser reads this Makefile
    missing = []
    for doc, text in _texts().items():
        for code in _CODE.findall(text):
            for words in _MAKE.findall(code):
                for word in words.split():
                    # `make i18n-*` names a family of targets: some target must start so.
                    known = (
                        any(t.startswith(word) for t in targets) if word.endswith("-") else word in targets
                    )
                    if not known:
                        missing.append(f"{doc}: make {word}")
    missing = list(dict.fromkeys(missing))
    assert not missing, "make targets the Makefile lacks:\n" + "\n".join(missing)


def _setting_names() -> set[str]:
    prefix = str(Settings.model_config.get("env_prefix", ""))
    names = set()
    for field, info in Settings.model_fields.items():
        alias = info.validation_alias
        names.add(alias if isinstance(alias, str) else (prefix + field).upper())
    return names


def test_every_setting_documented() -> None:
    """Each environment variable of ``rxapp/settings.py`` is named in docs/operators.md."""
    names = _setting_names()
    assert {"PASO_PUBLIC_URL", "REFLEX_DB_URL"} <= names
    operators = (ROOT / "docs" / "operators.md").read_text(encoding="utf-8")
    missing = sorted(name for name in names if not re.search(rf"`{name}`", operators))
    assert not missing, "settings not in docs/operators.md: " + ", ".join(missing)


@pytest.mark.parametrize("folder", ["rxapp", "scripts", "bench", "tests"])
def test_every_variable_read_is_documented(folder: str) -> None:
    """Every ``PASO_*`` or ``REFLEX_*`` variable the code names is in docs/operators.md."""
    operators = (ROOT / "docs" / "operators.md").read_text(encoding="utf-8")
    found = set()
    for path in [*(ROOT / folder).rglob("*.py"), ROOT / "Makefile", ROOT / "rxconfig.py"]:
        found |= set(re.findall(r"\b(?:PASO|REFLEX)_[A-Z][A-Z0-9_]*", path.read_text(encoding="utf-8")))
    missing = sorted(name for name in found if f"`{name}" not in operators)
    assert not missing, f"variables named in {folder}/ but not in docs/operators.md: " + ", ".join(missing)
