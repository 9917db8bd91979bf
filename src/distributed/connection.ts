/**
 * The queue's address as the user writes it (`redis://HOST:PORT`, `rediss://` for TLS, a user
 * and password, a database number) and the connection options BullMQ and ioredis take from it.
 * A password may come from FLOW_STUDIO_QUEUE_PASSWORD instead of the address, which other users
 * of a machine can read in its process list. What is printed never holds the password.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { RedisOptions as QueueRedisOptions } from 'bullmq';
import { Redis } from 'ioredis';

export const PASSWORD_VARIABLE = 'FLOW_STUDIO_QUEUE_PASSWORD';

export interface QueueAddress {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly tls: boolean;
  /** A CA certificate (PEM) to trust for TLS, beside the system's. */
  readonly ca: string | undefined;
  /** The address without its password, for messages. */
  readonly display: string;
}

/** Reads `--queue`; throws an Error whose message says what is wrong, in plain words. */
export function parseQueueAddress(
  text: string,
  options: { readonly env?: NodeJS.ProcessEnv; readonly caFile?: string } = {},
): QueueAddress {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--queue takes an address such as redis://HOST:6379, not "${text}"`);
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (scheme !== 'redis' && scheme !== 'rediss')
    throw new Error(
      `--queue takes a redis:// or rediss:// (TLS) address, not a ${scheme}:// one ("${redact(url)}")`,
    );
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new Error(`The queue address "${redact(url)}" names no host`);
  const port = url.port === '' ? 6379 : Number(url.port);
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0 || db > 1_000_000)
    throw new Error(
      `The queue address ends with "/${dbText}": after the port only a database number may follow`,
    );
  if (url.search || url.hash)
    throw new Error(`The queue address "${redact(url)}" has options Flow Studio does not read`);
  const fromUrl = url.password === '' ? undefined : decodeURIComponent(url.password);
  const password = fromUrl ?? (options.env?.[PASSWORD_VARIABLE] || undefined);
  const username = url.username === '' ? undefined : decodeURIComponent(url.username);
  let ca: string | undefined;
  if (options.caFile !== undefined) {
    if (scheme !== 'rediss')
      throw new Error('--tls-ca applies to a rediss:// (TLS) queue address only');
    try {
      ca = readFileSync(options.caFile, 'utf8');
    } catch {
      throw new Error(`Cannot read the CA certificate ${options.caFile}`);
    }
  }
  const tls = scheme === 'rediss';
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    host,
    port,
    db,
    username,
    password,
    tls,
    ca,
    display: `${scheme}://${username ? `${username}@` : ''}${shownHost}:${port}${db ? `/${db}` : ''}`,
  };
}

function redact(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password) copy.password = '***';
  return copy.href;
}

/** What the address says about itself, for the first line a command prints. */
export function describeAddress(address: QueueAddress): string {
  const notes = [address.password ? 'password set' : 'no password', address.tls ? 'TLS' : 'no TLS'];
  return `${address.display} (${notes.join(', ')})`;
}

/**
 * Connection options for this address: ioredis takes them, and BullMQ passes them on to the
 * connections it makes (two per worker: one blocks waiting for jobs).
 */
export function redisOptions(address: QueueAddress): QueueRedisOptions {
  return {
    host: address.host,
    port: address.port,
    db: address.db,
    ...(address.username ? { username: address.username } : {}),
    ...(address.password ? { password: address.password } : {}),
    ...(address.tls
      ? {
          tls: {
            // Server names are for host names (SNI); an IP address is checked against the certificate's IP entries.
            ...(isIP(address.host) ? {} : { servername: address.host }),
            ...(address.ca ? { ca: address.ca } : {}),
          },
        }
      : {}),
    // BullMQ's workers block on the queue: a command must wait for a reconnection, not fail.
    maxRetriesPerRequest: null,
    connectTimeout: 10_000,
  };
}

/** An error from Redis or the network, in plain words. */
export function connectionProblem(address: QueueAddress, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = `the queue at ${address.display}`;
  if (/WRONGPASS|invalid username-password/i.test(message))
    return `${where} refused the user name or password (set it in the address or ${PASSWORD_VARIABLE})`;
  if (/NOAUTH/i.test(message))
    return `${where} wants a password: put it in the address (redis://:PASSWORD@HOST:PORT) or ${PASSWORD_VARIABLE}`;
  if (code === 'ECONNREFUSED') return `nothing answers at ${where} (connection refused)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return `the host of ${where} is not known (${code})`;
  if (code === 'ETIMEDOUT' || /timed? ?out/i.test(message))
    return `${where} did not answer in time`;
  if (/certificate|SSL|TLS|EPROTO|self.signed/i.test(message))
    return `the TLS connection to ${where} failed: ${message} (--tls-ca FILE trusts your own CA)`;
  if (/ECONNRESET|socket hang up|Connection is closed/i.test(message) && !address.tls)
    return `${where} closed the connection (${message}); if it speaks TLS, use rediss://`;
  return `${where}: ${message}`;
}

/**
 * A client that is connected, or a plain-words reason why not. Tried for up to `seconds`, so a
 * wrong address or password is said at once instead of retried in silence.
 */
export async function connect(
  address: QueueAddress,
  seconds = 5,
): Promise<{ client: Redis } | { problem: string }> {
  const deadline = Date.now() + seconds * 1000;
  let last: unknown = null;
  const client = new Redis({
    ...redisOptions(address),
    lazyConnect: true,
    retryStrategy: () => (Date.now() < deadline ? 250 : null),
  });
  client.on('error', (error) => {
    last = error;
  });
  try {
    await client.connect();
    await client.ping();
    // From now on, reconnect whenever the connection drops, as BullMQ's own connections do.
    client.options.retryStrategy = (times) => Math.min(times * 200, 5000);
    return { client };
  } catch (error) {
    client.disconnect();
    return { problem: connectionProblem(address, last ?? error) };
  }
}
