/**
 * How fast the platform reads request bodies, all of them together, and
 * what becomes of a body it refuses. Node allocates every read anew, so a
 * flood of large bodies read as fast as it is sent keeps the garbage
 * collector busy, stalling every other request in its pauses. Read at this
 * pace instead, a flood waits in the senders' sockets, held back by TCP,
 * and costs the platform nothing meanwhile. Each body's first 64 KB are
 * free, so the API's small bodies never wait; a 100 MB source is read in
 * about three seconds. A body refused before it has all arrived is not
 * read at all: its connection ends with the answer.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Transform } from "node:stream";
import { ApiError } from "./api-error";

const BYTES_PER_SECOND = 32 * 1024 * 1024;
/** Read at once, before the pace applies. */
const BURST_BYTES = 8 * 1024 * 1024;
const FREE_BYTES_PER_BODY = 64 * 1024;

let available = BURST_BYTES;
let refilledAt = Date.now();

/** A body's bytes just read, waiting to be paid for before it reads on; served first come, first served. */
interface Turn {
  readonly bytes: number;
  readonly go: () => void;
}

const waiting = new Set<Turn>();
/** Set while turns are let go, or while waiting to let the next one go: a turn added meanwhile joins the queue. */
let pumping: NodeJS.Timeout | true | undefined;

/** Lets every turn whose bytes are affordable go on, in order, and waits for the first that is not (internal helper). */
function pump(): void {
  // A turn let go may read on at once and queue its next bytes: the loop below reaches them.
  pumping = true;
  const now = Date.now();
  available = Math.min(BURST_BYTES, available + ((now - refilledAt) / 1000) * BYTES_PER_SECOND);
  refilledAt = now;
  for (const turn of waiting) {
    if (turn.bytes > available) {
      pumping = setTimeout(pump, ((turn.bytes - available) / BYTES_PER_SECOND) * 1000);
      return;
    }
    available -= turn.bytes;
    waiting.delete(turn);
    turn.go();
  }
  pumping = undefined;
}

/**
 * Pays for bytes just read, calling `go` once they are paid for (at once
 * while within the pace). Nobody reads on unpaid, so the pace holds however
 * many bodies arrive at once. Returns how to give up the turn: a client that
 * leaves must not be waited for, nor kept in memory.
 */
function pay(bytes: number, go: () => void): () => void {
  const turn = { bytes: Math.min(bytes, BURST_BYTES), go };
  waiting.add(turn);
  if (!pumping) pump();
  return () => void waiting.delete(turn);
}

/** Pays for one body's bytes as they are read, its first `free` bytes excepted; `go` is called once it may read on (internal helper). */
function payer(free: number): { pay: (bytes: number, go: () => void) => boolean; cancel: () => void } {
  let read = 0;
  let cancel = (): void => undefined;
  return {
    /** False when the bytes were free: the body may read on at once. */
    pay: (bytes, go) => {
      if ((read += bytes) <= free) return false;
      cancel = pay(bytes, go);
      return true;
    },
    cancel: () => cancel(),
  };
}

/**
 * Reads a body at the pace; rejects with `tooLarge` as soon as it exceeds
 * `limit` bytes, and lets the rest go unpaced, as Node drops any body left
 * unread once answered: paced, a client that leaves would go unnoticed,
 * its socket no longer read.
 */
export function readPaced(req: IncomingMessage, limit: number, tooLarge: () => Error): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const body = payer(FREE_BYTES_PER_BODY);
    const read = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", read);
        body.cancel();
        req.resume();
        return reject(tooLarge());
      }
      chunks.push(chunk);
      req.pause();
      if (!body.pay(chunk.length, () => req.resume())) req.resume();
    };
    req.on("data", read);
    req.once("close", body.cancel);
    req.once("end", () => resolve(Buffer.concat(chunks)));
    // The client went away (or was cut off) mid-body: its doing, not a failure of the platform's.
    req.once("error", () => reject(ApiError.badRequest("request body cut off before its end")));
  });
}

/**
 * Ends the connection once a body still arriving is answered unread (a
 * refusal): Node would otherwise read and drop all the rest, at once, to
 * keep the connection. Call before the answer's head is written.
 */
export function closeIfBodyStillArriving(res: ServerResponse): void {
  if (!res.req.complete) res.shouldKeepAlive = false;
}

/** A stream stage that passes a body on at the pace (for bodies piped elsewhere, as blob uploads). */
export function paced(): Transform {
  const body = payer(FREE_BYTES_PER_BODY);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!body.pay(chunk.length, () => done(null, chunk))) done(null, chunk);
    },
    destroy(error, done) {
      body.cancel();
      done(error);
    },
  });
}
