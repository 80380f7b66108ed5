/**
 * What cdktf never offered, run the way every dynoform command runs
 * Terraform (terraform-runner.ts): a saved plan (`terraform plan -out`) and
 * its JSON next to it, applying exactly that file, destroying one stack, and
 * reading the apps' URLs from state. A saved plan holds the values of every
 * variable, secrets included: its files are written 0600.
 */
import { chmodSync, writeFileSync } from "node:fs";
import { terraform, type TerraformSession } from "./terraform-runner";

/** One stack's folder, for the commands below. */
export interface StackFolder {
  readonly stack: string;
  readonly dir: string;
}

/**
 * `terraform plan -out FILE`, then `terraform show -json FILE` into `FILE.json`
 * (what `dynoform review --plan` reads). @returns whether the plan changes anything
 */
export async function planToFile(session: TerraformSession, { stack, dir }: StackFolder, file: string): Promise<boolean> {
  const plan = await terraform(session, { stack, dir, args: ["plan", "-input=false", "-no-color", "-detailed-exitcode", `-out=${file}`], doing: "planning", shows: "plan", failure: `terraform plan of ${dir} failed` });
  chmodSync(file, 0o600);
  const shown = await terraform(session, { stack, dir, args: ["show", "-json", "-no-color", file], doing: "reading", capture: true, failure: `terraform show of ${file} failed` });
  writeFileSync(`${file}.json`, shown.stdout, { mode: 0o600 });
  return plan.code === 2;
}

/** `terraform apply FILE`: exactly what was planned, or Terraform's refusal (a stale plan) in one line. */
export async function applyPlanFile(session: TerraformSession, { stack, dir }: StackFolder, file: string): Promise<void> {
  await terraform(session, { stack, dir, args: ["apply", "-input=false", "-no-color", file], doing: "applying", shows: "apply", failure: `terraform refused to apply ${file}` });
}

/** `terraform apply -destroy`: everything the stack's state holds. */
export async function destroyStack(session: TerraformSession, { stack, dir }: StackFolder): Promise<void> {
  await terraform(session, { stack, dir, args: ["apply", "-destroy", "-auto-approve", "-input=false", "-no-color"], doing: "destroying", shows: "destroy", failure: `terraform destroy in ${dir} failed` });
}

interface ShownState {
  values?: { root_module?: { resources?: { type: string; values?: { name?: string; web_url?: string } }[] } };
}

/** The web URL of each app in a stack's state, read with `terraform show -json`. */
export async function appUrls(session: TerraformSession, { stack, dir }: StackFolder): Promise<{ name: string; url: string }[]> {
  const shown = await terraform(session, { stack, dir, args: ["show", "-json", "-no-color"], doing: "reading", capture: true, failure: `terraform show in ${dir} failed` });
  const state = JSON.parse(shown.stdout) as ShownState;
  return (state.values?.root_module?.resources ?? [])
    .filter((r) => r.type === "heroku_app" && r.values?.web_url)
    .map((r) => ({ name: r.values!.name ?? "", url: r.values!.web_url! }));
}
