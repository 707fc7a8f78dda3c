"""Schemathesis against a running `stige serve --demo` (STIGE_URL), once with a
partner's token and once with a staff token (the admin's): every check
(response schema and status code conformance among them), every phase
(examples, coverage, fuzzing, stateful), bounded in examples and time so the
whole run takes a few minutes. `/auth/logout`, `/auth/logout-everywhere` and
`DELETE /users/{id}/sessions` are left out: they would end the session of the
token the run uses; so is `/auth/password`, which would change the password the
run signs in with. Exits 1 on any failure.

Run by `cargo xtask test` in the venv it makes (target/schemathesis-venv,
from requirements.txt); by hand:

    STIGE_URL=http://127.0.0.1:8080 target/schemathesis-venv/bin/python e2e/schemathesis/run.py
"""

import base64
import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

BASE = os.environ.get("STIGE_URL", "").rstrip("/")
HERE = Path(__file__).resolve().parent
REPORTS = HERE.parent.parent / "target" / "schemathesis"
MAX_EXAMPLES = os.environ.get("STIGE_SCHEMATHESIS_EXAMPLES", "12")
MAX_SECONDS = os.environ.get("STIGE_SCHEMATHESIS_SECONDS", "60")


def post(path, body, headers):
    request = urllib.request.Request(BASE + path, data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def staff_token():
    body = json.dumps({"username": "admin", "password": "demo"}).encode()
    return post("/api/v1/auth/login", body, {"content-type": "application/json"})["access_token"]


def partner_token():
    basic = base64.b64encode(b"demo-kristiansand:demo").decode()
    body = urllib.parse.urlencode({"grant_type": "client_credentials"}).encode()
    headers = {
        "authorization": f"Basic {basic}",
        "content-type": "application/x-www-form-urlencoded",
    }
    return post("/api/v1/auth/token", body, headers)["access_token"]


def run(label, token):
    REPORTS.mkdir(parents=True, exist_ok=True)
    st = Path(sys.executable).parent / "st"
    command = [
        str(st), "--config-file", str(HERE / "schemathesis.toml"),
        "run", f"{BASE}/api/v1/openapi.json",
        "--url", BASE,
        "--checks", "all",
        "--phases", "examples,coverage,fuzzing,stateful",
        "--exclude-path", "/api/v1/auth/logout",
        "--exclude-path", "/api/v1/auth/logout-everywhere",
        "--exclude-path", "/api/v1/users/{id}/sessions",
        "--exclude-path", "/api/v1/auth/password",
        "--header", f"Authorization: Bearer {token}",
        "--max-examples", MAX_EXAMPLES,
        "--max-time", MAX_SECONDS,
        "--seed", "19",
        # One worker: with two threads, hypothesis' ast.parse of lambdas races
        # inside CPython 3.11.7 ("AST constructor recursion depth mismatch"),
        # a crash of the tool, not a finding about Stige.
        "--workers", "1",
        "--request-timeout", "20",
        "--generation-database", "none",
        "--no-color",
        "--report", "junit",
        "--report-junit-path", str(REPORTS / f"{label}.xml"),
    ]
    print(f"==> schemathesis as {label}", flush=True)
    started = time.monotonic()
    result = subprocess.run(command, cwd=HERE)
    print(f"schemathesis as {label}: exit {result.returncode} in {time.monotonic() - started:.0f} s", flush=True)
    return result.returncode == 0


def main():
    if not BASE:
        print("Set STIGE_URL to a running `stige serve --demo`.", file=sys.stderr)
        return 2
    # Both signed in before either run: the partner run sends wrong passwords
    # for the demo's names to /auth/login, and the throttle it then meets
    # would refuse the staff sign-in after it (429).
    partner, staff = partner_token(), staff_token()
    # The partner first: the staff run may revoke the demo API clients.
    results = [run("partner", partner), run("staff", staff)]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
