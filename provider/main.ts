/**
 * The local heroku/heroku provider's entry point, run by Terraform through
 * the installed package's shim (see `install/`). The handshake comes first;
 * `./server/grpc-server`, which brings gRPC, the schema and every resource,
 * is loaded after it (installed as a bundle of its own).
 */
import { servePlugin } from "./server/serve";

servePlugin(() => import("./server/grpc-server")).catch((error: unknown) => {
  process.stderr.write(`heroku provider: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
