"""CI: this version's migrations, run on a copy of the demo database an earlier HandCare built.

An upgrade is the one time migrations meet real data, so this rehearses it: the code of the
commit before the newest added migration (MIGRATE_FROM overrides) builds the demo site in
PostgreSQL, the database is copied (CREATE DATABASE ... TEMPLATE), this checkout migrates the
copy with production settings, and then no table may have lost rows and every address in the
sitemap must still answer 200. Run with the project's virtualenv: .venv/bin/python .ci/migrate_demo_copy.py
"""

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "migrate-check"
SERVER = os.environ.get("MIGRATE_CHECK_SERVER", "postgres://postgres@127.0.0.1:5432")
BASE_DB, COPY_DB = "hc_migrate_base", "hc_migrate_copy"
# django_session and the like may shrink legitimately; none of the content tables may.
MAY_SHRINK = {"django_session"}


def git(*args):
    return subprocess.run(
        ["git", *args], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()


def base_commit():
    """The commit to upgrade from: before the newest commit that added a migration."""
    if os.environ.get("MIGRATE_FROM"):
        return git("rev-parse", os.environ["MIGRATE_FROM"])
    newest = git("log", "-1", "--diff-filter=A", "--format=%H", "--", "*/migrations/0*.py")
    if not newest:
        return None
    try:
        return git("rev-parse", f"{newest}^")
    except subprocess.CalledProcessError:
        return None  # the first commit, or a shallow clone without its parent


def admin_connection():
    return psycopg.connect(f"{SERVER}/postgres", autocommit=True)


def recreate(name, template=None):
    with admin_connection() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        suffix = f' TEMPLATE "{template}"' if template else ""
        connection.execute(f'CREATE DATABASE "{name}"{suffix}')


def drop(name):
    with admin_connection() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def row_counts(name):
    """Rows in every table of the public schema."""
    with psycopg.connect(f"{SERVER}/{name}") as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in tables
        }


def manage(cwd, env, *args):
    print(f"  $ manage.py {' '.join(args)}", flush=True)
    subprocess.run([sys.executable, "manage.py", *args], cwd=cwd, env=env, check=True)


def main():
    base = base_commit()
    if base is None:
        print(
            "No earlier commit with fewer migrations in this clone's history: nothing to upgrade from."
        )
        return 0
    print(f"Upgrading a demo database built at {git('log', '-1', '--format=%h %s', base)[:100]}")
    shutil.rmtree(WORK, ignore_errors=True)
    old_tree = WORK / "base"
    old_tree.mkdir(parents=True)
    archive = subprocess.Popen(["git", "archive", base], cwd=ROOT, stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", str(old_tree)], stdin=archive.stdout, check=True)
    if archive.wait() != 0:
        raise SystemExit(f"git archive {base} failed")

    plain = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL"}}
    old_env = {**plain, "DJANGO_SETTINGS_MODULE": "handcare.settings.dev"}
    old_env["DATABASE_URL"] = f"{SERVER}/{BASE_DB}"
    recreate(BASE_DB)
    manage(old_tree, old_env, "migrate", "--noinput", "-v0")
    manage(old_tree, old_env, "load_demo_content")

    recreate(COPY_DB, template=BASE_DB)
    before = row_counts(COPY_DB)
    # Production settings, as a real upgrade runs, reading the old install's media.
    new_env = {
        **plain,
        "DJANGO_SETTINGS_MODULE": "handcare.settings.production",
        "DATABASE_URL": f"{SERVER}/{COPY_DB}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "localhost",
        "HANDCARE_HTTPS": "0",
        "HANDCARE_CACHE_DIR": str(WORK / "cache"),
        "MEDIA_ROOT": str(old_tree / "media"),
    }
    manage(ROOT, new_env, "migrate", "--noinput")
    after = row_counts(COPY_DB)

    lost = [
        f"{table}: {count} rows before, {after[table]} after"
        for table, count in before.items()
        if table in after and after[table] < count and table not in MAY_SHRINK
    ]
    dropped = sorted(set(before) - set(after))
    added = sorted(set(after) - set(before))
    print(f"  {len(before)} tables before, {len(after)} after; new: {', '.join(added) or 'none'}")
    if dropped:
        print(f"  dropped by the migrations: {', '.join(dropped)}")
    if lost:
        print("Rows were lost in the upgrade:\n  " + "\n  ".join(lost))
        return 1
    manage(ROOT, new_env, "collectstatic", "--noinput", "-v0")  # production serves hashed names
    manage(ROOT, new_env, "check_reader_site")
    drop(COPY_DB)
    drop(BASE_DB)
    shutil.rmtree(WORK, ignore_errors=True)
    print("The upgrade kept every row and every reader address answers 200.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
