#!/usr/bin/env python3
"""Fetch pinned front-end libraries into ``imar/static/vendor/`` (and check them).

Imar never loads anything from a CDN at run time: the third-party front-end
libraries are vendored, unmodified, with their licences, and committed, so a
fresh clone needs neither Node nor network access. The TTF fonts used on the
server for Arabic PDFs are vendored the same way into ``imar/core/fonts/``, a
package data folder outside ``static/``, so they are not served to the public
(a package says ``"root": "imar/core/fonts"``). This script is the only way
those files get there.

The pinned manifest is ``scripts/vendor_assets.json``. For each package it holds
the npm name, the exact version, the sha512 integrity of the published tarball,
the files to take from it (paths relative to the tarball's ``package/`` folder,
``*``/``?`` globs allowed within one path segment), the licence file, and the
sha256 of every file extracted.

Usage (from the repository root)::

    python scripts/vendor_assets.py            # fetch with `npm pack`, verify, extract
    python scripts/vendor_assets.py --check    # offline: committed files == manifest
    python scripts/vendor_assets.py --only leaflet --only htmx.org

Fetching needs the ``npm`` client (it talks to whatever registry npm is
configured for; no registry address is written here). Each tarball is hashed
locally and must match the ``integrity`` pinned in the manifest. When a package
has no pinned integrity yet (new package, or a deliberate version bump: edit
``version`` and empty ``integrity``), the fetched value is recorded in the
manifest; review the diff before committing.

Every ``<root>/<dir>/`` folder is owned by this script: it is emptied and
rewritten on fetch, and ``--check`` reports any file that is missing, modified
or not listed, any relative ``url(...)`` in a vendored CSS file that points to a
file not vendored, and a stale ``MANIFEST.md``.

Python 3.11+, standard library only.
"""

from __future__ import annotations

import argparse
import base64
import fnmatch
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

REPO_ROOT = Path(__file__).resolve().parent.parent
MANIFEST_JSON = Path(__file__).resolve().with_suffix(".json")
VENDOR_DIR = REPO_ROOT / "imar" / "static" / "vendor"
# Where a package may be vendored: served to browsers, or kept on the server only.
ROOTS = ("imar/static/vendor", "imar/core/fonts")
MANIFEST_MD = "MANIFEST.md"
TAR_PREFIX = "package/"

CSS_URL_RE = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


class VendorError(Exception):
    pass


# --------------------------------------------------------------------------- helpers


def sha512_integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_manifest() -> dict:
    with MANIFEST_JSON.open(encoding="utf-8") as fh:
        return json.load(fh)


def save_manifest(manifest: dict) -> None:
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    MANIFEST_JSON.write_text(text, encoding="utf-8")


def package_root(pkg: dict) -> str:
    root = pkg.get("root", ROOTS[0])
    if root not in ROOTS:
        raise VendorError(f"{pkg['name']}: 'root' must be one of {', '.join(ROOTS)}")
    return root


def package_dir(pkg: dict) -> Path:
    rel = PurePosixPath(pkg["dir"])
    if rel.is_absolute() or ".." in rel.parts or len(rel.parts) != 1:
        raise VendorError(f"{pkg['name']}: 'dir' must be a single plain folder name")
    return REPO_ROOT / package_root(pkg) / rel


def folder_label(pkg: dict) -> str:
    """The package folder relative to imar/: static/vendor/<dir>/ or core/fonts/<dir>/."""
    return f"{package_root(pkg).removeprefix('imar/')}/{pkg['dir']}/"


def safe_relpath(name: str) -> str | None:
    """Path of a tar member relative to ``package/``, or None if unusable."""
    if not name.startswith(TAR_PREFIX):
        return None
    rel = PurePosixPath(name[len(TAR_PREFIX) :])
    if not rel.parts or rel.is_absolute() or any(p in ("..", ".", "") for p in rel.parts):
        return None
    return str(rel)


def pattern_matches(pattern: str, path: str) -> bool:
    """Glob match segment by segment (``*`` never crosses a ``/``)."""
    pat_parts = pattern.split("/")
    path_parts = path.split("/")
    if len(pat_parts) != len(path_parts):
        return False
    return all(fnmatch.fnmatchcase(s, p) for p, s in zip(pat_parts, path_parts, strict=True))


def wanted_patterns(pkg: dict) -> list[str]:
    patterns = list(pkg["files"])
    if pkg["license_file"] not in patterns:
        patterns.append(pkg["license_file"])
    return patterns


