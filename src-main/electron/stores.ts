/** The Electron implementations of the settings and secret ports. */
import Store from 'electron-store';
import { ipcMain, safeStorage } from 'electron';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, openSettingsFile, settingsFrom, type SettingsData, type SettingsStore } from '../core/platform/settings';
import { createFileSecretStore, createPlainFileSecretStore, type SecretStore } from '../core/platform/secrets';

export function createElectronSettings(dataDir: string): SettingsStore {
  const store = openSettingsFile(
    dataDir,
    'settings.json',
    () => new Store<SettingsData>({ cwd: dataDir, name: 'settings', defaults: DEFAULT_SETTINGS }),
  );
  // electron-store answers any renderer's sendSync with the data folder's path, for stores made in
  // a renderer. Ours are in main only, and every other IPC goes through the frame check of ipc.ts.
  ipcMain.removeAllListeners('electron-store-get-data');
  return settingsFrom(store as never);
}

export interface SecretProtection {
  /** True only when the OS really protects the key: DPAPI, Keychain, libsecret or KWallet. */
  encrypted: boolean;
  /** 'dpapi', 'keychain', a Linux backend name ('gnome_libsecret', 'kwallet5', 'basic_text', …) or 'unavailable'. */
  backend: string;
}

/**
 * What safeStorage can promise on this machine. It must be asked after `ready`. On Linux without a
 * keyring Chromium falls back to `basic_text`: encryptString still "works" with a key written in
 * Chromium's source, so anyone with the file has the secret: that is not encryption to tell a seller.
 */
export function secretProtection(platform: NodeJS.Platform = process.platform): SecretProtection {
  if (!safeStorage.isEncryptionAvailable()) return { encrypted: false, backend: 'unavailable' };
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    return { encrypted: backend !== 'basic_text' && backend !== 'unknown', backend };
  }
  return { encrypted: true, backend: platform === 'win32' ? 'dpapi' : 'keychain' };
}

/** Secrets encrypted with the OS (DPAPI on Windows, Keychain on macOS, libsecret on Linux) where it can. */
export function createSafeStorageSecrets(dataDir: string, protection: SecretProtection = secretProtection()): SecretStore {
  if (protection.backend === 'unavailable') {
    // safeStorage cannot encrypt at all: a file of its own, so values encrypted earlier (in
    // secrets.bin.json) are never read back as plain text, nor overwritten.
    return createPlainFileSecretStore(join(dataDir, 'secrets.plain.json'), {
      zh: '系统加密不可用，密钥未加密保存（只有当前电脑用户能读）。',
      en: 'OS encryption unavailable: secrets are stored unencrypted, readable by this computer user only.',
    });
  }
  return createFileSecretStore(join(dataDir, 'secrets.bin.json'), {
    encrypted: protection.encrypted,
    label: protection.encrypted
      ? { zh: `密钥由系统加密保存（${protection.backend}）。`, en: `Secrets encrypted by the operating system (${protection.backend}).` }
      : {
          zh: `系统没有可用的密钥环（${protection.backend}），密钥只是混淆保存，并未真正加密。请安装并解锁系统密钥环（如 GNOME Keyring）后重新打开程序。`,
          en: `No OS keyring (${protection.backend}): secrets are obfuscated, not encrypted. Install and unlock a system keyring (such as GNOME Keyring), then reopen the app.`,
        },
    encode: (v) => safeStorage.encryptString(v).toString('base64'),
    decode: (v) => safeStorage.decryptString(Buffer.from(v, 'base64')),
  });
}
