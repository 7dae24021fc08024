/**
 * 退店文书: print-ready Chinese documents generated from the case — the exit application, the
 * inventory disposal list, one termination notice per partner and the exit checklist with dates.
 * Plain HTML with print CSS (A4, page numbers in the page margin), so Electron's printToPDF, the
 * browser's print dialog and the CLI's headless Chromium all give the same pages, offline.
 */
import type { Bilingual, ExitCaseView, ExitDocument, ExitPartner } from '../../../src-shared/channels/exit';
import { beijingDate } from '../calendar/workdays';
import { DISPOSAL_LABEL, PARTNER_KIND_LABEL, PARTNER_STATUS_LABEL } from './texts';
import { formatCount } from '../../../src-shared/count';
import { estimateNote } from '../../../src-shared/estimatedDate';

/**
 * Each document's title. The documents are Chinese whatever the screen's language (they go to
 * AliExpress and to Chinese partners); the English is only for the button that opens one.
 */
const TITLES = {
  application: { zh: '退店申请', en: 'Exit application' },
  disposal: { zh: '库存处理清单', en: 'Stock disposal list' },
  termination: { zh: '终止合作通知', en: 'Termination notice' },
  checklist: { zh: '退店清单', en: 'Exit checklist' },
} satisfies Record<string, Bilingual>;

export const PRINT_FONTS = '"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif';

/** An estimated due date's reason, after the working days in the bracket: a printed page has no other place to say it. */
function estimateTail(v: ExitCaseView): string {
  return v.review.dueOn && v.review.dueEstimated ? `；${estimateNote(v.review.dueOn).zh}` : '';
}

