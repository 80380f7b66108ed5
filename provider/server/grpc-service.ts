/**
 * The provider as gRPC methods: each plugin protocol 6 RPC decoded with
 * the hand-written message descriptors, handed to `HerokuProvider` on plain
 * values, and its answer encoded back. Also the plugin controller's
 * `Shutdown`, without which Terraform waits and kills every provider process.
 */
import type { HerokuProvider } from "../engine/provider";
import { attributePath } from "../engine/diagnostics";
import { decodeValue, encodeValue, type ObjectValue } from "../protocol/cty";
import * as M from "../protocol/messages";
import { decode, encode, type Message, type MessageDescriptor } from "../protocol/protobuf";
import { blockType, schemaMessage, SCHEMAS } from "../protocol/schema";

type Rpc = [name: string, request: MessageDescriptor, response: MessageDescriptor, handler: (req: Message) => Promise<Message> | Message];

/** A unary RPC on the wire: the request message's bytes in, the response message's bytes out. */
export type UnaryMethod = (request: Buffer) => Promise<Buffer>;

/** Each RPC of `service` by its gRPC path (`/<service>/<name>`), decoding its request and encoding its answer (internal helper). */
function methods(service: string, rpcs: readonly Rpc[]): Map<string, UnaryMethod> {
  return new Map(rpcs.map(([name, request, response, handler]) => [`/${service}/${name}`, async (bytes: Buffer) => encode(response, await handler(decode(request, bytes)))]));
}

const dynamic = (v: Message | undefined): ObjectValue | null => decodeValue((v?.msgpack as Buffer | undefined) ?? undefined) as ObjectValue | null;

function resourceType(typeName: unknown) {
  return blockType((SCHEMAS.resource_schemas[typeName as string] ?? { block: {} }).block);
}

/** The tfplugin6 Provider service over a `HerokuProvider`. */
export function providerService(provider: HerokuProvider, onStop: () => void) {
  const state = (typeName: unknown, value: ObjectValue | null | undefined) =>
    value === undefined ? undefined : { msgpack: encodeValue(resourceType(typeName), value) };
  const rpcs: Rpc[] = [
    [
      "GetProviderSchema",
      M.Empty,
      M.GetProviderSchemaResponse,
      () => ({
        provider: schemaMessage(SCHEMAS.provider),
        resource_schemas: Object.fromEntries(Object.entries(SCHEMAS.resource_schemas).map(([k, s]) => [k, schemaMessage(s)])),
        data_source_schemas: Object.fromEntries(Object.entries(SCHEMAS.data_source_schemas).map(([k, s]) => [k, schemaMessage(s)])),
        server_capabilities: { get_provider_schema_optional: true },
      }),
    ],
    [
      "GetMetadata",
      M.Empty,
      M.GetMetadataResponse,
      () => ({
        server_capabilities: { get_provider_schema_optional: true },
        resources: Object.keys(SCHEMAS.resource_schemas).map((type_name) => ({ type_name })),
        data_sources: Object.keys(SCHEMAS.data_source_schemas).map((type_name) => ({ type_name })),
      }),
    ],
    ["ValidateProviderConfig", M.ValidateProviderConfigRequest, M.ValidateProviderConfigResponse, () => ({ diagnostics: [] })],
    [
      "ConfigureProvider",
      M.ConfigureProviderRequest,
      M.DiagnosticsOnly,
      (req) => ({ diagnostics: provider.configure(dynamic(req.config as Message) ?? {}) }),
    ],
    [
      "ValidateResourceConfig",
      M.ValidateConfigRequest,
      M.DiagnosticsOnly,
      (req) => ({ diagnostics: provider.validateResource(req.type_name as string, dynamic(req.config as Message) ?? {}) }),
    ],
    [
      "ValidateDataResourceConfig",
      M.ValidateConfigRequest,
      M.DiagnosticsOnly,
      (req) => ({ diagnostics: provider.validateDataSource(req.type_name as string, dynamic(req.config as Message) ?? {}) }),
    ],
    [
      "UpgradeResourceState",
      M.UpgradeResourceStateRequest,
      M.UpgradeResourceStateResponse,
      (req) => {
        const out = provider.upgradeState(req.type_name as string, (req.raw_state as Message | undefined)?.json as Buffer | undefined);
        return { upgraded_state: state(req.type_name, out.value), diagnostics: out.diagnostics };
      },
    ],
    [
      "ReadResource",
      M.ReadResourceRequest,
      M.ReadResourceResponse,
      async (req) => {
        const out = await provider.read(req.type_name as string, dynamic(req.current_state as Message) ?? {});
        return { new_state: state(req.type_name, out.value), diagnostics: out.diagnostics, private: req.private };
      },
    ],
    [
      "PlanResourceChange",
      M.PlanResourceChangeRequest,
      M.PlanResourceChangeResponse,
      (req) => {
        const out = provider.plan(
          req.type_name as string,
          dynamic(req.prior_state as Message),
          dynamic(req.proposed_new_state as Message),
          dynamic(req.config as Message),
        );
        return {
          planned_state: state(req.type_name, out.value?.planned),
          requires_replace: (out.value?.requiresReplace ?? []).map(attributePath),
          planned_private: req.prior_private,
          diagnostics: out.diagnostics,
          // As the real provider's SDK declares: Terraform tolerates the SDK's null/empty looseness.
          legacy_type_system: true,
        };
      },
    ],
    [
      "ApplyResourceChange",
      M.ApplyResourceChangeRequest,
      M.ApplyResourceChangeResponse,
      async (req) => {
        const out = await provider.apply(req.type_name as string, dynamic(req.prior_state as Message), dynamic(req.planned_state as Message));
        return { new_state: state(req.type_name, out.value ?? null), private: req.planned_private, diagnostics: out.diagnostics, legacy_type_system: true };
      },
    ],
    [
      "ImportResourceState",
      M.ImportResourceStateRequest,
      M.ImportResourceStateResponse,
      async (req) => {
        const out = await provider.import(req.type_name as string, req.id as string);
        const imported = out.value ? [{ type_name: req.type_name, state: state(req.type_name, out.value) }] : [];
        return { imported_resources: imported, diagnostics: out.diagnostics };
      },
    ],
    [
      "ReadDataSource",
      M.ReadDataSourceRequest,
      M.ReadDataSourceResponse,
      async (req) => {
        const out = await provider.readDataSource(req.type_name as string, dynamic(req.config as Message) ?? {});
        const type = blockType((SCHEMAS.data_source_schemas[req.type_name as string] ?? { block: {} }).block);
        return { state: out.value ? { msgpack: encodeValue(type, out.value) } : undefined, diagnostics: out.diagnostics };
      },
    ],
    [
      "StopProvider",
      M.Empty,
      M.StopProviderResponse,
      () => {
        onStop();
        return {};
      },
    ],
  ];
  return methods("tfplugin6.Provider", rpcs);
}

/** go-plugin's controller: Terraform asks the plugin to exit when it is done with it. */
export function controllerService(shutdown: () => void) {
  const rpcs: Rpc[] = [
    [
      "Shutdown",
      M.Empty,
      M.Empty,
      () => {
        setImmediate(shutdown);
        return {};
      },
    ],
  ];
  return methods("plugin.GRPCController", rpcs);
}
