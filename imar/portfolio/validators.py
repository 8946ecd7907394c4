"""The format of project and program codes.

A code is an identifier: it goes into page addresses (/public/projects/<code>/), IATI and
OC4IDS identifiers, file names and spreadsheets. So Latin letters, digits, hyphens,
underscores and dots only, starting with a letter or digit, at most 32 characters: nothing
that a URL, a markup language or a formula could read as anything but text.
"""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

CODE_MAX_LENGTH = 32
CODE_PATTERN = rf"^[A-Za-z0-9][A-Za-z0-9._-]{{0,{CODE_MAX_LENGTH - 1}}}\Z"


class ProjectCodeValidator(RegexValidator):
    # Class attributes, not arguments: migrations name the class, so a reworded message
    # needs no new migration.
    regex = CODE_PATTERN
    code = "invalid_code"
    message = _(
        "A project code uses only Latin letters, digits, hyphens (-), underscores (_) and "
        "dots (.), starts with a letter or digit, and has at most 32 characters."
    )


class ProgramCodeValidator(ProjectCodeValidator):
    message = _(
        "A program code uses only Latin letters, digits, hyphens (-), underscores (_) and "
        "dots (.), starts with a letter or digit, and has at most 32 characters."
    )


validate_project_code = ProjectCodeValidator()
validate_program_code = ProgramCodeValidator()
