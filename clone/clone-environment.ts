/**
 * Writes a new environment file from an existing one: `dynoform clone`.
 * Works on the YAML document, not on the parsed spec, so the source's
 * comments and key order survive; the result is validated like any
 * environment file of its folder (and against the rest of the estate) before it is offered.
 */
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLMap } from "yaml";
import { APP_NAME_MAX } from "../vocabulary";
import { checkEstate, estateProject, parseEnvironment, parseYaml, sourceInProject, type LoadedEnvironment } from "../environment-files";
import { rewriteHostname, type CloneProfile } from "./profiles";

export interface CloneRequest {
  /** The source environment, loaded and valid. */
  readonly source: LoadedEnvironment;
  /** The source file's text, whose comments and order the clone keeps. */
  readonly sourceText: string;
  /** The new environment's name and the file it will be written to (a relative source is re-pointed from its folder). */
  readonly name: string;
  readonly file: string;
  readonly profile: CloneProfile;
  /** `path=value` overrides applied last (`formation.web.quantity=2`); values are YAML scalars. */
  readonly sets: readonly string[];
  /** A domain pattern that replaces the profile's domain rule. */
  readonly domainPattern?: string;
  /** Every environment of the estate, to refuse collisions. */
  readonly estate: readonly LoadedEnvironment[];
}

export type CloneResult = { text: string; problems: [] } | { text?: undefined; problems: string[] };

export function cloneEnvironment(request: CloneRequest): CloneResult {
  const { source, name, profile } = request;
  if (request.estate.some((e) => e.name === name)) {
    return { problems: [`environment "${name}" already exists: pick another name or delete ${request.file} first`] };
  }
  const doc = parseDocument(request.sourceText);
  const appName = cloneAppName(source.spec.app.name, source.name, name);
  if (appName.length > APP_NAME_MAX) {
    return {
      problems: [`"${appName}" is too long for a Heroku app name (max ${APP_NAME_MAX}): give one with --set app.name=NAME`],
    };
  }
  doc.setIn(["app", "name"], appName);
  repointSource(doc, source, request.file);
  scaleFormation(doc, source, profile);
  changePlans(doc, source, profile);
  rewriteDomains(doc, source, name, request.domainPattern ? { pattern: request.domainPattern } : profile.domains);
  recouple(doc, profile);
  for (const assignment of request.sets) {
    const problem = applySet(doc, assignment);
    if (problem) return { problems: [problem] };
  }
  // Flow collections are re-spaced without padding (`[a]`, `{a: 1}`); comments and key order are kept.
  const text = doc.toString({ flowCollectionPadding: false });
  // Judged as the estate will judge it once written: from its folder, within that folder's project.
  const parsed = parseEnvironment(request.file, text, { project: estateProject(dirname(request.file)) });
  if (!parsed.environment) return { problems: parsed.problems };
  const collisions = checkEstate([...request.estate, parsed.environment]);
  return collisions.length > 0 ? { problems: collisions } : { text, problems: [] };
}

/** `flask-demo-staging` cloned from staging to qa → `flask-demo-qa`; other names get the new name appended. */
export function cloneAppName(appName: string, from: string, to: string): string {
  return appName.endsWith(`-${from}`) ? `${appName.slice(0, -from.length)}${to}` : `${appName}-${to}`;
}

/**
 * A copy written to another folder (a preview, outside environments/) is
 * judged from there like any file of that folder: a relative source is
 * re-pointed so it names the same directory, and written
 * `{ path, outsideProject: true }` exactly when, from there, it lies outside
 * the project. The same folder keeps the source as written.
 */
