"""Alembic environment: runs on the connection the program hands it (no alembic.ini)."""

from alembic import context
from sqlalchemy import create_engine

from workbench.storage import models  # noqa: F401  (registers the tables)
from workbench.storage.db import Base
from workbench.storage.migrations.env_filters import include_name

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        url = config.get_main_option("sqlalchemy.url")
        with create_engine(url).connect() as conn:
            _run(conn)
            conn.commit()
    else:
        _run(connection)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
