export interface NewAuditEntry {
  readonly at: Date;
  readonly actor: string;
  readonly action: string;
  readonly workspace: string | null;
  readonly designId?: string | null;
  readonly revision?: number | null;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface AuditRecord extends Required<NewAuditEntry> {
  readonly id: string;
}

/** Append-only record of who did what. Design writes add their entry inside their own transaction instead. */
export interface AuditLog {
  append(entry: NewAuditEntry): Promise<void>;
  list(query: { workspace: string; designId?: string; limit: number; offset: number }): Promise<{ items: AuditRecord[]; total: number }>;
}
