export interface RegionInfo {
  /** Heroku's region name, as apps and the regions API use it. */
  readonly name: string;
  readonly id: string;
  readonly description: string;
  readonly country: string;
  readonly locale: string;
  readonly provider: { readonly name: string; readonly region: string };
  /** Common Runtime regions take apps directly; the others are for Private Spaces only. */
  readonly privateCapable: boolean;
  readonly commonRuntime: boolean;
}

/** Regions apps can be created in without a Private Space (the only ones dynoform targets). */
export const REGIONS: readonly RegionInfo[] = [
  {
    name: "us",
    id: "59accabd-516d-4f0e-83e6-6e3757701145",
    description: "United States",
    country: "United States",
    locale: "Virginia",
    provider: { name: "amazon-web-services", region: "us-east-1" },
    privateCapable: false,
    commonRuntime: true,
  },
  {
    name: "eu",
    id: "ed30241c-ed8c-4bb6-9714-61953675d0b4",
    description: "Europe",
    country: "Ireland",
    locale: "Dublin",
    provider: { name: "amazon-web-services", region: "eu-west-1" },
    privateCapable: false,
    commonRuntime: true,
  },
];

export const DEFAULT_REGION = "us";

export function findRegion(nameOrId: string): RegionInfo | undefined {
  return REGIONS.find((r) => r.name === nameOrId || r.id === nameOrId);
}
