/**
 * The plugin protocol 6 messages the provider exchanges with Terraform, as
 * descriptors for the codec in `protobuf.ts`. Field numbers and types follow
 * the protocol's published definition (tfplugin6); only the fields this
 * provider reads or writes are listed — the codec skips the rest.
 */
import type { FieldDescriptor, MessageDescriptor } from "./protobuf";

const msg = (fields: FieldDescriptor[]): MessageDescriptor => fields;

export const DynamicValue = msg([
  { no: 1, name: "msgpack", type: "bytes" },
  { no: 2, name: "json", type: "bytes" },
]);
const dynamicValue = () => DynamicValue;

export const AttributePathStep = msg([
  { no: 1, name: "attribute_name", type: "string", oneof: true },
  { no: 2, name: "element_key_string", type: "string", oneof: true },
  { no: 3, name: "element_key_int", type: "int64", oneof: true },
]);
export const AttributePath = msg([{ no: 1, name: "steps", type: () => AttributePathStep, repeated: true }]);
const attributePath = () => AttributePath;

export const Diagnostic = msg([
  { no: 1, name: "severity", type: "enum" },
  { no: 2, name: "summary", type: "string" },
  { no: 3, name: "detail", type: "string" },
  { no: 4, name: "attribute", type: attributePath },
]);
const diagnostics = (no: number): FieldDescriptor => ({ no, name: "diagnostics", type: () => Diagnostic, repeated: true });

const SchemaAttribute = msg([
  { no: 1, name: "name", type: "string" },
  { no: 2, name: "type", type: "bytes" },
  { no: 3, name: "description", type: "string" },
  { no: 4, name: "required", type: "bool" },
  { no: 5, name: "optional", type: "bool" },
  { no: 6, name: "computed", type: "bool" },
  { no: 7, name: "sensitive", type: "bool" },
  { no: 8, name: "description_kind", type: "enum" },
  { no: 9, name: "deprecated", type: "bool" },
]);
const SchemaNestedBlock: MessageDescriptor = msg([
  { no: 1, name: "type_name", type: "string" },
  { no: 2, name: "block", type: () => SchemaBlock },
  { no: 3, name: "nesting", type: "enum" },
  { no: 4, name: "min_items", type: "int64" },
  { no: 5, name: "max_items", type: "int64" },
]);
const SchemaBlock: MessageDescriptor = msg([
  { no: 1, name: "version", type: "int64" },
  { no: 2, name: "attributes", type: () => SchemaAttribute, repeated: true },
  { no: 3, name: "block_types", type: () => SchemaNestedBlock, repeated: true },
  { no: 4, name: "description", type: "string" },
  { no: 5, name: "description_kind", type: "enum" },
  { no: 6, name: "deprecated", type: "bool" },
]);
export const Schema = msg([
  { no: 1, name: "version", type: "int64" },
  { no: 2, name: "block", type: () => SchemaBlock },
]);
const schema = () => Schema;

const ServerCapabilities = msg([
  { no: 1, name: "plan_destroy", type: "bool" },
  { no: 2, name: "get_provider_schema_optional", type: "bool" },
]);

export const Empty = msg([]);

export const GetProviderSchemaResponse = msg([
  { no: 1, name: "provider", type: schema },
  { no: 2, name: "resource_schemas", type: schema, map: true },
  { no: 3, name: "data_source_schemas", type: schema, map: true },
  diagnostics(4),
  { no: 6, name: "server_capabilities", type: () => ServerCapabilities },
]);

const TypeName = msg([{ no: 1, name: "type_name", type: "string" }]);
export const GetMetadataResponse = msg([
  { no: 1, name: "server_capabilities", type: () => ServerCapabilities },
  diagnostics(2),
  { no: 3, name: "data_sources", type: () => TypeName, repeated: true },
  { no: 4, name: "resources", type: () => TypeName, repeated: true },
]);

export const ValidateProviderConfigRequest = msg([{ no: 1, name: "config", type: dynamicValue }]);
export const ValidateProviderConfigResponse = msg([diagnostics(2)]);

export const ValidateConfigRequest = msg([
  { no: 1, name: "type_name", type: "string" },
  { no: 2, name: "config", type: dynamicValue },
]);
export const DiagnosticsOnly = msg([diagnostics(1)]);

const RawState = msg([
  { no: 1, name: "json", type: "bytes" },
  { no: 2, name: "flatmap", type: "string", map: true },
]);
export const UpgradeResourceStateRequest = msg([
  { no: 1, name: "type_name", type: "string" },
  { no: 2, name: "version", type: "int64" },
  { no: 3, name: "raw_state", type: () => RawState },
]);
export const UpgradeResourceStateResponse = msg([{ no: 1, name: "upgraded_state", type: dynamicValue }, diagnostics(2)]);

export const ConfigureProviderRequest = msg([
  { no: 1, name: "terraform_version", type: "string" },
  { no: 2, name: "config", type: dynamicValue },
]);

export const ReadResourceRequest = msg([
  { no: 1, name: "type_name", type: "string" },
  { no: 2, name: "current_state", type: dynamicValue },
  { no: 3, name: "private", type: "bytes" },
]);
export const ReadResourceResponse = msg([
  { no: 1, name: "new_state", type: dynamicValue },
  diagnostics(2),
  { no: 3, name: "private", type: "bytes" },
]);

export const PlanResourceChangeRequest = msg([
  { no: 1, name: "type_name", type: "string" },
  { no: 2, name: "prior_state", type: dynamicValue },
  { no: 3, name: "proposed_new_state", type: dynamicValue },
  { no: 4, name: "config", type: dynamicValue },
  { no: 5, name: "prior_private", type: "bytes" },
]);
export const PlanResourceChangeResponse = msg([
  { no: 1, name: "planned_state", type: dynamicValue },
  { no: 2, name: "requires_replace", type: attributePath, repeated: true },
  { no: 3, name: "planned_private", type: "bytes" },
  diagnostics(4),
  { no: 5, name: "legacy_type_system", type: "bool" },
]);

export const ApplyResourceChangeRequest = msg([
  { no: 1, name: "type_name", type: "string" },
  { no: 2, name: "prior_state", type: dynamicValue },
  { no: 3, name: "planned_state", type: dynamicValue },
  { no: 4, name: "config", type: dynamicValue },
  { no: 5, name: "planned_private", type: "bytes" },
]);
export const ApplyResourceChangeResponse = msg([
  { no: 1, name: "new_state", type: dynamicValue },
  { no: 2, name: "private", type: "bytes" },
  diagnostics(3),
  { no: 4, name: "legacy_type_system", type: "bool" },
]);

export const ImportResourceStateRequest = msg([
  { no: 1, name: "type_name", type: "string" },
  { no: 2, name: "id", type: "string" },
]);
const ImportedResource = msg([
  { no: 1, name: "type_name", type: "string" },
  { no: 2, name: "state", type: dynamicValue },
  { no: 3, name: "private", type: "bytes" },
]);
export const ImportResourceStateResponse = msg([
  { no: 1, name: "imported_resources", type: () => ImportedResource, repeated: true },
  diagnostics(2),
]);

export const ReadDataSourceRequest = msg([
  { no: 1, name: "type_name", type: "string" },
  { no: 2, name: "config", type: dynamicValue },
]);
export const ReadDataSourceResponse = msg([{ no: 1, name: "state", type: dynamicValue }, diagnostics(2)]);

export const StopProviderResponse = msg([{ no: 1, name: "Error", type: "string" }]);
