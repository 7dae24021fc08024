/** The Electron implementations of the settings and secret ports. */
import Store from 'electron-store';
import { safeStorage } from 'electron';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, openSettingsFile, settingsFrom, type SettingsData, type SettingsStore } from '../core/platform/settings';
import { createFileSecretStore, type SecretStore } from '../core/platform/secrets';

export function createElectronSettings(dataDir: string): SettingsStore {
  const store = openSettingsFile(dataDir, 'settings.json', () => new Store<SettingsData>({ cwd: dataDir, name: 'settings', defaults: DEFAULT_SETTINGS }));
  return settingsFrom(store as never);
}

/** Secrets encrypted with the OS (DPAPI on Windows, Keychain on macOS, libsecret on Linux). */
export function createSafeStorageSecrets(dataDir: string): SecretStore {
  return createFileSecretStore(join(dataDir, 'secrets.bin.json'), {
    encrypted: true,
    label: '由系统加密保存的密钥 / Secrets encrypted by the operating system (safeStorage)',
    encode: (v) => safeStorage.encryptString(v).toString('base64'),
    decode: (v) => safeStorage.decryptString(Buffer.from(v, 'base64')),
  });
}
