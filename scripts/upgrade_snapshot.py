"""Layout-independent snapshots of a Briefings database, for scripts/check-upgrade.sh.

Plain psycopg, no Django: the same code reads the database before and after the new code's
migrations, whatever apps the models live in. Tables keep their names across the refactor, so a
snapshot is every table's rows keyed by primary key, with each content type id written as
``ct:app_label.model`` and each permission id as ``perm:app_label.model.codename`` (ids of content
types and permissions may legitimately change when a model moves to another app), and each group id
as ``group:name``.

    upgrade_snapshot.py url NAME             DATABASE_URL with its database replaced by NAME
    upgrade_snapshot.py createdb|dropdb URL  create / drop (forcibly) the database of URL
    upgrade_snapshot.py snapshot URL OUT     write the snapshot of URL's database to OUT (JSON)
    upgrade_snapshot.py compare OLD NEW RENAMES   compare two snapshots; exit 1 on differences

RENAMES (scripts/upgrade-renames.json) maps what the new layout legitimately renames:
``{"content_types": {"taxonomy.articlecountry": "briefings.articlecountry"}, "tables": {"old": "new"}}``.
"""

import datetime
import decimal
import json
import os
import sys
import uuid
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

# Tables that must exist before and after the upgrade and hold rows once the site is filled: if
# one is missing or empty the check proves nothing about it, so that is a failure too.
REQUIRED = [
    "wagtailcore_page",
    "wagtailcore_revision",
    "briefings_articlepage",
    "briefings_homepage",
    "briefings_briefingindexpage",
    "briefings_author",
    "briefings_articleauthor",
    "taxonomy_articlecountry",
    "taxonomy_articleinitiative",
    "taxonomy_articlesector",
    "taxonomy_country",
    "taxonomy_initiative",
    "taxonomy_sector",
    "taxonomy_region",
    "taxonomy_topicredirect",
    "wagtailcore_workflowstate",
    "wagtailcore_taskstate",
    "wagtailcore_workflowpage",
    "auth_group",
    "auth_user",
    "auth_user_groups",
    "wagtailcore_grouppagepermission",
    "auth_group_permissions",
    "django_content_type",
    "auth_permission",
]
# Not compared: migration history (the new code adds to it) and sessions.
SKIPPED = {"django_migrations", "django_session"}
# Derived data that Wagtail can rebuild (search and reference indexes): row counts only.
COUNT_ONLY_SUFFIXES = ("search_indexentry", "_referenceindex")
# Where the new code may add rows (new models, new permissions for a group): every old row must
# still be there, new ones are reported but allowed. Everywhere else old and new must be equal.
ADDITIONS_ALLOWED = {"django_content_type", "auth_permission", "auth_group_permissions"}
# Link tables whose serial id means nothing: keyed by their (resolved) contents instead.
KEYED_BY_CONTENT = {"auth_group_permissions", "auth_user_user_permissions"}
# JSON keys holding a content type id (Wagtail's revision content, log entry data).
JSON_CONTENT_TYPE_KEYS = {"content_type", "base_content_type", "content_type_id", "base_content_type_id"}

ABSENT = "<absent>"
MAX_EXAMPLES = 5
MAX_VALUE = 160


# --- Databases --------------------------------------------------------------------------------------


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def admin_connection(url):
    """A connection to the server of ``url`` from which its database can be created and dropped:
    to the database DATABASE_URL names (when it is another one), else the usual maintenance ones."""
    errors = []
    target = urlsplit(url).path.lstrip("/")
    for name in (urlsplit(os.environ.get("DATABASE_URL", "")).path.lstrip("/"), "postgres", "template1"):
        if not name or name == target:
            continue
        try:
            return psycopg.connect(with_database(url, name), autocommit=True, connect_timeout=10)
        except psycopg.OperationalError as error:
            errors.append(f"{name}: {str(error).strip()}")
    raise SystemExit("cannot connect to the PostgreSQL server: " + "; ".join(errors))


def createdb(url):
    name = urlsplit(url).path.lstrip("/")
    with admin_connection(url) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def dropdb(url):
    name = urlsplit(url).path.lstrip("/")
    with admin_connection(url) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


# --- Snapshot -----------------------------------------------------------------------------------------


