import { CliError } from "../cli-error";

export const summary = "synth";

export async function run(args: string[]): Promise<number> {
  throw new CliError(`synth: not built yet (${args.join(" ")})`);
}
