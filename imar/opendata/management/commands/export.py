"""`imar export iati|oc4ids|csv|xlsx|geojson [--output FILE] [filters]`: public open data."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from imar.core.terminal import terminal_progress
from imar.opendata.formats import FORMATS, KINDS
from imar.opendata.source import ExportFilterError, export_projects, publication_problems


class Command(BaseCommand):
    help = "Export the public projects as open data (only what the public portal shows)."

    def add_arguments(self, parser):
        parser.add_argument("format", choices=sorted(FORMATS))
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")
        parser.add_argument("--district", help="district ISO 3166-2 code, e.g. LY-DR")
        parser.add_argument("--region", help="region p-code")
        parser.add_argument("--municipality", help="municipality p-code")
        parser.add_argument("--sector", help="sector code, e.g. housing")
        parser.add_argument("--status", help="lifecycle status, e.g. implementation")
        parser.add_argument("--program", help="program code")
        parser.add_argument("--organization-country", help="partner country, e.g. TR")
        parser.add_argument("--q", help="search text (Arabic spelling variants folded)")
        parser.add_argument("--kind", choices=KINDS, default="projects")
        parser.add_argument(
            "--site-url",
            default=settings.IMAR_SITE_URL,
            help="the site's public address for links (default: IMAR_SITE_URL)",
        )

    def handle(self, *args, **options):
        export_format = FORMATS[options["format"]]
        if options["kind"] not in export_format.kinds:
            raise CommandError(
                f"--kind {options['kind']}: not available in {export_format.name} "
                f"(available: {', '.join(export_format.kinds)})."
            )
        if problems := publication_problems(oc4ids=export_format.name == "oc4ids"):
            raise CommandError(" ".join(problems))
        site_url = (options["site_url"] or "").rstrip("/")
        if export_format.name in ("iati", "oc4ids") and not site_url:
            raise CommandError(
                "--site-url (or IMAR_SITE_URL) is needed: IATI and OC4IDS links are absolute."
            )
        params = {
            key: options[key]
            for key in ("district", "region", "municipality", "sector", "status", "program", "q")
            if options[key]
        }
        if options["organization_country"]:
            params["organization_country"] = options["organization_country"].upper()
        try:
            queryset = export_projects(params)
        except ExportFilterError as error:
            raise CommandError(f"Invalid filter: {error}") from error
        chunks = export_format.write(queryset, options["kind"], base_url=site_url)
        with terminal_progress(self.stderr, f"imar export {export_format.name} (kB)") as progress:
            self._write(_counted(chunks, progress), options)

    def _write(self, chunks, options):
        if options["output"]:
            with open(options["output"], "wb") as output:
                for chunk in chunks:
                    output.write(chunk)
        else:
            out = self.stdout._out
            binary = getattr(out, "buffer", None)  # a real terminal or pipe takes bytes
            for chunk in chunks:
                if binary is not None:
                    binary.write(chunk)
                else:
                    out.write(chunk.decode("utf-8"))
            if binary is not None:
                binary.flush()


def _counted(chunks, progress):
    """The chunks as they are, telling the terminal's bar how many kB went out."""
    written = 0
    for chunk in chunks:
        written += len(chunk)
        progress(written // 1024)
        yield chunk
