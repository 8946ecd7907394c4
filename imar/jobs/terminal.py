"""Progress bars for management commands: `rich` on a terminal, silence elsewhere.

    with terminal_progress(self.stdout, "Refreshing figures") as progress:
        refresh_figures(progress=progress)

`progress(done, total=None, message=None)` is the same reporter a background job gets, so
one service feeds a job's bar on a page and a command's bar in a terminal. Nothing is drawn
when the output is not a TTY (cron, CI, a pipe) or when `IMAR_PROGRESS=0`.
"""

import os
from contextlib import contextmanager


def _wanted(stream) -> bool:
    if os.environ.get("IMAR_PROGRESS", "") in {"0", "false", "no", "off"}:
        return False
    target = getattr(stream, "_out", stream)  # Django's OutputWrapper
    isatty = getattr(target, "isatty", None)
    return bool(isatty and isatty())


def _quiet(done, total=None, message=None):
    return None


@contextmanager
def terminal_progress(stream, description: str):
    if not _wanted(stream):
        yield _quiet
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

        def report(done, total=None, message=None):
            fields = {"completed": done}
            if total is not None:
                fields["total"] = total
            if message:
                fields["description"] = f"{description}: {message}"
            bar.update(task, **fields)

        yield report
