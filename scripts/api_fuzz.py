"""Schemathesis over the whole OpenAPI schema, against a live server on a throwaway database.

    .venv/bin/python scripts/api_fuzz.py [--max-examples N] [--seed S] [--keep]

Builds a fresh SQLite database in a temporary IMAR_DATA_DIR (`imar migrate`, then
`imar demo --projects 200`), serves it with `imar runserver` on a free port of 127.0.0.1,
and runs `schemathesis run` three times: anonymously, with a fund officer's token and with
the Derna engineer's token. Writes made with the tokens land in that temporary database
only: DATABASE_URL and IMAR_REDIS_URL are removed from the server's environment, and the
directory is deleted afterwards (unless --keep).

Checks: no 5xx (`not_a_server_error`), every status code documented
(`status_code_conformance`) and every body conforming to its documented schema
(`response_schema_conformance`). Exit status 1 when any run fails. The run time is bounded
by --max-examples (and a timeout per run); `.ci/run` calls it after the tests. A deeper run
adds the coverage phase (boundary and malformed values; tens of minutes):
`--phases examples,coverage,fuzzing --timeout 3600 --keep`.
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
IMAR = str(BIN / "imar")
SCHEMATHESIS = str(BIN / "schemathesis")
PASSWORD = "imar-demo-2026"  # the demo logins' (imar/accounts/demo.py)
IDENTITIES = {"anonymous": None, "officer": "officer", "engineer": "engineer"}
CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_environment(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "IMAR_REDIS_URL")}
    env.update(
        IMAR_DATA_DIR=str(data_dir),
        IMAR_DEBUG="true",
        # Rate limits would turn most of the run into documented 429s: lift them here only.
        IMAR_API_ANON_RATE="1000000/minute",
        IMAR_API_USER_RATE="1000000/minute",
        IMAR_SCENARIO_TIME_LIMIT="2",
    )
    return env


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.5)


def token(base: str, username: str) -> str:
    body = json.dumps({"username": username, "password": PASSWORD}).encode()
    request = urllib.request.Request(
        f"{base}/api/v1/auth/token/", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["token"]


def fuzz(base: str, label: str, key: str | None, args, report_dir: Path) -> bool:
    command = [
        SCHEMATHESIS, "run", f"{base}/api/v1/schema/",
        "--checks", CHECKS,
        "--phases", args.phases,
        "--max-examples", str(args.max_examples),
        "--seed", str(args.seed),
        "--workers", "1",
        "--generation-database", "none",
        "--generation-with-security-parameters", "false",
        "--request-timeout", "60",
        # Django's development server cannot read chunked request bodies: the leftover
        # chunk closes the connection, and the next request needs a fresh one.
        "--request-retries", "2",
        "--no-color",
        "--report", "junit",
        "--report-junit-path", str(report_dir / f"{label.replace(' ', '-')}.xml"),
    ]  # fmt: skip
    if key:
        command += ["--header", f"Authorization: Token {key}"]
    print(f"== schemathesis as {label} ({args.phases}, {args.max_examples} examples)", flush=True)
    try:
        result = subprocess.run(command, cwd=report_dir, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        print(f"schemathesis as {label} took more than {args.timeout} s", flush=True)
        return False
    return result.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-examples", type=int, default=5)
    parser.add_argument(
        "--phases", default="examples,fuzzing", help="e.g. add `coverage` (slow) for a deep run"
    )
    parser.add_argument(
        "--as", dest="identities", default="anonymous,officer,engineer",
        help="comma-separated: anonymous, officer, engineer",
    )  # fmt: skip
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--timeout", type=int, default=300, help="seconds per identity")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="imar-fuzz-"))
    env = server_environment(data_dir)
    server = None
    try:
        for step in (["migrate", "--no-input"], ["demo", "--projects", "200", "--seed", "7"]):
            subprocess.run([IMAR, *step], env=env, check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = open(data_dir / "server.log", "w")  # noqa: SIM115 (closed with the server)
        server = subprocess.Popen(
            [IMAR, "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_for(f"{base}/api/v1/schema/")
        # Tokens first: fuzzing the token endpoint may lock this address out of logging in.
        labels = args.identities.split(",")
        keys = {label: IDENTITIES[label] and token(base, IDENTITIES[label]) for label in labels}
        results = [(label, fuzz(base, label, keys[label], args, data_dir)) for label in labels]
        for label, ok in results:
            print(f"schemathesis as {label}: {'passed' if ok else 'FAILED'}")
        if not all(ok for _label, ok in results):
            print(f"server log and reports: {data_dir}" if args.keep else "rerun with --keep")
            return 1
        return 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
