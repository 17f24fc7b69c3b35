"""The problems of the rectification ledger (整改台账, issue 17): one table, a region's like the
others — scoped by ``xzqdm``, under the row-level security policy of 0002 on PostgreSQL — with
its location a point or a polygon (any geometry, GiST-indexed on PostGIS; WKB and a bbox on
SQLite).

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op
from farmland_guard_server.scope import APP_ROLE
from geoalchemy2 import Geometry

revision = "0004"
down_revision = "0003"
POLICY = "starts_with(xzqdm, nullif(current_setting('farmland_guard.region', true), ''))"


def upgrade():
    postgres = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "problems",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wtbh", sa.String(length=60), nullable=False),
        sa.Column("ly", sa.String(length=20), nullable=True),
        sa.Column("zgzt", sa.String(length=20), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("minx", sa.Float(), nullable=True),
        sa.Column("miny", sa.Float(), nullable=True),
        sa.Column("maxx", sa.Float(), nullable=True),
        sa.Column("maxy", sa.Float(), nullable=True),
        sa.Column("geom", Geometry("GEOMETRY", srid=4490, spatial_index=False) if postgres
                  else sa.LargeBinary(), nullable=True),
        sa.Column("xzqdm", sa.String(length=12), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("xzqdm", "wtbh", name="problems_one_per_region"),
    )
    with op.batch_alter_table("problems", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_problems_ly"), ["ly"], unique=False)
        batch_op.create_index(batch_op.f("ix_problems_zgzt"), ["zgzt"], unique=False)
        batch_op.create_index(batch_op.f("ix_problems_xzqdm"), ["xzqdm"], unique=False)
        batch_op.create_index("problems_bbox", ["minx", "maxx", "miny", "maxy"], unique=False)
    if postgres:
        op.create_index("problems_geom", "problems", ["geom"], postgresql_using="gist")
        # granted again, in case the tables' owner is not who ran 0002 (its default privileges)
        op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON problems TO {APP_ROLE}")
        op.execute(f"GRANT USAGE, SELECT ON SEQUENCE problems_id_seq TO {APP_ROLE}")
        op.execute("ALTER TABLE problems ENABLE ROW LEVEL SECURITY")
        op.execute("ALTER TABLE problems FORCE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY region_scope ON problems TO {APP_ROLE} "
                   f"USING ({POLICY}) WITH CHECK ({POLICY})")


def downgrade():
    op.drop_table("problems")  # its indexes and policy go with it
