import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from briefings.importing.service import read_article
from taxonomy.suggest.adapter import vocabulary
from taxonomy.suggest.evaluation import evaluate


class Command(BaseCommand):
    help = "Score topic suggestion against DIR/articles/*.txt and DIR/gold.json (precision, recall, F1)."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, directory, format, **options):
        corpus = Path(directory)
        if not (corpus / "gold.json").is_file() or not (corpus / "articles").is_dir():
            raise CommandError(f"{corpus} needs an articles/ folder and a gold.json file.")
        report = evaluate(corpus, read_article, vocabulary())
        self.stdout.write(json.dumps(report.as_dict(), indent=2) if format == "json" else report.as_text())
