import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { describe, expect, it } from "vitest";
import { platform } from "../platform/platform-harness";

/** Answers whether a TCP connection to host:port opens (internal helper). */
function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}

describe("security: the platform is reachable from this machine only", () => {
  it("listens on loopback, and on none of the machine's network addresses", async () => {
    // GIVEN a running platform and this machine's non-loopback IPv4 addresses
    const p = await platform();
    const port = Number(new URL(p.url).port);
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && a.family === "IPv4" && !a.internal)
      .map((a) => a!.address);
    // THEN loopback answers and no other address does
    expect(await reachable("127.0.0.1", port)).toBe(true);
    for (const address of external) expect(await reachable(address, port), address).toBe(false);
  });
});
