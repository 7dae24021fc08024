import { describe, expect, it } from 'vitest';
import { assessFit } from '../../../src-main/core/fit/assess';
import { compareMargins } from '../../../src-main/core/fit/margin';
import type { FitAnswers } from '../../../src-shared/channels/fit';

const base: FitAnswers = {
  makesGoods: false,
  crossBorderExperience: false,
  supplyEdge: 'none',
  capital: 'ample',
  productKind: 'non_standard',
  invited: false,
};

describe('fit check', () => {
  it('a factory without cross-border experience: good, the barrier is lower', () => {
    const r = assessFit({ ...base, makesGoods: true });
    expect(r.sellerType).toBe('factory_newcomer');
    expect(r.verdict).toBe('good');
    expect(r.points.map((p) => p.zh).join()).toContain('降低了这个行业的门槛');
    expect(r.suggestExit).toBe(false);
  });

  it('a veteran with a supply-chain edge: one more channel, zero commission, short payout, three-month exemption; try it when invited', () => {
    const r = assessFit({ ...base, makesGoods: true, crossBorderExperience: true, supplyEdge: 'strong', invited: true });
    expect(r.sellerType).toBe('supply_chain_veteran');
    expect(r.verdict).toBe('worth_trying');
    const text = r.points.map((p) => p.zh).join();
    for (const words of ['多了一个流量渠道', '零佣金', '回款周期', '三个月的售后免责期', '定向邀约']) expect(text).toContain(words);
  });

  it('a trader of standard products with little capital: squeezed, and pointed at the exit wizard', () => {
    const r = assessFit({ ...base, crossBorderExperience: true, supplyEdge: 'some', productKind: 'standard', capital: 'limited' });
    expect(r.sellerType).toBe('trader_listing');
    expect(r.verdict).toBe('squeezed');
    expect(r.suggestExit).toBe(true);
    expect(r.points.map((p) => p.zh).join()).toContain('给不起有竞争力的供货价格');
    expect(r.cautions.map((c) => c.zh).join()).toContain('标品');
    expect(r.cautions.map((c) => c.zh).join()).toContain('备货资金有限');
  });

  it('compares margins in fen from the seller’s own numbers', () => {
    // cost ¥30.00, supply price ¥42.50, own store ¥69.90 with ¥20.40 of commission, shipping and ads.
    const m = compareMargins({ unitCostFen: 3000, supplyPriceFen: 4250, ownPriceFen: 6990, ownFeesFen: 2040 });
    expect(m.supplyMarginFen).toBe(1250);
    expect(m.supplyMarginBp).toBe(2941);
    expect(m.ownMarginFen).toBe(1950);
    expect(m.differenceFen).toBe(-700);
    expect(m.summary.zh).toContain('自营店每件赚 ¥19.50（27.9%），全托管每件少赚 ¥7.00。');
    expect(m.summary.en).toContain('Your own store earns ¥19.50 a unit (27.9%); fully-managed earns ¥7.00 less a unit.');
  });

  it('equal margins read as the same, not as fully-managed earning ¥0.00 more', () => {
    // ¥12.50 a unit both ways: supply ¥42.50 − cost ¥30.00; own ¥62.50 − ¥20.00 fees − ¥30.00.
    const m = compareMargins({ unitCostFen: 3000, supplyPriceFen: 4250, ownPriceFen: 6250, ownFeesFen: 2000 });
    expect(m.differenceFen).toBe(0);
    expect(m.summary.zh).toContain('自营店每件赚 ¥12.50（20.0%），和全托管一样。');
    expect(m.summary.en).toContain('Your own store earns ¥12.50 a unit (20.0%), the same as fully-managed.');
    expect(m.summary.zh).not.toContain('¥0.00');
    // The same loss both ways is the same too.
    const loss = compareMargins({ unitCostFen: 3000, supplyPriceFen: 2800, ownPriceFen: 3300, ownFeesFen: 500 });
    expect(loss.summary.zh).toContain('自营店每件亏 ¥2.00（-6.1%），和全托管一样。');
    expect(loss.summary.en).toContain('Your own store loses ¥2.00 a unit (-6.1%), the same as fully-managed.');
    // Equal margins move neither the verdict nor the headline.
    const r = assessFit({
      ...base,
      makesGoods: true,
      numbers: { unitCostFen: 3000, supplyPriceFen: 4250, ownPriceFen: 6250, ownFeesFen: 2000 },
    });
    expect(r.verdict).toBe('good');
    expect(r.cautions.map((c) => c.zh)).not.toContain('全托管每件利润低于您的自营店。');
  });

  it('when both lose money the difference is losing less or more, and an own-store loss is 亏, not 赚 a minus', () => {
    // Fully-managed loses ¥2.00 a unit, the own store ¥5.00.
    const less = compareMargins({ unitCostFen: 3000, supplyPriceFen: 2800, ownPriceFen: 3000, ownFeesFen: 500 });
    expect(less.differenceFen).toBe(300);
    expect(less.summary.zh).toContain('自营店每件亏 ¥5.00（-16.7%），全托管每件少亏 ¥3.00。');
    expect(less.summary.en).toContain('Your own store loses ¥5.00 a unit (-16.7%); fully-managed loses ¥3.00 less a unit.');
    // Fully-managed loses ¥5.00, the own store ¥2.00.
    const more = compareMargins({ unitCostFen: 3000, supplyPriceFen: 2500, ownPriceFen: 3300, ownFeesFen: 500 });
    expect(more.differenceFen).toBe(-300);
    expect(more.summary.zh).toContain('自营店每件亏 ¥2.00（-6.1%），全托管每件多亏 ¥3.00。');
    expect(more.summary.en).toContain('fully-managed loses ¥3.00 more a unit.');
    for (const m of [less, more]) expect(m.summary.zh).not.toMatch(/多赚|少赚|赚 -/);
    // Only the own store loses: fully-managed earns more than it.
    const own = compareMargins({ unitCostFen: 3000, supplyPriceFen: 3500, ownPriceFen: 3300, ownFeesFen: 500 });
    expect(own.summary.zh).toContain('自营店每件亏 ¥2.00（-6.1%），全托管每件多赚 ¥7.00。');
    expect(own.summary.en).toContain('Your own store loses ¥2.00 a unit (-6.1%); fully-managed earns ¥7.00 more a unit.');
  });

  it('a factory losing money on every unit at the supply price is squeezed all the same', () => {
    const r = assessFit({ ...base, makesGoods: true, numbers: { unitCostFen: 5000, supplyPriceFen: 4800 } });
    expect(r.margin?.supplyMarginFen).toBe(-200);
    // A loss reads as money does: −¥2.00 is "-¥2.00", not "¥-2.00".
    expect(r.margin?.summary.zh).toContain('每件 -¥2.00');
    expect(r.verdict).toBe('squeezed');
    expect(r.cautions.map((c) => c.zh).join()).toContain('每件亏损');
  });

  it('a factory whose own figures show fully-managed earns ¥7 less per unit is not told 适合 unreservedly', () => {
    const r = assessFit({
      ...base,
      makesGoods: true,
      numbers: { unitCostFen: 2000, supplyPriceFen: 3000, ownPriceFen: 5000, ownFeesFen: 1300 },
    });
    expect(r.margin?.differenceFen).toBe(-700);
    expect(r.verdict).toBe('worth_trying');
    expect(r.headline.zh).toContain('全托管每件比自营店少赚 ¥7.00');
    expect(r.headline.zh).not.toMatch(/^适合/);
    expect(r.headline.en).toContain('¥7.00 less per unit');
    expect(r.cautions.map((c) => c.zh)).toContain('全托管每件利润低于您的自营店。');
  });

  it('a trader whose own figures show fully-managed earns more is not told their margins get squeezed', () => {
    const r = assessFit({
      ...base,
      supplyEdge: 'none',
      productKind: 'standard',
      numbers: { unitCostFen: 2000, supplyPriceFen: 4000, ownPriceFen: 3500, ownFeesFen: 1000 },
    });
    expect(r.sellerType).toBe('trader_listing');
    expect(r.margin?.differenceFen).toBe(1500);
    expect(r.verdict).toBe('worth_trying');
    expect(r.suggestExit).toBe(false);
    expect(r.headline.zh).toContain('多赚 ¥15.00');
    expect(r.headline.zh).not.toContain('利润会被挤压');
  });

  it('without own-store figures the label decides, as before', () => {
    expect(assessFit({ ...base, makesGoods: true, numbers: { unitCostFen: 2000, supplyPriceFen: 3000 } }).verdict).toBe('good');
    expect(assessFit({ ...base, numbers: { unitCostFen: 2000, supplyPriceFen: 3000 } }).verdict).toBe('squeezed');
  });
});
