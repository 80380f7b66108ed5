import { CliError } from "../cli-error";

export const summary = "review";

export async function run(args: string[]): Promise<number> {
  throw new CliError(`review: not built yet (${args.join(" ")})`);
}
