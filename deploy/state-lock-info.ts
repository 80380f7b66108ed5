/**
 * A held state lock, said in one line from what Terraform printed: its
 * "Lock Info" block (who, since when, the lock id), and what to do next.
 */

/**
 * Terraform's pg backend locks with PostgreSQL advisory locks: the database
 * session of the run that took one holds it, and nothing else can release it.
 */
export const PG_LOCK_EXPLANATION =
  "its locks are PostgreSQL advisory locks held by the database session of the Terraform run that took them, so there is nothing to force-unlock: " +
  "the lock goes when that run ends or its connection drops. To find the session: " +
  "select pid, usename, client_addr, backend_start, state from pg_stat_activity where pid in (select pid from pg_locks where locktype = 'advisory'); " +
  "stop that Terraform run, or as a last resort end its session with select pg_terminate_backend(<pid>)";

/** The fields of the last "Lock Info:" block in Terraform's output (ID, Who, Created…), with cdktf's stack prefixes and box lines ignored. */
function parseLockInfo(output: string): Record<string, string> | undefined {
  const lines = output.split("\n");
  const start = lines.reduce((last, line, i) => (/Lock Info:\s*$/.test(line) ? i : last), -1);
  if (start < 0) return undefined;
  const fields: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    const field = /^[^:]*?\b([A-Z][A-Za-z]*):\s+(.*?)\s*$/.exec(line.replace(/^.*?│\s*/, ""));
    if (!field) break;
    fields[field[1]] = field[2];
  }
  return fields.ID ? fields : undefined;
}

/** One line for a run that stopped on a held lock; undefined when the output shows none. */
export function heldLockLine(output: string): string | undefined {
  const info = parseLockInfo(output);
  if (!info || !/Error acquiring the state lock/.test(output)) return undefined;
  // pg's Lock Info is the asking run's own: PostgreSQL does not say who holds an advisory lock.
  // cdktf starts each line of a stack's Terraform output with the stack's name.
  const stack = /^([\w-]+)\s+\S*\s*Error: Error acquiring the state lock/m.exec(output)?.[1] ?? "<stack>";
  // pg's Lock Info is the asking run's own: PostgreSQL does not say who holds an advisory lock.
  if (/Workspace is already locked|Already locked for workspace creation/.test(output)) {
    return `${stack}: the state is locked by another Terraform run (pg does not record whose; dynoform state unlock ${stack} ${info.ID} says how to find it)`;
  }
  return `${stack}: the state is locked by ${info.Who} since ${info.Created} (${info.Operation}, lock ${info.ID}); if that run is gone: dynoform state unlock ${stack} ${info.ID}`;
}
