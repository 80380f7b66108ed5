import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startPlatform } from "../../platform";
import { isRunning, type ProcessRecord } from "../../platform/persistence/data-dir-lock";

/**
 * `dynoform platform start` as a user runs it (detached): when the platform
 * cannot start, the command fails with the platform's own reason, read from
 * what it wrote; and files left by a platform killed with -9, whose pid now
 * belongs to another process, neither block a start nor pass for a platform.
 */
const bin = join(__dirname, "..", "..", "bin", "dynoform.js");
const dynoform = (...args: string[]) => spawnSync(process.execPath, [bin, "platform", ...args], { encoding: "utf8" });
const freshDir = () => mkdtempSync(join(tmpdir(), "dynoform-start-"));

/** Processes the tests start, stopped at the end whatever happens (internal helper). */
const started: number[] = [];
afterAll(() => {
  for (const pid of started) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone already
    }
  }
});

describe("platform start: the reason a start fails", () => {
  it("names a corrupt data file, and leaves it as it was", () => {
    // GIVEN a data dir whose data file is garbage
    const data = freshDir();
    writeFileSync(join(data, "platform.json"), "{ not json");
    // WHEN the platform is started
    const result = dynoform("start", "--data", data, "--port", "0");
    // THEN the command fails with the platform's reason, the file named
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`dynoform: the platform did not start: cannot read the platform's data file ${join(data, "platform.json")}: it is not valid JSON`);
    expect(result.stderr).not.toContain("is port");
    // AND the file is untouched
    expect(readFileSync(join(data, "platform.json"), "utf8")).toBe("{ not json");
  });

  it("names the platform that holds the data dir", async () => {
    // GIVEN a platform running on the data dir in this process
    const data = freshDir();
    const holder = await startPlatform({ dataDir: data, port: 0 });
    try {
      // WHEN another is started on it
      const result = dynoform("start", "--data", data, "--port", "0");
      // THEN the command fails, naming the holder
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`dynoform: the platform did not start: data directory ${data} is in use by the platform with pid ${process.pid}`);
    } finally {
      await holder.close();
    }
  });

  it("names a port another process listens on", async () => {
    // GIVEN a port taken by another server
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      // WHEN the platform is started on it
      const result = dynoform("start", "--data", freshDir(), "--port", String(port));
      // THEN the command fails, naming the port
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`dynoform: the platform did not start: port ${port} on 127.0.0.1 is in use by another process`);
    } finally {
      taken.close();
    }
  });
});

describe("platform start: files of a platform killed with -9, whose pid is now another process's", () => {
  it("neither block a start nor pass for a running platform, and that process is left alone", async () => {
    // GIVEN a platform started and then killed with -9, leaving its lock and server files
    const data = freshDir();
    expect(dynoform("start", "--data", data, "--port", "0").status).toBe(0);
    const server = JSON.parse(readFileSync(join(data, "server.json"), "utf8")) as ProcessRecord & { url: string };
    started.push(server.pid);
    process.kill(server.pid, "SIGKILL");
    while (isRunning(server)) await new Promise((r) => setTimeout(r, 20));
    // AND an unrelated process now holding the pid those files name (as the system hands pids on)
    const stranger = spawn("sleep", ["600"], { stdio: "ignore" });
    started.push(stranger.pid!);
    for (const name of ["server.json", "platform.lock"]) {
      const file = join(data, name);
      writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), pid: stranger.pid }));
    }

    // WHEN its status is asked, and it is stopped
    const status = dynoform("status", "--data", data);
    const stop = dynoform("stop", "--data", data);
    // THEN no platform is running, and the stranger is not sent a signal
    expect(status.status).toBe(3);
    expect(status.stdout).toContain("not running");
    expect(stop.stderr).toContain(`no platform is running for ${data}`);
    expect(stranger.exitCode).toBeNull();
    expect(stranger.signalCode).toBeNull();

    // WHEN the platform is started again
    const again = dynoform("start", "--data", data, "--port", "0");
    // THEN it starts, takes the data dir over, and answers
    expect(again.status).toBe(0);
    const restarted = JSON.parse(readFileSync(join(data, "server.json"), "utf8")) as ProcessRecord & { url: string };
    started.push(restarted.pid);
    expect(JSON.parse(readFileSync(join(data, "platform.lock"), "utf8")).pid).toBe(restarted.pid);
    expect(dynoform("status", "--data", data).stdout).toContain(`running on ${restarted.url} (pid ${restarted.pid}`);
    expect(dynoform("stop", "--data", data).status).toBe(0);
  });
});
