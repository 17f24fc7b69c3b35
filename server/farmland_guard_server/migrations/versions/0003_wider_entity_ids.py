"""Entity ids wide enough for an attachment's SHA-256 (64 hex digits): the audit row and the
change of an upload name the file by it, and on PostgreSQL ``varchar(60)`` refused them (every
upload answered 500). SQLite does not enforce the length, and rebuilding its audit table would
drop the append-only triggers, so only PostgreSQL is altered.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
TABLES = ("applied_ops", "audit", "changes")


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:  # widening a varchar rewrites nothing and fires no trigger
            op.alter_column(table, "entity_id", type_=sa.String(100),
                            existing_type=sa.String(60), existing_nullable=False)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            op.alter_column(table, "entity_id", type_=sa.String(60),
                            existing_type=sa.String(100), existing_nullable=False,
                            postgresql_using="left(entity_id, 60)")
