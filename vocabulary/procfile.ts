/** Heroku's Procfile: one `type: command` per line; the types are what a formation can scale. */

/** The process types a Procfile declares with their commands (`web: gunicorn app:app` → web). */
export function parseProcfile(text: string): Record<string, string> {
  const types: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const match = /^([-\w]+)\s*:\s*(.*)$/.exec(line.trim());
    if (match) types[match[1]] = match[2].trim();
  }
  return types;
}
