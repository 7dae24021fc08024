/**
 * App secrets and tokens go through this port and nowhere else. Electron's safeStorage backs it in
 * the app; the web host and CLI use a file only the user can read, labelled as a development store.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { registerSecret } from './redact';
import { writeFileAtomic } from './files';
import type { Bilingual } from '../../../src-shared/bilingual';

export interface SecretStore {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  delete(name: string): void;
  names(): string[];
  /** Where the secrets live, to say so on screen and to wipe it. */
  readonly location: string;
  readonly encrypted: boolean;
  /** How the secrets are protected, in the seller's words (said on the connection screen). */
  readonly protection: Bilingual;
}

/** A store of named strings in one file, each value passed through `encode`/`decode`. */
export function createFileSecretStore(
  file: string,
  codec: { encode(v: string): string; decode(v: string): string; encrypted: boolean; label: Bilingual },
): SecretStore {
  const read = (): Record<string, string> => {
    if (!existsSync(file)) return {};
    try {
      return (JSON.parse(readFileSync(file, 'utf8')) as { values?: Record<string, string> }).values ?? {};
    } catch {
      return {};
    }
  };
  // Atomic (temporary file, fsync, rename): a crash or a full disk mid-write leaves the old keys,
  // where an in-place rewrite could leave a torn file that reads as no keys at all.
  const write = (values: Record<string, string>) =>
    writeFileAtomic(file, JSON.stringify({ note: `${codec.label.zh} / ${codec.label.en}`, values }, null, 2));
  // Mask every stored secret in logs from the first moment the process knows it.
  for (const v of Object.values(read())) registerSecret(codec.decode(v));
  return {
    location: file,
    encrypted: codec.encrypted,
    protection: codec.label,
    get: (name) => {
      const v = read()[name];
      return v === undefined ? undefined : codec.decode(v);
    },
    set: (name, value) => {
      registerSecret(value);
      write({ ...read(), [name]: codec.encode(value) });
    },
    delete: (name) => {
      const values = read();
      delete values[name];
      if (Object.keys(values).length === 0) rmSync(file, { force: true });
      else write(values);
    },
    names: () => Object.keys(read()),
  };
}

/** A file of secrets kept as they are (readable by this computer user only), with what to tell the seller about it. */
export function createPlainFileSecretStore(file: string, label: Bilingual): SecretStore {
  return createFileSecretStore(file, { encrypted: false, label, encode: (v) => v, decode: (v) => v });
}

export function createDevSecretStore(dataDir: string): SecretStore {
  return createPlainFileSecretStore(join(dataDir, 'secrets.dev.json'), {
    zh: '浏览器模式和命令行的密钥文件：未加密，只有当前电脑用户能读。桌面程序使用系统加密保存。',
    en: 'Browser mode and command line secret file: not encrypted, readable by this computer user only. The desktop app uses the operating system’s encryption.',
  });
}
