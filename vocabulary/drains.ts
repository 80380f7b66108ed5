/**
 * Telemetry drains (OpenTelemetry), from the Platform API schema
 * (`telemetry-drain`) and heroku/heroku's `heroku_telemetry_drain`.
 */

/** What owns a telemetry drain (`owner.type`). */
export const TELEMETRY_OWNER_TYPES = ["app", "space"] as const;

/** What a telemetry drain forwards. */
export const TELEMETRY_SIGNALS = ["traces", "metrics", "logs"] as const;

/** How it reaches the consumer: `otlphttp` posts to an http(s) URL, `otlp` speaks gRPC to `host:port`. */
export const TELEMETRY_EXPORTERS = ["otlphttp", "otlp"] as const;

/** `exporter.endpoint`: at most 1000 characters. */
export const TELEMETRY_ENDPOINT_MAX = 1000;

/** `exporter.headers`: names, at most 20 of them, values of at most 1000 characters. */
export const TELEMETRY_HEADER_NAME_PATTERN = /^[A-Za-z0-9\-_]{1,100}$/;
export const TELEMETRY_HEADERS_MAX = 20;
export const TELEMETRY_HEADER_VALUE_MAX = 1000;

/** What names a drain in code and YAML, and its Terraform address: lowercase letters, digits, dashes and underscores. */
export const DRAIN_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
