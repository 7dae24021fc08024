/**
 * Places a seller among the source's three seller types (速卖通全店铺托管怎么样 具体分析) and says
 * what fully-managed means for them in the source's own terms. Pure: the same answers always give
 * the same result, so the screen can preview while the seller types.
 */
import type { Bilingual, FitAnswers, FitResult, FitVerdict, SellerType } from '../../../src-shared/channels/fit';
import { compareMargins } from './margin';
import { formatFen } from '../../../src-shared/money';

const TYPE_LABEL: Record<SellerType, Bilingual> = {
  factory_newcomer: { zh: '没有跨境运营经验的工厂型卖家', en: 'Factory seller without cross-border experience' },
  supply_chain_veteran: { zh: '有供应链优势的老卖家', en: 'Veteran seller with a supply-chain edge' },
  trader_listing: { zh: '没有供应链优势的贸易商 / 纯铺货卖家', en: 'Trader or pure listing seller without a supply-chain edge' },
};

/** The source's reasoning per type, quoted as closely as a list allows. */
const TYPE_POINTS: Record<SellerType, Bilingual[]> = {
  factory_newcomer: [
    {
      zh: '对没有跨境运营经验的工厂型卖家，全托管是一件好事儿。',
      en: 'For a factory seller without cross-border experience, fully-managed is good news.',
    },
    {
      zh: '过去跨境不好做：物流、合规、外语什么都要学；全托管降低了这个行业的门槛。',
      en: 'Cross-border used to be hard: logistics, compliance and languages all had to be learnt; fully-managed lowers that barrier.',
    },
    {
      zh: '工厂型卖家只需要提供优质的产品，速卖通来帮您卖货，客户的物流体验、售后服务也都有了保障。',
      en: 'A factory only supplies good products; AliExpress sells them, and the buyer’s logistics and after-sales are taken care of.',
    },
  ],
  supply_chain_veteran: [
    {
      zh: '有供应链优势的老卖家加入全托管，相当于多了一家店铺、多了一个流量渠道。',
      en: 'For a veteran with a supply-chain edge, fully-managed is one more store and one more traffic channel.',
    },
    {
      zh: '目前是零佣金，回款周期非常短，再加上三个月的售后免责期。',
      en: 'Zero commission for now, a very short payout cycle, plus a three-month after-sales exemption.',
    },
    {
      zh: '就算您不开新店和老店竞争，速卖通也会找您的同行跟您竞争；试错的成本不算高，不妨试一试。',
      en: 'Even if you don’t open a store that competes with your old one, AliExpress will bring in your competitors; trying costs little, so it may be worth it.',
    },
  ],
  trader_listing: [
    {
      zh: '全托管模式铺开以后，没有供应链优势的贸易商和纯铺货卖家，尤其是做标品的卖家，利润空间和生存空间会被进一步挤压。',
      en: 'As fully-managed spreads, traders and pure listing sellers without a supply-chain edge, especially of standard products, see their margins and room to survive squeezed further.',
    },
    {
      zh: '这类卖家要么给不起有竞争力的供货价格，要么没有资金实力去大量备货。',
      en: 'Such sellers either cannot offer a competitive supply price or lack the capital to stock up in volume.',
    },
  ],
};

const HEADLINE: Record<FitVerdict, Bilingual> = {
  good: { zh: '适合：全托管帮您“简单出海”。', en: 'A good fit: fully-managed makes going abroad simple for you.' },
  worth_trying: {
    zh: '值得一试：多一个渠道，零佣金、回款快。',
    en: 'Worth a try: one more channel, zero commission, fast payout.',
  },
  squeezed: {
    zh: '谨慎：您的利润会被挤压，认真比较后再决定去留。',
    en: 'Be careful: your margins get squeezed; compare carefully before deciding to stay or leave.',
  },
};

export function sellerTypeOf(a: FitAnswers): SellerType {
  // The source's dividing line is the supply chain: a factory has it by definition, a trader only
  // when their supply price really beats the market.
  const hasEdge = a.makesGoods || a.supplyEdge === 'strong';
  if (!hasEdge) return 'trader_listing';
  return a.crossBorderExperience ? 'supply_chain_veteran' : 'factory_newcomer';
}

