from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from briefings.editorial.accounts import create_fellow
from briefings.editorial.roles import FELLOWS


class Command(BaseCommand):
    help = (
        f"Create a fellow's admin account (username = email) in {FELLOWS}, linked to their author "
        "profile, and print the invitation: a one-time password and the admin login address."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("name", help='full name as printed in bylines, e.g. "Hafsa Akram"')
        parser.add_argument("--affiliation", default="", help="organisation, as printed")
        parser.add_argument("--role", default="Research Fellow", help="default: Research Fellow")
        parser.add_argument("--honorific", default="", help="Ms., Dr., Prof. …")
        parser.add_argument(
            "--reset-link",
            action="store_true",
            help="set no password; print a link where the fellow chooses their own",
        )

    def handle(self, *args, **options):
        try:
            invitation = create_fellow(
                options["email"],
                options["name"],
                affiliation=options["affiliation"],
                role=options["role"],
                honorific=options["honorific"],
                set_password=not options["reset_link"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages) + " Nothing was created.") from error
        user, author = invitation.user, invitation.author
        self.stdout.write(self.style.SUCCESS(f"Created {user.username} in {FELLOWS}, author “{author}”."))
        self.stdout.write("\n".join(invitation.lines()))
