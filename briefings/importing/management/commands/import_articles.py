import json
import sys
from contextlib import nullcontext

from django.core.management.base import BaseCommand, CommandError

from briefings.editorial.setup import ensure_site
from briefings.importing.service import (
    ACTIONS,
    CONFLICT,
    CREATED,
    ERROR,
    REPLACED,
    UPDATED,
    ArticleImporter,
    collect_files,
    rolled_back,
)
from taxonomy.suggest.adapter import suggest_parsed
from taxonomy.vocabularies import TAG_VOCABULARIES, resolve_codes


class Command(BaseCommand):
    help = "Import plain-text articles (.txt/.md files or folders) as drafts under the briefings index."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or folders")
        parser.add_argument("--publish", action="store_true", help="publish what is imported")
        parser.add_argument(
            "--dry-run", action="store_true", help="report what an import would do; write nothing"
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="let a file overwrite the imported article it is in conflict with (same title and "
            "byline, different text)",
        )
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

    def handle(self, *args, **options):
        topics = self.explicit_topics(options)  # fails on an unknown topic before touching anything
        dry_run, as_json = options["dry_run"], options["format"] == "json"
        files = collect_files(options["paths"])
        total = len(files)
        counts = dict.fromkeys(ACTIONS, 0)
        failures = []
        # A dry run is a real run rolled back: it predicts the real one exactly.
        with rolled_back() if dry_run else nullcontext():
            _, index = ensure_site()
            importer = ArticleImporter(
                index,
                publish=options["publish"],
                dry_run=dry_run,
                replace=options["replace"],
                topics=topics,
                suggest=None if options["no_suggest"] else suggest_parsed,
            )
            results = importer.import_files(files)
            if not as_json and total >= 20:
                from tqdm import tqdm

                results = tqdm(results, total=total, file=sys.stderr, unit="file", desc="Importing")
            for result in results:
                counts[result.action] += 1
                if as_json:
                    self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
                elif result.action in (CONFLICT, ERROR):
                    failures.append(result)
                elif total < 20:
                    word = DRY_RUN_WORDS.get(result.action, result.action) if dry_run else result.action
                    self.stdout.write(f"{word:>13}  {result.file}  “{result.parsed.title}”")
        if not as_json:
            for result in failures:
                self.stderr.write(f"{result.action:>13}  {result.file}: {result.reason}")
            words = DRY_RUN_SUMMARY if dry_run else {}
            summary = ", ".join(f"{n} {words.get(action, action)}" for action, n in counts.items() if n)
            self.stdout.write(f"{total} file(s): {summary or 'nothing to import'}.")
        failed = counts[ERROR] + counts[CONFLICT]
        if failed:
            detail = ", ".join(
                f"{counts[a]} {a}{'s' * (counts[a] > 1)}" for a in (ERROR, CONFLICT) if counts[a]
            )
            raise CommandError(f"{failed} file(s) could not be imported ({detail}).", returncode=1)


# What a dry run says instead of the action a real run reports.
DRY_RUN_WORDS = {CREATED: "would create", UPDATED: "would update", REPLACED: "would replace"}
DRY_RUN_SUMMARY = {CREATED: "would be created", UPDATED: "would be updated", REPLACED: "would be replaced"}
