from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from briefings.editorial.accounts import create_editor
from briefings.editorial.roles import EDITORS


class Command(BaseCommand):
    help = (
        f"Create an editor's admin account (username = email) in {EDITORS}: they review and publish "
        "articles, and look after authors and topics. Prints the invitation: a one-time password and "
        "the admin login address."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("name", help='full name, e.g. "Erin Editor"')
        parser.add_argument(
            "--author",
            action="store_true",
            help="also make (or link) their author profile, for an editor who writes too",
        )
        parser.add_argument("--affiliation", default="", help="with --author: organisation, as printed")
        parser.add_argument("--honorific", default="", help="with --author: Ms., Dr., Prof. …")
        parser.add_argument(
            "--reset-link",
            action="store_true",
            help="set no password; print a link where the editor chooses their own",
        )

    def handle(self, *args, **options):
        try:
            invitation = create_editor(
                options["email"],
                options["name"],
                author_profile=options["author"],
                affiliation=options["affiliation"],
                honorific=options["honorific"],
                set_password=not options["reset_link"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages) + " Nothing was created.") from error
        profile = f", author “{invitation.author}”" if invitation.author else ""
        self.stdout.write(self.style.SUCCESS(f"Created {invitation.user.username} in {EDITORS}{profile}."))
        self.stdout.write("\n".join(invitation.lines()))
