/**
 * 准备工作 readiness check: computed from the app's own data where it has it (stock on hand,
 * bound listings, partners, the deposit case) and asked where it does not (orders, disputes,
 * debts). Every item says what was found and what to do about it.
 */
import type {
  AskedKey,
  Bilingual,
  DepositLink,
  ExitPartner,
  ReadinessItem,
  ReadinessKey,
  ReadinessLevel,
  ReadinessRow,
} from '../../../src-shared/channels/exit';
import { PARTNER_STATUS_LABEL, READINESS_TITLES } from './texts';
import { formatCount } from '../../../src-shared/count';

export interface StoredAnswer {
  answer: 'clear' | 'open' | 'unknown';
  note?: string | null;
  at?: string;
}

export interface ReadinessInput {
  stock: ReadinessRow[] | null;
  listings: ReadinessRow[] | null;
  answers: Partial<Record<AskedKey, StoredAnswer>>;
  partners: ExitPartner[];
  deposit: DepositLink;
  disposalComplete: boolean;
}

const ASK: Bilingual = {
  zh: '应用里没有这项数据，请到卖家中心查看后回答。',
  en: 'The app has no data for this; check in Seller Center and answer.',
};

function item(
  key: ReadinessKey,
  level: ReadinessLevel,
  source: ReadinessItem['source'],
  detail: Bilingual,
  todo: Bilingual,
  extra: Partial<Pick<ReadinessItem, 'rows' | 'askable' | 'note'>> = {},
): ReadinessItem {
  return {
    key,
    title: READINESS_TITLES[key],
    level,
    source,
    detail,
    todo,
    rows: extra.rows ?? [],
    askable: extra.askable ?? false,
    note: extra.note ?? null,
  };
}

/** An item with nothing left to do: the detail says how that is known. */
function clear(
  key: ReadinessKey,
  source: ReadinessItem['source'],
  detail: Bilingual,
  extra: Partial<Pick<ReadinessItem, 'askable' | 'note'>> = {},
): ReadinessItem {
  return item(key, 'ok', source, detail, { zh: '无需处理。', en: 'Nothing to do.' }, extra);
}

/** An item only the seller can answer; `open` means some remain: a warning, as nothing here holds the application. */
function asked(key: AskedKey, a: StoredAnswer | undefined, todo: Bilingual): ReadinessItem {
  const answer = a?.answer ?? 'unknown';
  if (answer === 'clear')
    return clear(key, 'seller', { zh: '您已确认：没有。', en: 'You confirmed: none.' }, { askable: true, note: a?.note ?? null });
  if (answer === 'open')
    return item(key, 'warn', 'seller', { zh: '您已确认：还有。', en: 'You confirmed: some remain.' }, todo, {
      askable: true,
      note: a?.note ?? null,
    });
  return item(key, 'asked', 'none', ASK, todo, { askable: true });
}

