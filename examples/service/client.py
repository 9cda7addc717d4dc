#!/usr/bin/env python3
"""A client of `servicechain serve` (docs/service.md), standard library only.

Stores the example hotel, analyzes it, adds two NPS survey waves and prints
their trend, then the report's size. Start a service first:

    servicechain serve &            # 127.0.0.1:8080, sqlite:servicechain.db
    python3 examples/service/client.py [--url http://127.0.0.1:8080] [--token-file F]
"""
import argparse
import http.client
import json
import os
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.dirname(HERE)


class ServiceError(Exception):
    """A problem document (RFC 9457) from the service; .problem holds it."""

    def __init__(self, status, problem):
        super().__init__("%d %s" % (status, problem.get("detail", problem.get("title", ""))))
        self.status, self.problem = status, problem


class Client:
    def __init__(self, url, token=None):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.headers = {"Authorization": "Bearer " + token} if token else {}

    def call(self, method, path, body=None):
        """The reply's body: parsed JSON, or text for HTML. Raises ServiceError."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            if body is not None and not isinstance(body, (str, bytes)):
                body = json.dumps(body)
            connection.request(method, path, body=body, headers=self.headers)
            response = connection.getresponse()
            data = response.read()
            kind = response.getheader("Content-Type", "")
            if response.status >= 400:
                raise ServiceError(response.status, json.loads(data) if "json" in kind else {"detail": data.decode()})
            if "json" in kind:
                return json.loads(data)
            return data.decode()
        finally:
            connection.close()

    def put_model(self, model_id, model_json):
        return self.call("PUT", "/v1/models/" + urllib.parse.quote(model_id), model_json)

    def run(self, request, model_id=None):
        return self.call("POST", "/v1/run", dict(request, model_id=model_id) if model_id else request)

    def add_wave(self, model_id, kind, date, csv_text):
        return self.call("POST", "/v1/models/%s/waves" % model_id, {"kind": kind, "date": date, "csv": csv_text})

    def trend(self, model_id, kind, **options):
        query = urllib.parse.urlencode(dict(kind=kind, **options))
        return self.call("GET", "/v1/models/%s/trend?%s" % (model_id, query))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--token-file")
    args = parser.parse_args()
    token = open(args.token_file).read().strip() if args.token_file else None
    client = Client(args.url, token)
    try:
        print("service", client.call("GET", "/v1/version")["version"])
        with open(os.path.join(EXAMPLES, "hotel.json"), "rb") as f:
            stored = client.put_model("hotel", f.read())
        print("stored hotel, etag", stored["etag"])
        analysis = client.run({"command": "analyze"}, model_id="hotel")
        first = max(analysis["units"], key=lambda u: u["impact"])
        print("CSI %.1f; improve %s first (impact %.3f)" % (analysis["csi"], first["id"], first["impact"]))
        for date, name in (("2026-03-31", "2026-q1-nps.csv"), ("2026-06-30", "2026-q2-nps.csv")):
            with open(os.path.join(EXAMPLES, "waves", name)) as f:
                client.add_wave("hotel", "nps", date, f.read())
        trend = client.trend("hotel", "nps", column="recommend")
        for wave in trend["waves"]:
            print("NPS %s: %.1f (n=%d)" % (wave["date"], wave["value"], wave["n"]))
        change = trend["changes"][0]
        print("change %+.1f, significant: %s" % (change["change"], change["significant"]))
        report = client.call("GET", "/v1/models/hotel/report?lang=es")
        print("report (es): %d characters of HTML" % len(report))
    except ServiceError as e:
        print("error:", e, json.dumps(e.problem.get("error"), indent=2), file=sys.stderr)
        return 1
    except OSError as e:
        print("cannot reach %s: %s (is `servicechain serve` running?)" % (args.url, e), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
