from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from briefings.editorial.roles import EDITORS
from briefings.importing.sample import DEV_ADMIN_PASSWORD, DEV_ADMIN_USERNAME, load_sample_content


class Command(BaseCommand):
    help = (
        "Build the page tree, import and publish the sample articles and, in development "
        "(DEBUG on), create an admin account. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        results = load_sample_content()
        counts = {}
        for result in results:
            counts[result.action] = counts.get(result.action, 0) + 1
            if result.action in ("error", "conflict"):
                self.stderr.write(f"{result.action}  {result.file}: {result.reason}")
        self.stdout.write("Sample articles: " + ", ".join(f"{n} {a}" for a, n in sorted(counts.items())))
        if counts.get("error") or counts.get("conflict"):
            raise CommandError("Some sample articles could not be imported.")
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off: no admin account created (use createsuperuser).")
            return
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=DEV_ADMIN_USERNAME,
            defaults={"email": "admin@example.com", "is_staff": True, "is_superuser": True},
        )
        if created:
            user.set_password(DEV_ADMIN_PASSWORD)
            user.save()
        # An editor too, so the first submission for review emails someone (Wagtail notifies the
        # reviewing group's members, not superusers as such).
        user.groups.add(Group.objects.get(name=EDITORS))
        if user.check_password(DEV_ADMIN_PASSWORD):
            self.stdout.write(
                self.style.SUCCESS(
                    f"Admin login (development only): username {DEV_ADMIN_USERNAME}  "
                    f"password {DEV_ADMIN_PASSWORD}"
                )
            )
        else:
            self.stdout.write(f"Admin account '{DEV_ADMIN_USERNAME}' exists with a password you set.")
