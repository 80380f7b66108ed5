/**
 * Terraform's diagnostics as text: a JSON diagnostic written into a stack's
 * log the way Terraform's human output shows it, and the human error boxes
 * Terraform writes on stderr (a command run without -json, a crash) read back
 * into diagnostics, so that a failure names its error either way.
 */
import type { TerraformDiagnostic } from "./terraform-json-line";

/** A diagnostic as Terraform prints it without -json: a box with the summary, the resource, the line, the detail. */
export function diagnosticLines(diagnostic: TerraformDiagnostic): string[] {
  const { severity, summary, detail, address, range } = diagnostic;
  const lines = [`${severity === "error" ? "Error" : "Warning"}: ${summary}`];
  if (address || range) lines.push("");
  if (address) lines.push(`  with ${address},`);
  if (range) lines.push(`  on ${range.filename} line ${range.line}:`, ...(range.code ? [`  ${range.line}: ${range.code}`] : []));
  if (detail) lines.push("", ...detail.split("\n"));
  return ["╷", ...lines.map((line) => `│ ${line}`.trimEnd()), "╵"];
}

/**
 * The errors and warnings in Terraform's human output: each `Error:` or
 * `Warning:` line (inside its box or not) starts one, its `with ADDRESS,`
 * line names the resource, the lines after the location are the detail.
 */
export function humanDiagnostics(output: string): TerraformDiagnostic[] {
  type Found = { severity: "error" | "warning"; summary: string; address?: string; detail: string[] };
  const found: Found[] = [];
  let current: Found | undefined;
  for (const raw of output.split("\n")) {
    const line = raw.replace(/^[│╷╵]\s?/, "").trimEnd();
    const start = /^(Error|Warning): (.*)$/.exec(line);
    if (start) {
      found.push((current = { severity: start[1] === "Error" ? "error" : "warning", summary: start[2].trim(), detail: [] }));
      continue;
    }
    // A box's end ends its diagnostic.
    if (raw.startsWith("╵")) current = undefined;
    if (!current) continue;
    const address = /^ {2}with (\S+),$/.exec(line);
    if (address) current.address = address[1];
    else if (!/^ {2}(on .* line \d+|\d+: )/.test(line)) current.detail.push(line);
  }
  return found.map(({ severity, summary, address, detail }) => ({
    severity,
    summary,
    detail: detail.join("\n").trim(),
    ...(address ? { address } : {}),
  }));
}
