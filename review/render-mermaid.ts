/**
 * An estate graph as Mermaid flowchart text, which GitHub draws from a
 * ```mermaid block: a subgraph per pipeline and per stage (and per stack for
 * apps outside a pipeline), each app with its parts, and one class per
 * state, told apart by line as well as colour.
 *
 * Node ids are generated (`n1`, `g1`): nothing of a name reaches Mermaid's
 * syntax but a quoted, entity-escaped label.
 */
import { EstateGraph, GRAPH_STATES, GraphGroup, GraphNode, GraphState, NodeKind } from "./estate-graph";

/**
 * Mermaid's default limits, beyond which it draws an error instead of the
 * diagram (`maxTextSize`, `maxEdges` in its configuration).
 */
export const MERMAID_LIMITS = { maxTextSize: 50_000, maxEdges: 500 } as const;

export interface MermaidDiagram {
  /** The flowchart, without the ```mermaid fence. */
  readonly text: string;
  readonly edges: number;
}

export interface MermaidOptions {
  /** A legend of the states: for a change; the estate as it is has one state only. */
  readonly legend?: boolean;
}

const STYLE: Record<GraphState, string> = {
  create: "fill:#dafbe1,stroke:#1a7f37,stroke-width:2px,color:#0d2818",
  update: "fill:#fff8c5,stroke:#9a6700,stroke-width:2px,color:#3b2300",
  replace: "fill:#fff1e5,stroke:#bc4c00,stroke-width:4px,color:#3d1300",
  destroy: "fill:#ffebe9,stroke:#cf222e,stroke-width:2px,stroke-dasharray:6 3,color:#4c0519",
  unchanged: "fill:#f6f8fa,stroke:#8c959f,color:#24292f",
};

/** The shape of each kind: an add-on is a cylinder, a domain a hexagon. */
const SHAPE: Record<NodeKind, readonly [string, string]> = {
  app: ["[", "]"],
  formation: ["([", "])"],
  addon: ["[(", ")]"],
  attachment: ["[/", "/]"],
  domain: ["{{", "}}"],
  coupling: [">", "]"],
  count: ["(", ")"],
};

/**
 * A label as a quoted Mermaid string: every character that Mermaid or the
 * Markdown around it could read as syntax becomes an entity (`#quot;`, `#35;`).
 */
export function mermaidLabel(text: string): string {
  const escaped = text.replace(/[\u0000-\u001f"#&<>`|\\;]/g, (c) => (c === '"' ? "#quot;" : /[\u0000-\u001f]/.test(c) ? " " : `#${c.charCodeAt(0)};`));
  return `"${escaped}"`;
}

/** Renders a graph; the edge count is Mermaid's to limit, so it is returned beside the text. */
export function renderMermaid(graph: EstateGraph, options: MermaidOptions = {}): MermaidDiagram {
  const ids = new Map<string, string>();
  const byState = new Map<GraphState, string[]>(GRAPH_STATES.map((state) => [state, []]));
  const lines = ["flowchart TB"];
  let edges = 0;
  let groups = 0;

  /** Gives a node its id and returns it with its shape and label, to write where it first appears. */
  const declare = (n: GraphNode): string => {
    const id = `n${ids.size + 1}`;
    ids.set(n.key, id);
    byState.get(n.state)!.push(id);
    const [open, close] = SHAPE[n.kind];
    return `${id}${open}${mermaidLabel(n.label)}${close}`;
  };
  const drawGroup = (g: GraphGroup, indent: string): void => {
    const id = `g${++groups}`;
    lines.push(`${indent}subgraph ${id}[${mermaidLabel(g.state === "unchanged" ? g.title : `${g.title} (${g.state})`)}]`);
    if (g.state !== "unchanged") byState.get(g.state)!.push(id);
    // A pipeline's stages side by side, in the order a release moves through them.
    if (g.groups.length > 0) lines.push(`${indent}  direction LR`);
    for (const cluster of g.apps) {
      lines.push(`${indent}  ${declare(cluster.app)}`);
      const app = ids.get(cluster.app.key);
      for (const part of cluster.parts) {
        lines.push(`${indent}  ${app} --- ${declare(part)}`);
        edges++;
      }
    }
    for (const n of g.nodes) lines.push(`${indent}  ${declare(n)}`);
    for (const sub of g.groups) drawGroup(sub, `${indent}  `);
    lines.push(`${indent}end`);
  };

  for (const g of graph.groups) drawGroup(g, "  ");
  for (const n of graph.nodes) lines.push(`  ${declare(n)}`);
  for (const link of graph.links) {
    const [from, to] = [ids.get(link.from), ids.get(link.to)];
    if (!from || !to) continue;
    lines.push(`  ${from} -.- ${to}`);
    edges++;
  }
  if (options.legend) {
    lines.push(`  subgraph legend[${mermaidLabel("legend")}]`);
    for (const state of GRAPH_STATES) lines.push(`    legend_${state}[${mermaidLabel(state)}]:::${state}`);
    lines.push("  end");
  }
  for (const state of GRAPH_STATES) lines.push(`  classDef ${state} ${STYLE[state]}`);
  for (const [state, members] of byState) if (members.length > 0) lines.push(`  class ${members.join(",")} ${state}`);
  return { text: lines.join("\n") + "\n", edges };
}
