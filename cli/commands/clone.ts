/**
 * `dynoform clone <from-env> <new-env> [--profile qa|review|mirror] [--set path=value]… [--domain-pattern P] [--dry-run]`
 * writes `environments/<new-env>.yaml` from an existing environment.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { cloneEnvironment } from "../../clone/clone-environment";
import { lineDiff } from "../../clone/line-diff";
import { CLONE_PROFILES } from "../../clone/profiles";
import { writeFileAtomic } from "../../lib/atomic-file";
import { environmentNameProblem, environmentsDir, loadEstate, SpecError } from "../../environment-files";
import { UserError } from "../../lib/user-error";

export const summary = "write a QA, review or mirror copy of an environment file (--profile, --set, --dry-run)";

const USAGE = `usage: dynoform clone <from-env> <new-env> [--profile qa|review|mirror] [--set path=value]… [--domain-pattern P] [--dry-run]
  --profile         qa (default): basic dynos, small data plans, development stage
                    review: eco dynos, small data plans, review stage, no custom domains
                    mirror: same sizes and plans, hostnames rewritten, outside the pipeline
  --set             override one field of the new file, e.g. formation.web.quantity=2 (repeatable)
  --domain-pattern  rewrite custom domains, e.g. "{first}-{env}.{rest}" (www.example.com -> www-qa.example.com)
  --dry-run         print the diff from the source file instead of writing`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      profile: { type: "string", default: "qa" },
      set: { type: "string", multiple: true, default: [] },
      "domain-pattern": { type: "string" },
      "dry-run": { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [from, name] = positionals;
  if (!from || !name || positionals.length > 2) throw new UserError(USAGE, 2);
  // Before anything else: the name becomes a file name, and must not lead out of environments/.
  const badName = environmentNameProblem(name);
  if (badName) throw new UserError(badName, 2);
  const profile = CLONE_PROFILES[values.profile];
  if (!profile) throw new UserError(`--profile "${values.profile}" is not one of ${Object.keys(CLONE_PROFILES).join(", ")}`, 2);

  let estate;
  try {
    estate = loadEstate();
  } catch (error) {
    if (error instanceof SpecError) throw new UserError(`the estate has problems; fix them before cloning:\n${error.message}`);
    throw error;
  }
  const source = estate.find((e) => e.name === from);
  if (!source) throw new UserError(`no environment "${from}" in ${environmentsDir()}/ (there are: ${estate.map((e) => e.name).join(", ")})`);
  const file = join(environmentsDir(), `${name}.yaml`);
  if (existsSync(file)) throw new UserError(`${file} already exists: pick another name`);

  const sourceText = readFileSync(source.yaml.file, "utf8");
  const result = cloneEnvironment({
    source,
    sourceText,
    name,
    file,
    profile,
    sets: values.set,
    domainPattern: values["domain-pattern"],
    estate,
  });
  if (!result.text) throw new UserError(`the clone would not be valid:\n${result.problems.join("\n")}`);
  if (values["dry-run"]) {
    console.log(lineDiff(sourceText, result.text, source.yaml.file, file));
    return 0;
  }
  writeFileAtomic(file, result.text, 0o644);
  console.log(`wrote ${file} (profile ${profile.name}); deploy it with: npx dynoform deploy ${name}`);
  return 0;
}
