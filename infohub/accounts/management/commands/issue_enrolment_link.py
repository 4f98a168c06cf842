from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from infohub.accounts.enrolment import (
    enrolment_link_issue,
    enrolment_link_issue_and_mail,
    link_hours,
)
from infohub.accounts.errors import ProvisioningError
from infohub.accounts.management.commands._base import ProvisioningCommand
from infohub.accounts.models import User


def hand_over_link(command: BaseCommand, *, user: User, mail: bool) -> None:
    """Issue a link for ``user``: mail it to them, or print it as the last line."""
    if mail:
        enrolment_link_issue_and_mail(user=user, actor=None)
        command.stdout.write(
            f"Enrolment link mailed to the address of {user.username}; "
            f"it works once, for {link_hours()} hours."
        )
        return
    issued = enrolment_link_issue(user=user, actor=None)
    command.stderr.write(
        f"Enrolment link for {user.username}: it works once, for {link_hours()} hours, "
        "to set up the account's authenticator. Older links no longer work."
    )
    command.stdout.write(issued.url)


class Command(ProvisioningCommand):
    help = (
        "Issue a new enrolment link, with which a staff account sets up its authenticator "
        "(first sign-in, or after a lost phone); older links stop working. The link is "
        "printed as the last line, or mailed with --mail."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument(
            "--mail", action="store_true", help="mail the link to the account's e-mail address"
        )

    def provision(self, *, username: str, mail: bool, **_: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise ProvisioningError(f"No account with username {username!r}.")
        hand_over_link(self, user=user, mail=mail)
