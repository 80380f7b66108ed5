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

/** A Private Spaces region: its name, its description and the AWS region it is in. */
export interface SpaceRegionInfo {
  readonly name: string;
  readonly description: string;
  readonly aws: string;
}

/**
 * The regions Private Spaces are made in: those the heroku CLI names
 * (`PrivateSpaceRegion` in heroku/cli's src/lib/data/types.ts). The Common
 * Runtime's `us` and `eu` take no spaces.
 */
export const SPACE_REGIONS: readonly SpaceRegionInfo[] = [
  { name: "california", description: "California, United States", aws: "us-west-1" },
  { name: "dublin", description: "Dublin, Ireland", aws: "eu-west-1" },
  { name: "frankfurt", description: "Frankfurt, Germany", aws: "eu-central-1" },
  { name: "london", description: "London, United Kingdom", aws: "eu-west-2" },
  { name: "montreal", description: "Montreal, Canada", aws: "ca-central-1" },
  { name: "mumbai", description: "Mumbai, India", aws: "ap-south-1" },
  { name: "ohio", description: "Ohio, United States", aws: "us-east-2" },
  { name: "oregon", description: "Oregon, United States", aws: "us-west-2" },
  { name: "paris", description: "Paris, France", aws: "eu-west-3" },
  { name: "singapore", description: "Singapore", aws: "ap-southeast-1" },
  { name: "sydney", description: "Sydney, Australia", aws: "ap-southeast-2" },
  { name: "tokyo", description: "Tokyo, Japan", aws: "ap-northeast-1" },
  { name: "virginia", description: "Virginia, United States", aws: "us-east-1" },
];

export function findRegion(nameOrId: string): RegionInfo | undefined {
  return REGIONS.find((r) => r.name === nameOrId || r.id === nameOrId);
}