function repointSource(doc: Document, source: LoadedEnvironment, file: string): void {
  const location = source.spec.app.source;
  if (location === undefined || location.startsWith("https://")) return;
  if (resolve(dirname(file)) === resolve(dirname(source.yaml.file))) return;
  const node = doc.getIn(["app", "source"], true) as Node;
  const written = String(isMap(node) ? node.get("path") : isScalar(node) ? node.value : "");
  const path = isAbsolute(written) ? written : relative(dirname(file), location) || ".";
  const outside = !sourceInProject(location, estateProject(dirname(file)));
  if (outside === isMap(node)) {
    doc.setIn(outside ? ["app", "source", "path"] : ["app", "source"], path);
    return;
  }
  const replacement = doc.createNode(outside ? { path, outsideProject: true } : path, { flow: true });
  replacement.comment = node.comment;
  doc.setIn(["app", "source"], replacement);
}

function scaleFormation(doc: Document, source: LoadedEnvironment, profile: CloneProfile): void {
  if (!profile.dynoSize) return;
  for (const [type, process] of Object.entries(source.spec.formation)) {
    doc.setIn(["formation", type, "size"], profile.dynoSize);
    if (process.quantity > 1) doc.setIn(["formation", type, "quantity"], 1);
  }
  // Small tiers do without what they do not support: preboot, and ACM on eco.
  const features = doc.getIn(["app", "features"]);
  if (isSeq(features)) {
    features.items = features.items.filter((item) => !(isScalar(item) && item.value === "preboot"));
    if (features.items.length === 0) doc.deleteIn(["app", "features"]);
  }
  if (profile.dynoSize === "eco" && doc.hasIn(["app", "acm"])) doc.deleteIn(["app", "acm"]);
}

function changePlans(doc: Document, source: LoadedEnvironment, profile: CloneProfile): void {
  source.spec.addons.forEach((addon, index) => {
    const plan = profile.plans[addon.service];
    if (plan) doc.setIn(["addons", index, "plan"], plan);
    // Attachments to the source's sibling apps would share its data: a clone gets none.
    if (doc.hasIn(["addons", index, "attachTo"])) doc.deleteIn(["addons", index, "attachTo"]);
  });
}

function rewriteDomains(doc: Document, source: LoadedEnvironment, env: string, rule: CloneProfile["domains"]): void {
  if (source.spec.domains.length === 0) return;
  if ("drop" in rule) {
    doc.deleteIn(["domains"]);
    if (doc.hasIn(["app", "acm"])) doc.deleteIn(["app", "acm"]);
    return;
  }
  source.spec.domains.forEach((host, index) => doc.setIn(["domains", index], rewriteHostname(rule.pattern, host, env)));
}

function recouple(doc: Document, profile: CloneProfile): void {
  // The clone is never production unless a --set says so: no protection flag copied over.
  if (doc.hasIn(["production"])) doc.deleteIn(["production"]);
  if (!doc.hasIn(["pipeline"])) return;
  if (!profile.stage) {
    doc.deleteIn(["pipeline"]);
    return;
  }
  doc.setIn(["pipeline", "stage"], profile.stage);
  // The pipeline's review apps stay configured by the source: a pipeline has one configuration.
  if (doc.hasIn(["pipeline", "reviewApps"])) doc.deleteIn(["pipeline", "reviewApps"]);
}

/** Applies one `path=value`; returns a problem when it is not of that form (internal helper). */
function applySet(doc: Document, assignment: string): string | undefined {
  const eq = assignment.indexOf("=");
  if (eq <= 0) return `--set "${assignment}" is not path=value (e.g. formation.web.quantity=2)`;
  const path = assignment
    .slice(0, eq)
    .split(".")
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  // Read as any YAML dynoform is given: a value that does not parse is a line, not an exception.
  const read = parseYaml(`--set "${assignment}"`, assignment.slice(eq + 1));
  if (read.problems.length > 0) return read.problems[0];
  const value = read.value;
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1)) : doc.contents;
  if (parent !== undefined && !isMap(parent as YAMLMap) && !isSeq(parent)) {
    return `--set "${assignment}": ${path.slice(0, -1).join(".")} is not a map or a list`;
  }
  doc.setIn(path, value);
  return undefined;
}
