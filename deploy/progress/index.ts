/** The live view of a run over several stacks, and the reader of Terraform's `-json` output it is fed with. */
export { createProgressView, type ProgressView, type ProgressViewOptions } from "./progress-view";
export { parseTerraformJsonLine, type TerraformDiagnostic, type TerraformEvent } from "./terraform-json-line";
export { diagnosticLines } from "./diagnostic-text";
export type { TerraformVerb } from "./stack-progress";
