/**
 * heroku_telemetry_drain: an OpenTelemetry drain of an app or a space, as
 * heroku/heroku 5.3.2 does it: its schema validations (messages of the
 * plugin SDK's validators), the check that the owner is of the Fir
 * generation before anything is made (Cedar apps keep heroku_drain), and
 * `/telemetry-drains` for the rest. The real resource has no importer.
 */
import { isUnknown, type ObjectValue, type Value } from "../protocol/cty";
import type { ConfigProblem, ResourceContext, ResourceType } from "../engine/resource-type";
import { str, stringMap } from "./attribute-values";
import { FORCE_NEW } from "./force-new";

interface ApiTelemetryDrain {
  id: string;
  owner: { id: string; type: string };
  exporter: { endpoint: string; type: string; headers?: Record<string, string> | null };
  signals: string[];
  created_at: string;
  updated_at: string;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const OWNER_TYPES = ["app", "space"];
const EXPORTER_TYPES = ["otlphttp", "otlp"];
const SIGNALS = ["traces", "metrics", "logs"];

/** A known string value (unknown and null skip validation, as in the SDK). */
function known(value: Value | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** validation.StringInSlice's message: Go prints the slice as `[a b]`. */
function inSlice(key: string, valid: string[], value: string | undefined): ConfigProblem[] {
  return value !== undefined && !valid.includes(value) ? [{ path: [key], summary: `expected ${key} to be one of [${valid.join(" ")}], got ${value}` }] : [];
}

function signalsOf(value: Value | undefined): string[] {
  return Array.isArray(value) ? (value as string[]) : [];
}

/** The owner must be of the Fir generation: the real provider asks before creating (validateOwnerSupportsOtel). */
async function checkOwnerSupportsOtel(ctx: ResourceContext, ownerId: string, ownerType: string): Promise<void> {
  if (ownerType === "app") {
    let app: { name: string; generation: { name: string } };
    try {
      app = await ctx.client.get(`/apps/${encodeURIComponent(ownerId)}`);
    } catch (error) {
      throw new Error(`error fetching app info: ${(error as Error).message}`);
    }
    if (app.generation?.name !== "fir") {
      throw new Error(`telemetry drains are only supported for Fir generation apps. App '${app.name}' is ${app.generation?.name} generation. Use heroku_drain for Cedar apps`);
    }
  } else if (ownerType === "space") {
    let space: { name: string; generation: { name: string } };
    try {
      space = await ctx.client.get(`/spaces/${encodeURIComponent(ownerId)}`);
    } catch (error) {
      throw new Error(`error fetching space info: ${(error as Error).message}`);
    }
    if (space.generation?.name !== "fir") {
      throw new Error(`telemetry drains are only supported for Fir generation spaces. Space '${space.name}' is ${space.generation?.name} generation`);
    }
  } else throw new Error(`invalid owner_type: ${ownerType}`);
}

/** `message` for a failed request, with the real provider's prefix. */
async function wrapped<T>(prefix: string, request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    throw new Error(`${prefix}: ${(error as Error).message}`);
  }
}

function exporterOf(planned: ObjectValue) {
  const headers = stringMap(planned.headers);
  return { endpoint: str(planned.endpoint) ?? "", type: str(planned.exporter_type) ?? "", ...(Object.keys(headers).length > 0 ? { headers } : {}) };
}

async function read(ctx: ResourceContext, state: ObjectValue): Promise<ObjectValue> {
  const drain = await wrapped(
    "error retrieving telemetry drain",
    ctx.client.get<ApiTelemetryDrain>(`/telemetry-drains/${encodeURIComponent(str(state.id) ?? "")}`),
  );
  return {
    id: drain.id,
    owner_id: drain.owner.id,
    owner_type: drain.owner.type,
    endpoint: drain.exporter.endpoint,
    exporter_type: drain.exporter.type,
    headers: drain.exporter.headers ?? {},
    signals: drain.signals,
    created_at: drain.created_at,
    updated_at: drain.updated_at,
  };
}

export const herokuTelemetryDrain: ResourceType = {
  forceNew: FORCE_NEW.heroku_telemetry_drain,

  validate(config) {
    const problems: ConfigProblem[] = [];
    const ownerId = known(config.owner_id);
    if (ownerId !== undefined && !UUID.test(ownerId)) problems.push({ path: ["owner_id"], summary: `expected "owner_id" to be a valid UUID, got ${ownerId}` });
    problems.push(...inSlice("owner_type", OWNER_TYPES, known(config.owner_type)));
    problems.push(...inSlice("exporter_type", EXPORTER_TYPES, known(config.exporter_type)));
    if (Array.isArray(config.signals) && !isUnknown(config.signals)) {
      const signals = config.signals as Value[];
      if (signals.length < 1) {
        problems.push({ path: ["signals"], summary: "Not enough list items", detail: "Attribute signals requires 1 item minimum, but config has only 0 declared." });
      }
      signals.forEach((signal, i) => {
        const value = known(signal);
        if (value !== undefined && !SIGNALS.includes(value)) {
          problems.push({ path: ["signals"], summary: `expected signals.${i} to be one of [${SIGNALS.join(" ")}], got ${value}` });
        }
      });
    }
    return problems;
  },

  async create(ctx, planned) {
    const ownerId = str(planned.owner_id) ?? "";
    const ownerType = str(planned.owner_type) ?? "";
    await checkOwnerSupportsOtel(ctx, ownerId, ownerType);
    const drain = await wrapped(
      "error creating telemetry drain",
      ctx.client.post<ApiTelemetryDrain>("/telemetry-drains", {
        owner: { id: ownerId, type: ownerType },
        exporter: exporterOf(planned),
        signals: signalsOf(planned.signals),
      }),
    );
    ctx.created(drain.id);
    return read(ctx, { id: drain.id });
  },

  read,

  async update(ctx, prior, planned) {
    const body: Record<string, unknown> = {};
    const changed = (key: string) => JSON.stringify(prior[key] ?? null) !== JSON.stringify(planned[key] ?? null);
    if (changed("endpoint") || changed("exporter_type") || changed("headers")) body.exporter = exporterOf(planned);
    if (changed("signals")) body.signals = signalsOf(planned.signals);
    await wrapped("error updating telemetry drain", ctx.client.patch(`/telemetry-drains/${encodeURIComponent(str(prior.id) ?? "")}`, body));
    return read(ctx, { id: prior.id });
  },

  async delete(ctx, state) {
    await wrapped("error deleting telemetry drain", ctx.client.delete(`/telemetry-drains/${encodeURIComponent(str(state.id) ?? "")}`));
  },

  async importState() {
    throw new Error("resource heroku_telemetry_drain doesn't support import");
  },
};