def plain(value):
    """A JSON-friendly, comparable form of a column value."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID | datetime.timedelta):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return "bytes:" + bytes(value).hex()
    return value


def resolve_json(value, content_types):
    """Content type ids inside JSON (a page revision's ``content_type``) by name."""
    if isinstance(value, dict):
        return {
            key: (
                content_types.get(item, item)
                if key in JSON_CONTENT_TYPE_KEYS and isinstance(item, int)
                else resolve_json(item, content_types)
            )
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [resolve_json(item, content_types) for item in value]
    return value


def snapshot(url):
    with psycopg.connect(url, connect_timeout=10) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
            )
        ]
        columns = {}
        for table, column, data_type in conn.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"
        ):
            columns.setdefault(table, []).append((column, data_type))
        primary_keys = {}
        for table, column in conn.execute(
            "SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc "
            "JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name "
            "AND kcu.table_schema = tc.table_schema AND kcu.table_name = tc.table_name "
            "WHERE tc.table_schema = 'public' AND tc.constraint_type = 'PRIMARY KEY' "
            "ORDER BY tc.table_name, kcu.ordinal_position"
        ):
            primary_keys.setdefault(table, []).append(column)
        # Single-column foreign keys to content types, permissions and groups.
        references = {}
        for table, column, target in conn.execute(
            "SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text "
            "FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
            "WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1 "
            "AND c.confrelid::regclass::text IN ('django_content_type', 'auth_permission', 'auth_group')"
        ):
            references[(table.strip('"'), column)] = target.strip('"')
        content_types = {
            pk: f"ct:{app_label}.{model}"
            for pk, app_label, model in conn.execute("SELECT id, app_label, model FROM django_content_type")
        }
        groups = {pk: f"group:{name}" for pk, name in conn.execute("SELECT id, name FROM auth_group")}
        permissions = {
            pk: f"perm:{content_types[ct][3:]}.{codename}"
            for pk, ct, codename in conn.execute("SELECT id, content_type_id, codename FROM auth_permission")
        }

        result = {}
        for table in tables:
            if table in SKIPPED:
                continue
            query = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            count = conn.execute(query).fetchone()[0]
            entry = {"count": count, "columns": [name for name, _ in columns[table]]}
            result[table] = entry
            if table.endswith(COUNT_ONLY_SUFFIXES):
                entry["count_only"] = True
                continue
            names = [name for name, _ in columns[table]]
            json_columns = {name for name, data_type in columns[table] if data_type in ("json", "jsonb")}
            rows = []
            cursor = conn.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(table)))
            for values in cursor:
                row = {}
                for name, value in zip(names, values, strict=True):
                    target = references.get((table, name))
                    if value is not None and target == "django_content_type":
                        value = content_types.get(value, value)
                    elif value is not None and target == "auth_permission":
                        value = permissions.get(value, value)
                    elif value is not None and target == "auth_group":
                        value = groups.get(value, value)
                    elif name in json_columns:
                        value = resolve_json(value, content_types)
                    row[name] = plain(value)
                rows.append(row)
            if table == "django_content_type":
                rows = [{"name": f"ct:{row['app_label']}.{row['model']}"} for row in rows]
                key_columns = ["name"]
            elif table in KEYED_BY_CONTENT:
                rows = [{name: value for name, value in row.items() if name != "id"} for row in rows]
                key_columns = sorted(rows[0]) if rows else []
            elif table == "auth_permission":
                for row in rows:
                    del row["id"]
                key_columns = ["content_type_id", "codename"]
            else:
                key_columns = primary_keys.get(table) or names
            entry["key"] = key_columns
            entry["rows"] = sorted(
                ([[row[name] for name in key_columns], row] for row in rows), key=lambda pair: repr(pair[0])
            )
        return result


# --- Comparison ---------------------------------------------------------------------------------------


