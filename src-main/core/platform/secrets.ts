/**
 * App secrets and tokens go through this port and nowhere else. Electron's safeStorage backs it in
 * the app; the web host and CLI use a file only the user can read, labelled as a development store.
 */
import { existsSync, readFileSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { registerSecret } from './redact';

export interface SecretStore {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  delete(name: string): void;
  names(): string[];
  /** Where the secrets live, to say so on screen and to wipe it. */
  readonly location: string;
  readonly encrypted: boolean;
}

/** A store of named strings in one file, each value passed through `encode`/`decode`. */
export function createFileSecretStore(
  file: string,
  codec: { encode(v: string): string; decode(v: string): string; encrypted: boolean; label: string },
): SecretStore {
  const read = (): Record<string, string> => {
    if (!existsSync(file)) return {};
    try {
      return (JSON.parse(readFileSync(file, 'utf8')) as { values?: Record<string, string> }).values ?? {};
    } catch {
      return {};
    }
  };
  const write = (values: Record<string, string>) => {
    writeFileSync(file, JSON.stringify({ note: codec.label, values }, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  };
  // Mask every stored secret in logs from the first moment the process knows it.
  for (const v of Object.values(read())) registerSecret(codec.decode(v));
  return {
    location: file,
    encrypted: codec.encrypted,
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

export function createDevSecretStore(dataDir: string): SecretStore {
  return createFileSecretStore(join(dataDir, 'secrets.dev.json'), {
    encrypted: false,
    label:
      '开发用密钥文件（未加密，仅当前用户可读）。正式桌面程序使用系统加密存储。 / Development secret store: not encrypted, readable by this user only. The desktop app uses the OS keychain (safeStorage).',
    encode: (v) => v,
    decode: (v) => v,
  });
}
