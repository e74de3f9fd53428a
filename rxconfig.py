"""Reflex configuration: everything comes from ``rxapp.settings`` (environment, ``PASO_*``)."""

import reflex as rx
from reflex.constants import StateManagerMode

from rxapp.prerender import LowPriorityScripts
from rxapp.public_bundle import PublicBundle
from rxapp.reflex_compat import compile_in_a_child
from rxapp.settings import get_settings

settings = get_settings()
# `reflex run --env prod` builds in a throw-away process: the server keeps ~400 MB less (issue 17).
compile_in_a_child()

config = rx.Config(
    app_name="rxapp",
    db_url=settings.db_url,
    redis_url=settings.redis_url,
    # One machine: states in memory, not pickled to `.states/` on disk. Paso's states hold no
    # form data, but Reflex keeps each tab's address and headers with them; in memory they go
    # with the process and expire after PASO_STATE_EXPIRY_SECONDS (also in Redis).
    state_manager_mode=StateManagerMode.REDIS if settings.redis_url else StateManagerMode.MEMORY,
    redis_token_expiration=settings.state_expiry_seconds,
    # One public address derives the browser's API/websocket URL and the allowed origins.
    api_url=settings.backend_url,
    deploy_url=settings.public_url,
    cors_allowed_origins=settings.allowed_origins,
    backend_host=settings.listen_host,
    trusted_proxy_hops=settings.trusted_proxy_hops,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    plugins=[rx.plugins.TailwindV4Plugin(), LowPriorityScripts(), PublicBundle()],
    disable_plugins=[rx.plugins.sitemap.SitemapPlugin],
)
