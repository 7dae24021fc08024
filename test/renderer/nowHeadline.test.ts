import { describe, expect, it } from 'vitest';
import { RISK_KINDS, riskHeadline, type DashboardView, type RiskKind } from '../../src-shared/types/auto';
import { headline, headlineText, unbindsAhead } from '../../src-renderer/src/pages/auto/nowHeadline';

function view(o: {
  held?: number;
  enabled?: boolean;
  failed?: number;
  risk?: Partial<Record<RiskKind, number>>;
  queued?: number;
  sent?: number;
  unbindsAhead?: number;
}): DashboardView {
  const counts = Object.fromEntries(RISK_KINDS.map((k) => [k, o.risk?.[k] ?? 0])) as Record<RiskKind, number>;
  const h = riskHeadline(counts);
  return {
    ready: 10,
    status: {
      settings: { enabled: o.enabled ?? true },
      counts: { bound: 0, unbound: 0, review: 0, refused: 0, held: o.held ?? 0, pinned: 0 },
      outbox: { held: 0, queued: o.queued ?? 0, sent: o.sent ?? 0, review: 0, done: 0, refused: 0, failed: o.failed ?? 0, cancelled: 0 },
      lastSync: { id: 1, status: 'ok', startedAt: '', finishedAt: '' },
      unbindsAhead: o.unbindsAhead,
    },
    riskModel: { switchOn: o.enabled ?? true, counts, total: h.total, headline: { zh: h.zh, en: h.en } },
  } as unknown as DashboardView;
}

describe('the dashboard headline equals the risk cards', () => {
  it('a refused unbind names the model total too (1 refused, 557 at risk)', () => {
    const d = view({ risk: { refused: 1, zero: 556 } });
    const h = headline(d);
    expect(h).toMatchObject({ key: 'refused', n: 1, total: 557 });
    expect(headlineText(h, '1 个解绑被速卖通拒绝', false)).toContain('557 个线上SKU有超卖风险');
    expect(headlineText(h, '1 unbind refused', true)).toContain('557 listing SKU(s) at risk');
  });
  it('held, failed, review and off all state the total; nothing at risk adds nothing', () => {
    for (const [o, key] of [
      [{ held: 1, risk: { zero: 90 } }, 'held'],
      [{ failed: 2, risk: { zero: 90 } }, 'failed'],
      [{ risk: { review: 90 } }, 'review'],
      [{ enabled: false, risk: { zero: 90 } }, 'off'],
    ] as const) {
      const h = headline(view(o));
      expect(h.key).toBe(key);
      expect(headlineText(h, 'x', false)).toMatch(/^x · 90 个线上SKU有超卖风险/);
    }
    const ok = headline(view({ failed: 1 }));
    expect(headlineText(ok, '1 个绑定/解绑发送失败', false)).toBe('1 个绑定/解绑发送失败');
  });
  it('SKUs at risk with no unbind under way (held unbinds rejected, pins) are not said to be being unbound', () => {
    const idle = headline(view({ risk: { zero: 559, unmapped: 189 }, unbindsAhead: 0 }));
    expect(idle).toMatchObject({ key: 'riskIdle', n: 748, total: 748 });
    expect(headlineText(idle, 'x', false)).toBe('748 个线上SKU有超卖风险：库存为0仍绑定 559，未关联库存但已绑定 189');
    // With unbinds on their way the engine is handling them.
    expect(headline(view({ risk: { zero: 559 }, unbindsAhead: 30 })).key).toBe('risk');
    // Only reviews left: the platform is deciding, not the engine idling.
    expect(headline(view({ risk: { review: 3 }, unbindsAhead: 0 })).key).toBe('review');
    // Reviews and SKUs without linked stock: not the engine idling either, and the unlinked ones are named.
    const mixed = headline(view({ risk: { review: 59, unmapped: 322 }, unbindsAhead: 0 }));
    expect(mixed).toMatchObject({ key: 'reviewUnmapped', total: 381 });
    expect(headlineText(mixed, 'x', false)).toBe('381 个线上SKU有超卖风险：解绑审核中 59，未关联库存但已绑定 322');
  });
  it('while unbinds are on their way, SKUs without linked stock are said not to be among them', () => {
    expect(headline(view({ risk: { zero: 59, unmapped: 322 }, unbindsAhead: 59 }))).toMatchObject({ key: 'risk', unmappedNote: 322 });
    expect(headline(view({ risk: { zero: 59 }, unbindsAhead: 59 })).unmappedNote).toBeUndefined();
  });

  it('the queue message counts the unbinds ahead, not the binds', () => {
    expect(unbindsAhead(view({ queued: 250, sent: 2, unbindsAhead: 1 }))).toBe(1);
  });
});
