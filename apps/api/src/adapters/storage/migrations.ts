/**
 * Versioned schema migrations, applied in order at start (`migrate`). Append only: a released migration is never
 * edited, a change is a new version. Plain PostgreSQL, which PGlite runs unchanged.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const ROLE_CHECK = "('viewer', 'editor', 'deployer', 'admin')";

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'designs, revisions, drafts, access and audit',
    sql: `
CREATE TABLE workspaces (
  id text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL
);
INSERT INTO workspaces (id, name, created_at) VALUES ('default', 'Default', now());

CREATE TABLE users (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  site_admin boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL
);

CREATE TABLE memberships (
  workspace_id text NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ${ROLE_CHECK}),
  PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

-- Only hashes of session ids and tokens are stored: a copy of the database does not let anyone sign in.
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  role text CHECK (role IN ${ROLE_CHECK}),
  workspace_id text REFERENCES workspaces (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- The head of each design. Its content lives in revisions (design_id, revision), never copied here.
CREATE TABLE designs (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces (id),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  kind text,
  revision integer NOT NULL,
  version integer NOT NULL,
  content_hash text NOT NULL,
  valid boolean NOT NULL,
  error_count integer NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);
CREATE INDEX designs_workspace_updated ON designs (workspace_id, updated_at DESC);
CREATE INDEX designs_workspace_name ON designs (workspace_id, lower(name));

CREATE TABLE revisions (
  design_id text NOT NULL REFERENCES designs (id) ON DELETE CASCADE,
  revision integer NOT NULL,
  content_hash text NOT NULL,
  yaml text NOT NULL,
  size integer NOT NULL,
  author text NOT NULL,
  message text NOT NULL DEFAULT '',
  restored_from integer,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (design_id, revision)
);

CREATE TABLE drafts (
  design_id text NOT NULL REFERENCES designs (id) ON DELETE CASCADE,
  author text NOT NULL,
  yaml text NOT NULL,
  content_hash text NOT NULL,
  base_revision integer NOT NULL,
  version integer NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (design_id, author)
);

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  workspace_id text,
  design_id text,
  revision integer,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_workspace ON audit_log (workspace_id, id DESC);
`,
  },
  {
    version: 2,
    name: 'deployments of RGDs per cluster',
    sql: `
-- One row per deploy of an RGD to a cluster. applied_spec is the RGD spec as the API server stored it (after
-- defaulting), so drift is a plain comparison with the cluster's copy.
CREATE TABLE deployments (
  id text PRIMARY KEY,
  cluster text NOT NULL,
  rgd_name text NOT NULL,
  design_id text,
  revision integer,
  workspace_id text,
  yaml text NOT NULL,
  applied_spec jsonb,
  state text NOT NULL CHECK (state IN ('in-progress', 'active', 'failed')),
  steps jsonb NOT NULL,
  diagnostics jsonb NOT NULL DEFAULT '[]',
  started_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  created_by text NOT NULL
);
CREATE INDEX deployments_cluster_rgd ON deployments (cluster, rgd_name, started_at DESC);
`,
  },
];
