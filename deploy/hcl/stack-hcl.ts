/**
 * One synthesized stack (its cdk.tf.json) as HCL files with the same plan:
 * every block Terraform JSON can hold in a dynoform stack is written, and
 * anything else is refused by name rather than dropped.
 *
 * Which JSON objects are nested blocks and which are map or object values is
 * the provider schema's call (`provider/heroku-schema.json`): `block_types`
 * are blocks, everything else an attribute written `name = value`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { bareExpression, expression, isObject, type Json } from "./expressions";

interface BlockSchema {
  readonly attributes?: Record<string, unknown>;
  readonly block_types?: Record<string, { readonly nesting_mode: string; readonly block: BlockSchema }>;
}

interface ProviderSchema {
  readonly provider: { readonly block: BlockSchema };
  readonly resource_schemas: Record<string, { readonly block: BlockSchema }>;
  readonly data_source_schemas: Record<string, { readonly block: BlockSchema }>;
}

/** The heroku/heroku 5.3 schema the local provider serves and the bindings are generated from. */
export function herokuSchema(): ProviderSchema {
  const file = join(__dirname, "..", "..", "provider", "heroku-schema.json");
  const json = JSON.parse(readFileSync(file, "utf8")) as { provider_schemas: Record<string, ProviderSchema> };
  return json.provider_schemas["registry.terraform.io/heroku/heroku"];
}

/** Terraform's built-in data source: every argument is an attribute. */
const REMOTE_STATE: BlockSchema = { attributes: { backend: {}, config: {}, defaults: {}, workspace: {} } };

/** A line of a body: an attribute, a nested block, or a comment. */
type Item =
  | { readonly kind: "attribute"; readonly name: string; readonly value: (indent: string) => string }
  | { readonly kind: "block"; readonly header: string; readonly body: Item[] }
  | { readonly kind: "comment"; readonly text: string };

const attribute = (name: string, value: Json, literal = false): Item => ({ kind: "attribute", name, value: (indent) => expression(value, indent, literal) });
const raw = (name: string, text: string): Item => ({ kind: "attribute", name, value: () => text });
const block = (header: string, body: Item[]): Item => ({ kind: "block", header, body });

/** `"label"` of a block header: labels are literal strings. */
const label = (text: string) => JSON.stringify(text);

/** A list of references written bare (`depends_on`, `ignore_changes` entries). */
function references(value: Json, where: string): string {
  if (!Array.isArray(value)) throw new Error(`${where}: expected a list`);
  if (value.length === 0) return "[]";
  return `[${value.map((v) => bareExpression(v, where)).join(", ")}]`;
}

/** The body of a block whose JSON object has one entry per argument (internal helper). */
function entries(value: Json, where: string): [string, Json][] {
  if (!isObject(value)) throw new Error(`${where}: expected an object, got ${JSON.stringify(value)}`);
  return Object.entries(value).filter(([key]) => key !== "//");
}

