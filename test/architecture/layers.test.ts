import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The folder layout is a map of the architecture: each top-level folder is
 * a layer, and a module imports only from its own layer or the ones below.
 * Lowest first; `.gen` (the generated bindings) is below everything.
 */
const LAYERS = ["vocabulary", "lib", "rules", "environment-files", "constructs", "stacks", "platform", "provider", "deploy", "review", "clone", "cli"];
const ROOT = join(__dirname, "..", "..");

/** Every .ts file of a layer (internal helper). */
function modules(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** The project files a module imports at run time or for types, as paths from the root (internal helper). */
function imports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"/gms)].map((m) => m[1]);
  return specifiers.map((s) => relative(ROOT, resolve(ROOT, dirname(file), s)));
}

const layerOf = (path: string) => LAYERS.indexOf(path.split("/")[0]);

describe("the layers", () => {
  it.each(LAYERS)("%s imports only from itself and the layers below it", (layer) => {
    // GIVEN every import of every module of the layer
    const upward = modules(layer).flatMap((file) =>
      imports(file)
        .filter((target) => layerOf(target) > LAYERS.indexOf(layer))
        .map((target) => `${file} imports ${target}`),
    );
    // THEN none reaches a higher layer
    expect(upward).toEqual([]);
  });

  it("keeps the platform's handlers apart: no handler imports another", () => {
    const across = modules("platform/handlers").flatMap((file) =>
      imports(file)
        .filter((target) => target.startsWith("platform/handlers/") && target !== file)
        .map((target) => `${file} imports ${target}`),
    );
    expect(across).toEqual([]);
  });
});
