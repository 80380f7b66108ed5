#!/usr/bin/env node
// Runs the TypeScript CLI in place: dynoform is used from a clone of the project, not published.
require("tsx/cjs");
require("../cli/dynoform.ts");
