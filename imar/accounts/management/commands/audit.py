"""`imar audit verify` and `imar audit checkpoint`: check the trail, publish its head."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from imar.accounts import sealing
from imar.accounts.audit import HEAD_ID, verify_chain
from imar.accounts.audit_checkpoint import (
    CheckpointRefused,
    read_checkpoint,
    take_checkpoint,
    verify_against,
)
from imar.accounts.audit_drift import check_drift
from imar.accounts.models import AuditChainHead


class Command(BaseCommand):
    help = (
        "Audit trail tools. `verify` recomputes every seal, checks the chain head, the "
        "database's triggers, published checkpoints and the audited tables against the "
        "trail; `checkpoint` signs the head for publication outside the database."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        verify = actions.add_parser(
            "verify", help="exit status 1, with every problem listed, if anything was rewritten"
        )
        verify.add_argument(
            "--checkpoint",
            action="append",
            default=[],
            metavar="FILE",
            help="a checkpoint written by `imar audit checkpoint` (repeatable)",
        )
        verify.add_argument(
            "--no-drift",
            action="store_true",
            help="skip comparing the audited tables with the trail",
        )
        checkpoint = actions.add_parser(
            "checkpoint", help="write the signed head (count, last hash, time) to publish"
        )
        checkpoint.add_argument("--output", metavar="FILE", help="write to FILE, not stdout")

    def handle(self, *args, **options):
        with translation.override("en"):
            if options["action"] == "checkpoint":
                return self._checkpoint(options["output"])
            return self._verify(options["checkpoint"], drift=not options["no_drift"])

    def _checkpoint(self, output: str | None):
        try:
            checkpoint = take_checkpoint()
        except CheckpointRefused as refused:
            for problem in refused.problems:
                self.stderr.write(_line(problem))
            raise CommandError(
                "The audit trail is broken: no checkpoint was written (it would vouch for "
                "the damage). Investigate with `imar audit verify`."
            ) from None
        text = json.dumps(checkpoint, indent=2, ensure_ascii=False) + "\n"
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stdout.write(
                f"Checkpoint of {checkpoint['count']} events written to {output}: publish it "
                "outside this server."
            )
        else:
            self.stdout.write(text, ending="")

    def _verify(self, checkpoint_files: list[str], *, drift: bool):
        problems = [_line(p) for p in verify_chain()]
        for name in checkpoint_files:
            try:
                checkpoint = read_checkpoint(Path(name).read_bytes())
            except OSError as error:
                raise CommandError(f"{name}: {error.strerror}") from None
            except sealing.CheckpointError as error:
                raise CommandError(f"{name}: {error}") from None
            problems += [f"{name}: {_line(p)}" for p in verify_against(checkpoint)]
        notices = []
        if drift:
            for report in check_drift():
                for object_id, message in report.problems:
                    problems.append(f"{report.label} {object_id}: {message}")
                if report.more:
                    problems.append(f"{report.label}: {report.more} more differences")
                if report.unrecorded:
                    notices.append(
                        f"{report.label}: {report.unrecorded} rows have no audit event (loaded "
                        "in bulk or before the trail); changes to them cannot be checked."
                    )
        for notice in notices:
            self.stdout.write(notice)
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"The audit trail is broken: {len(problems)} problem(s).")
        head = AuditChainHead.objects.filter(pk=HEAD_ID).first()
        checked = f", {len(checkpoint_files)} checkpoint(s) hold" if checkpoint_files else ""
        self.stdout.write(
            f"The audit trail is intact: {head.length} events, head {head.last_hash[:16]}"
            f"{checked}{', tables match the trail' if drift else ''}."
        )


def _line(problem) -> str:
    return f"event {problem.sequence}: {problem.problem}" if problem.sequence else problem.problem
