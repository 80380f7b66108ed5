import { AssetType, TerraformAsset, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { basename, join, relative, resolve } from "node:path";
import { Build } from "../.gen/providers/heroku/build";
import { sourceTree } from "../lib/source-tree";
import { parseProcfile } from "../vocabulary";

/**
 * What Heroku builds into the app's first release. A build must exist
 * before a formation can scale: Heroku only scales process types that a
 * release declares.
 */
export abstract class AppSource {
  /**
   * A local directory (with its Procfile); copied into the synthesized stack as an asset.
   * A link in it may only name something inside it: cdktf's copy reads through links.
   * @throws Error naming a link that leads out of the directory, a link loop or a link to nothing
   */
  public static fromDirectory(path: string): AppSource {
    return new LocalSource(path, AssetType.DIRECTORY);
  }

  /** A local `.tar.gz`; copied into the synthesized stack as an asset. */
  public static fromTarball(path: string): AppSource {
    return new LocalSource(path, AssetType.FILE);
  }

  /** A tarball Heroku downloads over https. `checksum` is `SHA256:<hex>`, checked by Heroku. */
  public static fromUrl(url: string, checksum?: string): AppSource {
    if (!url.startsWith("https://")) throw new Error(`"${url}" is not an https URL: Heroku fetches build sources over https only`);
    return new UrlSource(url, checksum);
  }

  /** A directory or a tarball, by what is on disk. */
  public static fromPath(path: string): AppSource {
    return existsSync(path) && statSync(path).isFile() ? AppSource.fromTarball(path) : AppSource.fromDirectory(path);
  }

  /** @internal the `source` block of heroku_build */
  public abstract bind(scope: Construct): NonNullable<ConstructorParameters<typeof Build>[2]["source"]>;

  /** The process types its Procfile declares, when the source is a directory with one. */
  public procfile(): { file: string; types: string[] } | undefined {
    return undefined;
  }
}

class LocalSource extends AppSource {
  constructor(
    private readonly path: string,
    private readonly type: AssetType,
  ) {
    super();
    if (!existsSync(path)) throw new Error(`build source "${path}" does not exist`);
    // Before cdktf copies it: its copy follows every link, out of the directory and round loops.
    if (type === AssetType.DIRECTORY) sourceTree(path);
  }

  public bind(scope: Construct) {
    // An asset, so the stack carries its own copy. It is named by where the source
    // lives and sits at the stack's root: its path (ForceNew on heroku_build) then
    // changes with the code, never because a construct was renamed or moved.
    const stack = TerraformStack.of(scope);
    const key = resolve(this.path);
    const id = `source-${basename(key).replace(/[^A-Za-z0-9-]+/g, "-")}-${createHash("sha256").update(relative(process.cwd(), key)).digest("hex").slice(0, 8)}`;
    const existing = stack.node.tryFindChild(id) as TerraformAsset | undefined;
    if (existing) return { path: existing.path };
    const hashes = contentHashes(scope);
    const asset = new TerraformAsset(stack, id, { path: this.path, type: this.type, assetHash: hashes.get(key) });
    hashes.set(key, asset.assetHash);
    return { path: asset.path };
  }

  public procfile() {
    const file = join(this.path, "Procfile");
    if (this.type !== AssetType.DIRECTORY || !existsSync(file)) return undefined;
    return { file: relative(process.cwd(), file), types: Object.keys(parseProcfile(readFileSync(file, "utf8"))) };
  }
}

/**
 * The content hash of each source already hashed in this app (internal
 * helper). Environments of one estate usually build the same source: cdktf
 * would read and hash the whole tree once per stack; one synthesis is a
 * snapshot, so once per app is enough.
 */
const hashesByApp = new WeakMap<object, Map<string, string>>();

function contentHashes(scope: Construct): Map<string, string> {
  const root = scope.node.root;
  let hashes = hashesByApp.get(root);
  if (!hashes) hashesByApp.set(root, (hashes = new Map()));
  return hashes;
}

class UrlSource extends AppSource {
  constructor(
    private readonly url: string,
    private readonly checksum?: string,
  ) {
    super();
  }

  public bind() {
    return { url: this.url, checksum: this.checksum };
  }
}
