/**
 * The provider's RPCs on decoded values, independent of gRPC: configure,
 * validate, plan, apply, read, import, upgrade. `server/` wires these to the
 * wire protocol; tests can drive them directly.
 */
import { HerokuClient } from "../../lib/heroku-api-client";
import type { ObjectValue, Value } from "../protocol/cty";
import { SCHEMAS, type BlockSchema } from "../protocol/schema";
import { errorDiagnostic, toDiagnostic, type Diagnostic } from "./diagnostics";
import { CreateJournal } from "./create-journal";
import { planChange, type PlannedChange } from "./plan";
import { PartialCreateError, type DataSourceType, type ResourceContext, type ResourceType } from "./resource-type";
import { providerSettings, clientOptions } from "./provider-config";
import { settleState } from "./state";

export interface Outcome<T> {
  readonly value?: T;
  readonly diagnostics: Diagnostic[];
}

export class HerokuProvider {
  private context?: ResourceContext;
  private readonly journal?: CreateJournal;

  constructor(
    private readonly resources: Readonly<Record<string, ResourceType>>,
    private readonly dataSources: Readonly<Record<string, DataSourceType>>,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    // Set by dynoform for its local targets; without it the provider behaves as the registry one.
    if (env.DYNOFORM_PROVIDER_JOURNAL) this.journal = new CreateJournal(env.DYNOFORM_PROVIDER_JOURNAL);
  }

  configure(config: ObjectValue): Diagnostic[] {
    try {
      this.context = { client: new HerokuClient(clientOptions(config, this.env)), settings: providerSettings(config), created: () => undefined };
      return [];
    } catch (error) {
      return [toDiagnostic(error)];
    }
  }

  /** Requests the provider made, for call-count comparisons. */
  get calls(): readonly string[] {
    return this.context?.client.calls ?? [];
  }

  validateResource(typeName: string, config: ObjectValue): Diagnostic[] {
    const type = this.resources[typeName];
    if (!type) return [notImplemented("resource", typeName)];
    return (type.validate?.(config) ?? []).map((p) => errorDiagnostic(p.summary, p.detail, p.path));
  }

  validateDataSource(typeName: string, config: ObjectValue): Diagnostic[] {
    const type = this.dataSources[typeName];
    if (!type) return [notImplemented("data source", typeName)];
    return (type.validate?.(config) ?? []).map((p) => errorDiagnostic(p.summary, p.detail, p.path));
  }

  /** Older state JSON, shaped to the current schema (states this provider writes are current). */
  upgradeState(typeName: string, json: Buffer | undefined): Outcome<ObjectValue> {
    const schema = SCHEMAS.resource_schemas[typeName];
    if (!schema) return { diagnostics: [notImplemented("resource", typeName)] };
    const raw = json && json.length > 0 ? (JSON.parse(json.toString("utf8")) as ObjectValue) : {};
    return { value: conform(schema.block, raw), diagnostics: [] };
  }

  plan(typeName: string, prior: ObjectValue | null, proposed: ObjectValue | null, config: ObjectValue | null): Outcome<PlannedChange> {
    const type = this.resources[typeName];
    if (!type) return { diagnostics: [notImplemented("resource", typeName)] };
    const schema = SCHEMAS.resource_schemas[typeName].block;
    return { value: planChange(type, schema, prior, proposed, config, this.settings()), diagnostics: [] };
  }

  async apply(typeName: string, prior: ObjectValue | null, planned: ObjectValue | null): Promise<Outcome<ObjectValue | null>> {
    const type = this.resources[typeName];
    if (!type) return { diagnostics: [notImplemented("resource", typeName)] };
    try {
      if (planned === null) {
        if (prior) {
          await type.delete(this.ctx(), prior);
          this.journal?.deleted(String(prior.id));
        }
        return { value: null, diagnostics: [] };
      }
      if (prior === null) return { value: settleState(planned, await this.create(typeName, type, planned)), diagnostics: [] };
      if (!type.update) throw new Error(`${typeName} cannot be updated in place`);
      return { value: settleState(planned, await type.update(this.ctx(), prior, planned)), diagnostics: [] };
    } catch (error) {
      if (error instanceof PartialCreateError && planned) {
        return { value: settleState(planned, error.state), diagnostics: [toDiagnostic(error.cause)] };
      }
      return { value: prior, diagnostics: [toDiagnostic(error)] };
    }
  }

