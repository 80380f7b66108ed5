export interface StackInfo {
  readonly name: string;
  readonly id: string;
  /** `supported` stacks take new apps; `deprecated` ones still run apps but are past end of life soon. */
  readonly state: "supported" | "deprecated";
  readonly default: boolean;
}

export const STACKS: readonly StackInfo[] = [
  { name: "heroku-22", id: "ee582d3c-717d-4a57-ba5f-8b3a39f3a817", state: "supported", default: false },
  { name: "heroku-24", id: "23dc5ee5-7a3b-4f8f-9c6a-2d0c8e3c0f6e", state: "supported", default: true },
  { name: "container", id: "69bee368-352b-4bd0-9b7c-819d860a2588", state: "supported", default: false },
];

export const DEFAULT_STACK = "heroku-24";

export function findStack(nameOrId: string): StackInfo | undefined {
  return STACKS.find((s) => s.name === nameOrId || s.id === nameOrId);
}
