import { describe, expect, it } from "vitest";
import { api, ok, platform } from "./platform-harness";

const CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const KEY = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";

describe("embedded platform: domains, ACM and SNI endpoints", () => {
  it("gives every app its herokuapp.com domain", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    expect(await ok(p, "GET", "/apps/shop/domains")).toMatchObject([{ hostname: "shop.herokuapp.com", kind: "heroku", cname: null }]);
  });

  it("adds a custom domain with a herokudns.com target, finds it by hostname, and removes it", async () => {
    // GIVEN an app
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    // WHEN a custom domain is added
    const domain = await ok(p, "POST", "/apps/shop/domains", { hostname: "WWW.Example.com" });
    // THEN it has a DNS target to point a CNAME at
    expect(domain).toMatchObject({ hostname: "www.example.com", kind: "custom", acm_status: null });
    expect(domain.cname).toMatch(/^[a-z]+-[a-z]+-[0-9a-f]+\.herokudns\.com$/);
    expect((await ok(p, "GET", "/apps/shop/domains/www.example.com")).id).toBe(domain.id);
    await ok(p, "DELETE", `/apps/shop/domains/${domain.id}`);
    expect((await api(p, "GET", "/apps/shop/domains/www.example.com")).status).toBe(404);
  });

  it("reports certificates issued once ACM is on, and none once it is off", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    await ok(p, "POST", "/apps/shop/domains", { hostname: "www.example.com" });
    expect((await ok(p, "POST", "/apps/shop/acm")).acm).toBe(true);
    expect((await ok(p, "GET", "/apps/shop/domains/www.example.com")).acm_status).toBe("cert issued");
    expect((await ok(p, "POST", "/apps/shop/domains", { hostname: "api.example.com" })).acm_status).toBe("cert issued");
    await ok(p, "DELETE", "/apps/shop/acm");
    expect((await ok(p, "GET", "/apps/shop/domains/api.example.com")).acm_status).toBeNull();
  });

  it("fails on a hostname taken by this app or another, and on an invalid one", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    await ok(p, "POST", "/apps", { name: "blog" });
    await ok(p, "POST", "/apps/shop/domains", { hostname: "www.example.com" });
    const again = await api(p, "POST", "/apps/shop/domains", { hostname: "www.example.com" });
    expect((await again.json()).message).toBe("Domain already added to this app.");
    const other = await api(p, "POST", "/apps/blog/domains", { hostname: "www.example.com" });
    expect(other.status).toBe(422);
    expect((await other.json()).message).toBe("Domain already added to another app.");
    expect((await (await api(p, "POST", "/apps/shop/domains", { hostname: "not a host" })).json()).message).toBe("not a host is not a valid hostname.");
  });

  it("fails to remove the herokuapp.com domain", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    const res = await api(p, "DELETE", "/apps/shop/domains/shop.herokuapp.com");
    expect(res.status).toBe(422);
  });

  it("creates an SNI endpoint and points a domain at it", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    const sni = await ok(p, "POST", "/apps/shop/sni-endpoints", { certificate_chain: CERT, private_key: KEY });
    const domain = await ok(p, "POST", "/apps/shop/domains", { hostname: "www.example.com", sni_endpoint: sni.name });
    expect(domain.sni_endpoint).toMatchObject({ id: sni.id, name: sni.name });
    expect((await ok(p, "PATCH", "/apps/shop/domains/www.example.com", { sni_endpoint: null })).sni_endpoint).toBeNull();
    await ok(p, "DELETE", `/apps/shop/sni-endpoints/${sni.id}`);
    expect(await ok(p, "GET", "/apps/shop/sni-endpoints")).toEqual([]);
  });

  it("fails on an SNI endpoint without a PEM certificate", async () => {
    const p = await platform();
    await ok(p, "POST", "/apps", { name: "shop" });
    const res = await api(p, "POST", "/apps/shop/sni-endpoints", { certificate_chain: "nope", private_key: KEY });
    expect(res.status).toBe(422);
    expect((await res.json()).message).toBe("certificate_chain must be a PEM certificate chain.");
  });
});
