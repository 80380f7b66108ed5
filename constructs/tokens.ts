import { Token } from "cdktf";

/** A value that is a Token (a variable, a reference) is not known until apply: rules judge only what is known. */
export function known<T>(value: T): T | undefined {
  return Token.isUnresolved(value) ? undefined : value;
}
