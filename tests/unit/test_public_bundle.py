"""The build rewrite that leaves the desk's routes out of what a public page imports (issue 17)."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from rxapp import routes
from rxapp.public_bundle import PREFIX, page_path, preload_socket, split_manifest


def _route(path: str) -> dict[str, object]:
    return {"id": f"routes/{path}", "parentId": "root", "path": path, "module": f"/assets/{path}.js"}


MANIFEST = {
    "entry": {"module": "/assets/entry.client-x.js"},
    "routes": {
        "root": {"id": "root", "path": "", "module": "/assets/root-x.js"},
        **{
            f"routes/{p}": _route(p)
            for p in ("es", "es/need/food", "es/register", "es/desk", "es/desk/staff", "*")
        },
    },
    "url": "/assets/manifest-abc.js",
    "version": "abc",
}
FULL = '<link rel="modulepreload" href="/assets/manifest-abc.js"/><script>import "/assets/manifest-abc.js";</script>'


def _build(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "manifest-abc.js").write_text(PREFIX + json.dumps(MANIFEST) + ";")
    for page in (
        "es.html",
        "es/need/food.html",
        "es/register/index.html",
        "es/desk.html",
        "es/desk/staff.html",
    ):
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text(FULL)
    (tmp_path / "__spa-fallback.html").write_text(FULL)
    return tmp_path


def _imported(html: Path) -> set[str]:
    return {part.split('"')[0] for part in html.read_text().split('"/assets/')[1:]}


def test_public_pages_import_a_manifest_without_the_desks_routes(tmp_path: Path) -> None:
    static = _build(tmp_path)
    assert split_manifest(static, ["es"]) == 3
    (public,) = _imported(static / "es.html")
    assert public.startswith("manifest-public-")
    for page in ("es/need/food.html", "es/register/index.html"):
        assert _imported(static / page) == {public}
    source = (static / "assets" / public).read_text()
    manifest = json.loads(source.removeprefix(PREFIX).removesuffix(";"))
    assert sorted(r["path"] for r in manifest["routes"].values()) == [
        "",
        "*",
        "es",
        "es/need/food",
        "es/register",
    ]
    assert manifest["url"] == f"/assets/{public}" and manifest["version"] == "abc"
    assert gzip.decompress((static / "assets" / f"{public}.gz").read_bytes()).decode() == source
    assert gzip.decompress((static / "es.html.gz").read_bytes()).decode() == (static / "es.html").read_text()


def test_desk_pages_and_the_spa_shell_keep_every_route(tmp_path: Path) -> None:
    static = _build(tmp_path)
    split_manifest(static, ["es"])
    for page in ("es/desk.html", "es/desk/staff.html", "__spa-fallback.html"):
        assert _imported(static / page) == {"manifest-abc.js"}


def test_a_second_run_writes_the_same(tmp_path: Path) -> None:
    static = _build(tmp_path)
    split_manifest(static, ["es"])
    first = (static / "es.html").read_text()
    assert split_manifest(static, ["es"]) == 0
    assert (static / "es.html").read_text() == first


def test_a_manifest_react_router_no_longer_writes_so_stops_the_build(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "manifest-abc.js").write_text("export default {};")
    with pytest.raises(ValueError, match="__reactRouterManifest"):
        split_manifest(tmp_path, ["es"])


@pytest.mark.parametrize(
    ("file", "path"),
    [("es.html", "es"), ("es/need/food/index.html", "es/need/food"), ("index.html", ""), ("404.html", "404")],
)
def test_the_path_a_prerendered_file_answers(tmp_path: Path, file: str, path: str) -> None:
    assert page_path(tmp_path / file, tmp_path) == path


STATE_CHUNK = (
    "var io=null,loadSocketIo=async()=>{let e=await __vitePreload(()=>import(`./esm-Q1.js`),x);io=e.io}"
)


def test_the_form_preloads_the_socket_io_chunk_and_reading_pages_do_not(tmp_path: Path) -> None:
    """So the worker saves it with the form (it saves what a saved page's HTML names): a form
    opened offline connects once the signal is back, without a reload."""
    static = _build(tmp_path)
    (static / "assets" / "context-Z.js").write_text(STATE_CHUNK)
    assert preload_socket(static, routes.form_path_pattern(["es"])) == 1
    html = (static / "es/register/index.html").read_text()
    assert html.startswith('<link rel="modulepreload" fetchpriority="low" href="/assets/esm-Q1.js"/>')
    assert gzip.decompress((static / "es/register/index.html.gz").read_bytes()).decode() == html
    assert "esm-Q1" not in (static / "es.html").read_text() + (static / "es/desk.html").read_text()
    assert preload_socket(static, routes.form_path_pattern(["es"])) == 0


def test_a_build_without_the_lazy_socket_io_stops(tmp_path: Path) -> None:
    static = _build(tmp_path)
    (static / "assets" / "context-Z.js").write_text('import io from "./esm-Q1.js";')
    with pytest.raises(ValueError, match=r"socket\.io-client"):
        preload_socket(static, routes.form_path_pattern(["es"]))


def test_the_plugin_rewrites_state_js_and_groups_the_homes_icons_before_compiling() -> None:
    from rxapp import reflex_compat
    from rxapp.public_bundle import PublicBundle

    tasks: dict[str, Callable[[str], str]] = {}
    PublicBundle().pre_compile(add_modify_task=tasks.__setitem__)
    assert tasks["utils/state.js"] is reflex_compat.lazy_socket_io
    config = tasks["vite.config.js"]('              name: "reflex-env",\n            },\n')
    assert 'name: "framework"' in config
    icons = re.search(r"icons\\/\((.+?)\)", config)
    assert icons is not None
    assert {"book-open", "languages", "compass"} <= set(icons.group(1).split("|"))  # a need, the header
    assert "trash-2" not in icons.group(1)  # the desk's
