import { describe, expect, it, vi } from "vitest";
import { FaultInjector } from "../../platform/protocol/faults";
import { api, ok, platform } from "./platform-harness";

describe("embedded platform: fault injection", () => {
  it("draws the same faults from the same seed, and others from another", () => {
    // GIVEN two injectors with one seed and one with another, striking half of all requests
    const rules = [{ kind: "status" as const, probability: 0.5 }];
    const draw = (seed: number) => {
      const faults = new FaultInjector({ seed, rules });
      return Array.from({ length: 40 }, () => faults.decide("GET", "/apps").status ?? 0);
    };
    // THEN the sequences replay exactly per seed, and strike about half the time
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    const struck = draw(7).filter((s) => s === 503).length;
    expect(struck).toBeGreaterThan(10);
    expect(struck).toBeLessThan(30);
  });

  it("strikes only the method and path asked, at most the times asked", () => {
    const faults = new FaultInjector({ rules: [{ kind: "status", status: 500, method: "POST", path: "^/apps$", times: 2 }] });
    expect(faults.decide("GET", "/apps").status).toBeUndefined();
    expect(faults.decide("POST", "/apps/x/addons").status).toBeUndefined();
    expect([1, 2, 3].map(() => faults.decide("POST", "/apps").status)).toEqual([500, 500, undefined]);
  });

  it("fails on a rule it cannot honour, naming the bad value", () => {
    expect(() => new FaultInjector({ rules: [{ kind: "status", status: 404 }] })).toThrow("fault status must be one of 429, 500, 502, 503, got 404");
    expect(() => new FaultInjector({ rules: [{ kind: "latency", probability: 2 }] })).toThrow("fault probability must be between 0 and 1, got 2");
  });

  it("answers injected errors as Heroku does: 503 with its id, 429 with Retry-After", async () => {
    const p = await platform({ faults: { rules: [{ kind: "status", status: 503, path: "^/account$", times: 1 }, { kind: "status", status: 429, path: "^/regions$", times: 1 }] } });
    const unavailable = await api(p, "GET", "/account");
    expect(unavailable.status).toBe(503);
    expect(await unavailable.json()).toEqual({ id: "service_unavailable", message: "Service unavailable." });
    const limited = await api(p, "GET", "/regions");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect((await limited.json()).id).toBe("rate_limit");
    // AND the next requests go through
    expect((await api(p, "GET", "/account")).status).toBe(200);
  });

  it("loses the response to a create that was made: the app exists, the client got no answer", async () => {
    // GIVEN the first app creation's response dropped
    const p = await platform({ faults: { rules: [{ kind: "drop-response", method: "POST", path: "^/apps$", times: 1 }] } });
    // WHEN an app is created
    await expect(api(p, "POST", "/apps", { name: "lost-answer" })).rejects.toThrow();
    // THEN it was created all the same
    expect((await ok(p, "GET", "/apps/lost-answer")).name).toBe("lost-answer");
  });

  it("drops a request before handling it: nothing is made", async () => {
    const p = await platform({ faults: { rules: [{ kind: "drop-request", method: "POST", times: 1 }] } });
    await expect(api(p, "POST", "/apps", { name: "never-made" })).rejects.toThrow();
    expect((await api(p, "GET", "/apps/never-made")).status).toBe(404);
  });

  it("logs one line a request with its outcome, and nothing of its body", async () => {
    const lines: string[] = [];
    const p = await platform({ log: (line) => lines.push(line), faults: { rules: [{ kind: "drop-response", path: "^/apps/[^/]+/config-vars$", times: 1 }] } });
    await ok(p, "POST", "/apps", { name: "logged" });
    await api(p, "PATCH", "/apps/logged/config-vars", { CANARY: "value-never-logged" }).catch(() => undefined);
    // (the dropped request's line is written when the server sees its socket close, which may come after the client's)
    await vi.waitFor(() => expect(lines).toHaveLength(2), { timeout: 5_000 });
    expect(lines[0]).toMatch(/ POST \/apps 201 [\d.]+ms request_id=[0-9a-f-]{36}$/);
    expect(lines[1]).toMatch(/ PATCH \/apps\/logged\/config-vars dropped /);
    expect(lines.join("\n")).not.toContain("value-never-logged");
  });
});
