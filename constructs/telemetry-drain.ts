import { TELEMETRY_EXPORTERS, TELEMETRY_SIGNALS } from "../vocabulary";
import { checkedName, HerokuName } from "./named-value";

/** An OpenTelemetry signal a telemetry drain forwards. */
export class TelemetrySignal extends HerokuName {
  public static readonly TRACES = new TelemetrySignal("traces");
  public static readonly METRICS = new TelemetrySignal("metrics");
  public static readonly LOGS = new TelemetrySignal("logs");

  /**
   * A signal by name, in any case.
   * @throws when the name is not a telemetry signal
   */
  public static of(name: string): TelemetrySignal {
    return new TelemetrySignal(checkedName("a telemetry signal", name, TELEMETRY_SIGNALS));
  }
}

/** How a telemetry drain reaches its consumer. */
export class TelemetryExporter extends HerokuName {
  /** OTLP over HTTP: the endpoint is an http or https URL. */
  public static readonly OTLP_HTTP = new TelemetryExporter("otlphttp");
  /** OTLP over gRPC: the endpoint is `host:port`. */
  public static readonly OTLP = new TelemetryExporter("otlp");

  /**
   * An exporter by name, in any case.
   * @throws when the name is not a telemetry exporter
   */
  public static of(name: string): TelemetryExporter {
    return new TelemetryExporter(checkedName("a telemetry exporter", name, TELEMETRY_EXPORTERS));
  }
}

export interface TelemetryDrainOptions {
  /** Where the consumer listens: an http(s) URL for OTLP_HTTP, `host:port` for OTLP. May be a Token. */
  readonly endpoint: string;
  readonly exporter: TelemetryExporter;
  /** At least one signal. */
  readonly signals: TelemetrySignal[];
  /**
   * Headers for the consumer (an API key, a dataset): at least one, at most
   * 20. A plain value lands in cdk.tf.json: give an API key as a secret
   * value's token, `app.addSecretValue("HONEYCOMB_KEY").stringValue`.
   */
  readonly headers: Record<string, string>;
}
