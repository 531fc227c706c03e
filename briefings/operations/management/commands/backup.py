from django.core.management.base import BaseCommand, CommandError

from briefings.operations.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and MEDIA_ROOT into DEST/briefings-<UTC time>/; prints the folder."

    def add_arguments(self, parser):
        parser.add_argument("dest", help="folder to create the backup in (created if missing)")

    def handle(self, *args, dest, **options):
        try:
            backup = create_backup(dest)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stderr.write(
            f"Backed up database {backup.manifest['database']} and "
            f"{backup.manifest['media_files']} media files."
        )
        self.stdout.write(str(backup.path))
