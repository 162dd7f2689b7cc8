import pg from 'pg';
import type { SqlDatabase, SqlExecutor } from './SqlDatabase.js';

export interface PostgresOptions {
  readonly connectionString: string;
  /** Schema to use instead of `public` (tests isolate runs this way); created when missing. */
  readonly schema?: string;
  readonly maxConnections?: number;
  /** Told about errors of idle pooled connections (a restarted server, a dropped network); the pool replaces them. */
  readonly onIdleError?: (err: Error) => void;
}

function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    query: async <R extends object>(sql: string, params: readonly unknown[] = []) => (await client.query<R>(sql, [...params])).rows,
    exec: async (sql: string) => {
      await client.query(sql);
    },
  };
}

/** Connects to PostgreSQL with a `pg` pool and checks the server answers. */
export async function createPostgresDatabase(options: PostgresOptions): Promise<SqlDatabase> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 10_000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client's network error is emitted on the pool; without a listener it would crash the process.
  pool.on('error', (err) => options.onIdleError?.(err));
  try {
    if (options.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema.replace(/"/g, '""')}"`);
    else await pool.query('SELECT 1');
  } catch (cause) {
    await pool.end();
    throw new Error(`cannot reach PostgreSQL at ${redact(options.connectionString)}: ${(cause as Error).message}`, { cause });
  }
  return {
    driver: 'postgres',
    ...executor(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** The connection string without its password, for messages and logs. */
export function redact(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    // Not a URL (a libpq keyword string): say nothing of it rather than risk printing a password.
    return '(the configured DATABASE_URL)';
  }
}
