/**
 * The read-only live probe: the smallest read of each call the app makes (no writes to either
 * system), each answer compared field by field with its wire schema, and the redacted answers saved
 * in the data folder for support. The first connection to a real store says exactly what differs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { AppError } from '../../../../src-shared/errors';
import type { ProbeCall, ProbeReport } from '../../../../src-shared/channels/connect';
import { ConnectorError } from '../retry';
import { fieldDiff } from './fieldDiff';
import { redactSample } from './redact';

export interface ProbeStep {
  system: ProbeCall['system'];
  call: string;
  /** Makes the call and returns its parsed body before any schema (ids kept exact). */
  read(): Promise<unknown>;
  schema: z.ZodType;
  /** Set when the step cannot run (no keys, file source…): said instead of calling. */
  skip?: { message: string; messageEn: string };
}

export async function runProbe(
  steps: ProbeStep[],
  opts: { mode: 'demo' | 'live'; now: () => number; dataDir: string },
): Promise<ProbeReport> {
  const calls: ProbeCall[] = [];
  const sample: Record<string, unknown> = {};
  for (const step of steps) {
    const base = { system: step.system, call: step.call, fields: [], missing: [], missingRequired: [], unknown: [], ms: 0 };
    if (step.skip) {
      calls.push({ ...base, outcome: 'skipped', ...step.skip });
      continue;
    }
    const started = opts.now();
    try {
      const body = await step.read();
      const diff = fieldDiff(step.schema, body);
      const parsed = step.schema.safeParse(body);
      sample[`${step.system}:${step.call}`] = redactSample(body);
      const differs = diff.missingRequired.length > 0 || !parsed.success;
      const issue = parsed.success ? undefined : parsed.error.issues[0];
      const issuePath = issue ? issue.path.map(String).join('.') : '';
      calls.push({
        ...base,
        ...diff,
        ms: opts.now() - started,
        outcome: differs ? 'differs' : 'answered',
        message: differs
          ? `回复与接口文档不一致：${diff.missingRequired.length ? `缺少 ${diff.missingRequired.join('、')}` : `字段 ${issuePath || '(根)'} 的格式不同`}。程序在这里会停止，请把检查结果发给客服。`
          : `回复正常，${diff.fields.length} 个字段${diff.missing.length ? `，${diff.missing.length} 个可选字段没有返回` : ''}${diff.unknown.length ? `，另有 ${diff.unknown.length} 个文档外字段` : ''}。`,
        messageEn: differs
          ? `The answer differs from the API documentation: ${diff.missingRequired.length ? `missing ${diff.missingRequired.join(', ')}` : `field ${issuePath || '(root)'} has another shape`}. The app would stop here; send the probe result to support.`
          : `Answered as documented: ${diff.fields.length} fields${diff.missing.length ? `, ${diff.missing.length} optional ones not sent` : ''}${diff.unknown.length ? `, ${diff.unknown.length} undocumented ones` : ''}.`,
      });
    } catch (e) {
      const err = e instanceof AppError ? e : null;
      calls.push({
        ...base,
        ms: opts.now() - started,
        outcome: 'failed',
        code: err?.code ?? 'INTERNAL',
        remoteCode: e instanceof ConnectorError ? e.remote.code : undefined,
        message: err?.messageZh ?? '检查时程序内部出错，请导出日志发给客服。',
        messageEn: err?.messageEn ?? 'An internal error happened during the check; export the log and send it to support.',
      });
      if (e instanceof ConnectorError && e.remote.code)
        sample[`${step.system}:${step.call}`] = { error: { code: e.code, remote: e.remote.code } };
    }
  }
  const at = new Date(opts.now()).toISOString();
  const ran = calls.filter((c) => c.outcome !== 'skipped');
  let samplePath: string | null = null;
  if (Object.keys(sample).length > 0) {
    const dir = join(opts.dataDir, 'support');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    samplePath = join(dir, `probe-${at.replace(/[:.]/g, '-')}.json`);
    writeFileSync(samplePath, `${JSON.stringify({ at, mode: opts.mode, calls, answers: sample }, null, 2)}\n`, { mode: 0o600 });
  }
  return { ok: ran.length > 0 && ran.every((c) => c.outcome === 'answered'), mode: opts.mode, at, calls, samplePath };
}
