/**
 * The channels that carry a file (base64 in JSON), in one table: the largest file each takes, what
 * the seller is told when one is larger, and from those the web host's body limit for them. Both
 * paths say the same thing: Electron IPC through the channel's schema, the web host through its
 * 413 before the body is parsed. (The mapping import's schema once took 60 MB of file while the host
 * stopped at 30 MB: a file read in the window was refused in the browser, under another limit and
 * with no word of what to cut.) No schema library here: the web host reads this before it listens
 * (its start is timed to the first screen); the channel schemas build their field in uploadField.ts.
 */
import type { Bilingual } from './bilingual';

const MB = 1024 * 1024;

interface Upload {
  /** The file's name, as the field is labelled. */
  label: Bilingual;
  maxMb: number;
  /** What makes the file smaller, said after "too large (N MB at most)". */
  advice: Bilingual;
  /** Beside the limit: how large the usual file is, when that helps the seller judge. */
  usual?: Bilingual;
}

export const UPLOADS = {
  /** A year of a big catalogue's stock export is a few MB. */
  'stock.import': {
    label: { zh: '库存文件', en: 'Stock file' },
    maxMb: 18,
    advice: {
      zh: '请只导出库存需要的列，或分仓库导出后分别导入',
      en: 'Export only the columns stock needs, or one warehouse at a time',
    },
  },
  /**
   * The app's own mapping export of 100,000 listing SKUs is about 4 MB; a seller's copy with columns
   * added stays well under this. Inflated, it is bounded again (MAPPING_LIMITS).
   */
  'sku.mapping.import': {
    label: { zh: 'SKU对应表', en: 'Mapping file' },
    maxMb: 24,
    advice: {
      zh: '请删掉另外加进表格的列、工作表和图片，只保留“线上SKU”和“ERP SKU”等导出时就有的列；或把表格拆成几个文件分别导入',
      en: 'Remove the columns, sheets and pictures added to it and keep only the columns the export has (listing SKU, ERP SKU…), or split it into several files and import each',
    },
  },
  /** A year of a busy account's bill is far smaller. */
  'deposit.matchAlipay': {
    label: { zh: '支付宝账单文件', en: 'Alipay bill file' },
    maxMb: 20,
    advice: {
      zh: '请在支付宝只导出申请前后几个月的账单后再导入',
      en: 'Export only the months around the application from Alipay and import that',
    },
  },
  /** The app's own export of 100,000 SKUs is about 4.5 MB, and Excel saving it again stays near that. */
  'exit.importPlan': {
    label: { zh: '处置计划表格', en: 'Plan workbook' },
    maxMb: 12,
    usual: { zh: '10 万个SKU的计划导出约 5 MB', en: 'the plan of 100,000 SKUs exports to about 5 MB' },
    advice: {
      zh: '请删掉另外加进表格的工作表、图片或公式，或用“导出 Excel”重新导出后填写',
      en: 'Remove sheets, pictures or formulas added to it, or export again with "Export Excel" and fill that in',
    },
  },
} as const satisfies Record<string, Upload>;

export type UploadChannel = keyof typeof UPLOADS;
export const UPLOAD_CHANNELS = Object.keys(UPLOADS) as UploadChannel[];

export const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;
export const uploadMaxBytes = (channel: UploadChannel) => UPLOADS[channel].maxMb * MB;
export const uploadMaxBase64 = (channel: UploadChannel) => base64Length(uploadMaxBytes(channel));

/** What the seller is told of a file over the channel's limit, `{label}` standing for the field's name. */
export function tooLargeTemplate(channel: UploadChannel): Bilingual {
  const u: Upload = UPLOADS[channel];
  return {
    zh: `{label}太大（最大 ${u.maxMb} MB${u.usual ? `，${u.usual.zh}` : ''}）。${u.advice.zh}`,
    en: `The {label} is too large (${u.maxMb} MB at most${u.usual ? `; ${u.usual.en}` : ''}). ${u.advice.en}`,
  };
}

/** The same message with the file named, for a refusal made before any schema reads the body. */
export function uploadTooLarge(channel: UploadChannel): Bilingual {
  const t = tooLargeTemplate(channel);
  const name = UPLOADS[channel].label;
  return { zh: `${t.zh.replace('{label}', name.zh)}。`, en: `${t.en.replace('{label}', name.en)}.` };
}

/**
 * The JSON around the base64 (file name, column choices, sheet): a few KB. The web host reads at
 * most the largest upload plus this, so a file within its channel's limit always reaches the
 * schema, and one over it is refused with the channel's own message.
 */
const ENVELOPE_BYTES = 64 * 1024;
export const UPLOAD_BODY_MAX_BYTES = Math.max(...UPLOAD_CHANNELS.map(uploadMaxBase64)) + ENVELOPE_BYTES;
