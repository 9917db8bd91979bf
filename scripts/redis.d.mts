export function findRedisServer(): { path: string; origin: string; version: string } | null;
export function freePort(): Promise<number>;
export function startRedis(options?: {
  password?: string;
  tls?: { cert: string; key: string; ca: string };
}): Promise<{ port: number; url: string; pid: number; stop: () => Promise<void> }>;
export function makeTestCertificates(dir: string): { ca: string; cert: string; key: string };
