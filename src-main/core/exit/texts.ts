/**
 * The exit wizard's words, taken from the source (速卖通全托管退店流程) wherever it has them, so the
 * app says what the platform and the guide say.
 */
import type { AfterKey, AgreementKey, Bilingual, ExitReason, ReadinessKey, ReadinessRow } from '../../../src-shared/channels/exit';
import type { DisposalMethod, PartnerKind, PartnerStatus } from '../../../src-shared/types/exit';
import { bilingualTable } from '../../../src-shared/bilingual';
import { estimateNote } from '../../../src-shared/estimatedDate';

export const REASONS: Record<ExitReason, Bilingual & { phrase: string }> = {
  competition: {
    zh: '市场竞争激烈',
    en: 'Fierce market competition',
    phrase: '电商市场竞争日益激烈，本店铺难以在竞争中取得预期的经营效果，为减少损失',
  },
  life_pressure: {
    zh: '生活压力增大',
    en: 'Rising life pressure',
    phrase: '电商行业工作节奏快、生活压力增大，需要调整个人的工作和生活安排',
  },
  career_change: {
    zh: '个人发展需求（转行或从事其他事业）',
    en: 'Personal development (moving to other work)',
    phrase: '经营者个人发展需要，计划转行或从事其他事业',
  },
  platform_policy: {
    zh: '平台政策调整，不再符合要求',
    en: 'Platform policy changed; the store no longer qualifies',
    phrase: '平台政策调整，本店铺目前无法满足相关政策要求',
  },
  own: { zh: '其他原因', en: 'Other reason', phrase: '' },
};

export const SELLER_CENTER_PATH: Bilingual = {
  zh: '登录速卖通卖家中心 → 店铺管理 → 店铺设置 → 店铺退店',
  en: 'Log in to AliExpress Seller Center → 店铺管理 Store management → 店铺设置 Store settings → 店铺退店 Store exit',
};

export const AGREEMENT: Record<AgreementKey, Bilingual> = {
  agreement: { zh: '我已仔细阅读退店协议', en: 'I have read the exit agreement carefully' },
  process: {
    zh: '我了解退店流程：提交申请 → 平台审核（约3个工作日）→ 办理退店手续 → 退店成功',
    en: 'I understand the process: apply → platform review (about 3 working days) → exit procedures → exit complete',
  },
  notes: {
    zh: '我了解注意事项：库存处理、保证金退还、终止合作伙伴关系、个人信息保护',
    en: 'I understand the notes: inventory, deposit refund, ending partner relationships, protecting personal data',
  },
};

/** 三、退店后的注意事项, the source's four reminders. */
export const AFTER: Record<AfterKey, Bilingual> = {
  stock: {
    zh: '库存处理：退店前，请确保库存已售罄或妥善处理。',
    en: 'Inventory: before exiting, make sure stock is sold out or properly disposed of.',
  },
  deposit: {
    zh: '保证金退还：退店后，平台会在一定时间内退还保证金。',
    en: 'Deposit: after the exit, the platform refunds the deposit within a period.',
  },
  partners: {
    zh: '合作伙伴关系：退店后，与物流、支付等合作伙伴的关系将终止。',
    en: 'Partners: after the exit, relationships with logistics, payment and other partners end.',
  },
  privacy: {
    zh: '个人信息保护：退店后，请妥善保管个人信息，避免泄露。',
    en: 'Personal data: after the exit, keep personal information safe and avoid leaks.',
  },
};

export const READINESS_TITLES: Record<ReadinessKey, Bilingual> = {
  stock: { zh: '仓库里还有库存', en: 'Stock still on hand' },
  listings: { zh: '商品仍与货品绑定', en: 'Listings still bound to goods' },
  orders: { zh: '未完成的订单 / 备货单', en: 'Unfinished orders / stocking orders' },
  disputes: { zh: '未解决的纠纷', en: 'Unresolved disputes' },
  debts: { zh: '未清偿的欠款', en: 'Unpaid debts' },
  deposit: { zh: '保证金状态', en: 'Deposit status' },
  partners: { zh: '仍在合作的合作伙伴', en: 'Partners still active' },
};

