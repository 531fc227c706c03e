import json
import sys

from django.core.management.base import BaseCommand, CommandError

from briefings.articles.models import BriefingIndexPage
from briefings.editorial.setup import ensure_site
from briefings.importing.service import ArticleImporter, collect_files
from taxonomy.suggest.adapter import suggest_parsed
from taxonomy.vocabularies import TAG_VOCABULARIES, resolve_codes


class Command(BaseCommand):
    help = "Import plain-text articles (.txt/.md files or folders) as drafts under the briefings index."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders")
        parser.add_argument("--publish", action="store_true", help="publish what is imported")
        parser.add_argument("--dry-run", action="store_true", help="parse and report; write nothing")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--no-suggest",
            action="store_true",
            help="do not tag articles with suggested topics (explicit topic options still apply)",
        )
        for vocabulary in TAG_VOCABULARIES:
            parser.add_argument(
                f"--{vocabulary.key}",
                default="",
                metavar="CODES",
                help=f"comma-separated {vocabulary.label.lower()} (slugs or codes) to tag every article with",
            )

    def explicit_topics(self, options):
        topics, unknown = {}, []
        for vocabulary in TAG_VOCABULARIES:
            found, missing = resolve_codes(vocabulary, options[vocabulary.key].split(","))
            topics[vocabulary.key] = found
            unknown += [f"{vocabulary.singular.lower()} '{code}'" for code in missing]
        if unknown:
            raise CommandError(f"Unknown topic: {', '.join(unknown)}. Nothing was imported.")
        return topics

    def make_importer(self, index, options):
        return ArticleImporter(
            index,
            publish=options["publish"],
            dry_run=options["dry_run"],
            topics=self.explicit_topics(options),
            suggest=None if options["no_suggest"] else suggest_parsed,
        )

    def handle(self, *args, **options):
        self.explicit_topics(options)  # fail on an unknown topic before touching anything
        if options["dry_run"]:
            index = BriefingIndexPage.objects.first() or BriefingIndexPage(title="Analysis", slug="briefings")
        else:
            _, index = ensure_site()
        importer = self.make_importer(index, options)
        as_json = options["format"] == "json"
        total = len(collect_files(options["paths"]))
        results = importer.import_paths(options["paths"])
        if not as_json and total >= 20:
            from tqdm import tqdm

            results = tqdm(results, total=total, file=sys.stderr, unit="file", desc="Importing")
        counts = {"created": 0, "updated": 0, "unchanged": 0, "error": 0}
        errors = []
        for result in results:
            counts[result.action] += 1
            if as_json:
                self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
            elif result.action == "error":
                errors.append(result)
            elif total < 20:
                self.stdout.write(f"{result.action:>9}  {result.file}  “{result.parsed.title}”")
        if not as_json:
            for result in errors:
                self.stderr.write(f"    error  {result.file}: {result.error}")
            verb = "would be " if options["dry_run"] else ""
            summary = ", ".join(f"{n} {verb}{action}" for action, n in counts.items() if n)
            self.stdout.write(f"{total} file(s): {summary or 'nothing to import'}.")
        if counts["error"]:
            raise CommandError(f"{counts['error']} file(s) could not be imported.", returncode=1)
