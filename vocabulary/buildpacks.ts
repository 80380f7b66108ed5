/**
 * Heroku's officially supported classic buildpacks, as the buildpack
 * registry names them (`heroku/python`), and where the registry serves each.
 */
export const OFFICIAL_BUILDPACKS: readonly string[] = [
  "heroku/clojure",
  "heroku/go",
  "heroku/gradle",
  "heroku/java",
  "heroku/nodejs",
  "heroku/php",
  "heroku/python",
  "heroku/ruby",
  "heroku/scala",
];

const BLOB_URL = /^https:\/\/buildpack-registry\.s3\.amazonaws\.com\/buildpacks\/([\w-]+\/[\w-]+)\.tgz$/;

/** The registry's archive URL of a buildpack (what the heroku CLI installs by). */
export function buildpackBlobUrl(name: string): string {
  return `https://buildpack-registry.s3.amazonaws.com/buildpacks/${name}.tgz`;
}

/** A registry archive URL back to its name (`heroku/python`); any other URL as it is. */
export function buildpackName(urlOrName: string): string {
  return BLOB_URL.exec(urlOrName)?.[1] ?? urlOrName;
}
