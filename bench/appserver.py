"""Start, log in to and stop a `cptdesk serve` process for the HTTP benchmarks.

The server listens on 127.0.0.1 only, on a port that was free a moment before it
started, and runs in its own process group so that stopping it ends gunicorn's master
and workers and nothing else.
"""

import http.client
import os
import re
import signal
import socket
import subprocess
import time
import urllib.parse
from contextlib import contextmanager
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
WORK = REPOSITORY / "bench" / "work"
CPTDESK = REPOSITORY / ".venv" / "bin" / "cptdesk"
PYTHON = REPOSITORY / ".venv" / "bin" / "python"
HOST = "127.0.0.1"
START_TIMEOUT = 60  # seconds for collectstatic, gunicorn boot and the first response
STOP_TIMEOUT = 15  # seconds between SIGTERM and SIGKILL

CREATE_USER = """
from cptdesk.accounts.actions import create_user
from cptdesk.accounts.choices import Role
from cptdesk.accounts.models import Practice, User
import os
name, password = os.environ["BENCH_USER"], os.environ["BENCH_PASSWORD"]
practice = Practice.objects.order_by("pk").first()
user = User.objects.filter(username=name).first()
if user is None:
    create_user(practice, name, [Role.SUPERVISOR], password=password)
else:
    user.set_password(password)
    user.save(update_fields=["password"])
"""


def cptdesk_env(data_dir):
    env = dict(os.environ, CPTDESK_DATA_DIR=str(data_dir))
    env.pop("DATABASE_URL", None)  # these benchmarks measure the SQLite install
    return env


def prepare_database(data_dir):
    """Run `cptdesk setup` unless the data folder already contains a database."""
    database = Path(data_dir) / "cptdesk.sqlite3"
    if not database.exists():
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [str(CPTDESK), "setup"],
            env=cptdesk_env(data_dir),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    return database


def ensure_user(data_dir, username, password):
    """Create the benchmark user in the first practice, or reset its password."""
    env = dict(cptdesk_env(data_dir), BENCH_USER=username, BENCH_PASSWORD=password)
    env["DJANGO_SETTINGS_MODULE"] = "cptdesk.settings"
    env["CPTDESK_LOG_LEVEL"] = "WARNING"
    script = "import django; django.setup()\n" + CREATE_USER
    subprocess.run([str(PYTHON), "-c", script], env=env, check=True, cwd=REPOSITORY)


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(data_dir, log_path, workers=2):
    """Start `cptdesk serve`, wait until it responds, yield (process, port); stop it."""
    port = free_port()
    command = [str(CPTDESK), "serve", "--host", HOST, "--port", str(port)]
    command += ["--workers", str(workers)]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            env=cptdesk_env(data_dir),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_responding(process, port)
        yield process, port
    finally:
        stop(process)


def wait_until_responding(process, port):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"cptdesk serve exited with status {process.returncode}")
        try:
            status, _, _ = request(port, "GET", "/login/")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(
        f"cptdesk serve did not respond on port {port} within {START_TIMEOUT} s; see the server log"
    )


def stop(process):
    """End the server's process group: SIGTERM, then SIGKILL after a grace period."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


def cookies_from(headers):
    jar = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            pair = value.split(";", 1)[0]
            key, _, cookie = pair.partition("=")
            jar[key.strip()] = cookie.strip()
    return jar


def log_in(port, username, password):
    """Sign in through the login form; return the Cookie header for later requests."""
    status, headers, page = request(port, "GET", "/login/")
    jar = cookies_from(headers)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or token is None or "csrftoken" not in jar:
        raise RuntimeError(f"login page returned status {status} without a CSRF token")
    form = urllib.parse.urlencode(
        {
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": token.group(1).decode(),
        }
    )
    status, headers, _ = request(
        port,
        "POST",
        "/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={jar['csrftoken']}",
            "Referer": f"http://{HOST}:{port}/login/",
        },
    )
    jar.update(cookies_from(headers))
    if status != 302 or "sessionid" not in jar:
        raise RuntimeError(f"login as {username} failed with status {status}")
    return "; ".join(f"{key}={value}" for key, value in jar.items())


def server_processes(master_pid):
    """Return the gunicorn master pid followed by its child (worker) pids."""
    children = []
    for task in Path(f"/proc/{master_pid}/task").iterdir():
        text = (task / "children").read_text().split()
        children.extend(int(pid) for pid in text)
    return [master_pid, *sorted(children)]


def memory_kib(pid):
    """Return VmRSS from /proc/PID/status and Pss from smaps_rollup, in KiB."""
    status = Path(f"/proc/{pid}/status").read_text()
    rss = int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1))
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    pss = int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE).group(1))
    return rss, pss
