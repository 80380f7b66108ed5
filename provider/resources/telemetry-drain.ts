/**
 * heroku_telemetry_drain: an OpenTelemetry drain of an app or a space, as
 * heroku/heroku 5.3.2 does it: its schema validations (messages of the
 * plugin SDK's validators), the check that the owner is of the Fir
 * generation before anything is made (Cedar apps keep heroku_drain), and
 * `/telemetry-drains` for the rest. The real resource has no importer.
 */
import { TELEMETRY_EXPORTERS, TELEMETRY_OWNER_TYPES, TELEMETRY_SIGNALS } from "../../vocabulary";
import { isUnknown, type ObjectValue, type Value } from "../protocol/cty";
import type { ConfigProblem, ResourceContext, ResourceType } from "../engine/resource-type";
import { str, stringMap } from "./attribute-values";
import { FORCE_NEW } from "./force-new";
import { wrapError } from "./state-change";
import { inSliceProblems, listSizeProblems, uuidProblems } from "./validators";

interface ApiTelemetryDrain {
  id: string;
  owner: { id: string; type: string };
  exporter: { endpoint: string; type: string; headers?: Record<string, string> | null };
  signals: string[];
  created_at: string;
  updated_at: string;
}

function signalsOf(value: Value | undefined): string[] {
  return Array.isArray(value) ? (value as string[]) : [];
}

/** The owner must be of the Fir generation: the real provider asks before creating (validateOwnerSupportsOtel). */
async function checkOwnerSupportsOtel(ctx: ResourceContext, ownerId: string, ownerType: string): Promise<void> {
  if (ownerType === "app") {
    const app = await wrapError("error fetching app info: ", () => ctx.client.get<{ name: string; generation: { name: string } }>(`/apps/${encodeURIComponent(ownerId)}`));
    if (app.generation?.name !== "fir") {
      throw new Error(`telemetry drains are only supported for Fir generation apps. App '${app.name}' is ${app.generation?.name} generation. Use heroku_drain for Cedar apps`);
    }
  } else if (ownerType === "space") {
    const space = await wrapError("error fetching space info: ", () => ctx.client.get<{ name: string; generation: { name: string } }>(`/spaces/${encodeURIComponent(ownerId)}`));
    if (space.generation?.name !== "fir") {
      throw new Error(`telemetry drains are only supported for Fir generation spaces. Space '${space.name}' is ${space.generation?.name} generation`);
    }
  } else throw new Error(`invalid owner_type: ${ownerType}`);
}

function exporterOf(planned: ObjectValue) {
  const headers = stringMap(planned.headers);
  return { endpoint: str(planned.endpoint) ?? "", type: str(planned.exporter_type) ?? "", ...(Object.keys(headers).length > 0 ? { headers } : {}) };
}

async function read(ctx: ResourceContext, state: ObjectValue): Promise<ObjectValue> {
  const drain = await wrapError("error retrieving telemetry drain: ", () =>
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
    problems.push(...uuidProblems(["owner_id"], config.owner_id));
    problems.push(...inSliceProblems(["owner_type"], TELEMETRY_OWNER_TYPES, config.owner_type));
    problems.push(...inSliceProblems(["exporter_type"], TELEMETRY_EXPORTERS, config.exporter_type));
    if (Array.isArray(config.signals) && !isUnknown(config.signals)) {
      const signals = config.signals as Value[];
      problems.push(...listSizeProblems("signals", signals.length, 1));
      signals.forEach((signal, i) => problems.push(...inSliceProblems(["signals"], TELEMETRY_SIGNALS, signal, `signals.${i}`)));
    }
    return problems;
  },

  async create(ctx, planned) {
    const ownerId = str(planned.owner_id) ?? "";
    const ownerType = str(planned.owner_type) ?? "";
    await checkOwnerSupportsOtel(ctx, ownerId, ownerType);
    const drain = await wrapError("error creating telemetry drain: ", () =>
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
    await wrapError("error updating telemetry drain: ", () => ctx.client.patch(`/telemetry-drains/${encodeURIComponent(str(prior.id) ?? "")}`, body));
    return read(ctx, { id: prior.id });
  },

  async delete(ctx, state) {
    await wrapError("error deleting telemetry drain: ", () => ctx.client.delete(`/telemetry-drains/${encodeURIComponent(str(state.id) ?? "")}`));
  },

  async importState() {
    throw new Error("resource heroku_telemetry_drain doesn't support import");
  },
};
