"""Recurring crawls: schedules and job records in SQLite (``HOME/lurewatch.sqlite``), and the
scheduler loop that starts due crawls as child processes."""
