/**
 * Builds Alipay bill exports the way Alipay writes them (design/domain.md § 3), so the tests read
 * the same shapes a seller imports: the web export with its preamble, padded rows and summary, and
 * the app export with its information block and 电子客户回单 line.
 */
import iconv from 'iconv-lite';

export interface FixtureRow {
  time: string;
  counterparty: string;
  description: string;
  /** As the bill writes it, e.g. "10,000.00". */
  amount: string;
  direction: '收入' | '支出' | '不计收支' | '';
  status?: string;
  tradeNo?: string;
  category?: string;
  /** 备注 */
  remarks?: string;
}

const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(1, n - s.length));

export function webExport(rows: FixtureRow[], opts: { summary?: boolean } = {}): string {
  const header = [
    '交易号',
    '商户订单号',
    '交易创建时间',
    '付款时间',
    '最近修改时间',
    '交易来源地',
    '类型',
    '交易对方',
    '商品名称',
    '金额（元）',
    '收/支',
    '交易状态',
    '服务费（元）',
    '成功退款（元）',
    '备注',
    '资金状态',
  ];
  const lines = [
    '支付宝交易记录明细查询',
    '账号:[13812345678]',
    '起始日期:[2026-09-01 00:00:00]    终止日期:[2026-10-31 23:59:59]',
    '---------------------------------交易记录明细列表------------------------------------',
    `${header.map((h) => pad(h, 14)).join(',')},`,
  ];
  rows.forEach((r, i) => {
    const cells = [
      `${r.tradeNo ?? `20261012220014${String(i).padStart(8, '0')}`}\t`,
      '\t',
      r.time,
      r.time,
      r.time,
      '其他（包括阿里巴巴和外部商家）',
      r.category ?? '即时到账交易',
      r.counterparty,
      r.description,
      q(r.amount),
      r.direction,
      r.status ?? '交易成功',
      '0.00',
      '0.00',
      q(r.remarks ?? ''),
      r.direction === '收入' ? '已收入' : r.direction === '支出' ? '已支出' : '',
    ];
    lines.push(`${cells.map((c) => pad(c, 12)).join(',')},`);
  });
  lines.push('------------------------------------------------------------------------------------');
  if (opts.summary !== false) {
    lines.push(
      `共${rows.length}笔记录`,
      '已收入:2笔,"11,000.00"元',
      '待收入:0笔,0.00元',
      '已支出:1笔,"10,000.00"元',
      '待支出:0笔,0.00元',
      '导出时间:[2026-10-20 10:00:00]    用户:张三',
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function appExport(rows: FixtureRow[]): string {
  const lines = [
    '------------------------------------------------------------------------------------',
    '导出信息：',
    '姓名：张三',
    '支付宝账户：138****5678',
    '起始时间：[2026-09-01 00:00:00]    终止时间：[2026-10-31 23:59:59]',
    '导出交易类型：[全部]',
    '导出时间：[2026-10-20 10:00:00]',
    `共${rows.length}笔记录`,
    '收入：2笔 11,000.00元',
    '支出：1笔 10,000.00元',
    '不计收支：0笔 0.00元',
    '特别提示：',
    '1.本回单内容可表明支付宝受理了用户的支付申请，不代表实际到账情况；',
    '2.本回单如经任何涂改、编造，均立即失去效力；',
    '----------------------支付宝（中国）网络技术有限公司  电子客户回单----------------------',
    '交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,',
  ];
  rows.forEach((r, i) => {
    lines.push(
      [
        r.time,
        r.category ?? '其他',
        r.counterparty,
        'ali***@service.aliyun.com',
        r.description,
        r.direction || '不计收支',
        q(r.amount),
        '余额',
        r.status ?? '交易成功',
        `${r.tradeNo ?? `20261012220014${String(i).padStart(8, '0')}`}\t`,
        '\t',
        q(r.remarks ?? ''),
      ].join(',') + ',',
    );
  });
  return `${lines.join('\n')}\n`;
}

export const gbk = (text: string): Buffer => iconv.encode(text, 'gbk');
export const utf8 = (text: string, bom = false): Buffer =>
  Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);

/** A bill with the deposit refund, the earlier deposit payment of the same amount, and noise. */
export const REFUND_ROWS: FixtureRow[] = [
  {
    time: '2026-09-02 09:15:00',
    counterparty: 'Alibaba.com Singapore E-Commerce Private Limited',
    description: '全托管保证金缴纳',
    amount: '10,000.00',
    direction: '支出',
  },
  { time: '2026-10-09 11:20:05', counterparty: '张三丰', description: '货款', amount: '10,000.00', direction: '收入' },
  {
    time: '2026-10-12 14:03:11',
    counterparty: 'Alibaba.com Singapore E-Commerce Private Limited',
    description: '速卖通全托管保证金退回',
    amount: '10,000.00',
    direction: '收入',
    category: '退款',
  },
  { time: '2026-10-12 18:00:00', counterparty: '余额宝', description: '余额宝-自动转入', amount: '10,000.00', direction: '不计收支' },
];
