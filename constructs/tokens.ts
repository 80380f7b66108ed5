import { Token } from "cdktf";

/** A value that is a Token (a variable, a reference) is not known until apply: rules judge only what is known. */
export function known<T>(value: T): T | undefined {
  return Token.isUnresolved(value) ? undefined : value;
}

/**
 * A plain string as Terraform should read it: `${` and `%{` start templates
 * in Terraform's JSON syntax, so a config var value like `${HOME}/bin` is
 * escaped (`$${`, `%%{`) instead of evaluated — it could otherwise read a
 * variable, a secret's included. Tokens stay as they are: they are references.
 */
export function literal(value: string): string {
  return Token.isUnresolved(value) ? value : value.replace(/([$%])\{/g, (_, sigil: string) => `${sigil}${sigil}{`);
}
