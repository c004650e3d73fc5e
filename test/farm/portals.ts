// Every portal of the farm, in address order: the first gets 127.0.0.2, the next 127.0.0.3 …
import { attachmentsOnly, legacy } from './families/attachments.ts';
import { challenge412, challenge521, trapPortal, wzws } from './families/defences.ts';
import { gkmlpt, gkmlptSingle } from './families/gkmlpt.ts';
import { hanweb } from './families/hanweb.ts';
import { opaque, queryList } from './families/lists.ts';
import { flipbook, jsList } from './families/scripted.ts';
import { trsCounty } from './families/trs.ts';
import { trsSubsites } from './families/trs-subsites.ts';
import type { PortalDefinition } from './types.ts';

export const PORTALS: PortalDefinition[] = [
  trsCounty, trsSubsites, hanweb, gkmlpt, gkmlptSingle, opaque, queryList, jsList, flipbook,
  attachmentsOnly, legacy, trapPortal, challenge412, challenge521, wzws,
];
