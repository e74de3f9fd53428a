"""The one way Python reaches the browser's code (rxapp/components/client.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import reflex as rx

from rxapp.components import client
from rxapp.reflex_compat import var_data

ROOT = Path(__file__).resolve().parents[3]
ASSETS = ROOT / "assets" / "paso"


def test_every_named_function_is_exported_by_its_module() -> None:
    for module, names in client.MODULES.items():
        source = (ASSETS / module).read_text(encoding="utf-8")
        for name in names:
            assert re.search(rf"export (async )?function {name}\(", source), (
                f"{module} does not export {name}"
            )


def test_every_server_call_is_exposed_by_a_module() -> None:
    sources = "".join(path.read_text(encoding="utf-8") for path in ASSETS.glob("*.js"))
    for name in client.SERVER_CALLS:
        assert re.search(rf"exposeToServer\(\{{[^}}]*\b{name}\b", sources), f"no module exposes {name}"


def test_a_call_passes_json_and_vars_and_imports_only_its_module() -> None:
    flags = client.flags.value
    call = client.call("pasoToggle", "open", flags)
    assert str(call) == f'(() => pasoToggle("open", {flags!s}))'
    data = var_data(call)
    assert data is not None
    assert dict(data.imports)["$/public/paso/directory.js"][0].tag == "pasoToggle"


def test_with_the_event_the_trigger_arguments_follow() -> None:
    assert (
        str(client.call("pasoReport", "/api/report", event=True))
        == '((...event) => pasoReport("/api/report", ...event))'
    )
    assert str(client.call("pasoMore", event=True)) == "((...event) => pasoMore(...event))"


def test_a_value_is_the_function_s_result() -> None:
    assert str(client.value("pasoQrSrc", rx.Var("code"))) == "pasoQrSrc(code)"


def test_text_is_passed_as_json_not_pasted_into_code() -> None:
    """A translated sentence with quotes cannot break out of its string."""
    assert (
        str(client.call("pasoRegReset", 'Say "yes" </script>'))
        == r'(() => pasoRegReset("Say \"yes\" </script>"))'
    )


def test_a_server_call_runs_only_if_the_page_exposed_it() -> None:
    spec = client.script("pasoRegPhone", "+52 1")
    assert json.loads(json.loads(str(spec.args[1][1]))) == {"call": "pasoRegPhone", "arg": "+52 1"}


def test_unknown_names_fail_when_the_page_is_built() -> None:
    with pytest.raises(ValueError, match="pasoNothing"):
        client.call("pasoNothing")
    with pytest.raises(ValueError, match="pasoStart"):
        client.script("pasoStart", None)


# Hand-written JavaScript in Python: a Var or script built from a string of code.
HAND_WRITTEN_JS = re.compile(
    r"rx\.Var\(f?\"|call_script\(|call_function\(|_js_expr|FunctionStringVar\.create\("
)


def test_no_module_but_client_writes_javascript() -> None:
    """Client code lives in assets/paso (issue 15); Python names its functions through client.py."""
    writers = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in (ROOT / "rxapp").rglob("*.py")
        if path.name != "client.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if HAND_WRITTEN_JS.search(line)
    ]
    assert writers == []
