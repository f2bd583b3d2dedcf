import type { Executor } from '../exec/command.js';

export async function readSysctl(where: Executor, key: string): Promise<string> {
  return (await where.run(['sysctl', '-n', key])).stdout.trim();
}

export async function writeSysctl(where: Executor, key: string, value: string): Promise<void> {
  await where.run(['sysctl', '-q', '-w', `${key}=${value}`]);
}

/** Runs `action` with `key` set to `value`, then restores the value it found, whatever happens. */
export async function withSysctl<T>(where: Executor, key: string, value: string, action: () => Promise<T>): Promise<T> {
  const found = await readSysctl(where, key);
  await writeSysctl(where, key, value);
  try {
    return await action();
  } finally {
    await writeSysctl(where, key, found);
  }
}
