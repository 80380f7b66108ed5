/**
 * A short Terraform address made of a name (`domain_www_example_com`,
 * `member_alice_example_com`): the prefix, then the name in lower case with
 * each run of other characters an underscore. Resources named by what they
 * are keep their address when a list is reordered.
 */
export function shortAddressOf(prefix: string, name: string): string {
  return `${prefix}_${name.toLowerCase().replace(/[^a-z0-9]+/g, "_")}`;
}
