/**
 * Private spaces: the spaces of the account's teams, their NAT, inbound
 * ruleset, VPN connections, peerings and peering info, and their members'
 * app permissions. Apps are put in a space through `POST /teams/apps`.
 */
import type { JsonStore } from "../persistence/json-store";
import type { Router } from "../protocol/router";
import type { PlatformData } from "../state/records";
import { findSpace } from "../state/space-lookup";
import {
  acceptPeering,
  createVpnConnection,
  currentRuleset,
  findPeering,
  findVpnConnection,
  peeringInfoView,
  peeringView,
  peeringsOf,
  putRuleset,
  removePeering,
  removeVpnConnection,
  rulesetView,
  updateVpnConnection,
  vpnConnectionsOf,
  vpnView,
} from "../state/space-networking";
import { createSpace, deleteSpace, deletedSpaceView, natView, renameSpace, setSpaceAccess, spaceMember, spaceMembers, spaceView } from "../state/spaces";

export interface SpaceDelays {
  /** How long a space allocates. */
  readonly allocateMs: number;
  /** How long a VPN connection is pending. */
  readonly vpnMs: number;
}

export function spaceRoutes(router: Router, store: JsonStore<PlatformData>, delays: SpaceDelays): void {
  router.add("GET", "/spaces", () => ({ body: store.read((d) => d.spaces.map((s) => spaceView(d, s))) }));
  router.add("POST", "/spaces", ({ body }) =>
    store.mutate((data) => ({ status: 201, body: spaceView(data, createSpace(data, body, delays.allocateMs)) })),
  );
  router.add("GET", "/spaces/{space}", ({ params }) => ({ body: store.read((d) => spaceView(d, findSpace(d, params.space))) }));
  router.add("PATCH", "/spaces/{space}", ({ params, body }) =>
    store.mutate((data) => {
      const space = findSpace(data, params.space);
      renameSpace(data, space, body);
      return { body: spaceView(data, space) };
    }),
  );
  router.add("DELETE", "/spaces/{space}", ({ params }) =>
    store.mutate((data) => {
      const space = findSpace(data, params.space);
      const answer = deletedSpaceView(data, space);
      deleteSpace(data, space);
      return { body: answer };
    }),
  );
  router.add("GET", "/spaces/{space}/nat", ({ params }) => ({ body: store.read((d) => natView(findSpace(d, params.space))) }));
  router.add("GET", "/spaces/{space}/peering-info", ({ params }) => ({ body: store.read((d) => peeringInfoView(findSpace(d, params.space))) }));

  router.add("GET", "/spaces/{space}/inbound-ruleset", ({ params }) => ({
    body: store.read((d) => {
      const space = findSpace(d, params.space);
      return rulesetView(space, currentRuleset(d, space));
    }),
  }));
  router.add("PUT", "/spaces/{space}/inbound-ruleset", ({ params, body }) =>
    store.mutate((data) => {
      const space = findSpace(data, params.space);
      return { body: rulesetView(space, putRuleset(data, space, body)) };
    }),
  );

  router.add("GET", "/spaces/{space}/vpn-connections", ({ params }) => ({ body: store.read((d) => vpnConnectionsOf(d, findSpace(d, params.space))) }));
  router.add("POST", "/spaces/{space}/vpn-connections", ({ params, body }) =>
    store.mutate((data) => {
      const space = findSpace(data, params.space);
      return { status: 201, body: vpnView(space, createVpnConnection(data, space, body, delays.vpnMs)) };
    }),
  );
  router.add("GET", "/spaces/{space}/vpn-connections/{vpn}", ({ params }) => ({
    body: store.read((d) => {
      const space = findSpace(d, params.space);
      return vpnView(space, findVpnConnection(d, space, params.vpn));
    }),
  }));
  router.add("PATCH", "/spaces/{space}/vpn-connections/{vpn}", ({ params, body }) =>
    store.mutate((data) => {
      const space = findSpace(data, params.space);
      const connection = findVpnConnection(data, space, params.vpn);
      updateVpnConnection(connection, body);
      return { body: vpnView(space, connection) };
    }),
  );
  router.add("DELETE", "/spaces/{space}/vpn-connections/{vpn}", ({ params }) =>
    store.mutate((data) => {
      const space = findSpace(data, params.space);
      const connection = findVpnConnection(data, space, params.vpn);
      removeVpnConnection(data, connection);
      return { body: vpnView(space, connection) };
    }),
  );

  router.add("GET", "/spaces/{space}/peerings", ({ params }) => ({ body: store.read((d) => peeringsOf(d, findSpace(d, params.space))) }));
  router.add("GET", "/spaces/{space}/peerings/{pcx}", ({ params }) => ({
    body: store.read((d) => peeringView(findPeering(d, findSpace(d, params.space), params.pcx))),
  }));
  router.add("POST", "/spaces/{space}/peerings/{pcx}/actions/accept", ({ params }) =>
    store.mutate((data) => {
      const peering = findPeering(data, findSpace(data, params.space), params.pcx);
      acceptPeering(peering);
      return { body: peeringView(peering) };
    }),
  );
  router.add("DELETE", "/spaces/{space}/peerings/{pcx}", ({ params }) =>
    store.mutate((data) => {
      const peering = findPeering(data, findSpace(data, params.space), params.pcx);
      removePeering(data, peering);
      return { body: peeringView(peering) };
    }),
  );

  router.add("GET", "/spaces/{space}/members", ({ params }) => ({ body: store.read((d) => spaceMembers(d, findSpace(d, params.space))) }));
  router.add("GET", "/spaces/{space}/members/{member}", ({ params }) => ({
    body: store.read((d) => spaceMember(d, findSpace(d, params.space), params.member)),
  }));
  router.add("PATCH", "/spaces/{space}/members/{member}", ({ params, body }) =>
    store.mutate((data) => ({ body: setSpaceAccess(data, findSpace(data, params.space), params.member, body) })),
  );
}
