/** Environment files: schema, loading with located errors, estate rules. */
export * from "./environment-spec";
export * from "./estate-rules";
export * from "./load-environment";
export * from "./load-estate";
export * from "./located-problem";
export * from "./project-config";
export * from "./yaml-file";
export { addonAddress, type EnvironmentCheckOptions } from "./environment-rules";
