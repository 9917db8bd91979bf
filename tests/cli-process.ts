/**
 * The built `flow-studio` command as a separate process, for tests that need several at once (a
 * sweep's coordinator and its queue workers): what it prints, line by line, waiting for a line,
 * its exit, and the ports it listens on (none, for our commands).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
const BIN = resolve(ROOT, 'bin/flow-studio.mjs');

export interface CliProcess {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves with the first match of `pattern` in stdout and stderr, now or later. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const watchers = new Set<() => void>();
  child.stdout?.on('data', (chunk) => {
    out += chunk;
    for (const watch of watchers) watch();
  });
  child.stderr?.on('data', (chunk) => {
    err += chunk;
    for (const watch of watchers) watch();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => {
      for (const watch of watchers) watch();
      done({ code, signal });
    }),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((found, fail) => {
        const check = () => {
          const match = `${out}\n${err}`.match(pattern);
          if (match) {
            cleanup();
            found(match);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            cleanup();
            fail(new Error(`exited before printing ${pattern}:\n${out}\n${err}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          fail(new Error(`no ${pattern} within ${timeoutMs} ms:\n${out}\n${err}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          watchers.delete(check);
        };
        watchers.add(check);
        check();
      }),
  };
}

/** Stops a process (SIGTERM, then SIGKILL if it lingers) and waits for it. */
export async function stopCli(process_: CliProcess, graceMs = 20_000): Promise<void> {
  if (process_.child.exitCode !== null || process_.child.signalCode !== null) return;
  process_.child.kill('SIGTERM');
  const timer = setTimeout(() => process_.child.kill('SIGKILL'), graceMs);
  await process_.exited;
  clearTimeout(timer);
}

/**
 * The TCP ports a process listens on (Linux: its socket inodes matched against the kernel's table
 * of listening sockets); null where /proc cannot tell.
 */
export function listeningPorts(pid: number): number[] | null {
  if (process.platform !== 'linux') return null;
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode) inodes.add(inode);
      } catch {
        // The descriptor closed while we looked.
      }
    }
  } catch {
    return null;
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is "ADDR:PORT" in hex; st 0A is LISTEN; the inode is the tenth field.
      if (fields[3] === '0A' && inodes.has(fields[9] ?? ''))
        ports.push(Number.parseInt(fields[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}
