"""The tables of DESIGN.md §6.2, the GiST indexes on PostGIS and the change counter.

Revision ID: 0001
Revises: (none)
"""
import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry

revision = '0001'
down_revision = None


def geom_type():
    """PostGIS geometry (GeoAlchemy2) in production, WKB on SQLite; indexed below."""
    if op.get_bind().dialect.name == "postgresql":
        return Geometry("MULTIPOLYGON", srid=4490, spatial_index=False)
    return sa.LargeBinary()


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    op.create_table('applied_ops',
    sa.Column('op_id', sa.String(length=36), nullable=False),
    sa.Column('xzqdm', sa.String(length=12), nullable=False),
    sa.Column('entity_id', sa.String(length=60), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('op_id', 'xzqdm')
    )
    op.create_table('attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('mime', sa.String(length=100), nullable=False),
    sa.Column('added_by', sa.String(length=100), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('xzqdm', sa.String(length=12), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('sha256', 'xzqdm', name='attachments_once_per_region')
    )
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachments_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachments_xzqdm'), ['xzqdm'], unique=False)

    op.create_table('audit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('who', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('region', sa.String(length=12), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('entity', sa.String(length=20), nullable=False),
    sa.Column('entity_id', sa.String(length=60), nullable=False),
    sa.Column('old_version', sa.Integer(), nullable=True),
    sa.Column('new_version', sa.Integer(), nullable=True),
    sa.Column('request_id', sa.String(length=64), nullable=True),
    sa.Column('client_version', sa.String(length=40), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=True),
    sa.Column('xzqdm', sa.String(length=12), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_xzqdm'), ['xzqdm'], unique=False)

    op.create_table('batches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('source_sha256', sa.String(length=64), nullable=False),
    sa.Column('patches', sa.Integer(), nullable=False),
    sa.Column('loaded_at', sa.DateTime(), nullable=False),
    sa.Column('loaded_by', sa.String(length=100), nullable=False),
    sa.Column('report', sa.JSON(), nullable=False),
    sa.Column('xzqdm', sa.String(length=12), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('batches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_batches_xzqdm'), ['xzqdm'], unique=False)

    op.create_table('changes',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('entity', sa.String(length=20), nullable=False),
    sa.Column('entity_id', sa.String(length=60), nullable=False),
    sa.Column('version', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('xzqdm', sa.String(length=12), nullable=False),
    sa.PrimaryKeyConstraint('seq')
    )
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_changes_xzqdm'), ['xzqdm'], unique=False)

    op.create_table('counters',
    sa.Column('name', sa.String(length=20), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
    op.create_table('regions',
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=True),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('patches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('jcbh', sa.String(length=40), nullable=False),
    sa.Column('tblx', sa.String(length=10), nullable=True),
    sa.Column('tbmj_mu', sa.Float(), nullable=False),
    sa.Column('hczt', sa.String(length=20), nullable=True),
    sa.Column('pdlx', sa.String(length=20), nullable=True),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), server_default='0', nullable=False),
    sa.Column('geom', geom_type(), nullable=True),
    sa.Column('xzqdm', sa.String(length=12), nullable=False),
    sa.Column('minx', sa.Float(), nullable=False),
    sa.Column('miny', sa.Float(), nullable=False),
    sa.Column('maxx', sa.Float(), nullable=False),
    sa.Column('maxy', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['batches.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('jcbh')
    )
    with op.batch_alter_table('patches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_patches_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_patches_xzqdm'), ['xzqdm'], unique=False)
        batch_op.create_index('patches_bbox', ['minx', 'maxx', 'miny', 'maxy'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('region', sa.String(length=12), nullable=False),
    sa.Column('full_name', sa.String(length=100), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['region'], ['regions.code'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('idempotency',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('body_sha256', sa.String(length=64), nullable=False),
    sa.Column('reply', sa.JSON(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('key', 'user_id')
    )
    op.create_table('parcels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dkbh', sa.String(length=60), nullable=False),
    sa.Column('jcbh', sa.String(length=40), nullable=False),
    sa.Column('tbmj_mu', sa.Float(), nullable=False),
    sa.Column('dlbm', sa.String(length=10), nullable=True),
    sa.Column('geom', geom_type(), nullable=True),
    sa.Column('xzqdm', sa.String(length=12), nullable=False),
    sa.Column('minx', sa.Float(), nullable=False),
    sa.Column('miny', sa.Float(), nullable=False),
    sa.Column('maxx', sa.Float(), nullable=False),
    sa.Column('maxy', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['jcbh'], ['patches.jcbh'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('dkbh')
    )
    with op.batch_alter_table('parcels', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parcels_jcbh'), ['jcbh'], unique=False)
        batch_op.create_index(batch_op.f('ix_parcels_xzqdm'), ['xzqdm'], unique=False)

    op.create_table('refresh_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('refresh_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_refresh_tokens_user_id'), ['user_id'], unique=False)

    op.create_table('results',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('jcbh', sa.String(length=40), nullable=False),
    sa.Column('dkbh', sa.String(length=60), nullable=True),
    sa.Column('pdlx', sa.String(length=20), nullable=True),
    sa.Column('hchlx', sa.String(length=40), nullable=True),
    sa.Column('wflx', sa.String(length=40), nullable=True),
    sa.Column('hczt', sa.String(length=20), nullable=True),
    sa.Column('tbmj_mu', sa.Float(), nullable=True),
    sa.Column('wfmj', sa.Float(), nullable=True),
    sa.Column('wfgdmj', sa.Float(), nullable=True),
    sa.Column('wfstmj', sa.Float(), nullable=True),
    sa.Column('wfjbntmj', sa.Float(), nullable=True),
    sa.Column('sfnrwfjs', sa.String(length=2), nullable=True),
    sa.Column('sjysyj', sa.Text(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('xzqdm', sa.String(length=12), nullable=False),
    sa.ForeignKeyConstraint(['jcbh'], ['patches.jcbh'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('jcbh', 'dkbh', name='results_one_per_patch')
    )
    with op.batch_alter_table('results', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_results_jcbh'), ['jcbh'], unique=False)
        batch_op.create_index(batch_op.f('ix_results_xzqdm'), ['xzqdm'], unique=False)

    op.create_table('reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('result_id', sa.String(length=36), nullable=False),
    sa.Column('jcbh', sa.String(length=40), nullable=False),
    sa.Column('decision', sa.String(length=10), nullable=False),
    sa.Column('from_state', sa.String(length=20), nullable=False),
    sa.Column('to_state', sa.String(length=20), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('reviewer', sa.String(length=100), nullable=False),
    sa.Column('reviewer_region', sa.String(length=12), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('xzqdm', sa.String(length=12), nullable=False),
    sa.ForeignKeyConstraint(['result_id'], ['results.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reviews_result_id'), ['result_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reviews_xzqdm'), ['xzqdm'], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        for table in ("patches", "parcels"):
            op.create_index(f"{table}_geom", table, ["geom"], postgresql_using="gist")
    op.bulk_insert(sa.table("counters", sa.column("name"), sa.column("value")),
                   [{"name": "changes", "value": 0}])


def downgrade():
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reviews_xzqdm'))
        batch_op.drop_index(batch_op.f('ix_reviews_result_id'))

    op.drop_table('reviews')
    with op.batch_alter_table('results', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_results_xzqdm'))
        batch_op.drop_index(batch_op.f('ix_results_jcbh'))

    op.drop_table('results')
    with op.batch_alter_table('refresh_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_refresh_tokens_user_id'))

    op.drop_table('refresh_tokens')
    with op.batch_alter_table('parcels', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parcels_xzqdm'))
        batch_op.drop_index(batch_op.f('ix_parcels_jcbh'))

    op.drop_table('parcels')
    op.drop_table('idempotency')
    op.drop_table('users')
    with op.batch_alter_table('patches', schema=None) as batch_op:
        batch_op.drop_index('patches_bbox')
        batch_op.drop_index(batch_op.f('ix_patches_xzqdm'))
        batch_op.drop_index(batch_op.f('ix_patches_batch_id'))

    op.drop_table('patches')
    op.drop_table('regions')
    op.drop_table('counters')
    with op.batch_alter_table('changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_changes_xzqdm'))

    op.drop_table('changes')
    with op.batch_alter_table('batches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_batches_xzqdm'))

    op.drop_table('batches')
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_xzqdm'))

    op.drop_table('audit')
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachments_xzqdm'))
        batch_op.drop_index(batch_op.f('ix_attachments_sha256'))

    op.drop_table('attachments')
    op.drop_table('applied_ops')
