/** Loopback ports for the data servers: a free one, asked of the kernel, or whether one is still free. */
import { createServer } from "node:net";

/** Whether nothing listens on `port` of `host` (internal helper). */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
      .once("error", () => resolve(false))
      .listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A port nothing listens on, chosen by the kernel. */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .once("error", reject)
      .listen(0, host, () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
  });
}