def css_missing_refs(css_path: str, css_text: str, present: set[str]) -> list[str]:
    """Relative url(...) targets of a CSS file that are not among ``present``."""
    missing = []
    base = PurePosixPath(css_path).parent
    for _, ref in CSS_URL_RE.findall(css_text):
        ref = ref.strip()
        if re.match(r"^(data:|[a-z][a-z0-9+.-]*:|//|#)", ref, re.IGNORECASE):
            continue
        ref = ref.split("?", 1)[0].split("#", 1)[0]
        parts: list[str] = list(base.parts)
        for part in PurePosixPath(ref).parts:
            if part == "..":
                if parts:
                    parts.pop()
            elif part != ".":
                parts.append(part)
        target = "/".join(parts)
        if target not in present:
            missing.append(f"{css_path} -> {ref}")
    return sorted(set(missing))


def human_size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n / (1024 * 1024):.2f} MiB"


def render_manifest_md(manifest: dict) -> str:
    lines = [
        "# Vendored front-end assets",
        "",
        "Generated by `scripts/vendor_assets.py` from `scripts/vendor_assets.json`;",
        "do not edit by hand. Files are copied unmodified from the npm package tarballs",
        "(paths below are relative to each package folder and to the tarball's `package/`).",
        "Folders are relative to `imar/`: `static/vendor/` is served to browsers,",
        "`core/fonts/` holds fonts used on the server only (PDFs) and is not served.",
        "Verify with `python scripts/vendor_assets.py --check`.",
        "",
        "| Package | Version | Licence | Licence file | Folder | Size |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for pkg in manifest["packages"]:
        total = sum(f["size"] for f in pkg.get("hashes", {}).values())
        lines.append(
            f"| `{pkg['name']}` | {pkg['version']} | {pkg.get('license', '?')} "
            f"| `{pkg['license_file']}` | `{folder_label(pkg)}` | {human_size(total)} |"
        )
    lines.append("")
    for pkg in manifest["packages"]:
        lines += [
            f"## {pkg['name']} {pkg['version']}",
            "",
            f"- Licence: {pkg.get('license', '?')} (`{pkg['license_file']}`)",
            f"- Tarball integrity: `{pkg.get('integrity', '')}`",
        ]
        if pkg.get("note"):
            lines.append(f"- Note: {pkg['note']}")
        lines += ["", "| File | Size | sha256 |", "| --- | --- | --- |"]
        for rel, info in sorted(pkg.get("hashes", {}).items()):
            lines.append(f"| `{rel}` | {info['size']} | `{info['sha256']}` |")
        lines.append("")
    return "\n".join(lines)


# --------------------------------------------------------------------------- fetch


def npm_pack(spec: str, workdir: Path) -> tuple[Path, str]:
    npm = shutil.which("npm")
    if npm is None:
        raise VendorError("`npm` is needed to fetch packages (not needed for --check)")
    cmd = [npm, "pack", spec, "--json", "--ignore-scripts", "--pack-destination", str(workdir)]
    proc = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise VendorError(f"npm pack {spec} failed:\n{proc.stderr.strip()}")
    try:
        info = json.loads(proc.stdout)[0]
    except (ValueError, IndexError, KeyError) as exc:
        raise VendorError(f"npm pack {spec}: unexpected output {proc.stdout[:200]!r}") from exc
    tarball = workdir / info["filename"]
    if not tarball.is_file():
        raise VendorError(f"npm pack {spec}: {tarball} not found")
    return tarball, info.get("integrity", "")


def fetch_package(pkg: dict, workdir: Path) -> None:
    spec = f"{pkg['name']}@{pkg['version']}"
    print(f"- {spec}: npm pack", flush=True)
    tarball, npm_integrity = npm_pack(spec, workdir)
    data = tarball.read_bytes()
    integrity = sha512_integrity(data)
    if npm_integrity and npm_integrity != integrity:
        raise VendorError(f"{spec}: npm reports {npm_integrity}, tarball hashes to {integrity}")
    pinned = pkg.get("integrity", "")
    if pinned and pinned != integrity:
        raise VendorError(f"{spec}: integrity mismatch\n  pinned  {pinned}\n  fetched {integrity}")
    if not pinned:
        print(f"  recording integrity {integrity}")
        pkg["integrity"] = integrity

    patterns = wanted_patterns(pkg)
    selected: dict[str, bytes] = {}
    package_json: dict = {}
    with tarfile.open(tarball, mode="r:gz") as tar:
        for member in tar.getmembers():
            rel = safe_relpath(member.name)
            if rel is None or not member.isfile():
                continue
            if rel == "package.json":
                package_json = json.load(tar.extractfile(member))
            if any(pattern_matches(p, rel) for p in patterns):
                selected[rel] = tar.extractfile(member).read()

    for pattern in patterns:
        if not any(pattern_matches(pattern, rel) for rel in selected):
            raise VendorError(f"{spec}: nothing in the tarball matches {pattern!r}")
    if package_json.get("version") not in (None, pkg["version"]):
        raise VendorError(f"{spec}: tarball package.json says {package_json.get('version')}")
    if "license" not in pkg:
        pkg["license"] = package_json.get("license", "?")

    missing = []
    for rel, content in selected.items():
        if rel.endswith(".css"):
            missing += css_missing_refs(rel, content.decode("utf-8", "replace"), set(selected))
    if missing:
        raise VendorError(f"{spec}: CSS references files not vendored:\n  " + "\n  ".join(missing))

    dest = package_dir(pkg)
    if dest.exists():
        shutil.rmtree(dest)
    hashes = {}
    for rel in sorted(selected):
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(selected[rel])
        hashes[rel] = {"sha256": sha256_hex(selected[rel]), "size": len(selected[rel])}
    pkg["hashes"] = hashes
    total = sum(h["size"] for h in hashes.values())
    print(f"  {len(hashes)} files, {human_size(total)} -> {dest.relative_to(REPO_ROOT)}")


def fetch(manifest: dict, only: set[str]) -> None:
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="imar-vendor-") as tmp:
        for pkg in manifest["packages"]:
            if only and pkg["name"] not in only:
                continue
            fetch_package(pkg, Path(tmp))
            # Save after each package so a recorded integrity is never lost.
            save_manifest(manifest)
    (VENDOR_DIR / MANIFEST_MD).write_text(render_manifest_md(manifest), encoding="utf-8")


