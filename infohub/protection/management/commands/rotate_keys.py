from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from infohub.core.progress import ProgressBar
from infohub.protection.errors import RotationError
from infohub.protection.keyring import current_keyring
from infohub.protection.rotation import encrypted_fields, field_rotate, stale_count
from infohub.protection.services import canary_ensure, canary_forget_inactive


class Command(BaseCommand):
    help = (
        "Re-encrypt with the active data key (the first in INFOHUB_DATA_KEYS) every "
        "encrypted value written with another key. Put the new key first in "
        "INFOHUB_DATA_KEYS everywhere and restart every process before running it; "
        "remove an old key only once a run reports nothing left to re-encrypt (and keep "
        "it as long as backups made with it). Running it again changes nothing. It does "
        "not touch INFOHUB_DATA_HASH_KEY."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="count (and try to decrypt) the values to re-encrypt; write nothing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run: bool = options["dry_run"]
        active_id = current_keyring().active_id
        bar = ProgressBar(self.stderr, enabled=options["verbosity"] > 0, unit="values")
        fields = encrypted_fields()
        if not fields:
            self.stdout.write("No model has an encrypted field.")
        for model, field in fields:
            try:
                report = field_rotate(model=model, field=field, dry_run=dry_run, progress=bar)
            except RotationError as error:
                raise CommandError(str(error)) from None
            if dry_run:
                line = f"{report.label}: {report.re_encrypted} to re-encrypt"
            else:
                line = f"{report.label}: {report.re_encrypted} re-encrypted"
            line += f", {report.current} already current"
            if report.changed_meanwhile:
                line += f", {report.changed_meanwhile} saved by someone else meanwhile"
            self.stdout.write(line)
        if dry_run:
            self.stdout.write(f"Dry run: nothing was written. Active data key: {active_id!r}.")
            return
        canary_ensure()
        left = stale_count()
        if left:
            self.stdout.write(
                f"{left} value(s) were written with another key during the run (a process "
                "with the old INFOHUB_DATA_KEYS?); run rotate_keys again once every process "
                "uses the new keys."
            )
            return
        self.stdout.write(f"Every value is encrypted with the active data key {active_id!r}.")
        forgotten = canary_forget_inactive()
        if forgotten:
            self.stdout.write(
                f"No stored value needs the key(s) {', '.join(forgotten)} any more; keep them "
                "while backups made before this run are kept."
            )
