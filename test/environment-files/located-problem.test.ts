import { describe, expect, it } from "vitest";
import { locateProblem, parseYamlSource, SpecError } from "../../environment-files";
import { formatPath } from "../../rules";

const TEXT = "app:\n  name: demo-app\nformation:\n  web:\n    size: standard-3x\naddons:\n  - service: postgres\n  - service: redis\n";
const source = parseYamlSource("environments/staging.yaml", TEXT);

describe("located problems", () => {
  it("writes paths with dots for keys and brackets for list items", () => {
    expect(formatPath(["formation", "web", "size"])).toBe("formation.web.size");
    expect(formatPath(["addons", 1, "plan"])).toBe("addons[1].plan");
    expect(formatPath([])).toBe("");
  });

  it("points at the key of a mapping entry", () => {
    // GIVEN a problem with formation.web.size
    // WHEN located
    const message = locateProblem({ path: ["formation", "web", "size"], message: '"standard-3x" is not a dyno size' }, source);
    // THEN line and column are those of `size:`
    expect(message).toBe('environments/staging.yaml:5:5: formation.web.size: "standard-3x" is not a dyno size');
  });

  it("points at a list item", () => {
    expect(locateProblem({ path: ["addons", 1], message: "m" }, source)).toBe("environments/staging.yaml:8:5: addons[1]: m");
  });

  it("points at the nearest existing parent of a missing key", () => {
    // GIVEN a path whose last key is absent (a missing plan)
    const message = locateProblem({ path: ["addons", 1, "plan"], message: "is required" }, source);
    // THEN the item that lacks it is pointed at
    expect(message).toBe("environments/staging.yaml:8:5: addons[1].plan: is required");
  });

  it("reports a whole-file problem at 1:1 without a path", () => {
    expect(locateProblem({ path: [], message: "expected a mapping, got a list" }, source)).toBe(
      "environments/staging.yaml:1:1: expected a mapping, got a list",
    );
  });

  it("joins several problems into one message, a line each", () => {
    const error = new SpecError(["a.yaml:1:1: one", "b.yaml:2:3: two"]);
    expect(error.message).toBe("a.yaml:1:1: one\nb.yaml:2:3: two");
    expect(error.problems).toHaveLength(2);
  });
});