export const DISPOSAL_LABEL = bilingualTable<DisposalMethod>(
  { sell_through: '继续销售至售罄', return_factory: '退回工厂', liquidate: '清仓处理', other: '其他' },
  { sell_through: 'Sell through', return_factory: 'Return to factory', liquidate: 'Liquidate', other: 'Other' },
);

export const PARTNER_KIND_LABEL = bilingualTable<PartnerKind>(
  { logistics: '物流', payment: '支付', other: '其他' },
  { logistics: 'Logistics', payment: 'Payment', other: 'Other' },
);

export const PARTNER_STATUS_LABEL = bilingualTable<PartnerStatus>(
  { active: '仍在合作', notified: '已通知终止', terminated: '已终止', not_needed: '无需处理' },
  { active: 'Active', notified: 'Notified', terminated: 'Terminated', not_needed: 'Not needed' },
);

/** A partner added again (a double click, or the same name typed another way): one record per partner. */
export function partnerListed(name: string, kind: PartnerKind): Bilingual {
  const k = PARTNER_KIND_LABEL[kind];
  return {
    zh: `合作伙伴“${name}”（${k.zh}）已经在列表里了，不用再添加。要更新它的状态、日期或凭证号，请在列表里直接修改。`,
    en: `The partner "${name}" (${k.en}) is already listed; there is no need to add it again. Change its status, date or reference in the list.`,
  };
}

/** The text to paste into the exit form, drafted from the reason. */
export function draftApplication(storeName: string, reason: ExitReason | null, reasonText: string | null): string {
  const why = reason === 'own' || !reason ? reasonText || '经营安排调整' : REASONS[reason].phrase;
  const extra = reason && reason !== 'own' && reasonText ? `具体情况：${reasonText}。` : '';
  return [
    '尊敬的速卖通平台：',
    `本店铺“${storeName}”因${why}，经慎重考虑，现申请退出速卖通全托管经营（店铺退店）。${extra}`,
    '本店已仔细阅读并同意《退店协议》，将按照平台通知办理退还保证金、处理库存、终止与物流、支付等合作伙伴的合作关系等退店手续，并保证所提供的信息真实、准确。',
    '恳请平台予以审核，谢谢！',
    `申请店铺：${storeName}`,
  ].join('\n');
}

export const CASE_NOT_FOUND: Bilingual = {
  zh: '还没有开始退店。请先在“退店”里点“开始退店”。',
  en: 'No store exit has been started. Start one under Store exit first.',
};

/** A thousand SKUs do not fit in a sentence: the count and the first few, the table has the rest. */
function someSkus(l: string[]): Bilingual {
  const more = l.length > 10;
  return {
    zh: l.slice(0, 10).join('、') + (more ? ` 等 ${l.length} 个` : ''),
    en: l.slice(0, 10).join(', ') + (more ? ` and ${l.length - 10} more` : ''),
  };
}

/** Listing SKUs still bound, each with its product and state: the first 20 and the count. */
function boundSkus(rows: ReadinessRow[]): Bilingual {
  const more = rows.length > 20;
  const first = rows.slice(0, 20);
  return {
    zh: first.map((r) => `${r.sku}（${r.note?.zh ?? ''}）`).join('、') + (more ? ` 等 ${rows.length} 个` : ''),
    en: first.map((r) => `${r.sku} (${r.note?.en ?? ''})`).join(', ') + (more ? ` and ${rows.length - 20} more` : ''),
  };
}

/**
 * 确认退店成功 while listing SKUs still show bound. Recording it then would usually be too early
 * (the store still sells), so it is refused; but an unbind the platform refused, or a store closed
 * before the listings were refreshed, leaves SKUs bound here for good, so it says how to record it
 * when Seller Center already shows the store as exited.
 */
