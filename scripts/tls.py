"""HTTPS on the centre's wifi: Caddy, with its own certificate authority, in front of Paso.

Phones open the app by the server's LAN address; service workers, installing the app and the
camera need a secure context there. Caddy (Debian's package, 2.6) answers at ``PASO_PUBLIC_URL``
with a certificate from its internal CA and forwards everything, websocket included, to the app
on ``127.0.0.1:$PORT``. Its CA, certificates and this Caddyfile live in ``PASO_DATA_DIR/caddy``.

    python scripts/tls.py run        # the app (`make run`) and Caddy, until Ctrl-C (`make tls`)
    python scripts/tls.py proxy      # Caddy only, in the foreground (the app runs elsewhere)
    python scripts/tls.py caddyfile  # write the Caddyfile and print its path
    python scripts/tls.py install    # install Caddy from Debian if it is missing
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rxapp.settings import ROOT, get_settings

# Where the app listens behind Caddy unless PORT says otherwise.
DEFAULT_APP_PORT = 8000
# Phones download the root certificate here (after accepting the warning once).
CA_PATH = "/paso-ca.crt"
ANDROID_HOWTO = (
    "Android: Settings → Security → Encryption & credentials → Install a certificate → "
    "CA certificate, then pick the downloaded file."
)


def caddy_dir() -> Path:
    """Caddy's configuration and storage (CA, keys, certificates) inside the data folder."""
    return get_settings().data_dir / "caddy"


def root_certificate() -> Path:
    """The root CA certificate Caddy creates on its first start; phones must trust it."""
    return caddy_dir() / "pki" / "authorities" / "local" / "root.crt"


def app_port() -> int:
    """The port the app listens on behind Caddy (``PORT``)."""
    return int(os.environ.get("PORT", DEFAULT_APP_PORT))


def caddyfile_text(public_url: str, upstream_ports: Sequence[int]) -> str:
    """A Caddyfile serving ``public_url`` with the internal CA, proxying to the app (one port,
    or several workers' ports: scripts/scale.py)."""
    parts = urlsplit(public_url)
    if parts.scheme != "https":
        raise SystemExit(f"PASO_PUBLIC_URL must start with https:// behind Caddy, not {public_url!r}")
    host, port = parts.hostname, parts.port or 443
    if port in upstream_ports:
        raise SystemExit(f"the app's port must differ from PASO_PUBLIC_URL's port ({port})")
    storage = caddy_dir()
    # Phones that open the app by IP send no server name (SNI): default_sni picks the certificate.
    # No admin endpoint (several Caddys may run on one machine), no redirect listener on port 80,
    # and never touch this machine's trust store.
    return f"""# Written by scripts/tls.py on every start: change the script, not this file.
{{
	admin off
	auto_https disable_redirects
	skip_install_trust
	default_sni {host}
	storage file_system {{
		root {storage}
	}}
}}

https://{parts.netloc} {{
	tls internal
	handle {CA_PATH} {{
		root * {root_certificate().parent}
		rewrite * /root.crt
		header Content-Disposition "attachment; filename=paso-ca.crt"
		file_server
	}}
{snapshot_parts()}
	handle {{
		{_reverse_proxy(upstream_ports)}
	}}
}}
"""


# A snapshot part, as rxapp.http.convertors names it: locale, then kind-number-hash.
PART = r"^/api/directory/([a-z]{2,3}(?:-[A-Za-z0-9]+)*)/((?:cards|detail|keys|words|numbers)-[0-9]+-[0-9a-f]+)\.json$"


def snapshot_parts() -> str:
    """Caddy serves the snapshot's parts straight from the files the app writes (named by their
    content: immutable; gzip beside each); the index, revalidated on every visit, stays on the
    app. A part no longer on disk is a 404, as the app answers it: the phone reloads the index."""
    folder = get_settings().data_dir / "snapshots"
    return f"""	@part path_regexp part {PART}
	handle @part {{
		root * {folder}
		rewrite * /{{re.part.1}}/{{re.part.2}}.json
		header Cache-Control "public, max-age=31536000, immutable"
		header X-Content-Type-Options nosniff
		file_server {{
			precompressed gzip
		}}
	}}"""


