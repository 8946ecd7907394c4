"""Progress bars for management commands: `rich` on a terminal, silence elsewhere.

    with terminal_progress(self.stderr, "Refreshing figures") as progress:
        refresh_figures(progress=progress)

`progress(done, total=None, message=None)` is the same reporter a background job gets, so
one service feeds a job's bar on a page and a command's bar in a terminal;
`progress.log(text)` prints a line above the bar. `terminal_status` is a spinner with the
time elapsed, for work that cannot count its steps (a solver, an import of one file).
Bars go to standard error (standard output may be the data, as with `imar export`), and
nothing is drawn when it is not a TTY (cron, CI, a pipe) or when `IMAR_PROGRESS=0`.
"""

import os
from contextlib import contextmanager


def _wanted(stream) -> bool:
    if os.environ.get("IMAR_PROGRESS", "") in {"0", "false", "no", "off"}:
        return False
    target = getattr(stream, "_out", stream)  # Django's OutputWrapper
    isatty = getattr(target, "isatty", None)
    return bool(isatty and isatty())


class _Quiet:
    def __init__(self, log=None):
        self._log = log

    def __call__(self, done, total=None, message=None):
        return None

    def log(self, text: str) -> None:
        if self._log is not None:
            self._log(text)


@contextmanager
def terminal_status(stream, description: str):
    """A spinner with the elapsed time while the block runs (nothing off a terminal)."""
    if not _wanted(stream):
        yield
        return
    from rich.console import Console

    with Console(file=getattr(stream, "_out", stream)).status(description):
        yield


@contextmanager
def terminal_progress(stream, description: str, *, log=None):
    """A bar fed by `progress(done, total, message)`; `log` prints lines when there is none."""
    if not _wanted(stream):
        yield _Quiet(log)
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(file=getattr(stream, "_out", stream))
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    ) as bar:
        task = bar.add_task(description, total=None)

        class Report:
            def __call__(self, done, total=None, message=None):
                fields = {"completed": done}
                if total is not None:
                    fields["total"] = total
                if message:
                    fields["description"] = f"{description}: {message}"
                bar.update(task, **fields)

            def log(self, text: str) -> None:
                bar.console.print(text, highlight=False, markup=False)

        yield Report()
