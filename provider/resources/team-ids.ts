/** The real provider's two-part ids (`<team>:<email>`, `<app>:<email>`), split at the first colon (internal). */
export function compositeId(id: string): [string, string] {
  const at = id.indexOf(":");
  if (at < 0) throw new Error("error: Import composite ID requires two parts separated by colon, eg x:y");
  return [id.slice(0, at), id.slice(at + 1)];
}
