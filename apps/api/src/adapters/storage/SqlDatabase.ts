/**
 * The one SQL surface both storage drivers offer (PGlite embedded, PostgreSQL over `pg`). Repositories are written
 * once against it, in PostgreSQL's dialect, which both drivers speak.
 */
export interface SqlExecutor {
  /** Runs one parameterised statement (`$1`, `$2`…) and returns its rows. */
  query<R extends object>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface SqlDatabase extends SqlExecutor {
  readonly driver: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws (the error is rethrown). */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
