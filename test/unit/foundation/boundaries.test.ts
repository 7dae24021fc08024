import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '../../..');

function files(dir: string, ext = /\.(ts|tsx)$/): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p, ext) : ext.test(name) ? [p] : [];
  });
}

const ELECTRON_IMPORT = /(from\s+['"]electron['"])|(require\(\s*['"]electron['"]\s*\))|(import\(\s*['"]electron['"]\s*\))/;

describe('the house rules that keep the core testable', () => {
  it('src-main/core never imports electron nor the electron adapters', () => {
    const offenders = files(join(root, 'src-main/core')).filter((f) => {
      const text = readFileSync(f, 'utf8');
      return ELECTRON_IMPORT.test(text) || /from\s+['"][./]*\/electron\//.test(text);
    });
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  it('src-main/core never asks which host runs it nor whether the clock is the test clock', () => {
    // The host is a label (lock holder, app.info); what differs between hosts comes in as ports
    // and as whether the host calls startBackground.
    const asks = /\bhost\s*[!=]==|['"](cli|web|electron)['"]\s*[!=]==\s*[\w.]*\bhost\b|instanceof\s+ManualClock/;
    const offenders = files(join(root, 'src-main/core'))
      .filter((f) => !f.endsWith(join('connectors', 'wait.ts'))) // the waiting port itself: virtual time over a ManualClock
      .filter((f) => asks.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  it('the renderer imports neither main nor preload code', () => {
    const offenders = files(join(root, 'src-renderer')).filter((f) =>
      /from\s+['"](\.\.\/)+(src-main|src-preload)\//.test(readFileSync(f, 'utf8')),
    );
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  it('the renderer takes only types from the contract and its channels, so the page never loads zod', () => {
    const runtimeImport = /^import\s+(?!type\b)[^;]*from\s+['"][./]*src-shared\/(contract|channel|channels\/[\w]+)['"]/m;
    const offenders = files(join(root, 'src-renderer')).filter((f) => {
      const text = readFileSync(f, 'utf8');
      return runtimeImport.test(text) || /from\s+['"]zod['"]/.test(text);
    });
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  it('src-shared is pure: no Node, DOM or Electron imports', () => {
    const offenders = files(join(root, 'src-shared')).filter((f) =>
      /from\s+['"](node:|electron|fs|path|react)/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });
});
