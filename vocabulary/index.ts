/** Heroku's vocabulary as data, shared by the constructs, the embedded platform and cost estimates. */
export * from "./addon-plans";
export * from "./app-names";
export * from "./did-you-mean";
export * from "./dyno-sizes";
export * from "./pricing-source";
export * from "./regions";
export * from "./stacks";
export * from "./app-features";
export * from "./pipelines";
export * from "./procfile";
export * from "./buildpacks";
export * from "./teams";
export * from "./drains";
export * from "./spaces";
