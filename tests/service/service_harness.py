"""Starts the real parts the HTTP service's tests talk to: `servicechain serve`
processes on free loopback ports and a PostgreSQL server of their own (initdb
in a temporary directory; as root, run as the user scripts/setup.sh creates).
Standard library only."""
import glob
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time

CLI = os.environ.get("SERVICECHAIN_CLI", "servicechain")
SOURCE_DIR = os.environ.get("SERVICECHAIN_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
PG_USER = "servicechain-test"


def example(name):
    return os.path.join(SOURCE_DIR, "examples", name)


def read(path, mode="rb"):
    with open(path, mode) as f:
        return f.read()


def request(port, method, path, body=None, headers=None, timeout=60):
    """(status, headers dict with lower-case names, body bytes)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Service:
    """One `servicechain serve` process; the port comes from its first line on stderr."""

    def __init__(self, workdir, *args):
        self.workdir, self.args = workdir, list(args)
        self.process, self.port = None, None
        self.start()

    def start(self):
        log = open(os.path.join(self.workdir, "serve.log"), "ab")
        self.process = subprocess.Popen([CLI, "serve", "--listen", "127.0.0.1:0", *self.args], cwd=self.workdir,
                                        stdout=log, stderr=subprocess.PIPE)
        line, match = "", None
        for _ in range(20):  # log lines may come first (--log-level)
            next_line = self.process.stderr.readline().decode()
            line += next_line
            match = re.search(r"listening on http://[^ ]*:(\d+)", next_line)
            if match or not next_line:
                break
        if not match:
            self.process.kill()
            self.process.wait(10)
            raise AssertionError("serve did not start: " + line + self.process.stderr.read().decode())
        self.port = int(match.group(1))
        # keep draining stderr so the service never blocks on a full pipe
        shutil_thread(self.process.stderr, log)

    def call(self, method, path, body=None, headers=None, timeout=60):
        return request(self.port, method, path, body, headers, timeout)

    def kill9(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                return self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                raise
        return self.process.returncode


def shutil_thread(stream, sink):
    import threading

    def pump():
        for chunk in iter(lambda: stream.read1(65536), b""):
            sink.write(chunk)
            sink.flush()

    threading.Thread(target=pump, daemon=True).start()


def pg_bin(name):
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/" + name))
    if not found:
        raise AssertionError("PostgreSQL's %s is not installed (scripts/setup.sh test installs postgresql)" % name)
    return found[-1]


class Postgres:
    """A PostgreSQL server of the tests' own: a temporary data directory, a free
    loopback port, its socket in the directory; stopped (and removed) by stop()."""

    def __init__(self):
        self.root = tempfile.mkdtemp(prefix="servicechain-pg-", dir="/tmp")
        self.data = os.path.join(self.root, "data")
        self.port = free_port()
        self.as_user = []
        if os.geteuid() == 0:  # PostgreSQL refuses root
            shutil.chown(self.root, PG_USER, PG_USER)
            self.as_user = ["runuser", "-u", PG_USER, "--"]
        self.run([pg_bin("initdb"), "-D", self.data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"])
        self.start()

    def run(self, command):
        result = subprocess.run(self.as_user + command, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise AssertionError(" ".join(command) + " failed: " + result.stdout + result.stderr)

    @property
    def url(self):
        return "postgresql://postgres@127.0.0.1:%d/postgres?connect_timeout=5" % self.port

    def start(self):
        options = "-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off" % (self.port, self.root)
        self.run([pg_bin("pg_ctl"), "-D", self.data, "-o", options, "-l", os.path.join(self.root, "log"), "-w", "start"])
        self.running = True

    def stop_server(self):
        self.run([pg_bin("pg_ctl"), "-D", self.data, "-m", "fast", "-w", "stop"])
        self.running = False

    def stop(self):
        try:
            if self.running:
                self.stop_server()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def wait_until(predicate, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False