const WHAT_TO_DO = {
  stock: {
    zh: '退店前请确保库存已售罄或妥善处理：在第 4 步“处理库存”为每个SKU定好去向（继续销售、退回工厂、清仓或其他），数量要正好等于现有库存。',
    en: 'Before exiting, sell out or dispose of the stock: in step 4 "Inventory" give every SKU a plan (sell through, return to factory, liquidate, other) that adds up exactly to what is on hand.',
  },
  listings: {
    zh: '退店成功前，所有线上SKU都必须解绑（“确认退店成功”会检查）。打算继续卖完库存的，审核通过后在第 4 步点“为退店解绑全部SKU”；不再销售的，现在就可以在“自动绑定&解绑”里关闭自动绑定并解绑。解绑可能要等平台审核，“解绑被拒绝”的请咨询平台客服。',
    en: 'Every listing SKU must be unbound before the exit is complete ("Confirm exit complete" checks it). To sell the stock through, use "Unbind all SKUs for the exit" in step 4 once approved; to stop selling now, turn auto bind off in Auto bind & unbind and unbind them. An unbind may wait for review, and a refused one goes to platform support.',
  },
  // Orders, disputes and debts are the deposit refund's preconditions (退保证金), not the exit
  // application's: each says what it costs there, where the deposit wizard enforces it.
  orders: {
    zh: '到全托管后台查看 备货单/待发货/入仓中 的单据，全部完成或取消。不影响提交退店申请，但申请退保证金前必须没有未完成的订单，否则“退保证金”向导不能申请。',
    en: 'In the fully-managed back office, finish or cancel every stocking order, pending shipment and inbound delivery. This does not hold the exit application, but the deposit refund needs none open: the deposit wizard will not apply until then.',
  },
  disputes: {
    zh: '到 卖家中心 → 交易 → 纠纷管理 处理完所有纠纷。不影响提交退店申请，但申请退保证金前必须没有未解决的纠纷；有纠纷时保证金可能被冻结。',
    en: 'Settle every dispute under Seller Center → Orders → Disputes. This does not hold the exit application, but the deposit refund needs none open, and an open dispute can freeze the deposit.',
  },
  debts: {
    zh: '到 全托管服务中心 → 资金/结算 结清应付款、罚款和欠费。不影响提交退店申请，但未结清的会从保证金里扣除，只退余额。',
    en: 'Pay every amount owed, fine and fee under the fully-managed service centre → Funds/Settlement. This does not hold the exit application, but anything unpaid is taken from the deposit and only the balance comes back.',
  },
};

export function computeReadiness(input: ReadinessInput): ReadinessItem[] {
  const out: ReadinessItem[] = [];

  // Stock on hand: a warning, not a block — the platform lets the exit go ahead, but stock left
  // without a plan is money forgotten in a warehouse.
  if (input.stock) {
    const units = input.stock.reduce((n, r) => n + r.quantity, 0);
    const skus = new Set(input.stock.map((r) => r.sku)).size;
    if (units === 0) {
      out.push(clear('stock', 'app', { zh: '应用的库存数据显示：仓库里没有库存。', en: 'The app’s stock data shows nothing on hand.' }));
    } else {
      out.push(
        item(
          'stock',
          input.disposalComplete ? 'ok' : 'warn',
          'app',
          {
            zh: `还有 ${formatCount(skus)} 个SKU、共 ${formatCount(units)} 件库存在仓库里${input.disposalComplete ? '，处理计划已定好' : ''}。`,
            en: `${formatCount(skus)} SKUs, ${formatCount(units)} units still on hand${input.disposalComplete ? '; the disposal plan covers them' : ''}.`,
          },
          input.disposalComplete ? { zh: '按计划处理即可。', en: 'Carry out the plan.' } : WHAT_TO_DO.stock,
          { rows: input.stock },
        ),
      );
    }
  } else {
    const a = asked('stock', input.answers.stock, WHAT_TO_DO.stock);
    out.push(
      a.level === 'warn' && input.disposalComplete ? { ...a, level: 'ok', todo: { zh: '按计划处理即可。', en: 'Carry out the plan.' } } : a,
    );
  }

  // Bound listings warn, like stock: selling through is one way to dispose of stock after approval
  // (step 4), so they may stay bound while the application is reviewed; "确认退店成功" refuses while
  // any is still bound.
  if (input.listings) {
    out.push(
      input.listings.length === 0
        ? clear('listings', 'app', { zh: '所有线上SKU都已解绑。', en: 'Every listing SKU is unbound.' })
        : item(
            'listings',
            'warn',
            'app',
            {
              zh: `还有 ${input.listings.length} 个线上SKU与货品绑定。`,
              en: `${input.listings.length} listing SKUs are still bound to goods.`,
            },
            WHAT_TO_DO.listings,
            { rows: input.listings },
          ),
    );
  } else {
    out.push(asked('listings', input.answers.listings, WHAT_TO_DO.listings));
  }

  // Unfinished stocking orders, disputes and debts warn: the source sets them as conditions of the
  // deposit refund (an exit procedure after approval), not of the application, which it asks only a
  // reason for. A seller with a normal open 备货单 who has applied must be able to record it.
  out.push(asked('orders', input.answers.orders, WHAT_TO_DO.orders));
  out.push(asked('disputes', input.answers.disputes, WHAT_TO_DO.disputes));
  out.push(asked('debts', input.answers.debts, WHAT_TO_DO.debts));

  const d = input.deposit;
  if (d.state === 'unavailable') {
    out.push(
      item('deposit', 'asked', 'none', d.text, {
        zh: '到全托管服务中心查看保证金状态并申请退还。',
        en: 'Check the deposit in the fully-managed service centre and apply for the refund.',
      }),
    );
  } else if (d.state === 'not_started') {
    out.push(
      item('deposit', 'warn', 'app', d.text, {
        zh: '在第 4 步①开始退保证金（与“退保证金”向导是同一个案件）。',
        en: 'Start the deposit refund in step 4 ① (the same case as the deposit refund wizard).',
      }),
    );
  } else {
    out.push(
      item(
        'deposit',
        d.done ? 'ok' : 'warn',
        'app',
        d.text,
        d.done
          ? { zh: '保证金已到账。', en: 'The deposit has arrived.' }
          : { zh: '在“退保证金”向导里继续办理，直到到账。', en: 'Continue in the deposit refund wizard until it arrives.' },
      ),
    );
  }

  const active = input.partners.filter((p) => p.status === 'active');
  const notified = input.partners.filter((p) => p.status === 'notified');
  if (input.partners.length === 0) {
    out.push(
      item(
        'partners',
        'asked',
        'none',
        { zh: '还没有登记物流、支付等合作伙伴。', en: 'No logistics, payment or other partners recorded yet.' },
        {
          zh: '在第 4 步③登记每个合作伙伴（物流、支付、其他），逐一通知终止合作并记录日期和凭证号。',
          en: 'In step 4 ③ record every partner (logistics, payment, other), notify each one and record the date and reference.',
        },
      ),
    );
  } else if (active.length || notified.length) {
    const names = [...active, ...notified].map((p) => p.name).join('、');
    out.push(
      item(
        'partners',
        'warn',
        'app',
        {
          zh: `${active.length} 个仍在合作、${notified.length} 个已通知未确认终止：${names}。`,
          en: `${active.length} still active, ${notified.length} notified but not confirmed terminated: ${names}.`,
        },
        {
          zh: '退店后与物流、支付等合作伙伴的关系将终止：打印“终止合作通知”发给仍在合作的伙伴，确认终止后记录日期和凭证号。',
          en: 'After the exit, partner relationships end: send the printed termination notice to each active partner and record the date and reference once confirmed.',
        },
        {
          rows: [...active, ...notified].map((p) => ({ sku: p.name, warehouse: null, quantity: 1, note: PARTNER_STATUS_LABEL[p.status] })),
        },
      ),
    );
  } else {
    out.push(clear('partners', 'app', { zh: '所有合作伙伴都已终止或无需处理。', en: 'Every partner is terminated or needs nothing.' }));
  }
  return out;
}