export function esc(s: string | number | null | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** 2026-10-08 → 2026年10月8日, the way dates are written on Chinese paperwork. */
export function cnDate(d: string | null | undefined): string {
  if (!d) return '____年__月__日';
  // A timestamp (stored in UTC) is dated by the day it was in China: 2026-12-01T19:22Z is 12月2日.
  const day10 = d.length > 10 && Number.isFinite(Date.parse(d)) ? beijingDate(Date.parse(d)) : d.slice(0, 10);
  const [y, m, day] = day10.split('-').map(Number);
  return `${y}年${m}月${day}日`;
}

const CSS = `
@page {
  size: A4;
  margin: 20mm 18mm 22mm 18mm;
  @bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-family: ${PRINT_FONTS}; font-size: 9pt; color: #555; }
}
html { font-family: ${PRINT_FONTS}; font-size: 11pt; line-height: 1.7; color: #111; }
body { margin: 0; }
header.doc { border-bottom: 1.5pt solid #111; margin-bottom: 12pt; padding-bottom: 4pt; display: flex; justify-content: space-between; font-size: 9pt; color: #444; }
h1 { font-size: 18pt; text-align: center; margin: 10pt 0 16pt; letter-spacing: 2pt; }
h2 { font-size: 13pt; margin: 14pt 0 6pt; border-left: 3pt solid #111; padding-left: 6pt; break-after: avoid; }
p { margin: 0 0 8pt; text-align: justify; }
p.indent { text-indent: 2em; }
table { width: 100%; border-collapse: collapse; margin: 6pt 0 10pt; font-size: 10pt; }
th, td { border: 0.75pt solid #333; padding: 3pt 5pt; vertical-align: top; }
th { background: #eee; font-weight: bold; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
td.num, th.num { text-align: right; white-space: nowrap; }
.sign { margin-top: 28pt; text-align: right; line-height: 2.2; }
.muted { color: #555; font-size: 9pt; }
.box { display: inline-block; width: 10pt; height: 10pt; border: 0.75pt solid #111; margin-right: 4pt; vertical-align: -1pt; text-align: center; line-height: 10pt; font-size: 9pt; }
@media screen { body { max-width: 210mm; margin: 12mm auto; padding: 0 12mm; background: #fff; } }
`;

function page(title: string, v: ExitCaseView, today: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${esc(title)} - ${esc(v.storeName)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="doc"><span>店铺：${esc(v.storeName)}</span><span>退店案件 #${v.id}</span><span>制表日期：${cnDate(today)}</span></header>
<h1>${esc(title)}</h1>
${body}
</body>
</html>
`;
}

function application(v: ExitCaseView, today: string): string {
  const paras = v.submit.applicationText.split('\n').filter((l) => l.trim());
  const body = paras
    .map((l, i) => (i === 0 ? `<p>${esc(l)}</p>` : l.startsWith('申请店铺') ? '' : `<p class="indent">${esc(l)}</p>`))
    .join('\n');
  return page(
    TITLES.application.zh,
    v,
    today,
    `${body}
<table>
  <tr><th style="width:30%">店铺名称</th><td>${esc(v.storeName)}</td></tr>
  <tr><th>退店原因</th><td>${esc(v.prepare.reasonLabel?.zh ?? '')}${v.prepare.reason !== 'own' && v.prepare.reasonText ? `（${esc(v.prepare.reasonText)}）` : ''}</td></tr>
  <tr><th>提交日期</th><td>${cnDate(v.submit.submittedOn)}</td></tr>
  <tr><th>申请编号</th><td>${esc(v.submit.applicationNo ?? (v.submit.submittedOn ? '—' : '（提交后填写）'))}</td></tr>
  <tr><th>预计审核完成</th><td>${v.review.dueOn ? esc(`${v.review.dueEstimated ? '约 ' : ''}${cnDate(v.review.dueOn)}（提交后3个工作日${estimateTail(v)}）`) : esc(v.review.dueError?.zh ?? '提交后3个工作日')}</td></tr>
</table>
<div class="sign">申请店铺：${esc(v.storeName)}<br>日期：${cnDate(v.submit.submittedOn ?? today)}</div>`,
  );
}

function disposalList(v: ExitCaseView, today: string): string {
  const rows = v.procedures.disposal
    .flatMap((it) =>
      it.lines.map(
        (
          l,
          i,
        ) => `<tr>${i === 0 ? `<td rowspan="${it.lines.length}">${esc(it.sku)}</td><td class="num" rowspan="${it.lines.length}">${it.onHand}</td>` : ''}
<td>${esc(DISPOSAL_LABEL[l.method].zh)}</td><td class="num">${l.quantity}</td><td>${esc(l.note)}</td><td></td></tr>`,
      ),
    )
    .join('\n');
  const total = v.procedures.disposal.reduce((n, i) => n + i.onHand, 0);
  const byMethod = Object.entries(DISPOSAL_LABEL)
    .map(
      ([m, label]) =>
        [
          label.zh,
          v.procedures.disposal
            .flatMap((i) => i.lines)
            .filter((l) => l.method === m)
            .reduce((n, l) => n + l.quantity, 0),
        ] as const,
    )
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${esc(label)} ${formatCount(n)} 件`)
    .join('；');
  return page(
    TITLES.disposal.zh,
    v,
    today,
    `<p>退店前，请确保库存已售罄或妥善处理。下表为本店铺每个SKU的处理去向，各SKU处理数量之和等于现有库存。</p>
<table>
<thead><tr><th>SKU</th><th class="num">现有库存</th><th>处理方式</th><th class="num">数量</th><th>备注</th><th style="width:16%">完成日期</th></tr></thead>
<tbody>${rows || '<tr><td colspan="6">（尚未制定处理计划）</td></tr>'}</tbody>
</table>
<p>合计：${formatCount(v.procedures.disposal.length)} 个SKU，共 ${formatCount(total)} 件${byMethod ? `。其中 ${byMethod}` : ''}。</p>
<div class="sign">经办人：__________&#12288;&#12288;日期：${cnDate(null)}</div>`,
  );
}

function terminationNotice(v: ExitCaseView, p: ExitPartner, today: string): string {
  const doneOn = v.done.confirmedOn ?? v.review.decidedOn;
  return page(
    TITLES.termination.zh,
    v,
    today,
    `<p>致：${esc(p.name)}（${esc(PARTNER_KIND_LABEL[p.kind].zh)}合作伙伴）</p>
<p class="indent">本店铺“${esc(v.storeName)}”已向速卖通平台申请退出全托管经营（退店）${v.submit.applicationNo ? `，申请编号 ${esc(v.submit.applicationNo)}` : ''}${v.review.outcome === 'approved' ? `，并于${cnDate(v.review.decidedOn)}审核通过` : ''}。根据退店安排，本店与贵方的${esc(PARTNER_KIND_LABEL[p.kind].zh)}合作关系将于${cnDate(doneOn)}起终止。</p>
<p class="indent">请贵方于收到本通知后核对双方往来账目、未完成的业务及费用，结清后书面或以邮件方式回复确认。如有疑问，请与本店联系。感谢贵方一直以来的支持与合作。</p>
<table>
  <tr><th style="width:30%">合作伙伴</th><td>${esc(p.name)}</td></tr>
  <tr><th>合作类型</th><td>${esc(PARTNER_KIND_LABEL[p.kind].zh)}</td></tr>
  <tr><th>合同 / 账号 / 凭证号</th><td>${esc(p.reference ?? '')}</td></tr>
  <tr><th>当前状态</th><td>${esc(PARTNER_STATUS_LABEL[p.status].zh)}${p.statusOn ? `（${cnDate(p.statusOn)}）` : ''}</td></tr>
</table>
<div class="sign">店铺：${esc(v.storeName)}（盖章）<br>日期：${cnDate(today)}</div>
<p class="muted">回执：我方已收到上述终止合作通知，账目已核对结清。&#12288;签字/盖章：__________&#12288;日期：____年__月__日</p>`,
  );
}

function checklist(v: ExitCaseView, today: string): string {
  const mark = (ok: boolean) => `<span class="box">${ok ? '✓' : ''}</span>`;
  const row = (step: string, what: string, ok: boolean, date: string | null, note = '') =>
    `<tr><td>${esc(step)}</td><td>${mark(ok)}${esc(what)}</td><td>${date ? cnDate(date) : ''}</td><td>${esc(note)}</td></tr>`;
  const ag = v.prepare.agreement;
  const rows = [
    row('1 准备', `退店原因：${v.prepare.reasonLabel?.zh ?? '未填写'}`, !!v.prepare.reason, null),
    row(
      '1 准备',
      v.prepare.sellerCenterPath.zh,
      ag.every((a) => a.confirmed),
      null,
    ),
    ...ag.map((a) => row('1 准备', a.text.zh, a.confirmed, a.confirmedAt)),
    ...v.prepare.readiness.map((r) =>
      row('1 准备', `${r.title.zh}：${r.detail.zh}`, r.level === 'ok', null, r.level === 'ok' ? '' : r.todo.zh),
    ),
    row('2 提交申请', `申请编号 ${v.submit.applicationNo ?? '—'}`, !!v.submit.submittedOn, v.submit.submittedOn),
    row(
      '3 平台审核',
      `审核结果：${{ pending: '审核中', approved: '通过', rejected: '未通过' }[v.review.outcome ?? 'pending']}`,
      v.review.outcome === 'approved',
      v.review.decidedOn,
      v.review.dueOn
        ? `预计${v.review.dueEstimated ? '约' : ''} ${cnDate(v.review.dueOn)} 前（3个工作日${estimateTail(v)}）`
        : (v.review.dueError?.zh ?? ''),
    ),
    row('4 退店手续', `①退还保证金：${v.procedures.deposit.text.zh}`, v.procedures.deposit.done, null),
    row('4 退店手续', `②处理库存：${v.procedures.disposal.length} 个SKU`, v.procedures.disposalComplete, null),
    ...v.procedures.partners.map((p) =>
      row(
        '4 退店手续',
        `③${PARTNER_KIND_LABEL[p.kind].zh}：${p.name}（${PARTNER_STATUS_LABEL[p.status].zh}）`,
        p.status === 'terminated' || p.status === 'not_needed',
        p.statusOn,
        p.reference ?? '',
      ),
    ),
    ...v.procedures.questions.map((q) => row('4 退店手续', `咨询客服：${q.question}`, !!q.answer, q.answeredAt, q.answer ?? '')),
    row('5 退店成功', `卖家中心店铺状态：${v.done.storeStatus ?? '—'}`, !!v.done.confirmedOn, v.done.confirmedOn),
    ...v.after.reminders.map((a) => row('6 退店后', a.text.zh, a.done, null)),
    row('6 退店后', '导出店铺全部数据', !!v.after.exportedAt, v.after.exportedAt),
    row('6 退店后', '清除账号凭证和个人信息', !!v.after.wipedAt, v.after.wipedAt),
  ].join('\n');
  return page(
    TITLES.checklist.zh,
    v,
    today,
    `<p>店铺“${esc(v.storeName)}”速卖通全托管退店进度，${cnDate(v.createdAt)}开始办理。</p>
<table>
<thead><tr><th style="width:13%">步骤</th><th>事项</th><th style="width:17%">日期</th><th style="width:26%">说明</th></tr></thead>
<tbody>${rows}</tbody>
</table>`,
  );
}

/** A partner name made safe as part of a file name on Windows. */
function fileSafe(s: string): string {
  return s.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40) || 'partner';
}

export function buildPaperwork(v: ExitCaseView, today: string): ExitDocument[] {
  const docs: ExitDocument[] = [
    { name: '01-退店申请', title: TITLES.application, html: application(v, today) },
    { name: '02-库存处理清单', title: TITLES.disposal, html: disposalList(v, today) },
  ];
  v.procedures.partners.forEach((p, i) =>
    docs.push({
      name: `03-终止合作通知-${String(i + 1).padStart(2, '0')}-${fileSafe(p.name)}`,
      title: { zh: `${TITLES.termination.zh}（${p.name}）`, en: `${TITLES.termination.en} (${p.name})` },
      html: terminationNotice(v, p, today),
    }),
  );
  docs.push({ name: '04-退店清单', title: TITLES.checklist, html: checklist(v, today) });
  return docs;
}
