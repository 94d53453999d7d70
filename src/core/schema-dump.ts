/**
 * Normalisation of `pg_dump --schema-only --no-owner` output as half-orm-dev stores it:
 * lines that differ between pg_dump versions (and break older servers) are removed.
 */
const DROPPED_PREFIXES = ['\\restrict', '\\unrestrict', '-- Dumped from', '-- Dumped by', 'SET transaction_timeout'];

export function normaliseSchemaDump(dump: string): string {
  return dump
    .split('\n')
    .filter((line) => !DROPPED_PREFIXES.some((p) => line.startsWith(p)))
    .join('\n');
}
