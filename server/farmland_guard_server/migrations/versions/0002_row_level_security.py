"""Row-level security on PostgreSQL (the region scope again, below the ORM) and an audit
table that cannot be changed or emptied, on both databases.

Revision ID: 0002
Revises: 0001
"""
from alembic import op
from farmland_guard_server.scope import APP_ROLE

revision = "0002"
down_revision = "0001"

# a row is visible when its region code starts with the session's region, set for each
# transaction by scope.enter; unset or empty, nothing is visible
POLICY = "starts_with(xzqdm, nullif(current_setting('farmland_guard.region', true), ''))"
# the tables whose rows belong to a region (models.SCOPED_TABLES when this was written)
SCOPED_TABLES = ("applied_ops", "attachments", "audit", "batches", "changes", "parcels",
                 "patches", "results", "reviews")


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN
                CREATE ROLE {APP_ROLE} NOLOGIN;
            END IF; END $$""")
        op.execute(f"""DO $$ BEGIN
            IF NOT pg_has_role(current_user, '{APP_ROLE}', 'MEMBER') THEN
                GRANT {APP_ROLE} TO CURRENT_USER;
            END IF; END $$""")  # a DBA may have made the role and granted it already
        op.execute(f"GRANT USAGE ON SCHEMA public TO {APP_ROLE}")
        op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public "
                   f"TO {APP_ROLE}")
        op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE}")
        op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, "
                   f"DELETE ON TABLES TO {APP_ROLE}")
        op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON "
                   f"SEQUENCES TO {APP_ROLE}")
        op.execute(f"REVOKE UPDATE, DELETE ON audit FROM {APP_ROLE}")
        for table in SCOPED_TABLES:
            op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
            op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
            op.execute(f"CREATE POLICY region_scope ON {table} TO {APP_ROLE} "
                       f"USING ({POLICY}) WITH CHECK ({POLICY})")
        op.execute("""CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
                      $$ BEGIN RAISE EXCEPTION 'audit is append-only'; END $$""")
        op.execute("CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit "
                   "FOR EACH ROW EXECUTE FUNCTION audit_append_only()")
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER audit_no_{verb.lower()} BEFORE {verb} ON audit "
                       "BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_append_only ON audit")
        op.execute("DROP FUNCTION audit_append_only()")
        for table in SCOPED_TABLES:
            op.execute(f"DROP POLICY region_scope ON {table}")
            op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM {APP_ROLE}")
        op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES "
                   f"FROM {APP_ROLE}")
        op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {APP_ROLE}")
        op.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {APP_ROLE}")
        op.execute(f"REVOKE USAGE ON SCHEMA public FROM {APP_ROLE}")
    else:
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER audit_no_{verb}")
