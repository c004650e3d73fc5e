// Reads reports copied in Traditional script (mirror sites, wiki copies and portals' own 繁体
// gateways serve them): the characters of the template's labels, the part headings, titles and dates
// are mapped to Simplified before anything is matched. Only this small set is mapped, so the text
// stays readable as printed elsewhere; a page is converted only when it is clearly Traditional.
import type { ExtractedDocument } from '../document/types.ts';

/** Traditional → Simplified for the characters reports' labels and headings use. */
const PAIRS =
  '萬万與与專专業业東东絲丝兩两嚴严喪丧個个豐丰臨临為为麗丽舉举義义烏乌樂乐喬乔習习鄉乡書书買买亂乱爭争於于虧亏雲云亞亚產产畝亩親亲億亿僅仅從从侖仑倉仓儀仪們们價价眾众優优會会傳传傷伤倫伦偽伪體体餘余佔占來来係系俠侠側侧偵侦債债傾倾備备' +
  '關关興兴茲兹養养獸兽內内岡冈冊册寫写軍军農农沖冲決决況况凍冻淨净準准涼凉減减湊凑凜凛幾几鳳凤處处憑凭擊击鑿凿芻刍劃划劉刘則则剛刚創创刪删別别劇剧劑剂剝剥勁劲動动務务勵励勞劳勢势勝胜區区醫医華华協协單单賣卖盧卢衛卫卻却廠厂廳厅歷历厲厉壓压厭厌參参雙双發发變变敘叙疊叠' +
  '葉叶號号歎叹嘰叽嚇吓嗎吗啟启員员問问啞哑響响團团園园圍围國国圖图圓圆聖圣場场壞坏塊块堅坚壇坛墳坟墜坠壘垒埡垭報报執执壺壶處处備备復复夠够頭头夾夹奪夺奮奋獎奖婦妇媽妈嬰婴孫孙學学寧宁寶宝實实審审憲宪宮宫寬宽賓宾對对尋寻導导屆届屬属歲岁島岛嶺岭' +
  '幣币師师帳帐帶带幫帮幹干廣广慶庆廢废開开異异棄弃張张彈弹強强歸归當当錄录彥彦徹彻徵征後后從从懷怀態态總总戀恋悅悦懸悬驚惊慣惯憂忧慮虑戲戏戰战戶户撲扑執执擴扩掃扫揚扬擾扰撫抚搶抢護护報报擔担擬拟攏拢揀拣擁拥擇择掛挂擋挡揮挥損损撿捡換换據据' +
  '擁拥攜携數数斷断無无舊旧時时曠旷書书會会來来東东條条極极構构槍枪樣样檢检櫃柜標标棟栋樹树橋桥機机權权歡欢殘残殼壳氣气漢汉湯汤溝沟滅灭滬沪潔洁濟济渾浑瀏浏濁浊測测滲渗澤泽濃浓灣湾熱热燈灯爐炉營营狀状獨独猶犹環环現现瑪玛產产畫画暢畅療疗發发盡尽監监盤盘眾众' +
  '碼码確确禮礼禱祷禍祸離离種种積积稱称穩稳窮穷競竞筆笔節节範范築筑簡简類类紀纪約约級级紅红納纳純纯紙纸組组細细終终經经結结給给統统絕绝絡络續续維维綜综網网緊紧線线練练編编緣缘縣县縱纵總总績绩織织繳缴羅罗罰罚義义習习聞闻聯联聲声職职聽听肅肃膽胆脅胁腦脑' +
  '與与舉举艱艰藝艺節节蘇苏蘭兰蟲虫補补製制複复規规視视覺觉覽览觀观計计訂订認认討讨讓让訓训議议訊讯記记講讲許许論论訟讼設设訪访證证評评識识詞词試试詩诗話话該该詳详語语誤误說说請请諸诸課课調调談谈謝谢謹谨護护讀读變变負负貝贝責责貨货質质購购貿贸費费賀贺資资賴赖' +
  '趕赶車车軌轨軟软較较載载輔辅輕轻輸输轉转辦办辭辞農农邊边遠远違违連连進进運运過过達达遷迁選选遺遗還还郵邮鄰邻醫医釋释鐵铁銀银銷销鋒锋錯错錢钱鍵键鎮镇長长門门閉闭問问閑闲間间開开閱阅闊阔關关陳陈陸陆陽阳隊队際际險险隨随隱隐難难電电靜静響响順顺項项須须' +
  '預预領领頻频題题類类顯显風风飛飞飯饭館馆馬马驗验體体髮发鬥斗魚鱼鳥鸟點点齊齐齡龄龍龙歷历奧奥僱雇臺台週周彙汇鑑鉴幹干準准詢询採采衝冲糾纠訴诉這这獲获繼继額额';

const MAP = new Map<string, string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) if (PAIRS[i] !== PAIRS[i + 1]) MAP.set(PAIRS[i], PAIRS[i + 1]);

/** Characters that occur only in Traditional writing, counted in the first 20,000 characters. */
export function traditionalShare(text: string): number {
  let traditional = 0;
  let han = 0;
  for (const ch of text.slice(0, 20000)) {
    if (ch >= '\u4e00' && ch <= '\u9fff') han++;
    if (MAP.has(ch)) traditional++;
  }
  return han ? traditional / han : 0;
}

export function toSimplified(text: string): string {
  let out = '';
  for (const ch of text) out += MAP.get(ch) ?? ch;
  return out;
}

/** The document with its text and cells in Simplified script, when it is written in Traditional (over 3% of its characters). */
export function simplifyIfTraditional(doc: ExtractedDocument): ExtractedDocument {
  const share = traditionalShare(doc.text);
  if (share < 0.03) return doc;
  return {
    ...doc,
    text: toSimplified(doc.text),
    containerTitle: doc.containerTitle && toSimplified(doc.containerTitle),
    rows: doc.rows.map((row) => ({ ...row, cells: row.cells.map((c) => ({ ...c, text: toSimplified(c.text) })) })),
    pageDates: doc.pageDates?.map((d) => ({ ...d, label: toSimplified(d.label) })),
    warnings: [...doc.warnings, `written in Traditional script (${Math.round(share * 100)}% of characters): labels and headings read in Simplified`],
  };
}

/** The inverse of the map (first Traditional form of each character), for making Traditional test copies of our seeds. */
export function toTraditional(text: string): string {
  const inverse = new Map<string, string>();
  for (const [traditional, simplified] of MAP) if (!inverse.has(simplified)) inverse.set(simplified, traditional);
  let out = '';
  for (const ch of text) out += inverse.get(ch) ?? ch;
  return out;
}
