/** The heroku_space_peering_info data source: what a VPC peer of a space needs, by the space's name (its id here). */
import type { DataSourceType } from "../engine/resource-type";
import { str } from "../resources/attribute-values";

interface ApiPeeringInfo {
  aws_account_id: string;
  aws_region: string;
  vpc_id: string;
  vpc_cidr: string;
  dyno_cidr_blocks: string[];
  unavailable_cidr_blocks: string[];
}

export const herokuSpacePeeringInfoData: DataSourceType = {
  async read(ctx, config) {
    const name = str(config.name) ?? "";
    const info = await ctx.client.get<ApiPeeringInfo>(`/spaces/${encodeURIComponent(name)}/peering-info`);
    return {
      id: name,
      name,
      aws_account_id: info.aws_account_id,
      aws_region: info.aws_region,
      vpc_id: info.vpc_id,
      vpc_cidr: info.vpc_cidr,
      dyno_cidr_blocks: info.dyno_cidr_blocks,
      unavailable_cidr_blocks: info.unavailable_cidr_blocks,
    };
  },
};