/**
 * The deposit refund's preconditions (domain § 3), asked here because the seller is in Seller
 * Center anyway. They do not hold the exit application: the deposit wizard shares these answers
 * (deposit/prerequisites.ts) and refuses its own application while any is open or unanswered.
 */
export const DEPOSIT_PRECONDITIONS: readonly ReadinessKey[] = ['orders', 'disputes', 'debts'];

/**
 * One line per precondition not answered "没有": what it is, what was found, and what it will cost
 * the deposit refund. Shown at steps ① and ② as advice; the submission is recorded all the same.
 */
export function depositAdvice(readiness: ReadinessItem[]): Bilingual[] {
  return readiness
    .filter((it) => DEPOSIT_PRECONDITIONS.includes(it.key) && it.level !== 'ok')
    .map((it) =>
      it.level === 'asked'
        ? {
            zh: `${it.title.zh}：还没有确认。请到卖家中心查看，在第 1 步回答“没有”或“还有”。${it.todo.zh}`,
            en: `${it.title.en}: not confirmed yet. Check in Seller Center and answer "None" or "Some" in step 1. ${it.todo.en}`,
          }
        : { zh: `${it.title.zh}：${it.detail.zh}${it.todo.zh}`, en: `${it.title.en}: ${it.detail.en} ${it.todo.en}` },
    );
}
