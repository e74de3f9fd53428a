"""Messages the desk's handlers show go through gettext (issue 14, item 7: "Saved. The public
pages show the change now." was translated at run time with ``self._t()("...")``, which the
extractor does not see, so no catalog had it and the Spanish desk showed English)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3] / "rxapp"
FILES = sorted(
    [*ROOT.glob("pages/desk*.py"), *ROOT.glob("desk/**/*.py"), ROOT / "components" / "desk.py"],
    key=str,
)
WORDS = re.compile(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}")  # a phrase, not a code or a class name


def _translated_at_run_time(call: ast.Call) -> bool:
    """``self._t()(x)``: a translation whose argument the extractor cannot see unless marked."""
    func = call.func
    return isinstance(func, ast.Call) and isinstance(func.func, ast.Attribute) and func.func.attr == "_t"


def _problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        # self._t()("Words"): the extractor only sees _("..."), N_("...") and n("...", "...").
        if isinstance(node, ast.Call) and _translated_at_run_time(node):
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.append(f"{path.name}:{node.lineno}: {arg.value!r} is not marked (wrap it in N_)")
        # self.some_message = "Words": a message set by a handler without any translation.
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Constant):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            value = node.value.value
            if (
                isinstance(value, str)
                and WORDS.search(value)
                and any(
                    isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self"
                    for t in targets
                )
            ):
                found.append(f"{path.name}:{node.lineno}: {value!r} is shown untranslated")
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_desk_messages_are_marked_for_translation(path: Path) -> None:
    assert _problems(path) == []


def test_the_check_finds_the_bug_it_names(tmp_path: Path) -> None:
    sample = tmp_path / "desk_sample.py"
    sample.write_text(
        "class S:\n"
        "    def save(self):\n"
        "        self.edit_message = self._t()('Saved. The public pages show the change now.')\n"
        "        self.other = 'Service created. Now add its place.'\n"
        "        self.fine = self._t()(N_('Saved.'))\n",
        encoding="utf-8",
    )
    assert len(_problems(sample)) == 2
