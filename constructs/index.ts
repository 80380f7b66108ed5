/** dynoform's constructs: a Heroku estate described with typed, validated building blocks. */
export * from "./addon";
export * from "./addon-plan";
export * from "./app-source";
export * from "./deploy-target";
export * from "./domain";
export * from "./dyno-size";
export * from "./dynoform-stack";
export * from "./environment";
export * from "./formation";
export * from "./heroku-app";
export * from "./heroku-stack";
export * from "./pipeline";
export * from "./pipeline-stage";
export * from "./postgres-addon";
export * from "./redis-addon";
export * from "./region";
export * from "./secrets";
