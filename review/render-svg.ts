/**
 * Mermaid text as SVG, drawn by Mermaid itself — its browser bundle from the
 * `@mermaid-js/tiny` package — in a headless Chromium that playwright-core
 * drives. Nothing is downloaded, neither at install (playwright-core brings
 * no browser) nor when drawing (the page may load nothing): the Chromium is
 * the machine's own, Debian's `chromium` or the one `DYNOFORM_CHROMIUM` names.
 */
import { existsSync } from "node:fs";
import { UserError } from "../lib/user-error";

/** Where Debian's and Ubuntu's packages put Chromium or Chrome. */
const CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

/** Chromium's own calls home, off: on a closed network each would fail, many at a time. */
const QUIET = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** The Chromium to draw with: `DYNOFORM_CHROMIUM`, else the first of the usual paths that exists. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const named = env.DYNOFORM_CHROMIUM;
  if (named !== undefined) {
    if (!existsSync(named)) throw new UserError(`DYNOFORM_CHROMIUM "${named}" does not exist`);
    return named;
  }
  return CHROMIUM_PATHS.find((path) => existsSync(path));
}

/** Draws a Mermaid flowchart as an SVG document; as large an estate as the browser holds (no comment limits here). */
export async function renderSvg(mermaidText: string, chromium: string | undefined = findChromium()): Promise<string> {
  if (!chromium) {
    throw new UserError(`no chromium to draw the SVG with (looked for ${CHROMIUM_PATHS.join(", ")}): install Debian's chromium (apt-get install chromium) or set DYNOFORM_CHROMIUM`);
  }
  const { chromium: driver } = await import("playwright-core");
  const browser = await driver.launch({ executablePath: chromium, args: QUIET });
  try {
    const page = await browser.newPage();
    await page.route("**/*", (route) => route.abort());
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ path: require.resolve("@mermaid-js/tiny") });
    const svg = await page.evaluate(async (text) => {
      const mermaid = (globalThis as unknown as { mermaid: MermaidApi }).mermaid;
      // Mermaid's defaults otherwise, as GitHub draws it: labels are HTML (in foreignObject), where its entities decode.
      mermaid.initialize({ startOnLoad: false, securityLevel: "strict", maxTextSize: text.length + 1, maxEdges: Number.MAX_SAFE_INTEGER });
      return (await mermaid.render("estate", text)).svg;
    }, mermaidText);
    return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
  } finally {
    await browser.close();
  }
}

/** The part of Mermaid's browser API the page calls. */
interface MermaidApi {
  initialize(config: Record<string, unknown>): void;
  render(id: string, text: string): Promise<{ svg: string }>;
}
