import json

from django.core.management.base import BaseCommand, CommandError

from briefings.importing.parser import ParseError
from briefings.importing.service import collect_files, read_article
from taxonomy.suggest.adapter import suggest_for


class Command(BaseCommand):
    help = "Suggest countries, initiatives and sectors for plain-text articles (files or folders)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, paths, format, **options):
        failures = 0
        for path, problem in collect_files(paths):
            try:
                if problem:
                    raise ParseError(problem)
                parsed = read_article(path)
            except ParseError as exc:
                failures += 1
                if format == "json":
                    self.stdout.write(json.dumps({"file": str(path), "error": str(exc)}))
                else:
                    self.stderr.write(f"{path}: error: {exc}")
                continue
            suggestions = suggest_for(parsed.title, parsed.paragraphs)
            if format == "json":
                self.stdout.write(
                    json.dumps(
                        {"file": str(path), **suggestions.keys(), "evidence": suggestions.as_dict()},
                        ensure_ascii=False,
                    )
                )
            else:
                self.stdout.write(f"{path}  “{parsed.title}”")
                for name, items in suggestions.as_dict().items():
                    shown = "; ".join(
                        f"{item['key']} ({', '.join(e['phrase'] for e in item['evidence'][:3])})"
                        for item in items
                    )
                    self.stdout.write(f"  {name:<12} {shown or '—'}")
        if failures:
            raise CommandError(f"{failures} file(s) could not be read.", returncode=1)