export function assessFit(a: FitAnswers): FitResult {
  const sellerType = sellerTypeOf(a);
  const cautions: Bilingual[] = [];
  const points = [...TYPE_POINTS[sellerType]];

  if (sellerType === 'supply_chain_veteran') {
    points.push(
      a.invited
        ? {
            zh: '速卖通小二已经定向邀约您：可以尝试再开一家全托管店铺。',
            en: 'An AliExpress account manager has invited you: you can try opening a fully-managed store.',
          }
        : {
            zh: '源文建议在速卖通小二定向邀约时再尝试。',
            en: 'The source suggests trying when an AliExpress account manager invites you.',
          },
    );
  }
  if (a.productKind === 'standard' && sellerType === 'trader_listing') {
    cautions.push({
      zh: '您做标品：标品最容易被比价，挤压最重。',
      en: 'You sell standard products: they are the easiest to price-compare and are squeezed hardest.',
    });
  }
  if (a.capital !== 'ample') {
    cautions.push({
      zh: a.capital === 'none' ? '没有备货资金：全托管需要先备货入仓。' : '备货资金有限：大量备货会占用现金流。',
      en:
        a.capital === 'none'
          ? 'No capital to stock: fully-managed needs stock delivered to the warehouse first.'
          : 'Limited capital to stock: stocking up in volume ties up cash.',
    });
  }
  if (a.supplyEdge === 'none' && sellerType !== 'trader_listing') {
    cautions.push({
      zh: '您的供货价没有优势：平台会拿同行的价格比较您的供货价。',
      en: 'Your supply price has no edge: the platform compares it with your competitors’ prices.',
    });
  }

  const margin = a.numbers ? compareMargins(a.numbers) : null;
  if (margin && margin.supplyMarginFen < 0) {
    cautions.push({ zh: '按您填的供货价和成本，每件亏损。', en: 'With the supply price and cost you gave, every unit loses money.' });
  } else if (margin?.differenceFen !== null && margin?.differenceFen !== undefined && margin.differenceFen < 0) {
    cautions.push({
      zh: '全托管每件利润低于您的自营店。',
      en: 'Fully-managed earns less per unit than your own store.',
    });
  }

  let verdict: FitVerdict =
    sellerType === 'factory_newcomer' ? 'good' : sellerType === 'supply_chain_veteran' ? 'worth_trying' : 'squeezed';
  // Numbers outrank the label: a factory that loses money on every unit is squeezed all the same.
  if (margin && margin.supplyMarginFen < 0) verdict = 'squeezed';
  // The seller's own comparison with their current channel moves the verdict one step, and the
  // headline names the figure, so the verdict never contradicts the margins shown under it.
  let headline = HEADLINE[verdict];
  const diff = margin && margin.supplyMarginFen >= 0 ? margin.differenceFen : null;
  if (diff !== null && diff < 0 && verdict === 'good') {
    verdict = 'worth_trying';
    headline = {
      zh: `值得一试，但按您填的数字，全托管每件比自营店少赚 ${formatFen(-diff)}：先拿部分商品试，再决定。`,
      en: `Worth a try, but by your own figures fully-managed earns ${formatFen(-diff)} less per unit than your own store: try it with some products before deciding.`,
    };
  } else if (diff !== null && diff > 0 && verdict === 'squeezed') {
    verdict = 'worth_trying';
    headline = {
      zh: `值得一试：按您填的数字，全托管每件比自营店多赚 ${formatFen(diff)}；但供货价会被拿来和同行比较，留意被压价。`,
      en: `Worth a try: by your own figures fully-managed earns ${formatFen(diff)} more per unit than your own store; the platform compares supply prices, so watch for price pressure.`,
    };
  }

  return {
    id: null,
    at: null,
    answers: a,
    sellerType,
    typeLabel: TYPE_LABEL[sellerType],
    verdict,
    headline,
    points,
    cautions,
    margin,
    suggestExit: verdict === 'squeezed',
  };
}
