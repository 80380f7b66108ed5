/**
 * The resource blocks of a synthesized stack (`cdk.tf.json`) as the tree
 * diff reads them: provider attributes apart from Terraform's meta-arguments,
 * the references between blocks, dynoform's record of each app, and the
 * `moved` blocks that rename them.
 */
import { z } from "zod";
import { UserError } from "../lib/user-error";
import { quoteRedacted } from "../rules";
import { AppRecord, ForeignApp } from "./plan-model";

export interface CdktfJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value?: unknown }>;
  variable?: Record<string, { sensitive?: boolean; default?: unknown }>;
  moved?: Array<{ from?: string; to?: string }>;
}

/** Keys of a resource block that are Terraform meta-arguments, not provider attributes. */
const META_ARGUMENTS = new Set(["//", "depends_on", "lifecycle", "provider", "count", "for_each", "provisioner", "connection"]);

export interface Block {
  readonly type: string;
  readonly name: string;
  readonly attributes: Record<string, unknown>;
  readonly lifecycle: { prevent_destroy?: boolean; create_before_destroy?: boolean };
  readonly record?: AppRecord;
}

const AppRecordSchema = z.object({
  environment: z.string().min(1).optional(),
  implicitProcesses: z.array(z.object({ type: z.string().min(1), size: z.string().min(1), quantity: z.number().int().min(0) })).optional(),
});

/** `"//".dynoform` of a block, checked: a malformed record would misjudge policy or cost silently. */
function appRecord(address: string, block: Record<string, unknown>): AppRecord | undefined {
  const raw = (block["//"] as { dynoform?: unknown } | undefined)?.dynoform;
  if (raw === undefined) return undefined;
  const parsed = AppRecordSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`${address}: "//".dynoform.${issue.path.join(".")}: ${issue.message.toLowerCase()} (got ${quoteRedacted(raw)})`);
  }
  return parsed.data;
}

/** The resource blocks of one stack by address (`heroku_app.web`). */
export function blocks(json: CdktfJson | undefined): Map<string, Block> {
  const out = new Map<string, Block>();
  for (const [type, byName] of Object.entries(json?.resource ?? {})) {
    for (const [name, block] of Object.entries(byName)) {
      const attributes = Object.fromEntries(Object.entries(block).filter(([k]) => !META_ARGUMENTS.has(k)));
      const address = `${type}.${name}`;
      out.set(address, { type, name, attributes, lifecycle: (block.lifecycle ?? {}) as Block["lifecycle"], record: appRecord(address, block) });
    }
  }
  return out;
}

/** A resource address inside an interpolation: `heroku_app.web` of `${heroku_app.web.id}`. */
const ADDRESS_TOKEN = /[A-Za-z_][\w-]*\.[\w-]+/g;
const INTERPOLATION = /\$\{([^}]*)\}/g;

/** `${heroku_app.web.id}` → `heroku_app.web`, for the addresses that exist. */
export function referencesIn(value: unknown, addresses: ReadonlySet<string>): string[] {
  const text = JSON.stringify(value) ?? "";
  const found = new Set<string>();
  for (const interpolation of text.matchAll(INTERPOLATION)) {
    for (const token of interpolation[1].matchAll(ADDRESS_TOKEN)) {
      if (addresses.has(token[0])) found.add(token[0]);
    }
  }
  return [...found].sort();
}

/** The heroku_app a block's `app_id` refers to. */
export function appReference(block: Block | undefined, addresses: ReadonlySet<string>): string | undefined {
  return referencesIn(block?.attributes.app_id, addresses).find((r) => r.startsWith("heroku_app."));
}

/** cdktf's cross-stack reference: `${data.terraform_remote_state.cross-stack-reference-input-STACK.outputs.OUTPUT}`. */
const CROSS_STACK_OUTPUT = /\$\{data\.terraform_remote_state\.cross-stack-reference-input-([^.}]+)\.outputs\.([\w-]+)\}/;
const DATA_APP_ID = /\$\{data\.heroku_app\.([\w-]+)\.id\}/;
const APP_ID = /^\$\{(heroku_app\.[\w-]+)\.id\}$/;

/**
 * The app of another stack a block's `app_id` refers to: through a
 * cross-stack reference (the output of that stack, from `outputsOf`, names
 * the app) or a `data.heroku_app` of the block's stack, by the name it looks up.
 */
export function foreignAppReference(block: Block | undefined, json: CdktfJson | undefined, outputsOf: (stack: string) => CdktfJson["output"]): ForeignApp | undefined {
  const appId = block?.attributes.app_id;
  if (typeof appId !== "string") return undefined;
  const crossStack = CROSS_STACK_OUTPUT.exec(appId);
  if (crossStack) {
    const [, stack, output] = crossStack;
    const value = outputsOf(stack)?.[output]?.value;
    const address = typeof value === "string" ? APP_ID.exec(value)?.[1] : undefined;
    return address ? { stack, address } : { stack };
  }
  const dataApp = DATA_APP_ID.exec(appId);
  const name = dataApp ? json?.data?.heroku_app?.[dataApp[1]]?.name : undefined;
  return typeof name === "string" ? { name } : undefined;
}

/**
 * The head's `moved` blocks that apply to the base: `from` deployed and gone
 * from the code, `to` new. Terraform skips the others (a block kept after
 * its move was applied), and so does the review.
 */
export function applicableMoves(head: CdktfJson | undefined, before: ReadonlyMap<string, Block>, after: ReadonlyMap<string, Block>): Map<string, string> {
  const moves = new Map<string, string>();
  for (const { from, to } of head?.moved ?? []) {
    if (from && to && before.has(from) && !before.has(to) && after.has(to) && !after.has(from)) moves.set(from, to);
  }
  return moves;
}

/**
 * The base as Terraform sees it once the moves are applied to its state:
 * each moved block under its new address, and references to it renamed, so
 * a formation whose app moved keeps the same `app_id`.
 */
export function moveBase(before: ReadonlyMap<string, Block>, moves: ReadonlyMap<string, string>): Map<string, Block> {
  if (moves.size === 0) return new Map(before);
  const rename = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value).replace(INTERPOLATION, (interpolation) => interpolation.replace(ADDRESS_TOKEN, (t) => moves.get(t) ?? t)));
  return new Map([...before].map(([address, block]) => [moves.get(address) ?? address, { ...block, attributes: rename(block.attributes) as Block["attributes"] }]));
}

