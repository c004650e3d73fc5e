// Every portal of the farm, in address order: the first gets 127.0.0.2, the next 127.0.0.3 …
import { trsCounty } from './families/trs.ts';
import type { PortalDefinition } from './types.ts';

export const PORTALS: PortalDefinition[] = [trsCounty];
