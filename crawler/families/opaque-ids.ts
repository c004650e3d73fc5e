// Opaque ids: articles under `/<site>/c<col>/YYYYMM/<32 hex>.shtml`, `c04_<id>.shtml`, numeric paths
// `/<n>/<n>/<n>/index.htm`. Nothing in the URLs tells a list's pages apart; only a 下一页 link leads
// on, and the generic pager (discovery/pager.ts) follows it. The family is registered with no hooks
// of its own, so that the registry names every family of ../shared/notes/portals.md and a rule
// peculiar to these sites has its place.
import type { PortalFamily } from './family.ts';

/** The opaque-ids family. */
export const opaqueIds: PortalFamily = { name: 'opaque-ids' };
