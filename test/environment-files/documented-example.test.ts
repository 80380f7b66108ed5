import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnvironment } from "../../environment-files";

/** The reference example at the top of docs/environment-files.md, which readers copy from. */
const DOC = readFileSync(join(__dirname, "..", "..", "docs", "environment-files.md"), "utf8");
const EXAMPLE = /```yaml\n([\s\S]*?)```/.exec(DOC)![1];

describe("the documented environment file", () => {
  it("is valid as written, with every key it shows", () => {
    // GIVEN the example as a file beside a project's environments, with its source pointed at a fixture app
    const text = EXAMPLE.replace("source: ../apps/flask-demo", "source: ../fixtures/flask-app");
    // WHEN it is parsed with all of dynoform's rules for one environment
    const result = parseEnvironment("test/environment-files/inline/staging.yaml", text);
    // THEN nothing is refused: the example never teaches a mistake
    expect(result.problems).toEqual([]);
    expect(result.environment?.spec.collaborators).toHaveLength(1);
    // AND its secret drain is kept as a secret value, no config var
    expect(result.environment?.spec.logDrains.vendor).toEqual({ secret: "LOGS_URL" });
    expect(result.environment?.spec.secrets).toEqual(["SECRET_KEY"]);
  });
});
