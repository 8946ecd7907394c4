"""The standards `imar import STANDARD …` reads, each given by the app that owns it.

One command (`imar/core/management/commands/import.py`) with one subcommand per standard:
`imar import iati FILE…` (donors' activities, imar.aid), `imar import ocds FILE` (contracting
data, imar.procurement). Each app registers its subcommand in its AppConfig.ready(), so the
command imports no domain app and a new standard joins without touching the others.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Standard:
    name: str
    help: str
    add_arguments: Callable  # (parser) -> None
    handle: Callable  # (command, **options) -> None; raises CommandError on failure
    # True when `handle` draws its own terminal progress bar (else the command shows a spinner)
    draws_progress: bool = False


_standards: dict[str, Standard] = {}


def register(
    name: str, *, help: str, add_arguments: Callable, handle: Callable, draws_progress=False
) -> None:
    _standards[name] = Standard(name, help, add_arguments, handle, draws_progress)


def standards() -> list[Standard]:
    return sorted(_standards.values(), key=lambda standard: standard.name)


def get(name: str) -> Standard:
    return _standards[name]