def _reverse_proxy(ports: Sequence[int]) -> str:
    upstreams = " ".join(f"127.0.0.1:{port}" for port in ports)
    if len(ports) == 1:
        return f"reverse_proxy {upstreams}"
    # Several workers: any of them serves any phone (state in Redis, data in the database), so
    # no sticky sessions. Websockets are long: a new one goes to the least busy worker. A
    # worker that stops answering /ping leaves the rotation within 2 s; a request that finds
    # it dead is tried on another one instead of failing.
    return f"""reverse_proxy {upstreams} {{
			lb_policy least_conn
			lb_try_duration 10s
			lb_try_interval 250ms
			fail_duration 10s
			health_uri /ping
			health_interval 2s
			health_timeout 2s
		}}"""


def behind_proxy(env: Mapping[str, str], port: int) -> dict[str, str]:
    """``env`` for an app on 127.0.0.1:``port`` behind this Caddy, which is its one trusted hop.

    Caddy passes the phone's address as the last X-Forwarded-For entry (it drops a value the
    phone sent itself); without trusting that hop every phone was Caddy's 127.0.0.1, one
    address for the whole centre's limits (issue 16, item 2). Listening on loopback only keeps
    anyone from going around Caddy with a forged header.
    """
    return dict(env, PORT=str(port), PASO_BIND_HOST="127.0.0.1", PASO_TRUSTED_PROXY_HOPS="1")


def write_caddyfile(upstream_ports: Sequence[int] = ()) -> Path:
    """Write the Caddyfile for PASO_PUBLIC_URL and PORT (or these ports) into the data folder."""
    path = caddy_dir() / "Caddyfile"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(caddyfile_text(get_settings().public_url, upstream_ports or [app_port()]))
    return path


def install_caddy() -> None:
    """Install Caddy from Debian's packages, only when it is missing."""
    if shutil.which("caddy"):
        return
    print("Installing Caddy from Debian's packages…")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "caddy"], check=True)


def caddy_command(caddyfile: Path) -> tuple[list[str], dict[str, str]]:
    """The command and environment that run Caddy in the foreground on ``caddyfile``."""
    # XDG dirs too, so nothing (autosave.json, locks) lands in the user's home.
    env = dict(os.environ, XDG_DATA_HOME=str(caddy_dir()), XDG_CONFIG_HOME=str(caddy_dir()))
    return ["caddy", "run", "--adapter", "caddyfile", "--config", str(caddyfile)], env


def print_howto() -> None:
    """Say where the app is and how phones come to trust its certificate."""
    url = get_settings().public_url
    print(
        f"\nPaso over HTTPS: {url}  (app on 127.0.0.1:{app_port()})\n"
        f"Root CA certificate: {root_certificate()}\n"
        f"Phones download it from {url}{CA_PATH} (accept the warning once), then install it.\n"
        f"{ANDROID_HOWTO}\n",
        flush=True,
    )


def proxy() -> None:
    """Run Caddy in the foreground; the app must be served on 127.0.0.1:PORT."""
    install_caddy()
    command, env = caddy_command(write_caddyfile())
    print_howto()
    os.execvpe(command[0], command, env)


def run() -> None:
    """Serve the app on 127.0.0.1:PORT (as `make run` does) and Caddy in front, until Ctrl-C."""
    install_caddy()
    command, caddy_env = caddy_command(write_caddyfile())
    # Behind Caddy the app is reachable from this machine only, never in clear over the wifi.
    app_env = behind_proxy(os.environ, app_port())
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    caddy = subprocess.Popen(command, env=caddy_env, start_new_session=True)
    app = subprocess.Popen(
        ["make", "--no-print-directory", "run"], cwd=ROOT, env=app_env, start_new_session=True
    )
    code = 0
    try:
        if _wait_for_app(app):
            print_howto()
        while caddy.poll() is None and app.poll() is None:
            time.sleep(1)  # waiting for either to stop
        code = app.returncode or caddy.returncode or 0
    except KeyboardInterrupt:
        pass  # Ctrl-C: the normal way to stop
    finally:
        for process in (app, caddy):
            stop(process)
    sys.exit(code)


def _wait_for_app(app: subprocess.Popen[bytes]) -> bool:
    while app.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{app_port()}/ping", timeout=2):
                return True
        except OSError:
            time.sleep(1)  # the first build takes a while
    return False


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a process started in its own session, and its children: TERM, then KILL after 20 s."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):  # the group may end between poll and kill
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def main() -> None:
    """Parse the command line and run one command."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["run", "proxy", "caddyfile", "install"])
    command = parser.parse_args().command
    if command == "caddyfile":
        print(write_caddyfile())
    elif command == "install":
        install_caddy()
    else:
        {"run": run, "proxy": proxy}[command]()


if __name__ == "__main__":
    main()
