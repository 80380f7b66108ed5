import { CliError } from "../cli-error";

export const summary = "cost";

export async function run(args: string[]): Promise<number> {
  throw new CliError(`cost: not built yet (${args.join(" ")})`);
}
