// HTML tables are expanded honouring rowspan and colspan, so merged labels shift no figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { parseDocument } from '../../../parsers/index.ts';

const COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

function appsRow(label: string, values: (number | '')[], lead = ''): string {
  return `<tr>${lead}<td${label.startsWith('一') || label.startsWith('二') || label.startsWith('四') ? ' colspan="3"' : ''}>${label}</td>${values.map((v) => `<td>${v}</td>`).join('')}</tr>`;
}

/** A small 2021-format page: Word noise, <br> in headers, rowspan=22 and rowspan=8 labels. */
function reportPage(): string {
  const zero = [0, 0, 0, 0, 0, 0, 0] as (number | '')[];
  const denied = ['1.属于国家秘密', '2.其他法律行政法规禁止公开', '3.危及“三安全一稳定”', '4.保护第三方合法权益', '5.属于三类内部事务信息', '6.属于四类过程性信息', '7.属于行政执法案卷', '8.属于行政查询事项'];
  const unable = ['1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确'];
  const rejected = ['1.信访举报投诉类申请', '2.重复申请', '3.要求提供公开出版物', '4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获取信息'];
  const other = ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', '3.其他'];
  const group = (name: string, items: string[], values: (i: number) => (number | '')[]) =>
    items.map((item, i) => `<tr>${i === 0 ? `<td rowspan="${items.length}">${name}</td>` : ''}<td>${item}</td>${values(i).map((v) => `<td>${v}</td>`).join('')}</tr>`).join('');
  return `<html><head><meta name="ArticleTitle" content="测试镇人民政府2023年政府信息公开工作年度报告"><meta name="PubDate" content="2024-01-20 09:00"><meta name="SiteIDCode" content="4107110001"></head><body>
  <div class="TRS_Editor"><p align=center><span style="font-size:16pt">测试镇人民政府2023年政府信息公开工作年度报告</span></p>
  <p>一、总体情况</p><p>2023年，全镇共收到政府信息公开申请4件。</p><p>二、主动公开政府信息情况</p>
  <table><tr><td colspan="4">第二十条第（一）项</td></tr><tr><td>信息内容</td><td>本年<br>制发件数</td><td>本年<br>废止件数</td><td>现行<br>有效件数</td></tr>
  <tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr><tr><td>行政规范性文件</td><td>2</td><td>1</td><td>7</td></tr>
  <tr><td colspan="4">第二十条第（五）项</td></tr><tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr><tr><td>行政许可</td><td colspan="3">12</td></tr>
  <tr><td colspan="4">第二十条第（六）项</td></tr><tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr><tr><td>行政处罚</td><td colspan="3">3</td></tr><tr><td>行政强制</td><td colspan="3">&nbsp;</td></tr>
  <tr><td colspan="4">第二十条第（八）项</td></tr><tr><td>信息内容</td><td colspan="3">本年收费金额（单位：万元）</td></tr><tr><td>行政事业性收费</td><td colspan="3">1.5</td></tr></table>
  <p>三、收到和处理政府信息公开申请情况</p>
  <table><tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
  <tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
  <tr>${COLUMNS.slice(1, 6).map((c) => `<td>${c.replace('公益', '公益<br>')}</td>`).join('')}</tr>
  ${appsRow('一、本年新收政府信息公开申请数量', [3, 1, 0, 0, 0, 0, 4])}
  ${appsRow('二、上年结转政府信息公开申请数量', zero)}
  <tr><td rowspan="22">三、本年<br>度办理<br>结果</td><td colspan="2">（一）予以公开</td>${[2, 1, 0, 0, 0, 0, 3].map((v) => `<td>${v}</td>`).join('')}</tr>
  <tr><td colspan="2">（二）部分公开（区分处理的，只计这一情形，不计其他情形）</td>${zero.map((v) => `<td>${v}</td>`).join('')}</tr>
  ${group('（三）不予公开', denied, () => zero)}
  ${group('（四）无法提供', unable, (i) => (i === 0 ? [1, 0, 0, 0, 0, 0, 1] : zero))}
  ${group('（五）不予处理', rejected, () => zero)}
  ${group('（六）其他处理', other, () => zero)}
  <tr><td colspan="2">（七）总计</td>${[3, 1, 0, 0, 0, 0, 4].map((v) => `<td>${v}</td>`).join('')}</tr>
  ${appsRow('四、结转下年度继续办理', zero)}
  </table>
  <p>四、政府信息公开行政复议、行政诉讼情况</p>
  <table><tr><td colspan="5" rowspan="2">行政复议</td><td colspan="10">行政诉讼</td></tr><tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
  <tr>${['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((c) => `<td>${c}</td>`).join('').repeat(3)}</tr>
  <tr>${'<td>0</td>'.repeat(4)}<td>0</td>${'<td>0</td>'.repeat(10)}</tr></table>
  <p>五、存在的主要问题及改进情况</p><p>无。</p><p>六、其他需要报告的事项</p><p>无。</p>
  <script>document.title = 'x'</script></div></body></html>`;
}

test('a 2021-format HTML page with merged cells parses every figure', async () => {
  const result = await parseDocument(Buffer.from(reportPage(), 'utf8'));
  assert.equal(result.template, '2021');
  assert.equal(result.organ, '测试镇人民政府');
  assert.equal(result.year, 2023);
  assert.equal(result.publishedDate, '2024-01-20');
  assert.equal(result.regionCode, '410711');
  assert.equal(result.fields['active.normative_docs.in_force'], 7);
  assert.equal(result.fields['active.licensing.decisions'], 12);
  assert.equal(result.fields['active.coercion.decisions'], null, 'a blank cell stays null');
  assert.equal(result.fields['active.fees.amount'], 1.5);
  assert.equal(result.fields['apps.new.commercial'], 1);
  assert.equal(result.fields['apps.granted.total'], 3);
  assert.equal(result.fields['apps.unable_not_held.natural'], 1);
  assert.equal(result.fields['apps.total.total'], 4);
  assert.equal(result.fields['review.total'], 0);
  assert.deepEqual(result.checks.filter((c) => !c.ok), []);
  const source = result.cells['apps.granted.total'].source!;
  assert.equal(source.table, 1);
  assert.equal(typeof source.row, 'number');
  assert.equal(typeof source.col, 'number');
});

test('the same page in GBK with the charset only in <meta> parses the same', async () => {
  const html = reportPage().replace('<head>', '<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">');
  const result = await parseDocument(iconv.encode(html, 'gbk'));
  assert.equal(result.organ, '测试镇人民政府');
  assert.equal(result.fields['apps.total.total'], 4);
});

test('a look-alike page (the format notice) is not a report', async () => {
  const html = '<html><head><title>关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知</title></head><body><div class="TRS_Editor"><p>各省、自治区、直辖市人民政府办公厅：现将格式印发给你们，请遵照执行。</p></div></body></html>';
  const result = await parseDocument(Buffer.from(html));
  assert.equal(result.template, null);
  assert.ok(result.reason && result.reason.length > 0);
  assert.deepEqual(result.fields, {});
});

test('a report page whose tables are images has no invented fields', async () => {
  const html = '<html><body><div id="zoom"><p>某某县人民政府2022年政府信息公开工作年度报告</p><p>一、总体情况</p><p>略。</p><p><img src="t1.png"></p></div></body></html>';
  const result = await parseDocument(Buffer.from(html));
  assert.equal(result.template, null);
  assert.equal(result.year, 2022);
  assert.match(result.reason!, /images|attachment/);
  assert.deepEqual(result.fields, {});
});
