/**
 * cdktf's Testing matchers (toHaveResource, toHaveResourceWithProperties, …)
 * are written for jest's global `expect`; vitest's expect is API-compatible,
 * so it is made global for the adapter to extend.
 */
import { setupJest } from "cdktf/lib/testing/adapters/jest";
import { expect } from "vitest";

(globalThis as { expect?: unknown }).expect = expect;
setupJest();

interface CdktfMatchers<R = unknown> {
  toHaveResource(resourceType: { tfResourceType: string }): R;
  toHaveResourceWithProperties(resourceType: { tfResourceType: string }, properties: Record<string, unknown>): R;
  toHaveDataSource(dataSourceType: { tfResourceType: string }): R;
  toHaveProviderWithProperties(providerType: { tfResourceType: string }, properties: Record<string, unknown>): R;
}

declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Assertion<T = any> extends CdktfMatchers<T> {}
}
