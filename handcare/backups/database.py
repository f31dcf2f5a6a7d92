"""The database half of a backup: django-dbbackup's connectors, and the checks around them."""

import re
import shutil
import sqlite3
import subprocess
import tempfile

from dbbackup.db.base import get_connector
from dbbackup.db.exceptions import CommandConnectorError
from dbbackup.db.sqlite import SqliteBackupConnector

from django.contrib.auth import get_user_model
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Revision


class BackupError(Exception):
    """A backup or restore that cannot go ahead, with the message to show."""


class SqliteOnlineConnector(SqliteBackupConnector):
    """dbbackup's SQLite connector (the online backup API), restoring through that API too."""

    def restore_dump(self, dump):
        # dbbackup's own restore writes the dump over the database file: under open connections,
        # and beside a WAL file that SQLite would then replay into the new file. The backup API
        # copies page by page under SQLite's own locks instead.
        with tempfile.NamedTemporaryFile(suffix=".sqlite3") as copy:
            shutil.copyfileobj(dump, copy)
            copy.flush()
            source = sqlite3.connect(copy.name)
            try:
                self.connection.ensure_connection()
                source.backup(self.connection.connection)
            finally:
                source.close()
        self.connection.close()


def connector(alias="default"):
    """The dbbackup connector for this database: pg_dump's custom format, or SQLite's backup API."""
    connection = connections[alias]
    if connection.vendor == "sqlite":
        return get_connector(alias, connector_path=f"{__name__}.SqliteOnlineConnector")
    if connection.vendor != "postgresql":
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    found = get_connector(alias)
    found.dump_cmd = postgres_tool("pg_dump")
    found.restore_cmd = postgres_tool("pg_restore")
    # A new machine's database user rarely matches the old one's: the restoring user owns all.
    found.pg_options = "--no-owner --no-privileges"
    return found


def postgres_tool(name):
    """The path of pg_dump or pg_restore, or a message saying how to install it."""
    path = shutil.which(name)
    if not path:
        raise BackupError(
            f"{name} was not found on PATH. Install the PostgreSQL client of the server's major "
            f"version (Debian: apt install postgresql-client-15)."
        )
    return path


def tool_major_version(path):
    """The major version of a PostgreSQL client program, e.g. 15 for 'pg_dump (PostgreSQL) 15.2'."""
    output = subprocess.run([path, "--version"], capture_output=True, text=True, check=False)
    match = re.search(r"\) (\d+)", output.stdout)
    if not match:
        raise BackupError(
            f"Could not read the version of {path}: {output.stdout or output.stderr}"
        )
    return int(match.group(1))


def check_dump_client(tool, alias="default"):
    """pg_dump must be at least the server's major version (older ones refuse to dump it)."""
    connection = connections[alias]
    connection.ensure_connection()
    server = connection.pg_version // 10000
    client = tool_major_version(tool)
    if client < server:
        raise BackupError(
            f"{tool} is version {client} but the server is PostgreSQL {server}: install "
            f"postgresql-client-{server}."
        )
    return client


def dump(alias="default"):
    """A consistent dump of the whole database as a file object, and the connector that made it."""
    found = connector(alias)
    engine = {"connector": f"{type(found).__module__}.{type(found).__name__}"}
    if connections[alias].vendor == "postgresql":
        # pg_dump reads every table in one repeatable-read snapshot.
        engine["pg_dump_version"] = check_dump_client(found.dump_cmd, alias)
    try:
        return found.create_dump(), found.extension, engine
    except CommandConnectorError as error:
        raise BackupError(str(error)) from error


def load(fileobj, manifest, alias="default"):
    """Load a dump made by dump() into this database."""
    found = connector(alias)
    made_with = manifest["database"].get("pg_dump_version")
    if made_with and tool_major_version(found.restore_cmd) < made_with:
        raise BackupError(
            f"The archive was dumped by pg_dump {made_with}; {found.restore_cmd} is older and "
            f"cannot read it: install postgresql-client-{made_with}."
        )
    # pg_restore reads from a real file descriptor, which a member of a .tar.gz is not.
    with tempfile.TemporaryFile() as copy:
        shutil.copyfileobj(fileobj, copy)
        copy.seek(0)
        try:
            found.restore_dump(copy)
        except CommandConnectorError as error:
            raise BackupError(str(error)) from error
    connections[alias].close()


def describe(alias="default"):
    """Engine and migration state, as the manifest records them."""
    connection = connections[alias]
    applied = MigrationRecorder(connection).applied_migrations()
    return {
        "engine": connection.settings_dict["ENGINE"],
        "vendor": connection.vendor,
        "migrations": sorted([app, name] for app, name in applied),
    }


def content_counts(alias="default"):
    """How many user accounts, revisions, images and documents the database holds, if any."""
    connection = connections[alias]
    tables = set(connection.introspection.table_names())
    models = {
        "user accounts": get_user_model(),
        "revisions": Revision,
        "images": get_image_model(),
        "documents": get_document_model(),
    }
    counts = {}
    with connection.cursor() as cursor:
        for label, model in models.items():
            table = model._meta.db_table
            if table in tables:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
                counts[label] = cursor.fetchone()[0]
    return {label: count for label, count in counts.items() if count}


def unknown_migrations(manifest):
    """Migrations the archive's database had that this code does not know (newer code made it)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return sorted(
        tuple(item) for item in manifest["database"]["migrations"] if tuple(item) not in known
    )


def pending_migrations(alias="default"):
    """This code's migrations that the restored database has not applied yet."""
    executor = MigrationExecutor(connections[alias])
    return executor.migration_plan(executor.loader.graph.leaf_nodes())
