/**
 * One local provider process for a whole run. Terraform would start the
 * provider 3–5 times a command, for every stack; instead dynoform starts the
 * installed package once, unmanaged (see provider/server/serve.ts), and hands
 * every Terraform command TF_REATTACH_PROVIDERS naming its socket for the
 * stack's folder, so Terraform reattaches to it instead of starting its own.
 *
 * The process is this run's alone: it is killed when the run ends, however
 * it ends (done, an error, Ctrl-C, SIGTERM), and it exits by itself within a
 * second of its parent going away (a `kill -9` of dynoform). A provider that
 * exits while the run still needs it is reported in one line with the end of
 * what it wrote on stderr.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { join } from "node:path";
import { PROVIDER_ADDRESS, PROVIDER_VERSION } from "../provider/protocol/schema";
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE, REATTACH_VARIABLE } from "../provider/server/serve";

/** How long the provider may take to print its handshake line. */
const START_TIMEOUT_MS = 30_000;
/** How much of the provider's stderr is kept for a failure's line. */
const STDERR_TAIL = 2_000;

/** How the provider ended: `code N` or `signal S`, and the end of what it wrote on stderr. */
export interface ProviderEnd {
  readonly how: string;
  readonly stderrTail: string;
}

export interface LocalProvider {
  readonly pid: number;
  /** TF_REATTACH_PROVIDERS for a Terraform command run in `dir`, a stack's folder (a socket of its own, asked for once). */
  reattachEnv(dir: string): Promise<Record<string, string>>;
  /** How the provider ended, once it has. */
  exited(): ProviderEnd | undefined;
  /** The same, waiting up to `ms` for an end on its way (Terraform may see a dead provider before this process reaps it). */
  exitedWithin(ms: number): Promise<ProviderEnd | undefined>;
  /** Stops the provider and waits for it to be gone. */
  stop(): Promise<void>;
}

/**
 * Go-plugin's reattach configuration as Terraform reads it (internal/getproviders/reattach):
 * `Test` keeps go-plugin's client from sending Shutdown and killing the process when one
 * Terraform run is done with it; the address is a unix socket, dialled without TLS (internal helper).
 */
function reattachProviders(pid: number, socket: string): string {
  return JSON.stringify({ [PROVIDER_ADDRESS]: { Protocol: "grpc", ProtocolVersion: 6, Pid: pid, Test: true, Addr: { Network: "unix", String: socket } } });
}

/** Every provider this process started and has not stopped yet: killed on the way out, whatever the way (internal). */
const running = new Set<ChildProcess>();
let exitHooked = false;

/** Installs, once, what kills the providers when this process ends (internal helper). */
function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on("exit", () => running.forEach((child) => child.kill("SIGKILL")));
}

/**
 * Starts the provider installed in `packageDir` with the run's environment
 * (the platform's key, the create journal…). It loads while the caller
 * synthesizes; the first socket asked for waits for it.
 */
export function startLocalProvider(packageDir: string, env: Record<string, string>): LocalProvider {
  hookExit();
  const shim = join(packageDir, `terraform-provider-heroku_v${PROVIDER_VERSION}`);
  const child = spawn(shim, [], {
    env: { ...process.env, ...env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: "6", [REATTACH_VARIABLE]: "1" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  running.add(child);
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString("utf8")).slice(-STDERR_TAIL)));
  child.stdin!.on("error", () => undefined); // a provider gone shows as its exit
  child.once("error", () => undefined);
  let ended: ProviderEnd | undefined;
  const gone = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      running.delete(child);
      ended = { how: code === null ? `signal ${signal}` : `code ${code}`, stderrTail: stderr.trim().split("\n").slice(-3).join(" ").replace(/\s+/g, " ") };
      resolve();
    }),
  );
  // Handshake lines, one per folder asked for, in the order asked.
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => waiting.shift()?.(line));
  const sockets = new Map<string, Promise<string>>();
  const socketFor = (dir: string): Promise<string> => {
    if (!sockets.has(dir)) {
      const asked = new Promise<string>((resolve, reject) => {
        if (ended) return reject(new Error("exited"));
        const timer = setTimeout(() => reject(new Error(`no handshake within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
        void gone.then(() => (clearTimeout(timer), reject(new Error("exited"))));
        waiting.push((line) => {
          clearTimeout(timer);
          const [core, protocol, network, address, kind] = line.trim().split("|");
          if (core === "1" && protocol === "6" && network === "unix" && kind === "grpc") resolve(address);
          else reject(new Error(`unexpected handshake "${line.trim()}"`));
        });
        child.stdin!.write(`${dir}\n`);
      });
      sockets.set(dir, asked);
    }
    return sockets.get(dir)!;
  };
  return {
    pid: child.pid!,
    reattachEnv: async (dir) => ({ TF_REATTACH_PROVIDERS: reattachProviders(child.pid!, await socketFor(dir)) }),
    exited: () => ended,
    exitedWithin: async (ms) => {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([gone, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
      clearTimeout(timer);
      return ended;
    },
    stop: async () => {
      // Closing stdin asks it to exit; SIGTERM makes sure.
      if (!ended) child.stdin!.end();
      if (!ended) child.kill("SIGTERM");
      await gone;
    },
  };
}