export const STILL_BOUND = {
  refused: (rows: ReadinessRow[]): Bilingual => {
    const l = boundSkus(rows);
    return {
      zh: `还有 ${rows.length} 个线上SKU处于绑定状态，店铺仍在销售，不能确认退店成功：${l.zh}。请先在第 4 步点“为退店解绑全部SKU”，等解绑完成后再确认。如果卖家中心的店铺状态已经显示已退店（例如解绑被拒绝，或店铺关闭前没来得及刷新线上SKU），请勾选“卖家中心已显示已退店”，确认这 ${rows.length} 个SKU后照样记录。`,
      en: `${rows.length} listing SKU(s) are still bound, so the store still sells and the exit cannot be confirmed: ${l.en}. Use "Unbind all SKUs for the exit" in step 4 and confirm once the unbinds are done. If Seller Center already shows the store as exited (an unbind was refused, say, or the store closed before the listings were refreshed), tick "Seller Center shows the store as exited" to confirm these ${rows.length} SKU(s) and record it anyway.`,
    };
  },
  changed: (confirmed: number, rows: ReadinessRow[]): Bilingual => {
    const l = boundSkus(rows);
    return {
      zh: `您确认的是 ${confirmed} 个仍显示绑定的线上SKU，现在是 ${rows.length} 个：${l.zh}。请核对这份清单后重新确认。`,
      en: `You confirmed ${confirmed} listing SKU(s) still shown bound, but there are now ${rows.length}: ${l.en}. Check this list and confirm again.`,
    };
  },
  /** Added to the "done" timeline entry: what the seller confirmed, and which SKUs it covers. */
  note: (rows: ReadinessRow[]): Bilingual => {
    const l = boundSkus(rows);
    return {
      zh: `。卖家确认：卖家中心的店铺状态显示已退店，但本程序里仍有 ${rows.length} 个线上SKU显示绑定：${l.zh}`,
      en: `. The seller confirmed that Seller Center shows the store as exited, though ${rows.length} listing SKU(s) still show bound in the app: ${l.en}`,
    };
  },
};

/** What is still open before the exit can go on, each as the seller's next thing to do. */
export const OPEN_ITEMS = {
  reason: { zh: '填写退店原因', en: 'Give the exit reason' },
  confirm: (text: Bilingual): Bilingual => ({ zh: `确认：${text.zh}`, en: `Confirm: ${text.en}` }),
  readiness: (title: Bilingual, detail: Bilingual): Bilingual => ({ zh: `${title.zh}：${detail.zh}`, en: `${title.en}: ${detail.en}` }),
  unplanned: (skus: string[]): Bilingual => {
    const s = someSkus(skus);
    return { zh: `还没有处理计划的SKU（${skus.length} 个）：${s.zh}`, en: `SKUs without a disposal plan (${skus.length}): ${s.en}` };
  },
  changed: (skus: string[]): Bilingual => {
    const s = someSkus(skus);
    return { zh: `库存已变化，请更新这些SKU的处理计划：${s.zh}`, en: `Stock changed; update the plan for: ${s.en}` };
  },
  drafts: (n: number): Bilingual => ({
    zh: `库存处理计划里有 ${n} 行还没填对，请在表格里修改`,
    en: `${n} disposal plan rows are not right yet; correct them in the table`,
  }),
  questions: (n: number): Bilingual => ({ zh: `${n} 个问题等待平台客服答复`, en: `${n} questions await platform support` }),
  rejected: rejectedNext,
};

/**
 * After the platform rejected the application: the reason the seller recorded and what to do. The
 * source only covers an approval, so this is the way the app allows: fix what the platform asked,
 * then record the new submission in step 2 (a rejection leaves that open), or ask support.
 */
