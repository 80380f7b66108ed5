/**
 * Shaping new state: what a resource returns is merged over the values
 * Terraform already has, unknowns left over become null, and an empty value
 * comes back as null where Terraform had null (and the reverse) so that
 * apply results and refreshes stay consistent with the plan.
 */
import { isUnknown, type ObjectValue, type Value } from "../protocol/cty";
import { isEmpty } from "./plan";

export function settleState(base: ObjectValue, fromResource: ObjectValue): ObjectValue {
  const state: ObjectValue = {};
  for (const [name, value] of Object.entries({ ...base, ...fromResource })) {
    const known = withoutUnknown(value);
    const before = base[name] ?? null;
    if (isEmpty(known) && isEmpty(before) && !isUnknown(before)) state[name] = before;
    else state[name] = known;
  }
  return state;
}

function withoutUnknown(value: Value): Value {
  if (isUnknown(value)) return null;
  if (Array.isArray(value)) return value.map(withoutUnknown);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutUnknown(v)]));
  }
  return value;
}
