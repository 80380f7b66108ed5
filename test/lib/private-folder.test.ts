import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makePrivateFolder, PRIVATE_FOLDER_MODE } from "../../lib/private-folder";

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe("private folders", () => {
  const umask = process.umask();
  afterEach(() => void process.umask(umask));

  it("gives every folder it makes the private mode, even under a deploy's umask 077", () => {
    // GIVEN an existing folder of mode 0755 and the umask a deploy runs under
    const root = mkdtempSync(join(tmpdir(), "dynoform-private-"));
    const before = modeOf(root);
    process.umask(0o077);
    // WHEN a private folder two levels below it is made
    makePrivateFolder(join(root, "home", "platform"));
    // THEN both folders made have the private mode (0711 under root, else 0700), and the existing one is left as it was
    expect([modeOf(join(root, "home")), modeOf(join(root, "home", "platform"))]).toEqual([PRIVATE_FOLDER_MODE, PRIVATE_FOLDER_MODE]);
    expect(modeOf(root)).toBe(before);
    expect(PRIVATE_FOLDER_MODE).toBe(process.getuid?.() === 0 ? 0o711 : 0o700);
  });
});