/** A JSON value that is one block or a list of them (how JSON writes repeated blocks). */
function blockList(value: Json): Json[] {
  if (value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Arguments of a schema-described block, with nested block types as blocks. */
function schemaBody(value: Json, schema: BlockSchema, where: string, meta: (key: string, value: Json) => Item[] | undefined = () => undefined): Item[] {
  const items: Item[] = [];
  const nested: Item[] = [];
  for (const [key, v] of entries(value, where)) {
    const handled = meta(key, v);
    if (handled) {
      nested.push(...handled);
      continue;
    }
    const blockType = schema.block_types?.[key];
    if (blockType) {
      if (blockType.nesting_mode === "map") {
        for (const [name, body] of entries(v, `${where}.${key}`)) nested.push(block(`${key} ${label(name)}`, schemaBody(body, blockType.block, `${where}.${key}.${name}`)));
      } else {
        for (const body of blockList(v)) nested.push(block(key, schemaBody(body, blockType.block, `${where}.${key}`)));
      }
      continue;
    }
    if (schema.attributes && key in schema.attributes) {
      items.push(attribute(key, v));
      continue;
    }
    throw new Error(`${where}: "${key}" is neither an argument nor a block of its schema`);
  }
  return [...items, ...nested];
}

/** `precondition`/`postcondition` blocks: a condition expression and a message template. */
function conditions(kind: string, value: Json, where: string): Item[] {
  return blockList(value).map((c) =>
    block(
      kind,
      entries(c, where).map(([key, v]) => (key === "condition" || key === "error_message" ? attribute(key, v) : unsupported(`${where}.${key}`))),
    ),
  );
}

function unsupported(where: string): never {
  throw new Error(`${where}: not supported by the HCL writer (dynoform stacks never synthesize it)`);
}

/** The `lifecycle` block of a resource. */
function lifecycle(value: Json, where: string): Item[] {
  const body: Item[] = [];
  for (const [key, v] of entries(value, where)) {
    if (key === "create_before_destroy" || key === "prevent_destroy") body.push(attribute(key, v));
    else if (key === "ignore_changes") body.push(raw(key, v === "all" ? "all" : references(v, `${where}.ignore_changes`)));
    else if (key === "replace_triggered_by") body.push(raw(key, references(v, `${where}.replace_triggered_by`)));
    else if (key === "precondition" || key === "postcondition") body.push(...conditions(key, v, `${where}.${key}`));
    else unsupported(`${where}.${key}`);
  }
  return [block("lifecycle", body)];
}

/** The meta-arguments resources and data sources share; undefined for a schema argument. */
function resourceMeta(where: string) {
  return (key: string, value: Json): Item[] | undefined => {
    if (key === "count" || key === "for_each") return [attribute(key, value)];
    if (key === "provider") return [raw(key, bareExpression(value, `${where}.provider`))];
    if (key === "depends_on") return [raw(key, references(value, `${where}.depends_on`))];
    if (key === "lifecycle") return lifecycle(value, `${where}.lifecycle`);
    if (key === "provisioner" || key === "connection" || key === "dynamic") unsupported(`${where}.${key}`);
    return undefined;
  };
}

/** The construct path cdktf recorded, kept as a comment for whoever reads the files. */
function pathComment(value: Json): Item[] {
  const path = isObject(value) && isObject(value["//"]) && isObject(value["//"].metadata) ? value["//"].metadata.path : undefined;
  return typeof path === "string" ? [{ kind: "comment", text: `cdktf: ${path}` }] : [];
}

/** Writes items at one indentation: consecutive one-line attributes get their `=` aligned, as terraform fmt does. */
function render(items: Item[], indent: string): string {
  const out: string[] = [];
  let run: { name: string; value: string }[] = [];
  const flush = () => {
    // terraform fmt aligns the `=` of each run of consecutive attributes that fit on one line.
    let group: { name: string; value: string }[] = [];
    const emit = () => {
      const width = Math.max(0, ...group.map((a) => a.name.length));
      for (const a of group) out.push(`${indent}${a.name.padEnd(width)} = ${a.value}\n`);
      group = [];
    };
    for (const a of run) {
      // An attribute spanning lines stands alone: it ends the run before it and starts none.
      if (a.value.includes("\n")) {
        emit();
        out.push(`${indent}${a.name} = ${a.value}\n`);
      } else group.push(a);
    }
    emit();
    run = [];
  };
  let previous: Item["kind"] | undefined;
  for (const item of items) {
    if (item.kind === "attribute") {
      run.push({ name: item.name, value: item.value(indent) });
    } else {
      flush();
      if (item.kind === "block") {
        if (previous === "attribute" || previous === "block") out.push("\n");
        out.push(`${indent}${item.header} {\n${render(item.body, indent + "  ")}${indent}}\n`);
      } else {
        out.push(`${indent}# ${item.text}\n`);
      }
    }
    previous = item.kind;
  }
  flush();
  return out.join("");
}

/** Top-level blocks, separated by blank lines. */
function renderFile(blocks: Item[]): string {
  return blocks.map((b) => render([b], "")).join("\n");
}

/** The HCL files of a stack: file name → contents; files with nothing to say are left out. */
export interface HclFiles {
  readonly [file: string]: string;
}

/**
 * The files for one stack, with the same blocks as its cdk.tf.json:
 * `terraform.tf` (backend, required providers, provider configurations),
 * `variables.tf`, `main.tf` (locals, data sources, resources, moved, import,
 * removed) and `outputs.tf`.
 * @throws naming the first JSON entry it cannot write faithfully
 */
export function stackToHcl(stackJson: Json, schema: ProviderSchema = herokuSchema()): HclFiles {
  const terraform: Item[] = [];
  const variables: Item[] = [];
  const main: Item[] = [];
  const outputs: Item[] = [];
  const root = entries(stackJson, "stack");
  for (const [key, value] of root) {
    switch (key) {
      case "terraform":
        terraform.push(block("terraform", terraformBlock(value)));
        break;
      case "provider":
        for (const [name, configs] of entries(value, "provider")) {
          for (const config of blockList(configs)) {
            if (name !== "heroku") unsupported(`provider.${name}`);
            terraform.push(block(`provider ${label(name)}`, schemaBody(config, schema.provider.block, `provider.${name}`, (k, v) => (k === "alias" ? [attribute(k, v)] : undefined))));
          }
        }
        break;
      case "variable":
        for (const [name, v] of entries(value, "variable")) variables.push(block(`variable ${label(name)}`, variableBody(v, `variable.${name}`)));
        break;
      case "locals":
        main.push(block("locals", entries(value, "locals").map(([name, v]) => attribute(name, v))));
        break;
      case "data":
        for (const [type, instances] of entries(value, "data")) {
          const typeSchema = type === "terraform_remote_state" ? REMOTE_STATE : schema.data_source_schemas[type]?.block;
          if (!typeSchema) unsupported(`data.${type}`);
          for (const [name, body] of entries(instances, `data.${type}`)) {
            main.push(...pathComment(body), block(`data ${label(type)} ${label(name)}`, schemaBody(body, typeSchema, `data.${type}.${name}`, resourceMeta(`data.${type}.${name}`))));
          }
        }
        break;
      case "resource":
        for (const [type, instances] of entries(value, "resource")) {
          const typeSchema = schema.resource_schemas[type]?.block;
          if (!typeSchema) unsupported(`resource.${type}`);
          for (const [name, body] of entries(instances, `resource.${type}`)) {
            const where = `resource.${type}.${name}`;
            main.push(...pathComment(body), block(`resource ${label(type)} ${label(name)}`, schemaBody(body, typeSchema, where, resourceMeta(where))));
          }
        }
        break;
      case "moved":
        for (const moved of blockList(value)) {
          main.push(block("moved", entries(moved, "moved").map(([k, v]) => (k === "from" || k === "to" ? raw(k, bareExpression(v, `moved.${k}`)) : unsupported(`moved.${k}`)))));
        }
        break;
      case "import":
        for (const imported of blockList(value)) {
          main.push(
            block(
              "import",
              entries(imported, "import").map(([k, v]) =>
                k === "to" || k === "provider" ? raw(k, bareExpression(v, `import.${k}`)) : k === "id" || k === "for_each" ? attribute(k, v) : unsupported(`import.${k}`),
              ),
            ),
          );
        }
        break;
      case "removed":
        for (const removed of blockList(value)) {
          main.push(
            block(
              "removed",
              entries(removed, "removed").map(([k, v]): Item => {
                if (k === "from") return raw(k, bareExpression(v, "removed.from"));
                if (k === "lifecycle") return block("lifecycle", entries(v, "removed.lifecycle").map(([lk, lv]) => (lk === "destroy" ? attribute(lk, lv) : unsupported(`removed.lifecycle.${lk}`))));
                return unsupported(`removed.${k}`);
              }),
            ),
          );
        }
        break;
      case "output":
        for (const [name, v] of entries(value, "output")) outputs.push(block(`output ${label(name)}`, outputBody(v, `output.${name}`)));
        break;
      default:
        unsupported(key);
    }
  }
  const files: Record<string, string> = {};
  const header = (what: string) => `# ${what}, written by \`dynoform synth --hcl\` from the stack's cdk.tf.json.\n\n`;
  if (terraform.length) files["terraform.tf"] = header("Backend and provider") + renderFile(terraform);
  if (variables.length) files["variables.tf"] = header("Variables") + renderFile(variables);
  if (main.length) files["main.tf"] = header("Resources") + renderFile(withComments(main));
  if (outputs.length) files["outputs.tf"] = header("Outputs") + renderFile(outputs);
  return files;
}

/** Joins each path comment to the block after it, so blocks stay one blank line apart (internal helper). */
function withComments(items: Item[]): Item[] {
  const out: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item.kind === "comment" && items[i + 1]?.kind === "block") {
      const next = items[++i] as Extract<Item, { kind: "block" }>;
      out.push({ kind: "block", header: `# ${item.text}\n${next.header}`, body: next.body });
    } else out.push(item);
  }
  return out;
}

