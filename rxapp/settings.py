"""Paso's settings, read from the environment (prefix ``PASO_``); no Reflex import here."""

from __future__ import annotations

import ipaddress
import re
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


class Settings(BaseSettings):
    """Every knob of a Paso deployment; each one is documented in docs/operators.md."""

    model_config = SettingsConfigDict(env_prefix="PASO_", extra="ignore")

    # The address people type or scan. It decides the API/websocket URL, the allowed
    # origins and whether the server listens beyond this machine: one change opens the
    # app to the centre's wifi.
    public_url: str = "http://127.0.0.1:8000"
    # Only for `make dev`, where the frontend (3000) and backend (8000) are two servers.
    api_url: str | None = None
    bind_host: str | None = None
    data_dir: Path = ROOT / "data"
    database_url: str | None = Field(default=None, validation_alias="REFLEX_DB_URL")
    redis_url: str | None = Field(default=None, validation_alias="REFLEX_REDIS_URL")
    locales: list[str] = ["es", "en", "fr", "ht", "pt", "ar"]
    default_locale: str = "es"
    # Content fallback chains, e.g. {"ht": ["fr", "es", "en"]}; unset locales use the
    # registry in rxapp/i18n/locales.py.
    fallbacks: dict[str, list[str]] = {}
    timezone: str = "America/Mexico_City"
    centre_code: str = "MTZ"
    # The installation's country (ISO 3166-1 alpha-2): an HSDS address needs one, and a place
    # the desk gave none is in it (docs/hsds.md).
    country: str = "MX"
    # Services per part of the directory data the browser loads (lists render the first part
    # while the rest arrives). Smaller parts paint sooner on slow networks; more parts cost
    # more requests.
    snapshot_part_size: int = Field(default=250, ge=5, le=5000)
    # How long Reflex keeps an idle tab's state (server side).
    state_expiry_seconds: int = Field(default=900, ge=60, le=86400)
    # How long a desk tab's state outlives its closed websocket, waiting for the tablet to
    # reconnect; a public page's state goes at once (rxapp/tab_states.py).
    state_reconnect_seconds: int = Field(default=120, ge=0, le=86400)
    # Registration: the directory service whose address and hours the confirmation shows,
    # how long records are kept (the consent text names it), and rate limits per hour.
    centre_service: str = "paso-orientacion-inicial"
    retention_days: int = Field(default=90, ge=1, le=3650)
    # Who sees what a person registers, and whether the centre ever shares it, in the centre's
    # own words: one text per locale, e.g. {"es": "...", "en": "..."}. A locale without its
    # own text uses its fallback chain's; unset, the built-in text (translated in the
    # catalogs) says only the centre's staff see it, never migration authorities or police.
    data_notice: dict[str, str] = {}
    rate_device_per_hour: int = Field(default=5, ge=1)
    rate_address_per_hour: int = Field(default=20, ge=1)
    # The centre's own network (many phones behind one address) and signed-in staff.
    rate_centre_per_hour: int = Field(default=300, ge=1)
    centre_networks: list[str] = []  # CIDR, e.g. ["192.168.1.0/24"]
    # The desk: a tablet locks after this many idle seconds (the same person types the password
    # to go on); a session ends after desk_session_hours whatever happens. Other tablets'
    # changes are checked for every desk_poll_ms.
    desk_idle_seconds: int = Field(default=900, ge=10, le=86400)
    desk_session_hours: int = Field(default=12, ge=1, le=24)
    desk_poll_ms: int = Field(default=1000, ge=250, le=60000)
    # Reports of wrong directory information per address and hour (the centre's networks
    # get ``rate_centre_per_hour``): enough for a person, not for a script filling the desk.
    rate_reports_per_hour: int = Field(default=10, ge=1)
    # Failed attempts per address and hour to open a person's page, claim a one-time link or
    # open the waiting-room display (a wrong, revoked or erased secret, token or key; right ones
    # are not counted). The centre's networks get ``rate_centre_per_hour``.
    rate_personal_failures_per_hour: int = Field(default=30, ge=1)
    # Strict-Transport-Security's max-age, sent only when the public URL is HTTPS; 0 (the
    # default) sends none: docs/operators.md says why (Caddy's own certificate authority).
    hsts_seconds: int = Field(default=0, ge=0, le=63072000)
    # SQLite's fsync policy. FULL (the default) keeps every acknowledged registration through
    # a power cut; the test suite sets OFF, as a throw-away test database needs no fsync (it
    # spent most of the unit suite's time waiting on them). Never OFF for a centre's data.
    sqlite_synchronous: Literal["FULL", "NORMAL", "OFF"] = "FULL"
    # Failed sign-ins and unlocks per ten minutes, whatever the user name (unknown names count):
    # per browser tab, per address, and per address in centre_networks, where every tablet may
    # share one address. The account lockout already slows a person after 5 mistakes, so a tab
    # never needs 10, and ten tablets on a bad morning stay far below 100; a script sending 50
    # a second is stopped within 2 seconds, before its attempts cost any hashing.
    signin_per_connection: int = Field(default=10, ge=1)
    signin_per_address: int = Field(default=20, ge=1)
    signin_per_centre: int = Field(default=100, ge=1)
    # Reverse proxies in front of the app whose X-Forwarded-For is believed (0: none).
    trusted_proxy_hops: int = Field(default=0, ge=0, le=5)
    # Backups (`python -m rxapp.cli backup`): where they go (default <data_dir>/backups), the
    # age public keys they are encrypted to (the server never holds the key that reads them),
    # how long they are kept (at most retention_days: a backup holds the records the consent
    # text promises to delete), and the folder of PostgreSQL's client tools when PATH's are too old.
    backup_dir: Path | None = None
    backup_recipient: str = ""
    backup_keep_days: int | None = Field(default=None, ge=1, le=3650)
    pg_bin: Path | None = None

    @model_validator(mode="after")
    def _backups_within_retention(self) -> Settings:
        if self.backup_keep_days is not None and self.backup_keep_days > self.retention_days:
            raise ValueError(
                f"PASO_BACKUP_KEEP_DAYS ({self.backup_keep_days}) exceeds PASO_RETENTION_DAYS "
                f"({self.retention_days}): a backup would keep records past the promised deletion"
            )
        return self

    @field_validator("public_url", "api_url")
    @classmethod
    def _strip_slash(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {value!r}")
        return value.rstrip("/")

    @field_validator("centre_networks")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for network in value:
            ipaddress.ip_network(network, strict=False)  # raises for a malformed network
        return value

    @field_validator("data_notice")
    @classmethod
    def _notice(cls, value: dict[str, str]) -> dict[str, str]:
        texts = {tag.strip(): text.strip() for tag, text in value.items()}
        for tag, text in texts.items():
            if not tag or not text or len(text) > 1000:
                raise ValueError(f"data_notice[{tag!r}]: write a text of 1 to 1000 characters")
        return texts

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        code = value.strip().upper()
        if not re.fullmatch(r"[A-Z]{2}", code):
            raise ValueError(f"country: an ISO 3166-1 two-letter code such as MX, not {value!r}")
        return code

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        ZoneInfo(value)  # raises for an unknown zone
        return value

    @property
    def tz(self) -> ZoneInfo:
        """The centre's time zone."""
        return ZoneInfo(self.timezone)

    @property
    def sqlite_default(self) -> str:
        """The embedded default database: a file in the data folder."""
        return f"sqlite:///{self.data_dir / 'paso.db'}"

    @property
    def db_url(self) -> str:
        """The database URL in force."""
        return self.database_url or self.sqlite_default

    @property
    def backup_folder(self) -> Path:
        """Where backups are written and pruned."""
        return self.backup_dir or self.data_dir / "backups"

    @property
    def backup_days(self) -> int:
        """How many days a backup is kept: PASO_BACKUP_KEEP_DAYS, else the retention period."""
        return self.backup_keep_days or self.retention_days

    @property
    def backend_url(self) -> str:
        """Where the browser reaches the backend (events, websocket, directory data)."""
        return self.api_url or self.public_url

    @property
    def allowed_origins(self) -> list[str]:
        """Origins allowed to open the websocket and call the API."""
        origins = {_origin(self.public_url), _origin(self.backend_url)}
        return sorted(origins)

    @property
    def listen_host(self) -> str:
        """Loopback unless the public URL names another host (the centre's wifi)."""
        if self.bind_host:
            return self.bind_host
        host = urlsplit(self.public_url).hostname or "127.0.0.1"
        return "127.0.0.1" if host in LOOPBACK_HOSTS else "0.0.0.0"

    @property
    def port(self) -> int:
        """The port of the public URL (one port in production)."""
        parts = urlsplit(self.public_url)
        return parts.port or (443 if parts.scheme == "https" else 80)

    def secret_key(self) -> str:
        """A per-installation secret kept in the data folder; there is no default secret."""
        return _secret(self.data_dir)


@lru_cache
def _secret(data_dir: Path) -> str:
    """Read (or make, once) the secret of a data folder."""
    path = data_dir / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (read once)."""
    return Settings()
