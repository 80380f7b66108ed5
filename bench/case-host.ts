/**
 * Runs one benchmark case module (its default export returns its figures)
 * and prints them with the process's peak memory as the last stdout line.
 */
async function main(): Promise<void> {
  const [script, ...args] = process.argv.slice(2);
  const mod = (await import(script)) as { default: (args: string[]) => Promise<Record<string, number | string>> };
  const figures = await mod.default(args);
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ figures, peakRssMb })}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
