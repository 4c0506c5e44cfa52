"""The database an end-to-end server runs on (issue 13): a fresh SQLite file in the test's folder, or, when
SPORTELLO_TEST_POSTGRES names a PostgreSQL server (tests/CMakeLists.txt starts a throwaway cluster of the tests' own
and sets it to postgresql://sportello@/{db}?host=DIR&port=PORT), a fresh database there, dropped afterwards.
Tests read the database only through `rows`, which answers alike on both (psql for PostgreSQL: the standard
library has no PostgreSQL client)."""
import os
import secrets
import sqlite3
import subprocess

POSTGRES = os.environ.get("SPORTELLO_TEST_POSTGRES") or None


def _psql(url, statement):
    """Runs one statement with psql (which reads the same URLs as sportello) and returns its rows of text."""
    done = subprocess.run(["psql", "--no-psqlrc", "--quiet", "--tuples-only", "--no-align", "--field-separator=\t",
                           "--set=ON_ERROR_STOP=1", "--dbname=" + url, "--command=" + statement],
                          capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise RuntimeError("psql %r: exit %d, %s" % (statement, done.returncode, done.stderr.strip()))
    return [tuple(line.split("\t")) for line in done.stdout.splitlines() if line]


def _typed(field):
    """psql prints every value as text; whole numbers come back as int, as sqlite3 gives them."""
    return int(field) if field.lstrip("-").isdigit() else field


class TestDatabase:
    def __init__(self, folder):
        if POSTGRES:
            if "{db}" not in POSTGRES:
                raise RuntimeError("SPORTELLO_TEST_POSTGRES needs {db} where the database name goes")
            self.name = "sportello_e2e_" + secrets.token_hex(8)
            self.path = None
            self.admin_url = POSTGRES.replace("{db}", "postgres")  # where CREATE and DROP DATABASE run
            _psql(self.admin_url, "CREATE DATABASE " + self.name)
            self.url = POSTGRES.replace("{db}", self.name)
        else:
            self.name = None
            self.path = os.path.join(folder, "sportello.db")
            self.url = "sqlite:" + self.path

    @property
    def postgresql(self):
        return self.path is None

    def rows(self, query):
        """The rows of a read-only query, as tuples."""
        if self.path:
            with sqlite3.connect("file:%s?mode=ro" % self.path, uri=True, timeout=10) as db:
                return db.execute(query).fetchall()
        return [tuple(_typed(f) for f in row) for row in _psql(self.url, query)]

    def scalar(self, query):
        return self.rows(query)[0][0]

    def drop(self):
        """Removes a PostgreSQL database (the SQLite file goes with the test's folder). The server has stopped."""
        if self.name:
            _psql(self.admin_url, "DROP DATABASE IF EXISTS %s WITH (FORCE)" % self.name)
