/**
 * A case's timeline, in the seller's words: the exit case and the deposit case each keep one, the
 * same table named for its case. The SQL is laid out exactly as migrations 4 and 5 first wrote it,
 * because SQLite keeps a table's CREATE text as written (the schema must not change).
 */
export function caseTimelineSql(caseKind: 'exit' | 'deposit'): string {
  return `CREATE TABLE ${caseKind}_event (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES ${caseKind}_case(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        text_en TEXT NOT NULL
      );
      CREATE INDEX ${caseKind}_event_case ON ${caseKind}_event(case_id, id);`;
}
