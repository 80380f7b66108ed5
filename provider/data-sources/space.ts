/** The heroku_space data source: a space looked up by name (or id), kept under that name as its id; `uuid` is its id. */
import type { DataSourceType } from "../engine/resource-type";
import { str } from "../resources/attribute-values";
import { fetchSpace, spaceAttributes } from "../resources/space";

export const herokuSpaceData: DataSourceType = {
  async read(ctx, config) {
    const name = str(config.name) ?? "";
    const found = await fetchSpace(ctx, name);
    return { ...spaceAttributes(found), id: name, uuid: found.space.id, state: found.space.state };
  },
};
