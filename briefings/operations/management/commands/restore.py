from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from briefings.operations.backup import BackupError, read_backup, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup`: replaces the database's tables with the "
        "backup's (one transaction), puts its media files into MEDIA_ROOT and clears the cache."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="a backup folder, briefings-<UTC time>/")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, backup, yes, **options):
        try:
            found = read_backup(backup)
        except (BackupError, OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        database = connections["default"].settings_dict
        where = f"{database['NAME']} on {database.get('HOST') or 'localhost'}"
        if not yes:
            answer = input(
                f"Replace the database {where} with the backup of {found.manifest['created']} "
                f"({found.manifest['database']})? Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            restore_backup(found)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        for cache in caches.all():
            try:
                cache.clear()
            except Exception as error:  # noqa: BLE001 - the restore is done; a cache outage must not hide it
                self.stderr.write(f"Could not clear a cache ({error}): restart the site's workers.")
        self.stdout.write(f"Restored {found.path} into {where}.")
