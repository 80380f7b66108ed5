import { CliError } from "../cli-error";

export const summary = "run the embedded Heroku-compatible platform (start, stop, status, env)";

export async function run(args: string[]): Promise<number> {
  throw new CliError(`platform: not built yet (${args.join(" ")})`);
}