# --------------------------------------------------------------------------- check


def check(manifest: dict) -> list[str]:
    problems: list[str] = []
    known = {root: set() for root in ROOTS}
    known[ROOTS[0]].add(MANIFEST_MD)
    for pkg in manifest["packages"]:
        spec = f"{pkg['name']}@{pkg['version']}"
        if not pkg.get("integrity", "").startswith("sha512-"):
            problems.append(f"{spec}: no pinned sha512 integrity")
        hashes = pkg.get("hashes") or {}
        if not hashes:
            problems.append(f"{spec}: no file hashes recorded (run a fetch)")
            continue
        for pattern in wanted_patterns(pkg):
            if not any(pattern_matches(pattern, rel) for rel in hashes):
                problems.append(f"{spec}: no recorded file matches {pattern!r}")
        dest = package_dir(pkg)
        known[package_root(pkg)].add(pkg["dir"])
        present: dict[str, bytes] = {}
        if dest.is_dir():
            for path in sorted(dest.rglob("*")):
                if path.is_file():
                    present[path.relative_to(dest).as_posix()] = path.read_bytes()
        for rel, info in sorted(hashes.items()):
            if rel not in present:
                problems.append(f"{spec}: missing {rel}")
            elif sha256_hex(present[rel]) != info["sha256"]:
                problems.append(f"{spec}: modified {rel}")
        for rel in sorted(set(present) - set(hashes)):
            problems.append(f"{spec}: unexpected file {rel}")
        for rel, content in present.items():
            if rel.endswith(".css"):
                for ref in css_missing_refs(rel, content.decode("utf-8", "replace"), set(present)):
                    problems.append(f"{spec}: CSS reference to a file not vendored: {ref}")
    for root, names in known.items():
        if (REPO_ROOT / root).is_dir():
            for entry in sorted((REPO_ROOT / root).iterdir()):
                if entry.name not in names:
                    problems.append(f"unexpected entry {root}/{entry.name}")
    md = VENDOR_DIR / MANIFEST_MD
    if not md.is_file() or md.read_text(encoding="utf-8") != render_manifest_md(manifest):
        problems.append(f"vendor/{MANIFEST_MD} is missing or stale")
    return problems


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="verify committed files offline; no npm needed"
    )
    parser.add_argument(
        "--only", action="append", default=[], metavar="NAME", help="fetch only this package"
    )
    args = parser.parse_args(argv)
    manifest = load_manifest()
    names = {pkg["name"] for pkg in manifest["packages"]}
    unknown = set(args.only) - names
    if unknown:
        parser.error(f"unknown package(s): {', '.join(sorted(unknown))}")
    try:
        if args.check:
            problems = check(manifest)
            for problem in problems:
                print(problem, file=sys.stderr)
            if problems:
                print(f"{len(problems)} problem(s); vendored assets do not match the manifest.")
                return 1
            print(f"OK: {len(manifest['packages'])} packages match {MANIFEST_JSON.name}.")
            return 0
        fetch(manifest, set(args.only))
        problems = check(manifest)
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    except VendorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
