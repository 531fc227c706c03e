"""The project's shape: apps whose dependencies point one way, pure modules free of Django,
an AppConfig for every app (scripts/check_layers.py; README "Architecture")."""

import importlib.util
import sys
import textwrap
from pathlib import Path

from django.apps import apps as django_apps
from django.conf import settings

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("check_layers", ROOT / "scripts" / "check_layers.py")
check_layers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_layers)


def write_tree(root, files):
    for name, text in {"briefings/__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


SETTINGS = 'PROJECT_APPS = ["briefings.core", "briefings.articles", "briefings.api"]\n'


def test_the_project_has_no_wrong_way_import_and_no_cycle():
    assert check_layers.check(ROOT) == []


def test_an_import_against_the_layers_is_reported_even_inside_a_function(tmp_path):
    write_tree(
        tmp_path,
        {
            "briefings/settings/base.py": SETTINGS,
            "briefings/core/__init__.py": "",
            "briefings/core/text.py": "def f():\n    from briefings.articles import models\n",
            "briefings/articles/__init__.py": "",
            "briefings/articles/models.py": "from briefings.core import text\n",
        },
    )
    problems = check_layers.check(tmp_path, pure=())
    assert any("wrong-way import: briefings.core" in p and "briefings.articles.models" in p for p in problems)
    assert any("import cycle" in p for p in problems)


def test_a_cycle_inside_one_app_is_reported(tmp_path):
    write_tree(
        tmp_path,
        {
            "briefings/settings/base.py": SETTINGS,
            "briefings/articles/__init__.py": "",
            "briefings/articles/models.py": "from . import seo\n",
            "briefings/articles/seo.py": "def f():\n    from .models import Page\n",
        },
    )
    assert check_layers.check(tmp_path, pure=()) == [
        "import cycle between modules: briefings.articles.models <-> briefings.articles.seo"
    ]


def test_downward_imports_pass(tmp_path):
    write_tree(
        tmp_path,
        {
            "briefings/settings/base.py": SETTINGS,
            "briefings/core/__init__.py": "",
            "briefings/core/text.py": "import re\n",
            "briefings/api/__init__.py": "",
            "briefings/api/views.py": "from briefings.core.text import re\nfrom briefings.articles import x\n",
            "briefings/articles/__init__.py": "",
            "briefings/articles/x.py": "from ..core import text\n",
        },
    )
    assert check_layers.check(tmp_path, pure=()) == []


def test_a_pure_module_may_not_import_django(tmp_path):
    write_tree(
        tmp_path,
        {
            "briefings/settings/base.py": SETTINGS,
            "briefings/core/__init__.py": "",
            "briefings/core/text.py": "import json\nfrom django.utils.html import strip_tags\n",
        },
    )
    problems = check_layers.check(tmp_path, pure=("briefings.core.text",))
    assert problems == ["briefings/core/text.py:2: pure module briefings.core.text imports django.utils.html"]


@pytest.mark.parametrize("module", check_layers.PURE_MODULES)
def test_pure_modules_import_without_django(module):
    import subprocess

    code = (
        f"import sys, {module}; assert not any(m.split('.')[0] in ('django', 'wagtail') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_every_project_app_has_its_own_app_config():
    configs = {config.name: config for config in django_apps.get_app_configs()}
    for name in settings.PROJECT_APPS:
        assert name in configs, name
        assert type(configs[name]).__module__ == f"{name}.apps", name
        assert hasattr(configs[name], "signal_modules"), name
