"""The HTTP service with real parts (docs/service.md): `servicechain serve`
processes on loopback, an SQLite file, a PostgreSQL server of the tests' own.
Run by ctest (label `service`) with SERVICECHAIN_CLI and SERVICECHAIN_SOURCE_DIR."""
import json
import os
import subprocess
import tempfile
import threading
import time

import pytest

from service_harness import CLI, Postgres, Service, example, read, request, wait_until

HOTEL = read(example("hotel.json"))
HOTEL_ES = read(example("hotel-es.json"))
WAVES = [("2026-03-31", example("waves/2026-q1-nps.csv")), ("2026-06-30", example("waves/2026-q2-nps.csv"))]


def cli_json(*args):
    return subprocess.run([CLI, *args, "--json"], capture_output=True, check=True, timeout=120).stdout


ANALYZE_CLI = cli_json("analyze", example("hotel.json"))


@pytest.fixture
def workdir():
    with tempfile.TemporaryDirectory(prefix="servicechain-serve-") as d:
        yield d


@pytest.fixture
def service(workdir):
    s = Service(workdir)
    yield s
    assert s.stop() == 0


@pytest.fixture(scope="module")
def postgres():
    pg = Postgres()
    yield pg
    pg.stop()


def problem(response, status, code):
    got_status, headers, body = response
    assert got_status == status, body
    assert headers["content-type"] == "application/problem+json"
    doc = json.loads(body)
    assert doc["status"] == status and doc["error"]["code"] == code, doc
    return doc


def analyze(s, model_id="hotel"):
    return s.call("POST", "/v1/run", {"command": "analyze", "model_id": model_id})


# ---- every route, on the default SQLite store ---------------------------------------


def test_every_route_answers_like_the_cli(service, workdir):
    status, _, body = service.call("GET", "/health")
    assert status == 200 and json.loads(body) == {"status": "ok", "store": "sqlite"}
    status, _, body = service.call("GET", "/v1/version")
    assert status == 200 and json.loads(body)["schema_version"] == 1
    status, _, body = service.call("GET", "/openapi.json")
    paths = json.loads(body)["paths"]
    for route in ["/health", "/v1/version", "/openapi.json", "/v1/run", "/v1/models/{id}", "/v1/models/{id}/waves",
                  "/v1/models/{id}/trend", "/v1/models/{id}/report"]:
        assert route in paths
    assert set(paths["/v1/models/{id}"]) >= {"get", "put", "delete"}
    assert os.path.exists(os.path.join(workdir, "servicechain.db"))  # the default store

    status, headers, body = service.call("PUT", "/v1/models/hotel", HOTEL)
    assert status == 201 and headers["etag"].strip('"') == json.loads(body)["etag"]
    assert service.call("PUT", "/v1/models/hotel", HOTEL)[0] == 200  # replaced
    status, _, body = service.call("GET", "/v1/models/hotel")
    assert status == 200 and body == HOTEL
    status, headers, body = analyze(service)
    assert status == 200 and headers["content-type"] == "application/json" and body == ANALYZE_CLI
    # an inline model gives the same bytes
    status, _, body = service.call("POST", "/v1/run", b'{"command": "analyze", "model": ' + HOTEL + b"}")
    assert status == 200 and body == ANALYZE_CLI
    people = cli_json("people", example("hotel.json"), "--threshold", "0.7")
    assert service.call("POST", "/v1/run", {"command": "people", "threshold": 0.7, "model_id": "hotel"})[2] == people

    for lang in ("en", "es"):
        status, headers, body = service.call("GET", "/v1/models/hotel/report?lang=" + lang)
        assert status == 200 and headers["content-type"] == "text/html" and body.startswith(b"<!DOCTYPE html")

    for date, path in WAVES:
        status, _, _ = service.call("POST", "/v1/models/hotel/waves", {"kind": "nps", "date": date, "csv": read(path, "r")})
        assert status == 201
    trend_cli = cli_json("trend", "nps", "--column", "recommend", *[a for d, p in WAVES for a in ("--wave", d + "=" + p)])
    status, _, body = service.call("GET", "/v1/models/hotel/trend?kind=nps&column=recommend")
    assert status == 200 and body == trend_cli

    assert service.call("DELETE", "/v1/models/hotel")[0] == 204
    problem(service.call("GET", "/v1/models/hotel"), 404, "not_found")
    problem(analyze(service), 404, "not_found")
    problem(service.call("GET", "/v1/models/hotel/trend?kind=nps&column=recommend"), 404, "not_found")
    problem(service.call("DELETE", "/v1/models/hotel"), 404, "not_found")


