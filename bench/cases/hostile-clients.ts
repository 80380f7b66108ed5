/**
 * 300 hostile clients of a platform, for the load bench, in a process of
 * their own so that their event loop is not the measuring client's: 100
 * trickle a declared body a byte every 100 ms, 50 send their headers a line
 * every 100 ms, 75 send bodies over MAX_BODY_BYTES with a Content-Length
 * and 75 chunked, at full speed. Each connects again as soon as it is
 * answered or cut off. All hold the key. Args: URL, API key, how long (ms),
 * and a file to create once they are all under way. Reports what they met,
 * and the CPU time they took.
 */
import { writeFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { setPriority } from "node:os";
import { MAX_BODY_BYTES } from "../../platform/protocol/http-server";

const HOSTILE = { trickle: 100, slowHeaders: 50, oversized: 75, oversizedChunked: 75 };
/** How often a slow client sends its next byte or header line. */
const TRICKLE_EVERY_MS = 100;

interface Target {
  readonly port: number;
  readonly apiKey: string;
}

/** Writes to a fresh connection as it likes; returns how to stop (internal helper). */
type Misbehaviour = (socket: Socket) => () => void;

/** What the clients met, by the status they were answered, or how their connection ended without one. */
type Outcomes = Record<string, number>;

/** The request line and headers every hostile client sends, the key among them (internal helper). */
function head(target: Target, method: string, extra: string[]): string {
  return [`${method} /apps HTTP/1.1`, "Host: 127.0.0.1", `Authorization: Bearer ${target.apiKey}`, "Accept: application/vnd.heroku+json; version=3", "Content-Type: application/json", ...extra].join("\r\n") + "\r\n";
}

/** One client: connects and misbehaves; when answered (or cut off) connects again, until the deadline. */
async function client(target: Target, until: number, outcomes: Outcomes, misbehave: Misbehaviour): Promise<void> {
  while (Date.now() < until) {
    await new Promise<void>((resolve) => {
      const socket = connect(target.port, "127.0.0.1");
      const stop = misbehave(socket);
      let answer = "";
      const deadline = setTimeout(() => socket.destroy(), Math.max(0, until - Date.now()));
      socket.on("data", (chunk: Buffer) => {
        answer ||= chunk.toString("latin1", 0, 12);
        socket.destroy();
      });
      socket.on("error", () => undefined);
      socket.on("close", () => {
        clearTimeout(deadline);
        stop();
        const outcome = answer.startsWith("HTTP/1.1 ") ? answer.slice(9, 12) : Date.now() >= until ? "held to the end" : "cut off";
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        resolve();
      });
    });
  }
}

/** A body declared whole, then sent a byte at a time (internal helper). */
const trickle = (target: Target): Misbehaviour => (socket) => {
  socket.write(head(target, "POST", ["Content-Length: 100000"]) + "\r\n");
  const timer = setInterval(() => socket.write("{"), TRICKLE_EVERY_MS);
  return () => clearInterval(timer);
};

/** Headers sent a line at a time, never finished (internal helper). */
const slowHeaders = (target: Target): Misbehaviour => (socket) => {
  let line = 0;
  socket.write(head(target, "GET", []));
  const timer = setInterval(() => socket.write(`X-Slow-${line++}: ${line}\r\n`), TRICKLE_EVERY_MS);
  return () => clearInterval(timer);
};

/** Half a megabyte over the limit at full speed, with its Content-Length or chunked without one (internal helper). */
const oversized = (target: Target, chunked: boolean): Misbehaviour => (socket) => {
  const total = MAX_BODY_BYTES + 512 * 1024;
  socket.write(head(target, "POST", [chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${total}`]) + "\r\n");
  const piece = Buffer.alloc(64 * 1024, "x");
  const framed = chunked ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n")]) : piece;
  let sent = 0;
  const more = (): void => {
    while (sent < total && !socket.destroyed) {
      sent += piece.length;
      if (!socket.write(framed)) return void socket.once("drain", more);
    }
    if (chunked && !socket.destroyed) socket.write("0\r\n\r\n");
  };
  more();
  return () => undefined;
};

export default async function run([url, apiKey, ms, readyFile]: string[]): Promise<Record<string, number | string>> {
  // They stand for clients on other machines: on the bench's own cores they yield to the platform and the measuring client.
  setPriority(19);
  const target = { port: Number(new URL(url).port), apiKey };
  const until = Date.now() + Number(ms);
  const outcomes: Record<keyof typeof HOSTILE, Outcomes> = { trickle: {}, slowHeaders: {}, oversized: {}, oversizedChunked: {} };
  const kinds: [keyof typeof HOSTILE, Misbehaviour][] = [
    ["trickle", trickle(target)],
    ["slowHeaders", slowHeaders(target)],
    ["oversized", oversized(target, false)],
    ["oversizedChunked", oversized(target, true)],
  ];
  const clients = kinds.flatMap(([kind, misbehave]) => Array.from({ length: HOSTILE[kind] }, () => client(target, until, outcomes[kind], misbehave)));
  writeFileSync(readyFile, "");
  await Promise.all(clients);
  const described = (met: Outcomes) => Object.entries(met).map(([outcome, n]) => `${outcome}: ${n}`).join(", ");
  const { user, system } = process.cpuUsage();
  return { ...Object.fromEntries(Object.entries(outcomes).map(([kind, met]) => [kind, described(met)])), hostileCpuMs: Math.round((user + system) / 1000) };
}
