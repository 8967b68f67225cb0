"""Alembic environment: runs on the connection the store hands over (`config.attributes["connection"]`).

The store calls this itself on open (`data.database.Database`); there is no alembic.ini. To write a new
migration, copy the newest file under `versions/`, give it the next revision and set `down_revision`.
"""

from alembic import context
from alembic.config import Config

from data.tables import metadata


def run_migrations(config: Config) -> None:
    connection = config.attributes["connection"]
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


config = getattr(context, "config", None)  # None when imported outside a migration run (pytest's doctest collection)
if config is not None:
    run_migrations(config)
