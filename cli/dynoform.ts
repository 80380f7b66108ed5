/**
 * `dynoform <command> [args…]`: dispatches to one module per command in
 * `cli/commands/`. Each module exports `run(args)` and a one-line `summary`;
 * it is loaded only when called, so `dynoform platform env` stays fast.
 */
import { UserError } from "../lib/user-error";

interface CommandModule {
  summary: string;
  run(args: string[]): Promise<number | void>;
}

// require, not import(): the bin shim registers tsx's CommonJS hook only.
const COMMANDS: Record<string, () => CommandModule> = {
  platform: () => require("./commands/platform"),
  synth: () => require("./commands/synth"),
  review: () => require("./commands/review"),
  cost: () => require("./commands/cost"),
  graph: () => require("./commands/graph"),
  clone: () => require("./commands/clone"),
  import: () => require("./commands/import"),
  deploy: () => require("./commands/deploy").deployCommand("deploy"),
  plan: () => require("./commands/plan-file").planCommand,
  apply: () => require("./commands/plan-file").applyCommand,
  destroy: () => require("./commands/deploy").deployCommand("destroy"),
  state: () => require("./commands/state"),
  preview: () => require("./commands/preview"),
};

function usage(): string {
  return ["usage: dynoform <command> [args…]", "", "commands:", ...Object.keys(COMMANDS).map((c) => `  ${c.padEnd(10)} ${COMMANDS[c]().summary}`)].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`dynoform: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const command = load();
  return (await command.run(args)) ?? 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UserError) {
      console.error(`dynoform: ${err.message}`);
      process.exitCode = err.exitCode;
    } else {
      console.error(err);
      process.exitCode = 1;
    }
  },
);