class Renames:
    def __init__(self, path):
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        unknown = set(data) - {"content_types", "tables", "comment"}
        if unknown:
            raise SystemExit(f"{path}: unknown keys {sorted(unknown)} (expected content_types, tables)")
        self.content_types = data.get("content_types", {})
        self.tables = data.get("tables", {})
        for name in [*self.content_types, *self.content_types.values()]:
            if name.count(".") != 1:
                raise SystemExit(f"{path}: content type {name!r} is not app_label.model")

    def value(self, value):
        """An old value as the new layout should hold it."""
        if isinstance(value, str) and value.startswith("ct:"):
            return "ct:" + self.content_types.get(value[3:], value[3:])
        if isinstance(value, str) and value.startswith("perm:"):
            app_label, model, codename = value[5:].split(".", 2)
            old = f"{app_label}.{model}"
            new = self.content_types.get(old, old)
            new_model = new.split(".")[1]
            if new_model != model and codename.endswith("_" + model):
                codename = codename[: -len(model)] + new_model
            return f"perm:{new}.{codename}"
        if isinstance(value, dict):
            return {key: self.value(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.value(item) for item in value]
        return value


def short(value):
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def differences(path, before, after):
    """``(path, before, after)`` for each differing value, down into JSON objects (a revision's
    content) so that the report names the field that changed."""
    if before == after:
        return []
    if isinstance(before, dict) and isinstance(after, dict):
        return [
            difference
            for key in [*before, *(k for k in after if k not in before)]
            for difference in differences(f"{path}.{key}", before.get(key, ABSENT), after.get(key, ABSENT))
        ]
    return [(path, before, after)]


def compare_table(name, old, new, renames):
    """Problems (and notes) for one table: ``(problems, notes)``."""
    problems, notes = [], []
    if old.get("count_only") or new.get("count_only"):
        if old["count"] != new["count"]:
            problems.append(f"{old['count']} rows before, {new['count']} after")
        return problems, notes
    lost_columns = [column for column in old["columns"] if column not in new["columns"]]
    added_columns = [column for column in new["columns"] if column not in old["columns"]]
    if lost_columns:
        problems.append(f"columns gone: {', '.join(lost_columns)}")
    if added_columns:
        notes.append(f"new columns: {', '.join(added_columns)}")
    key_columns = old.get("key", [])

    def label(key):
        values = json.loads(key)
        if len(values) == len(key_columns):
            return "[" + ", ".join(f"{c}={short(v)}" for c, v in zip(key_columns, values, strict=True)) + "]"
        return key

    old_rows = {}
    for key, row in old["rows"]:
        old_rows[json.dumps(renames.value(key), default=str)] = renames.value(row)
    new_rows = {json.dumps(key, default=str): row for key, row in new["rows"]}
    missing = [key for key in old_rows if key not in new_rows]
    added = [key for key in new_rows if key not in old_rows]
    changed = []
    for key, row in old_rows.items():
        if key in new_rows:
            diffs = [
                difference
                for column, value in row.items()
                if column in new_rows[key]
                for difference in differences(column, value, new_rows[key][column])
            ]
            if diffs:
                changed.append((key, diffs))
    if missing:
        problems.append(f"{len(missing)} of {len(old_rows)} rows missing")
        problems += [f"  missing {label(key)}: {short(old_rows[key])}" for key in missing[:MAX_EXAMPLES]]
    if changed:
        problems.append(f"{len(changed)} rows changed")
        for key, diffs in changed[:MAX_EXAMPLES]:
            for column, before, after in diffs[:3]:
                problems.append(f"  {label(key)} {column}: {short(before)} -> {short(after)}")
    if added:
        lines = [f"  new {label(key)}: {short(new_rows[key])}" for key in added[:MAX_EXAMPLES]]
        if name in ADDITIONS_ALLOWED:
            notes.append(f"{len(added)} rows added (allowed here)")
        else:
            problems += [f"{len(added)} rows added", *lines]
    return problems, notes


def compare(old_path, new_path, renames_path):
    with open(old_path, encoding="utf-8") as handle:
        old = json.load(handle)
    with open(new_path, encoding="utf-8") as handle:
        new = json.load(handle)
    renames = Renames(renames_path)
    failures, notes, counts = [], [], []
    for table in REQUIRED:
        if not old.get(table, {}).get("count"):
            failures.append(f"{table}: missing or empty before the upgrade (the fill proves nothing)")
    for table, before in sorted(old.items()):
        new_name = renames.tables.get(table, table)
        label = table if new_name == table else f"{table} -> {new_name}"
        if new_name not in new:
            failures.append(f"{label}: table gone after the upgrade ({before['count']} rows)")
            continue
        problems, table_notes = compare_table(table, before, new[new_name], renames)
        failures += [f"{label}: {line}" if not line.startswith("  ") else line for line in problems]
        notes += [f"{label}: {line}" for line in table_notes]
        counts.append((label, before["count"], new[new_name]["count"]))
    renamed_targets = set(renames.tables.values())
    for table in sorted(set(new) - set(old) - renamed_targets):
        notes.append(f"{table}: new table ({new[table]['count']} rows)")

    compared = [
        f"{label}={after}" if before == after else f"{label}={before}->{after}"
        for label, before, after in counts
    ]
    nonempty = [item for item, (_, before, after) in zip(compared, counts, strict=True) if before or after]
    print(f"Compared {len(counts)} tables ({len(counts) - len(nonempty)} empty); rows per table:")
    line = " "
    for item in nonempty:
        if len(line) + len(item) > 108:
            print(line)
            line = " "
        line += " " + item
    print(line)
    for note in notes:
        print(f"  note: {note}")
    if failures:
        print(f"\nUPGRADE CHANGED THE DATA ({sum(not f.startswith('  ') for f in failures)} problems):")
        for failure in failures[:200]:
            print(f"  {failure}")
        if len(failures) > 200:
            print(f"  … {len(failures) - 200} more lines")
        return 1
    return 0


def main(argv):
    command, *args = argv or ["help"]
    if command == "url" and len(args) == 1:
        print(with_database(os.environ["DATABASE_URL"], args[0]))
    elif command == "createdb" and len(args) == 1:
        createdb(args[0])
    elif command == "dropdb" and len(args) == 1:
        dropdb(args[0])
    elif command == "snapshot" and len(args) == 2:
        data = snapshot(args[0])
        with open(args[1], "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, default=str)
    elif command == "compare" and len(args) == 3:
        return compare(*args)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
