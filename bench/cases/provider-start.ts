/**
 * Starting the provider as Terraform does, again and again: the installed
 * shim run with go-plugin's environment (magic cookie, protocol versions,
 * ports, a client certificate for mTLS), timed until the handshake line
 * (`1|6|unix|<socket>|grpc|<cert>`) is on its stdout, then until its first
 * RPC is answered over that socket with that certificate (the schema, as
 * Terraform's schema-loading start asks it), then stopped. Beside it, on the
 * same machine and interleaved with it: bare `node -e ''` to its exit (the
 * floor for a Node provider), and the real heroku/heroku 5.3.2 binary from
 * DYNOFORM_REFERENCE_PROVIDER_MIRROR when that is set. The first start of the
 * local provider after its install (cold caches) is reported on its own.
 */
import { credentials, Client, type ServiceError } from "@grpc/grpc-js";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installLocalProvider, terraformPlatform } from "../../provider/install/install-provider";
import { PROVIDER_ADDRESS, PROVIDER_VERSION } from "../../provider/protocol/schema";
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from "../../provider/server/serve";
import { selfSignedCert } from "../../lib/self-signed-cert";

const HANDSHAKE = /^1\|([56])\|unix\|([^|]+)\|grpc\|([A-Za-z0-9+/]+)$/;
const CLIENT = selfSignedCert();

interface Start {
  readonly handshakeMs: number;
  readonly firstCallMs: number;
  /** The provider process's peak resident memory once it answered. */
  readonly peakRssMb: number;
}

/** Milliseconds since `started` (internal helper). */
const since = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

/** The provider's schema RPC over its socket with Terraform's client certificate, as protocol `version` names it (internal helper). */
function firstCall(version: string, socket: string, certBase64: string): Promise<void> {
  // The line's base64 has no padding; PEM wants it.
  const serverPem = `-----BEGIN CERTIFICATE-----\n${Buffer.from(certBase64, "base64").toString("base64")}\n-----END CERTIFICATE-----\n`;
  const tls = credentials.createSsl(Buffer.from(serverPem), Buffer.from(CLIENT.keyPem), Buffer.from(CLIENT.certPem));
  const client = new Client(`unix:${socket}`, tls, { "grpc.ssl_target_name_override": "localhost", "grpc.default_authority": "localhost" });
  const path = version === "6" ? "/tfplugin6.Provider/GetProviderSchema" : "/tfplugin5.Provider/GetSchema";
  return new Promise<void>((resolve, reject) => {
    client.makeUnaryRequest(path, () => Buffer.alloc(0), (b: Buffer) => b, {}, (error: ServiceError | null) => {
      client.close();
      if (error) reject(error);
      else resolve();
    });
  });
}

/** Peak resident memory of a running process, from /proc (internal helper). */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024);
}

/** One start of a plugin executable, as Terraform's plugin client makes it, timed (internal helper). */
function start(executable: string): Promise<Start> {
  const env = {
    ...process.env,
    [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
    // What Terraform 1.11 offers every provider; the real one picks 5, dynoform's 6.
    PLUGIN_PROTOCOL_VERSIONS: "5,6",
    PLUGIN_MIN_PORT: "10000",
    PLUGIN_MAX_PORT: "25000",
    PLUGIN_CLIENT_CERT: CLIENT.certPem,
  };
  const started = process.hrtime.bigint();
  const child = spawn(executable, [], { env, stdio: ["ignore", "pipe", "ignore"] });
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  return new Promise<Start>((resolve, reject) => {
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes("\n")) return;
      const handshakeMs = since(started);
      child.stdout.off("data", onData);
      const line = HANDSHAKE.exec(out.slice(0, out.indexOf("\n")));
      if (!line) {
        child.kill("SIGTERM");
        return reject(new Error(`not a handshake line: ${out}`));
      }
      firstCall(line[1], line[2], line[3])
        .then(() => ({ handshakeMs, firstCallMs: since(started), peakRssMb: peakRssMb(child.pid as number) }))
        .finally(() => child.kill("SIGTERM"))
        .then((result) => exited.then(() => resolve(result)), reject);
    };
    child.stdout.on("data", onData);
    child.on("error", reject);
    exited.then(() => (out.includes("\n") ? undefined : reject(new Error(`${executable} exited before its handshake`))));
  });
}

/** `node -e ''` from spawn to exit: what any Node process costs (internal helper). */
function bareNode(): Promise<number> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", () => resolve(since(started)));
  });
}

/** The real provider's executable in an unpacked filesystem mirror (internal helper). */
function referenceExecutable(mirror: string): string {
  const dir = join(mirror, PROVIDER_ADDRESS, PROVIDER_VERSION, terraformPlatform());
  const name = existsSync(dir) ? readdirSync(dir).find((f) => f.startsWith("terraform-provider-heroku")) : undefined;
  if (!name) throw new Error(`no terraform-provider-heroku executable in ${dir} (an unpacked filesystem mirror)`);
  return join(dir, name);
}

/** The q-quantile (nearest rank), rounded to 0.1 (internal helper). */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] * 10) / 10;
}

/** Median and 90th percentile as figures named after `name` (internal helper). */
function spread(values: number[], name: string): Record<string, number> {
  return { [`${name}MedianMs`]: quantile(values, 0.5), [`${name}P90Ms`]: quantile(values, 0.9) };
}

export default async function run([count = "30"]: string[]): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), "dynoform-bench-start-"));
  try {
    return await measure(Number(count), join(installLocalProvider(dir).packageDir, `terraform-provider-heroku_v${PROVIDER_VERSION}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `n` starts of each side, after one cold start of the local provider (internal helper). */
async function measure(n: number, local: string): Promise<Record<string, number | string>> {
  const mirror = process.env.DYNOFORM_REFERENCE_PROVIDER_MIRROR;
  const reference = mirror ? referenceExecutable(mirror) : undefined;
  const cold = await start(local);
  const sides: { local: Start[]; reference: Start[]; node: number[] } = { local: [], reference: [], node: [] };
  // Interleaved, so that the machine's load weighs on every side alike.
  for (let i = 0; i < n; i++) {
    sides.local.push(await start(local));
    sides.node.push(await bareNode());
    if (reference) sides.reference.push(await start(reference));
  }
  const figures: Record<string, number | string> = {
    starts: n,
    coldHandshakeMs: quantile([cold.handshakeMs], 0.5),
    ...spread(sides.node, "node"),
  };
  for (const side of ["local", "reference"] as const) {
    if (sides[side].length === 0) continue;
    Object.assign(figures, spread(sides[side].map((s) => s.handshakeMs), `${side}Handshake`), spread(sides[side].map((s) => s.firstCallMs), `${side}FirstCall`));
    figures[`${side}PeakMb`] = quantile(sides[side].map((s) => s.peakRssMb), 0.5);
  }
  return figures;
}