def test_bad_inputs_get_their_status_and_a_problem_document(workdir):
    s = Service(workdir, "--max-body", "100000", "--max-header", "4096")
    try:
        doc = problem(s.call("POST", "/v1/run", '{"command": "analyze",\n "x": nope}'), 400, "bad_request")
        assert doc["error"]["path"].startswith("<body>:2:"), doc  # the line of the bad token
        doc = problem(s.call("POST", "/v1/models/hotel/waves", "{"), 400, "bad_request")
        assert doc["error"]["path"].startswith("<body>:1:")
        problem(s.call("POST", "/v1/run", "[1]"), 400, "bad_request")
        problem(s.call("POST", "/v1/run", {"command": "no-such"}), 400, "unknown_command")
        problem(s.call("POST", "/v1/run", {"command": "analyze", "model": "geometric"}), 400, "bad_request")
        doc = problem(s.call("PUT", "/v1/models/broken", '{"format": "servicechain/1", "units": [{"id": "a"}, {"id": "a"}]}'),
                      422, "invalid_model")
        assert len(doc["error"]["errors"]) >= 2 and all("path" in e for e in doc["error"]["errors"])
        doc = problem(s.call("PUT", "/v1/models/broken", '{"format": '), 400, "bad_input")
        assert doc["error"]["path"].startswith("<body>:1:")
        # a server never reads its own files for a client
        doc = problem(s.call("POST", "/v1/run", {"command": "survey nps", "column": "a", "data": {"path": "/etc/passwd"}}),
                      400, "bad_option")
        assert doc["error"]["path"] == "/data" and "root" not in json.dumps(doc)
        assert s.call("PUT", "/v1/models/hotel", HOTEL)[0] == 201
        doc = problem(s.call("POST", "/v1/models/hotel/waves", {"kind": "nps", "date": "2026-01-31", "csv": 'a,b\n1,"2\n'}),
                      400, "bad_input")
        assert doc["error"]["path"] == "wave 2026-01-31:2:3"
        problem(s.call("POST", "/v1/models/hotel/waves", {"kind": "nps", "date": "31/01/2026", "csv": "a\n1\n"}), 400, "bad_option")
        problem(s.call("POST", "/v1/models/hotel/waves", {"kind": "nps"}), 400, "bad_request")
        problem(s.call("POST", "/v1/models/nobody/waves", {"kind": "nps", "date": "2026-01-31", "csv": "a\n1\n"}), 404, "not_found")
        problem(s.call("GET", "/v1/models/hotel/trend?kind=bogus"), 400, "bad_option")
        problem(s.call("GET", "/v1/models/hotel/report?lang=fr"), 400, "bad_option")
        problem(s.call("GET", "/v1/models/..%2Fetc/report"), 400, "bad_request")
        problem(s.call("GET", "/nowhere"), 404, "not_found")
        status, headers, _ = s.call("PATCH", "/v1/models/hotel")
        assert status == 405 and "PUT" in headers["allow"]
        problem(s.call("PUT", "/v1/models/big", b" " * 200000 + HOTEL), 413, "limit_exceeded")
        problem(s.call("GET", "/health", headers={"X-Big": "x" * 8000}), 431, "limit_exceeded")
        assert s.call("GET", "/health")[0] == 200  # still serving
        status, _, body = analyze(s)
        assert status == 200 and body == ANALYZE_CLI
    finally:
        assert s.stop() == 0


