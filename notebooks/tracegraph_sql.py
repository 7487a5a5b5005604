"""Query tracegraph's output tables from a notebook: runs `tracegraph sql --format csv` and returns a DataFrame.

pandas cannot read Parquet on this platform (no pyarrow), so the notebooks get their data from tracegraph's own
query command: every table under OUT/tables/ is a Spark SQL view with its `date` partition column. Each call starts
a JVM with Spark (5-10 s), so a notebook asks all its questions in one call (`queries`) and does the rest in pandas.

Only committed days are read: `tracegraph sql` leaves out the days whose reports/D/run.json is missing (being written,
or left half-written by a killed run) and names them; this helper shows that line as a warning under the cell.

Settings come from environment variables, so the same notebook runs on a laptop and headless in CI:

  TRACEGRAPH_OUT       the nightly output root (default: ../demo-output/out, what scripts/demo writes)
  TRACEGRAPH_FROM      first day included, YYYY-MM-DD (default: all days)
  TRACEGRAPH_TO        last day included, YYYY-MM-DD (default: all days)
  TRACEGRAPH_LAUNCHER  the command to run (default: scripts/tracegraph of this repository)
"""

import json
import os
import pathlib
import subprocess
import tempfile
import warnings

import pandas as pd

REPO = pathlib.Path(__file__).resolve().parent.parent
DATE_COLUMNS = ("date", "first_day", "last_day")
TIMESTAMP_COLUMNS = ("busiest_minute",)
MAX_ROWS = 2_000_000
SKIPPED_DAYS = "uncommitted day(s)"  # in the line of `tracegraph sql` that names the days it left out


class Settings:
    """Where the data is and which days to read; each value from the environment unless given."""

    def __init__(self, out=None, date_from=None, date_to=None, launcher=None):
        self.out = _absolute(out or os.environ.get("TRACEGRAPH_OUT") or REPO / "demo-output" / "out")
        self.date_from = date_from or os.environ.get("TRACEGRAPH_FROM") or None
        self.date_to = date_to or os.environ.get("TRACEGRAPH_TO") or None
        self.launcher = str(launcher or os.environ.get("TRACEGRAPH_LAUNCHER") or REPO / "scripts" / "tracegraph")
        if os.sep in self.launcher:  # a path, not a command on PATH: relative to the notebook's folder
            self.launcher = _absolute(self.launcher)
        # Where the tables are under OUT is tracegraph's business: `tracegraph sql` finds them (and says so when
        # there are none), so this helper knows nothing of the output layout.

    def __repr__(self):
        days = f"{self.date_from or 'first day'} .. {self.date_to or 'last day'}"
        return f"OUT={self.out}, days {days}, launcher {self.launcher}"


def _absolute(path):
    return str(pathlib.Path(path).expanduser().resolve())


def quote(value):
    """A Spark SQL string literal: names from parameters go into queries through this."""
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def sql(settings, query):
    """Runs one Spark SQL query over the tables and returns its result as a DataFrame."""
    return queries(settings, result=query)["result"]


def queries(settings, **named):
    """Runs several queries in one `tracegraph sql` call (one Spark start-up) and returns a DataFrame for each name.

    Each result travels as one JSON object per row inside the CSV, so arrays and structs arrive as Python lists and
    dicts, and an empty result still has its columns. Row order is not kept: sort in pandas. Date columns are
    parsed; timestamps (UTC) too.
    """
    if not named:
        raise ValueError("no queries")
    parts = []
    for name, query in named.items():
        # The left join from one dummy row keeps an empty result visible, with its columns, as one all-null row.
        parts.append(
            f"SELECT {quote(name)} AS part, to_json(struct(q.*), map('ignoreNullFields', 'false')) AS row "
            f"FROM (SELECT 1 AS one) AS dummy LEFT JOIN (SELECT true AS _present, * FROM ({query}) AS r) AS q ON true")
    raw = _run(settings, "\nUNION ALL\n".join(parts))
    frames = {}
    for name in named:
        rows = [json.loads(text) for text in raw.loc[raw["part"] == name, "row"]]
        columns = [c for c in rows[0] if c != "_present"]
        present = [{c: row[c] for c in columns} for row in rows if row["_present"]]
        frames[name] = _typed(pd.DataFrame(present, columns=columns))
    return frames


def _typed(frame):
    for column in DATE_COLUMNS:
        if column in frame.columns:
            frame[column] = pd.to_datetime(frame[column])
    for column in TIMESTAMP_COLUMNS:
        if column in frame.columns:
            frame[column] = pd.to_datetime(frame[column], utc=True)
    return frame


def skipped_days(stderr):
    """The lines of `tracegraph sql`'s standard error that name days left out as uncommitted."""
    return [line.split("tracegraph sql: ", 1)[-1] for line in stderr.splitlines() if SKIPPED_DAYS in line]


def _run(settings, query):
    command = [settings.launcher, "sql", "--out", settings.out, "--format", "csv", "--max-rows", str(MAX_ROWS)]
    if settings.date_from:
        command += ["--from", settings.date_from]
    if settings.date_to:
        command += ["--to", settings.date_to]
    with tempfile.TemporaryDirectory(prefix="tracegraph-sql-") as tmp:
        result = pathlib.Path(tmp) / "result.csv"
        command += ["--output", str(result), query]
        run = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if run.returncode != 0:
            tail = "\n".join(run.stderr.strip().splitlines()[-15:])
            hint = ("\nset TRACEGRAPH_OUT to the output root of `tracegraph nightly` (or run scripts/demo, which "
                    "writes demo-output/out)") if run.returncode == 3 else ""
            raise RuntimeError(f"tracegraph sql failed (exit {run.returncode}):\n{tail}{hint}\nquery: {query}")
        if "(--max-rows)" in run.stderr:
            raise RuntimeError(f"more than {MAX_ROWS} rows: narrow the query or the days")
        for line in skipped_days(run.stderr):
            warnings.warn(line, stacklevel=4)
        return pd.read_csv(result, dtype=str, keep_default_na=False)