/** The `terraform` block: required_version, required_providers, backend or cloud. */
function terraformBlock(value: Json): Item[] {
  const body: Item[] = [];
  for (const [key, v] of entries(value, "terraform")) {
    if (key === "required_version") body.push(attribute(key, v));
    else if (key === "required_providers") body.push(block("required_providers", entries(v, "terraform.required_providers").map(([name, req]) => attribute(name, req))));
    else if (key === "backend") {
      for (const [type, config] of entries(v, "terraform.backend")) body.push(block(`backend ${label(type)}`, entries(config, `terraform.backend.${type}`).map(([k, c]) => attribute(k, c))));
    } else if (key === "cloud") body.push(block("cloud", cloudBody(v)));
    else unsupported(`terraform.${key}`);
  }
  return body;
}

/** The `cloud` block: its objects (`workspaces`) are blocks. */
function cloudBody(value: Json): Item[] {
  return entries(value, "terraform.cloud").map(([k, v]) => (isObject(v) ? block(k, entries(v, `terraform.cloud.${k}`).map(([wk, wv]) => attribute(wk, wv))) : attribute(k, v)));
}

/** A variable: `type` is a type expression, `default` a literal value (no templates in JSON either). */
function variableBody(value: Json, where: string): Item[] {
  return entries(value, where).flatMap(([key, v]): Item[] => {
    if (key === "type") return [raw(key, bareExpression(v, `${where}.type`))];
    if (key === "default") return [attribute(key, v, true)];
    if (key === "description" || key === "sensitive" || key === "nullable" || key === "ephemeral") return [attribute(key, v)];
    if (key === "validation") return conditions("validation", v, `${where}.validation`);
    return unsupported(`${where}.${key}`);
  });
}

function outputBody(value: Json, where: string): Item[] {
  return entries(value, where).flatMap(([key, v]): Item[] => {
    if (key === "value" || key === "description" || key === "sensitive" || key === "ephemeral") return [attribute(key, v)];
    if (key === "depends_on") return [raw(key, references(v, `${where}.depends_on`))];
    if (key === "precondition") return conditions(key, v, `${where}.${key}`);
    return unsupported(`${where}.${key}`);
  });
}