def test_token_is_required_off_loopback_and_checked(workdir):
    refused = subprocess.run([CLI, "serve", "--listen", "0.0.0.0:0"], capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "--token-file" in refused.stderr
    token_file = os.path.join(workdir, "token")
    with open(token_file, "w") as f:
        f.write("s3cret-token\n")
    s = Service(workdir, "--token-file", token_file)
    try:
        assert s.call("GET", "/health")[0] == 200  # a load balancer's probe needs none
        problem(s.call("GET", "/v1/version"), 401, "unauthorized")
        problem(s.call("GET", "/v1/version", headers={"Authorization": "Bearer wrong"}), 401, "unauthorized")
        problem(s.call("GET", "/v1/version", headers={"Authorization": "Bearer s3cret-token-and-more"}), 401, "unauthorized")
        assert s.call("GET", "/v1/version", headers={"Authorization": "Bearer s3cret-token"})[0] == 200
    finally:
        assert s.stop() == 0
    wide = subprocess.Popen([CLI, "serve", "--listen", "0.0.0.0:0", "--token-file", token_file], cwd=workdir,
                            stderr=subprocess.PIPE)
    try:
        assert b"listening on http://0.0.0.0:" in wide.stderr.readline()
    finally:
        wide.terminate()
        assert wide.wait(60) == 0


def test_sqlite_store_survives_kill_9(workdir):
    s = Service(workdir, "--store", "sqlite:models.db")
    assert s.call("PUT", "/v1/models/hotel", HOTEL)[0] == 201
    before = analyze(s)[2]
    s.kill9()
    s.start()
    try:
        status, _, after = analyze(s)
        assert status == 200 and after == before == ANALYZE_CLI
    finally:
        assert s.stop() == 0


def test_kill_9_during_an_upload_leaves_the_old_model_or_the_new(workdir):
    s = Service(workdir, "--store", "sqlite:models.db")
    assert s.call("PUT", "/v1/models/hotel", HOTEL)[0] == 201
    new = HOTEL_ES + b" " * (3 << 20)  # a large body: the kill lands while it is sent or stored
    for delay in (0.0, 0.05, 0.2):
        sender = threading.Thread(target=lambda: _ignore_errors(s.call, "PUT", "/v1/models/hotel", new, None, 30))
        sender.start()
        time.sleep(delay)
        s.kill9()
        sender.join()
        s.start()
        status, _, stored = s.call("GET", "/v1/models/hotel")
        assert status == 200 and stored in (HOTEL, new)
        assert analyze(s)[0] == 200
    assert s.stop() == 0


def _ignore_errors(function, *args):
    try:
        function(*args)
    except OSError:
        pass


def test_sigterm_finishes_requests_in_flight_and_a_full_queue_answers_503(workdir):
    s = Service(workdir, "--workers", "1", "--queue", "1")
    assert s.call("PUT", "/v1/models/hotel", HOTEL)[0] == 201
    slow = {"command": "simulate", "runs": 1000, "threads": 1, "model_id": "hotel"}  # about a second
    results = []
    threads = [threading.Thread(target=lambda: results.append(s.call("POST", "/v1/run", slow))) for _ in range(4)]
    for t in threads:
        t.start()
        time.sleep(0.05)
    time.sleep(0.2)
    s.process.terminate()  # SIGTERM while requests run and wait
    for t in threads:
        t.join()
    assert s.process.wait(60) == 0
    statuses = sorted(r[0] for r in results)
    assert statuses.count(200) >= 2, statuses  # the running one and the queued one finished
    assert 503 in statuses, statuses  # one worker, one place in the queue: the others are refused
    for status, headers, body in results:
        if status == 503:
            assert json.loads(body)["error"]["code"] == "busy"
        else:
            assert status == 200 and json.loads(body)["runs"] == 1000


# ---- PostgreSQL: persistence, outage, two instances ------------------------------------


def test_postgresql_store_two_instances_and_restart(postgres, workdir):
    a = Service(workdir, "--store", postgres.url)
    b = Service(workdir, "--store", postgres.url)
    try:
        assert a.call("PUT", "/v1/models/hotel", HOTEL)[0] == 201
        status, _, body = analyze(b)  # b sees a's write
        assert status == 200 and body == ANALYZE_CLI
        assert b.call("PUT", "/v1/models/hotel", HOTEL_ES)[0] == 200  # b replaces it: a's cached copy is stale
        assert a.call("GET", "/v1/models/hotel")[2] == HOTEL_ES
        assert analyze(a)[2] == cli_json("analyze", example("hotel-es.json"))
        assert a.call("PUT", "/v1/models/hotel", HOTEL)[0] == 200
        for date, path in WAVES:
            assert b.call("POST", "/v1/models/hotel/waves", {"kind": "nps", "date": date, "csv": read(path, "r")})[0] == 201
        trend = a.call("GET", "/v1/models/hotel/trend?kind=nps&column=recommend")
        assert trend[0] == 200 and len(json.loads(trend[2])["waves"]) == 2
        a.kill9()
        a.start()
        assert analyze(a)[2] == ANALYZE_CLI  # from PostgreSQL after the restart
        assert b.call("DELETE", "/v1/models/hotel")[0] == 204
        problem(analyze(a), 404, "not_found")
    finally:
        assert a.stop() == 0 and b.stop() == 0


def test_postgresql_outage_answers_503_then_recovers(postgres, workdir):
    s = Service(workdir, "--store", postgres.url)
    try:
        assert s.call("PUT", "/v1/models/outage", HOTEL)[0] in (200, 201)
        postgres.stop_server()
        problem(s.call("GET", "/health"), 503, "store_unavailable")
        problem(analyze(s, "outage"), 503, "store_unavailable")
        problem(s.call("PUT", "/v1/models/outage", HOTEL), 503, "store_unavailable")
        assert s.call("GET", "/v1/version")[0] == 200  # the service itself keeps running
        postgres.start()
        assert wait_until(lambda: s.call("GET", "/health")[0] == 200)
        status, _, body = analyze(s, "outage")
        assert status == 200 and body == ANALYZE_CLI
    finally:
        assert s.stop() == 0


def test_a_service_starts_while_its_postgresql_is_down(workdir):
    port_only = "postgresql://postgres@127.0.0.1:1/postgres?connect_timeout=2"
    s = Service(workdir, "--store", port_only)
    try:
        problem(s.call("GET", "/health"), 503, "store_unavailable")
    finally:
        assert s.stop() == 0


def test_the_example_client_runs(service):
    import sys
    done = subprocess.run([sys.executable, example("service/client.py"), "--url", "http://127.0.0.1:%d" % service.port],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    # servicechain analyze examples/hotel.json --json: csi 68.159, rooms has the largest impact;
    # servicechain trend nps --wave ... --column recommend --json: 15 then 45
    assert "CSI 68.2; improve rooms first" in done.stdout
    assert "NPS 2026-03-31: 15.0 (n=40)" in done.stdout and "NPS 2026-06-30: 45.0 (n=40)" in done.stdout


def test_a_slow_client_is_cut_off_and_the_service_keeps_serving(workdir):
    import socket
    s = Service(workdir, "--request-time", "0.5")
    try:
        slow = socket.create_connection(("127.0.0.1", s.port), timeout=10)
        slow.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")  # the headers never end
        time.sleep(1.0)
        assert s.call("GET", "/health")[0] == 200
        assert slow.recv(100) == b""  # closed by the service after --request-time
        slow.close()
        refused = subprocess.run([CLI, "serve", "--request-time", "0"], capture_output=True, text=True, timeout=60)
        assert refused.returncode == 2 and "--request-time" in refused.stderr
    finally:
        assert s.stop() == 0
