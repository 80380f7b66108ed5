/**
 * `dynoform deploy|plan|destroy [stack…] [--target heroku|local]`: synthesize
 * for the target, make sure every secret has a value, then hand the stacks to
 * cdktf. For real Heroku this is plain `cdktf deploy` with the registry
 * provider and the user's HEROKU_API_KEY; nothing dynoform-specific is applied.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { runCdktf, type CdktfCommand } from "../../deploy/cdktf-runner";
import { environmentSecretValues, requiredSecretVariables, secretEnvironment } from "../../deploy/secrets";
import { readSynthesizedTree } from "../../deploy/synthesized-tree";
import { CliError } from "../cli-error";
import { defaultOutDir } from "./synth";

export type DeployVerb = "deploy" | "plan" | "destroy";

const CDKTF_COMMAND: Record<DeployVerb, CdktfCommand> = { deploy: "deploy", plan: "diff", destroy: "destroy" };

/** The command module of one verb: `dynoform deploy`, `plan` and `destroy` share this code. */
export function deployCommand(verb: DeployVerb) {
  return {
    summary: `synthesize, check every secret has a value, then cdktf ${CDKTF_COMMAND[verb]} (--target heroku)`,
    run: (args: string[]) => runVerb(verb, args),
  };
}

async function runVerb(verb: DeployVerb, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { target: { type: "string", default: "heroku" }, help: { type: "boolean", short: "h" } },
  });
  const usage = `usage: dynoform ${verb} [stack…] [--target heroku|local]`;
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (values.target === "local") {
    throw new CliError("--target local needs the embedded platform and the local provider, which are not built yet; use --target heroku");
  }
  if (values.target !== "heroku") throw new CliError(`--target "${values.target}" is not heroku or local\n${usage}`, 2);

  const outDir = resolve(defaultOutDir("heroku"));
  const env = { DYNOFORM_TARGET: "heroku" };
  const synthCode = await runCdktf({ command: "synth", stacks: [], outDir, env, skipProviderLock: false });
  if (synthCode !== 0) return synthCode;
  const all = readSynthesizedTree(outDir);
  const unknown = positionals.filter((name) => !all.some((s) => s.name === name));
  if (unknown.length > 0) throw new CliError(`no stack named ${unknown.join(", ")} (there are: ${all.map((s) => s.name).join(", ")})`);
  const stacks = all.filter((s) => positionals.length === 0 || positionals.includes(s.name));
  // Every missing secret is named before terraform runs at all.
  const secrets = environmentSecretValues(requiredSecretVariables(stacks), process.env);
  return runCdktf({
    command: CDKTF_COMMAND[verb],
    stacks: positionals,
    outDir,
    env: { ...env, ...secretEnvironment(secrets) },
    skipProviderLock: false,
    skipSynth: true,
  });
}