  /** A create, or the adoption of what an interrupted create of the same configuration left (see CreateJournal). */
  private async create(typeName: string, type: ResourceType, planned: ObjectValue): Promise<ObjectValue> {
    const journal = this.journal;
    if (!journal) return type.create(this.ctx(), planned);
    const block = SCHEMAS.resource_schemas[typeName].block;
    const configured = Object.entries(block.attributes ?? {})
      .filter(([, a]) => a.required || a.optional)
      .map(([name]) => name)
      .concat(Object.keys(block.block_types ?? {}));
    const key = CreateJournal.key(typeName, planned, configured);
    const ctx = { ...this.ctx(), created: (id: string) => journal.created(typeName, key, id) };
    const since = journal.unfinishedIntent(typeName, key);
    const lost = since && type.findCreated ? await type.findCreated(ctx, planned, since) : undefined;
    const orphan = lost ?? journal.orphans().filter((o) => o.type === typeName && o.key === key).pop()?.id;
    const found = orphan ? await type.read(ctx, conform(block, { ...planned, id: orphan })) : null;
    if (!found) {
      journal.intent(typeName, key);
      return type.create(ctx, planned);
    }
    journal.created(typeName, key, String(found.id ?? orphan));
    const current = settleState(planned, found);
    return type.update ? type.update(ctx, current, planned) : current;
  }

  async read(typeName: string, state: ObjectValue): Promise<Outcome<ObjectValue | null>> {
    const type = this.resources[typeName];
    if (!type) return { diagnostics: [notImplemented("resource", typeName)] };
    try {
      const current = await type.read(this.ctx(), state);
      if (typeof state.id === "string") this.journal?.acknowledged(state.id);
      return { value: current === null ? null : settleState(state, current), diagnostics: [] };
    } catch (error) {
      return { value: state, diagnostics: [toDiagnostic(error)] };
    }
  }

  async import(typeName: string, id: string): Promise<Outcome<ObjectValue>> {
    const type = this.resources[typeName];
    if (!type) return { diagnostics: [notImplemented("resource", typeName)] };
    const schema = SCHEMAS.resource_schemas[typeName].block;
    try {
      const ctx = this.ctx();
      const partial = type.importState ? await type.importState(ctx, id) : { id };
      const current = await type.read(ctx, conform(schema, partial));
      if (current === null) throw new Error(`cannot import non-existent remote object: ${typeName} with id ${JSON.stringify(id)}`);
      return { value: conform(schema, { ...partial, ...current }), diagnostics: [] };
    } catch (error) {
      return { diagnostics: [toDiagnostic(error)] };
    }
  }

  async readDataSource(typeName: string, config: ObjectValue): Promise<Outcome<ObjectValue>> {
    const type = this.dataSources[typeName];
    if (!type) return { diagnostics: [notImplemented("data source", typeName)] };
    try {
      return { value: settleState(config, await type.read(this.ctx(), config)), diagnostics: [] };
    } catch (error) {
      return { diagnostics: [toDiagnostic(error)] };
    }
  }

  private ctx(): ResourceContext {
    if (!this.context) throw new Error("the heroku provider was used before it was configured");
    return this.context;
  }

  private settings() {
    return this.context?.settings ?? providerSettings({});
  }
}

/** A type Terraform would never send: the provider implements every one of its schema (internal helper). */
function notImplemented(kind: string, typeName: string): Diagnostic {
  return errorDiagnostic(`${typeName} is not a ${kind} of heroku/heroku 5.3.2`, `The schema this provider serves has no ${kind} named ${typeName}.`);
}

/** A value with exactly a block's attributes (absent ones null), as the wire requires (internal helper). */
function conform(block: BlockSchema, raw: ObjectValue): ObjectValue {
  const out: ObjectValue = {};
  for (const name of Object.keys(block.attributes ?? {})) out[name] = raw[name] ?? null;
  for (const [name, nested] of Object.entries(block.block_types ?? {})) {
    const value: Value = raw[name] ?? null;
    if (Array.isArray(value)) out[name] = value.map((item) => conform(nested.block, item as ObjectValue));
    else if (value !== null && typeof value === "object") out[name] = conform(nested.block, value as ObjectValue);
    else out[name] = nested.nesting_mode === "list" || nested.nesting_mode === "set" ? [] : null;
  }
  return out;
}
