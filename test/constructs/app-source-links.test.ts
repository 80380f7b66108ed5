import { App, TerraformAsset, TerraformStack } from "cdktf";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { AppSource, DeployTarget, DynoformStack, HerokuApp } from "../../constructs";
import { ProviderError } from "../../provider/engine/diagnostics";
import { directoryTarball, sourceChecksum } from "../../provider/resources/build-source";
import { sourceDir } from "./synth";

/**
 * Links in a build source directory, where the constructs and the local
 * provider read it: cdktf's asset copy reads through every link, so
 * AppSource walks the directory first and refuses a link out of it or a
 * loop; a link inside is built as what it names, by both.
 */

/** A private file outside any source, as a key in a home directory would be (internal helper). */
function privateFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), "dynoform-home-")), "id_rsa");
  writeFileSync(file, "PRIVATE KEY\n");
  return file;
}

/** How a path reads in the messages: from the working directory (internal helper). */
const shown = (path: string) => JSON.stringify(relative(process.cwd(), path));

/** The entries of a gzipped ustar archive: name → content, `null` for a directory (internal helper). */
function tarEntries(archive: Buffer): Map<string, string | null> {
  const tar = gunzipSync(archive);
  const entries = new Map<string, string | null>();
  for (let offset = 0; tar[offset] !== 0; ) {
    const field = (start: number, length: number) => tar.subarray(offset + start, offset + start + length).toString("utf8").replace(/\0.*$/s, "");
    const name = [field(345, 155), field(0, 100)].filter(Boolean).join("/");
    const size = parseInt(field(124, 12), 8);
    entries.set(name, field(156, 1) === "5" ? null : tar.subarray(offset + 512, offset + 512 + size).toString("utf8"));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

describe("links in an AppSource directory", () => {
  it("are followed by cdktf's own asset copy, which is why AppSource reads the directory first", () => {
    // GIVEN a directory linking to a private file outside it
    const dir = sourceDir();
    symlinkSync(privateFile(), join(dir, "key.pem"));
    // WHEN cdktf's TerraformAsset alone copies it into a synthesized stack
    const outdir = mkdtempSync(join(tmpdir(), "dynoform-asset-"));
    const app = new App({ outdir });
    const asset = new TerraformAsset(new TerraformStack(app, "bare"), "source", { path: dir });
    app.synth();
    // THEN the private file's content sits in cdktf.out as a plain file
    const copied = join(outdir, "stacks", "bare", asset.path, "key.pem");
    expect(lstatSync(copied).isFile()).toBe(true);
    expect(readFileSync(copied, "utf8")).toBe("PRIVATE KEY\n");
  });

  it("refuses a link to a private file outside the directory, naming it, before anything is copied", () => {
    // GIVEN a source with a link to a private file
    const dir = sourceDir();
    const secret = privateFile();
    symlinkSync(secret, join(dir, "key.pem"));
    // WHEN it becomes an app's source
    // THEN it is refused, naming the link and where it leads
    expect(() => AppSource.fromDirectory(dir)).toThrow(
      `${shown(join(dir, "key.pem"))} links to ${JSON.stringify(secret)}, outside the build source ${shown(dir)}: a source is read without following links out of it; copy what it needs inside`,
    );
  });

  it("refuses a link loop with an error, where the copy would recurse until the process failed", () => {
    // GIVEN a source with a link to itself, one level down
    const dir = sourceDir();
    mkdirSync(join(dir, "lib"));
    symlinkSync(dir, join(dir, "lib", "root"));
    // WHEN it becomes an app's source THEN the loop is named
    expect(() => AppSource.fromDirectory(dir)).toThrow(`${shown(join(dir, "lib", "root"))} links to ${JSON.stringify(dir)}, a directory it is in: a link loop`);
  });

  it("builds a link inside the directory as what it names, in the synthesized copy and in the local provider's upload", () => {
    // GIVEN a source whose settings.py links to a file of its own
    const dir = sourceDir();
    mkdirSync(join(dir, "shared"));
    writeFileSync(join(dir, "shared", "settings.py"), "DEBUG = False\n");
    symlinkSync("shared/settings.py", join(dir, "settings.py"));
    // WHEN an app built from it is synthesized
    const outdir = mkdtempSync(join(tmpdir(), "dynoform-asset-"));
    const app = new App({ outdir });
    const stack = new DynoformStack(app, "shop", { target: DeployTarget.HEROKU });
    new HerokuApp(stack, "app", { name: "shop", source: AppSource.fromDirectory(dir) });
    app.synth();
    // THEN the stack's copy holds it as a plain file
    const assets = join(outdir, "stacks", "shop", "assets");
    const [folder] = readdirSync(assets);
    const [hash] = readdirSync(join(assets, folder));
    const copy = join(assets, folder, hash);
    expect(lstatSync(join(copy, "settings.py")).isFile()).toBe(true);
    // AND the local provider uploads it with that content, from the source and from the copy alike
    const name = (root: string) => root.split("/").pop();
    expect(tarEntries(directoryTarball(dir)).get(`${name(dir)}/settings.py`)).toBe("DEBUG = False\n");
    expect(tarEntries(directoryTarball(copy)).get(`${name(copy)}/settings.py`)).toBe("DEBUG = False\n");
  });

  it("fails the local provider's plan on a link out of a source.path it is given, on that attribute", () => {
    // GIVEN a directory Terraform names directly, with a link to a private file
    const dir = sourceDir();
    const secret = privateFile();
    symlinkSync(secret, join(dir, "key.pem"));
    // WHEN the provider checksums it for the plan
    let error: unknown;
    try {
      sourceChecksum(dir);
    } catch (e) {
      error = e;
    }
    // THEN a provider error on source.path names the link; nothing was read from it
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).path).toEqual(["source", 0, "path"]);
    expect((error as ProviderError).message).toContain(`${shown(join(dir, "key.pem"))} links to ${JSON.stringify(secret)}, outside the build source`);
    // AND packing it is refused the same way
    expect(() => directoryTarball(dir)).toThrow(ProviderError);
  });
});
