/**
 * 全托管适合我吗 (fit check): a short questionnaire that places the seller among the source's seller
 * types and backs the verdict with a margin comparison from their own numbers (integer fen).
 */
import { z } from 'zod';
import { channel, empty, label, says } from '../channel';

export const SUPPLY_EDGES = ['strong', 'some', 'none'] as const;
export const CAPITAL_LEVELS = ['ample', 'limited', 'none'] as const;
export const PRODUCT_KINDS = ['standard', 'non_standard'] as const;

/** Up to 1 亿 yuan per unit, in fen: generous, but keeps sums inside safe integers. */
const fen = z
  .number()
  .int(says('{label}最多精确到分（两位小数）', '{label} goes to the fen at most (two decimals)'))
  .min(0, says('{label}不能是负数', '{label} cannot be negative'))
  // The form is in yuan and the schema in fen: the bound is said in yuan.
  .max(10_000_000_000, says('{label}最多 1 亿元，请检查是否多输了位数', '{label} can be at most ¥100,000,000; check for extra digits'));

export const fitNumbersSchema = z
  .object({
    /** 单件成本 what one unit costs the seller to make or buy. */
    unitCostFen: fen.meta(label('单件成本', 'Unit cost')),
    /** 全托管供货价 the price the platform pays per unit. */
    supplyPriceFen: fen.meta(label('全托管供货价', 'Supply price')),
    /** 自营店售价 price in their own store (POP / other platform), per unit; optional. */
    ownPriceFen: fen.meta(label('自营店售价', 'Own-store price')).optional(),
    /** 自营店每件费用 commission, shipping, ads, after-sales per unit in their own store. */
    ownFeesFen: fen.meta(label('自营店每件费用', 'Own-store fees per unit')).optional(),
  })
  .strict();

export const fitAnswersSchema = z
  .object({
    /** 自己生产（工厂） */
    makesGoods: z.boolean().meta(label('自己生产', 'Makes own goods')),
    /** 有跨境电商运营经验 */
    crossBorderExperience: z.boolean().meta(label('跨境电商运营经验', 'Cross-border experience')),
    /** 供货价优势 */
    supplyEdge: z.enum(SUPPLY_EDGES).meta(label('供货价优势', 'Supply price edge')),
    /** 备货资金 */
    capital: z.enum(CAPITAL_LEVELS).meta(label('备货资金', 'Stocking capital')),
    /** 标品 / 非标品 */
    productKind: z.enum(PRODUCT_KINDS).meta(label('标品或非标品', 'Standard or non-standard goods')),
    /** 速卖通小二定向邀约 */
    invited: z.boolean().meta(label('小二定向邀约', 'Invited by AliExpress')),
    numbers: fitNumbersSchema.meta(label('成本和价格', 'Costs and prices')).optional(),
  })
  .strict();

export type FitAnswers = z.infer<typeof fitAnswersSchema>;
export type FitNumbers = z.infer<typeof fitNumbersSchema>;

/** The source's three kinds of seller. */
export type SellerType = 'factory_newcomer' | 'supply_chain_veteran' | 'trader_listing';
/** good: lower barrier; worth_trying: one more channel; squeezed: margins under pressure. */
export type FitVerdict = 'good' | 'worth_trying' | 'squeezed';

import type { Bilingual } from '../bilingual';
export type { Bilingual };

export interface MarginComparison {
  unitCostFen: number;
  supplyPriceFen: number;
  /** supply price − cost: what one unit earns in fully-managed (no commission, platform pays logistics). */
  supplyMarginFen: number;
  /** margin ÷ supply price in basis points (1% = 100); null when the price is 0. */
  supplyMarginBp: number | null;
  /** own price − fees − cost, when the own-store numbers were given. */
  ownMarginFen: number | null;
  ownMarginBp: number | null;
  /** supply margin − own margin per unit; negative means fully-managed earns less per unit. */
  differenceFen: number | null;
  /** The own store's price and fees as given (absent in results saved before they were kept). */
  ownPriceFen?: number | null;
  ownFeesFen?: number | null;
  summary: Bilingual;
}

export interface FitResult {
  id: number | null;
  at: string | null;
  answers: FitAnswers;
  sellerType: SellerType;
  typeLabel: Bilingual;
  verdict: FitVerdict;
  headline: Bilingual;
  /** What fully-managed means for this seller, in the source's terms. */
  points: Bilingual[];
  /** Things in their answers that weigh against it. */
  cautions: Bilingual[];
  margin: MarginComparison | null;
  /** Whether the result points toward the exit wizard (squeezed, or losing money per unit). */
  suggestExit: boolean;
}

export const fitChannels = {
  /** Evaluates the answers without saving (live preview while the seller fills the form). */
  'fit.evaluate': channel(fitAnswersSchema).returns<FitResult>(),
  /** Evaluates and saves the result. */
  'fit.save': channel(fitAnswersSchema).returns<FitResult>(),
  /** The latest saved result, or null. */
  'fit.latest': channel(empty).returns<{ result: FitResult | null }>(),
};
