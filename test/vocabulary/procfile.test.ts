import { describe, expect, it } from "vitest";
import { closest, didYouMean, parseProcfile } from "../../vocabulary";

describe("parseProcfile", () => {
  it("reads the process types and commands a Procfile declares, skipping comments and blank lines", () => {
    // GIVEN the demo app's Procfile with a comment and a blank line
    const procfile = "# processes\nweb: gunicorn app:app\n\nworker: python worker.py\nrelease: python migrate.py\n";
    // THEN the types are listed in order with their commands
    expect(parseProcfile(procfile)).toEqual({ web: "gunicorn app:app", worker: "python worker.py", release: "python migrate.py" });
  });
});

describe("didYouMean", () => {
  it("breaks a tie between equally distant names by the smallest slip", () => {
    // GIVEN a size one edit away from both standard-1x and standard-2x
    // THEN the nearer slip wins, whatever the order of the candidates
    expect(closest("standard-3x", ["standard-1x", "standard-2x"])).toBe("standard-2x");
    expect(closest("standard-3x", ["standard-2x", "standard-1x"])).toBe("standard-2x");
  });

  it("offers nothing when no name is close", () => {
    expect(didYouMean("zzzzzzzz", ["eco", "basic"])).toBe("");
    expect(didYouMean("bsic", ["eco", "basic"])).toBe(" (did you mean basic?)");
  });
});