export function rejectedNext(decidedOn: string | null, note: string | null): Bilingual {
  const zhOn = decidedOn ? `（${decidedOn}）` : '';
  const enOn = decidedOn ? ` on ${decidedOn}` : '';
  // The seller's note ends the sentence: its own full stop would make two.
  const why = note?.replace(/[。．.!！;；,，\s]+$/u, '');
  return {
    zh: `平台审核未通过退店申请${zhOn}。${
      why ? `您记下的原因：${why}。` : '没有记下原因：请到卖家中心查看平台的审核意见，记在第 3 步“平台审核”的备注里。'
    }下一步：按平台的要求处理好，再到卖家中心重新提交退店申请，然后在第 2 步“提交申请”改好申请内容、填上这次的提交日期，点“记录已提交”；不清楚为什么没通过或该怎么改，请咨询平台客服。`,
    en: `The platform rejected the exit application${enOn}. ${
      why
        ? `The reason you recorded: ${why}.`
        : 'No reason recorded: check the review comments in Seller Center and note them in step 3 "Review".'
    } Next: do what the platform asked, submit the exit application again in Seller Center, then in step 2 "Submit" correct the application text, enter the new submission date and click "Record submission". If it is unclear why it was rejected or what to change, ask platform support.`,
  };
}

/** The review due date as the submission's timeline entry gives it: exact, estimated (and saying so), or none. */
export function reviewDueWords(due: { date: string; estimated: boolean } | null): Bilingual {
  if (!due) return { zh: '无法计算审核到期日', en: 'no review due date could be computed' };
  if (!due.estimated) return { zh: `预计 ${due.date} 前审核完（3个工作日）`, en: `review due by ${due.date} (3 working days)` };
  const note = estimateNote(due.date);
  return { zh: `预计约 ${due.date} 前审核完（3个工作日；${note.zh}）`, en: `review due by about ${due.date} (3 working days; ${note.en})` };
}

/** The "review due" reminder: its timeline entry and its notice; an estimated due date is said to be one. */
export function reviewReminder(applicationNo: string | null, submittedOn: string | null, dueOn: string, estimated: boolean) {
  // The number only when the platform showed one and the seller recorded it.
  const zhNo = applicationNo ? ` ${applicationNo} ` : '';
  const enNo = applicationNo ? ` ${applicationNo}` : '';
  // "应在约 2027-01-06 前" and why, whenever the date was estimated.
  const about = estimated ? { zh: '约', en: 'about ' } : { zh: '', en: '' };
  const note = estimated ? estimateNote(dueOn) : null;
  return {
    text: {
      zh: `审核到期提醒：退店申请${zhNo}应在${about.zh} ${dueOn} 前审核完${note ? '（到期日为估算）' : ''}`,
      en: `Review due reminder: application${enNo} was due by ${about.en}${dueOn}${note ? ' (an estimated date)' : ''}`,
    },
    notice: {
      zh: {
        title: '退店审核已到期',
        body: `退店申请${zhNo}于 ${submittedOn} 提交，按3个工作日应在${about.zh} ${dueOn} 前审核完${note ? `（${note.zh}）` : ''}。请到卖家中心查看审核结果并在“退店”里记录；没有结果请咨询平台客服。`,
      },
      en: {
        title: 'Store exit review due',
        body: `Application${enNo} submitted ${submittedOn} was due for review by ${about.en}${dueOn} (3 working days${note ? `; ${note.en}` : ''}). Check the outcome in Seller Center and record it under Store exit; ask platform support if there is none.`,
      },
    },
  };
}

/** The review outcome as the timeline writes it. */
export function reviewWords(
  outcome: 'pending' | 'approved' | 'rejected',
  decidedOn: string | undefined,
  note: string | undefined,
): Bilingual {
  const zh = { pending: '审核中', approved: '审核通过，平台通知办理退店手续', rejected: '审核未通过' }[outcome];
  const en = { pending: 'in review', approved: 'approved; the platform asks for the exit procedures', rejected: 'rejected' }[outcome];
  return {
    zh: `平台审核：${zh}${decidedOn ? `（${decidedOn}）` : ''}${note ? `，${note}` : ''}`,
    en: `Review: ${en}${decidedOn ? ` (${decidedOn})` : ''}${note ? `, ${note}` : ''}`,
  };
}
