// The portals of the real-markup farm, one per CMS family (see ../README.md).
import type { RealPortalDefinition } from '../types.ts';
import { fcgsTrs } from './trs-fcgs.ts';
import { jinanHanweb } from './hanweb-jinan.ts';
import { nanshaGkmlpt } from './gkmlpt-nansha.ts';
import { yichunUcap } from './ucap-yichun.ts';
import { wlmqJsp } from './jsp-wlmq.ts';
import { sjzColumns } from './columns-sjz.ts';
import { xiangtanGbk } from './gbk-xiangtan.ts';
import { shanghaiDocwrite } from './docwrite-shanghai.ts';
import { langfangPowerEasy } from './powereasy-langfang.ts';

export const REAL_PORTALS: readonly RealPortalDefinition[] = [fcgsTrs, jinanHanweb, nanshaGkmlpt, yichunUcap, wlmqJsp, sjzColumns, xiangtanGbk, shanghaiDocwrite, langfangPowerEasy];
