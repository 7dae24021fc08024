import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFileLogger } from '../../../src-main/core/platform/logger';
import { createDevSecretStore } from '../../../src-main/core/platform/secrets';
import { createConfSettings } from '../../../src-main/core/platform/settings';
import { readPublicSettings } from '../../../src-main/core/platform/settingsFile';
import { tempDir } from '../../helpers/tempApp';

const waitForFile = async (file: string, text: string) => {
  for (let i = 0; i < 50; i++) {
    if (existsSync(file) && readFileSync(file, 'utf8').includes(text)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('log file, secrets and settings', () => {
  it('never writes a stored secret or a secret-looking field to the log', async () => {
    const dir = tempDir();
    const secrets = createDevSecretStore(dir);
    secrets.set('aliexpress.appSecret', 'S3cr3t-app-value-123');
    const log = createFileLogger(dir);
    log.info('calling gateway with S3cr3t-app-value-123 inside the text', { access_token: 'tok-abcdef-987', sku: 'A-1' });
    log.info('marker-end');
    await waitForFile(log.file, 'marker-end');
    const text = readFileSync(log.file, 'utf8');
    expect(text).toContain('marker-end');
    expect(text).toContain('A-1');
    expect(text).not.toContain('S3cr3t-app-value-123');
    expect(text).not.toContain('tok-abcdef-987');
  });

  it('rotates the log by size and keeps a bounded number of old files', async () => {
    const dir = tempDir();
    const log = createFileLogger(dir, { maxSizeBytes: 2_000 });
    for (let i = 0; i < 400; i++) log.info(`line ${i} ${'x'.repeat(80)}`);
    log.info('last-line');
    await waitForFile(log.file, 'last-line');
    const files = readdirSync(join(dir, 'logs'));
    expect(files).toContain('main.1.log');
    expect(files.length).toBeLessThanOrEqual(6);
    expect(statSync(log.file).size).toBeLessThan(4_000);
  });

  it('keeps the development secret file readable by the user only, and labelled', () => {
    const dir = tempDir();
    const secrets = createDevSecretStore(dir);
    secrets.set('tongtool.appSecret', 'tt-secret-xyz');
    expect(statSync(secrets.location).mode & 0o777).toBe(0o600);
    expect(readFileSync(secrets.location, 'utf8')).toContain('未加密');
    expect(createDevSecretStore(dir).get('tongtool.appSecret')).toBe('tt-secret-xyz');
    secrets.delete('tongtool.appSecret');
    expect(existsSync(secrets.location)).toBe(false);
  });

  it('keeps settings across restarts and starts with defaults when the file was broken, keeping the broken copy', () => {
    const dir = tempDir();
    createConfSettings(dir).set('language', 'en-US');
    expect(createConfSettings(dir).get('language')).toBe('en-US');
    writeFileSync(join(dir, 'settings.json'), '{not json');
    const settings = createConfSettings(dir);
    expect(settings.get('language')).toBe('zh-CN');
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.broken-'))).toBe(true);
  });

  it('reads the public settings from the store’s file without the store, the defaults when it is missing or broken', () => {
    const dir = tempDir();
    expect(readPublicSettings(dir)).toEqual({ language: 'zh-CN', firstRunDone: false, mode: 'demo', storeName: '我的全托管店铺' });
    const store = createConfSettings(dir);
    store.set('firstRunDone', true);
    store.set('storeName', 'Shop');
    store.set('windowState', { width: 800, height: 600, maximized: false });
    expect(readPublicSettings(dir)).toEqual({ language: 'zh-CN', firstRunDone: true, mode: 'demo', storeName: 'Shop' });
    writeFileSync(join(dir, 'settings.json'), '{not json');
    expect(readPublicSettings(dir).firstRunDone).toBe(false);
  });
});
