/**
 * Log drains (heroku_drain) and telemetry drains (heroku_telemetry_drain).
 * heroku/heroku refuses, at apply, a telemetry drain on a Cedar app and a
 * log drain on a Fir app; an app's generation is its space's, and an app
 * outside a space is Cedar.
 */
import {
  DRAIN_NAME_PATTERN,
  TELEMETRY_ENDPOINT_MAX,
  TELEMETRY_EXPORTERS,
  TELEMETRY_HEADER_NAME_PATTERN,
  TELEMETRY_HEADER_VALUE_MAX,
  TELEMETRY_HEADERS_MAX,
  TELEMETRY_SIGNALS,
  notAKnownName,
} from "../vocabulary";
import type { AppFacts, TelemetryDrainFacts } from "./app-facts";
import type { Problem, ProblemPath } from "./problem";
import { quoteRedacted } from "./secret-looking";

export const DRAIN_NAME_RULE = "lowercase letters, digits, dashes and underscores, starting with a letter or digit";

/** Drains are named as addresses are, and each kind runs on the generation that has it. */
export function drainProblems(app: AppFacts): Problem[] {
  const problems: Problem[] = [];
  const space = app.space;
  for (const name of app.logDrains) {
    if (!DRAIN_NAME_PATTERN.test(name)) problems.push({ path: ["logDrains", name], message: notADrainName(name) });
    else if (space?.generation === "fir") {
      problems.push({ path: ["logDrains", name], message: `Fir apps have no log drains (space "${space.name}" is fir): use telemetryDrains` });
    }
  }
  for (const drain of app.telemetryDrains) {
    const path = ["telemetryDrains", drain.name];
    if (!DRAIN_NAME_PATTERN.test(drain.name)) problems.push({ path, message: notADrainName(drain.name) });
    else if (!space) problems.push({ path, message: "telemetry drains are for Fir apps, and an app outside a space is Cedar: put it in a Fir space, or use logDrains" });
    else if (space.generation === "cedar") problems.push({ path, message: `telemetry drains are for Fir apps, and space "${space.name}" is cedar: use logDrains` });
    problems.push(...telemetryDrainProblems(drain, path));
  }
  return problems;
}

function notADrainName(name: string): string {
  return `"${name}" is not a drain name: ${DRAIN_NAME_RULE}`;
}

/** The endpoint suits the exporter; signals and headers are what Heroku takes. */
function telemetryDrainProblems(drain: TelemetryDrainFacts, at: ProblemPath): Problem[] {
  const problems: Problem[] = [];
  const { endpoint, exporter, signals, headers } = drain;
  if (exporter !== undefined && !(TELEMETRY_EXPORTERS as readonly string[]).includes(exporter)) {
    problems.push({ path: [...at, "exporter"], message: notAKnownName(exporter, "a telemetry exporter", TELEMETRY_EXPORTERS) });
  }
  const endpointProblem = endpoint === undefined ? undefined : endpointProblemOf(endpoint, exporter);
  if (endpointProblem) problems.push({ path: [...at, "endpoint"], message: endpointProblem });
  if (signals.length === 0) problems.push({ path: [...at, "signals"], message: `is empty: give at least one of ${TELEMETRY_SIGNALS.join(", ")}` });
  signals.forEach((signal, i) => {
    if (signal === undefined) return;
    if (!(TELEMETRY_SIGNALS as readonly string[]).includes(signal)) {
      problems.push({ path: [...at, "signals", i], message: notAKnownName(signal, "a telemetry signal", TELEMETRY_SIGNALS) });
    } else if (signals.indexOf(signal) < i) {
      problems.push({ path: [...at, "signals", i], message: `"${signal}" is listed twice` });
    }
  });
  const names = Object.keys(headers);
  if (names.length === 0) problems.push({ path: [...at, "headers"], message: "is empty: Heroku needs at least one header for the consumer" });
  if (names.length > TELEMETRY_HEADERS_MAX) problems.push({ path: [...at, "headers"], message: `${names.length} headers are too many: at most ${TELEMETRY_HEADERS_MAX}` });
  for (const [name, value] of Object.entries(headers)) {
    if (!TELEMETRY_HEADER_NAME_PATTERN.test(name)) {
      problems.push({ path: [...at, "headers", name], message: `"${name}" is not a header name: 1 to 100 letters, digits, dashes and underscores` });
    } else if (value !== undefined && value.length > TELEMETRY_HEADER_VALUE_MAX) {
      problems.push({ path: [...at, "headers", name], message: `the value is ${value.length} characters: at most ${TELEMETRY_HEADER_VALUE_MAX}` });
    }
  }
  return problems;
}

/** What is wrong with an endpoint for its exporter (internal helper). */
function endpointProblemOf(endpoint: string, exporter: string | undefined): string | undefined {
  if (endpoint.length > TELEMETRY_ENDPOINT_MAX) return `the endpoint is ${endpoint.length} characters: at most ${TELEMETRY_ENDPOINT_MAX}`;
  if (exporter === "otlphttp" && !/^https?:$/.test(URL.parse(endpoint)?.protocol ?? "")) {
    return `${quoteRedacted(endpoint)} is not an http or https URL: an otlphttp exporter posts to one`;
  }
  if (exporter === "otlp" && !/^[^\s/:@]+:\d{1,5}$/.test(endpoint)) {
    return `${quoteRedacted(endpoint)} is not host:port: an otlp exporter speaks gRPC to one, like collector.example.com:4317`;
  }
  return undefined;
}
