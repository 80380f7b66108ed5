import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { estateGraph } from "../../review/estate-graph";
import { modelFromTrees } from "../../review/load-model";
import { renderMermaid } from "../../review/render-mermaid";
import { findChromium, renderSvg } from "../../review/render-svg";
import { FIXTURES, baseEstate, headEstate } from "./estate-fixture";

const ROOT = join(__dirname, "..", "..");
const scratch = mkdtempSync(join(tmpdir(), "dynoform-graph-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const dynoform = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [join(ROOT, "bin", "dynoform.js"), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env } });

/** Where the SVG tests can run: a Chromium on the machine (`.ci/run` installs Debian's). */
const chromium = findChromium();
const SVG_NEEDS = "needs a Chromium: apt-get install chromium, or DYNOFORM_CHROMIUM";

/** The text an SVG shows: its elements' text, entities decoded (Mermaid splits labels into word spans) (internal helper). */
function svgText(svg: string): string {
  const entities: Record<string, string> = { quot: '"', lt: "<", gt: ">", amp: "&", "#39": "'" };
  return svg.replace(/<style>[\s\S]*?<\/style>/g, "").replace(/<[^>]+>/g, "").replace(/&(quot|lt|gt|amp|#39);/g, (_, e: string) => entities[e]);
}

describe("dynoform graph", () => {
  it("prints the example estate (environments/) as Mermaid, synthesized on the spot, nothing marked", () => {
    // GIVEN the project's own estate
    // WHEN graph runs with no options
    const result = dynoform(["graph"]);
    // THEN it prints a flowchart: the pipeline with its two stages, each app with its formation, add-ons and domain
    expect(result.status, result.stderr).toBe(0);
    const text = result.stdout;
    expect(text.startsWith("flowchart TB\n")).toBe(true);
    expect(text).toContain('subgraph g1["pipeline flask-demo"]');
    expect(text).toMatch(/subgraph g\d+\["staging"\]\n\s+n\d+\["flask-demo-staging · us"\]/);
    expect(text).toMatch(/subgraph g\d+\["production"\]\n\s+n\d+\["flask-demo-production · us"\]/);
    expect(text).toContain('(["web: standard-2x × 2"])');
    expect(text).toContain('[("heroku-postgresql:standard-0")]');
    expect(text).toContain('{{"www.flask-demo.example.com"}}');
    // AND every node is unchanged, with no legend of states the estate does not have
    expect(text).not.toMatch(/^ {2}class .* (create|update|replace|destroy)$/m);
    expect(text).not.toContain("legend");
  });

  it("writes to --out and refuses an unknown option", () => {
    const out = join(scratch, "estate.mmd");
    expect(dynoform(["graph", "--tree", join(FIXTURES, "estate"), "--out", out]).status).toBe(0);
    expect(readFileSync(out, "utf8")).toContain('subgraph g1["pipeline dynoform-flask"]');
    const bad = dynoform(["graph", "--png"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--png'");
  });

  it("names DYNOFORM_CHROMIUM when it points nowhere", () => {
    const result = dynoform(["graph", "--tree", join(FIXTURES, "estate"), "--svg"], { DYNOFORM_CHROMIUM: "/nowhere/chromium" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('dynoform: DYNOFORM_CHROMIUM "/nowhere/chromium" does not exist');
  });

  it.skipIf(!chromium)(`draws an SVG with Mermaid in the machine's Chromium, offline (${SVG_NEEDS})`, () => {
    // GIVEN the fixture estate
    const out = join(scratch, "estate.svg");
    // WHEN drawn with --svg
    const result = dynoform(["graph", "--tree", join(FIXTURES, "estate"), "--svg", "--out", out]);
    // THEN the file is an SVG flowchart with the apps' names as text
    expect(result.status, result.stderr).toBe(0);
    const svg = readFileSync(out, "utf8");
    expect(svg).toMatch(/^<\?xml [^>]*>\n<svg [^>]*aria-roledescription="flowchart-v2"/);
    expect(svgText(svg)).toContain("dynoform-flask-production · us");
    expect(svgText(svg)).toContain("heroku-postgresql:standard-0");
  });

  it.skipIf(!chromium)(`parses the review's escaped labels and classes as Mermaid does (${SVG_NEEDS})`, async () => {
    // GIVEN a change with a hostname full of Mermaid syntax and a renamed pipeline, drawn with its legend
    const head = headEstate((s) => {
      s.production.resource.heroku_domain.domain_odd = { app_id: "${heroku_app.app.id}", hostname: 'odd"]-->x;#1<b>`' };
      Object.values(s["pipeline-flask-demo"].resource.heroku_pipeline)[0].name = "flask-demo-2";
    });
    const text = renderMermaid(estateGraph(modelFromTrees(baseEstate(), head, "t", {}).stacks), { legend: true }).text;
    // WHEN Mermaid draws it
    const svg = await renderSvg(text);
    // THEN the label reads as written, as one node with the create class
    expect(svgText(svg)).toContain('odd"]-->x;#1<b>`');
    expect(svg).toMatch(/class="node default create[^"]*"/);
    // AND the pipeline's box carries its update
    expect(svg).toContain('class="cluster update"');
  });
});
