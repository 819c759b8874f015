import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One request of the barrage, its body already on disk. */
export interface BarrageRequest {
  name: string;
  url: string;
  headers: Record<string, string>;
  file: string;
}

/**
 * The sender as plain JavaScript for a child process: four requests at a time, as
 * several senders would; a line `HALF` when half are answered; then one line of JSON with
 * every status. A process of its own so that building and sending megabytes is not the
 * middleware's event loop's work: what the good document meets is the server's.
 */
const SENDER = `
const http = require('node:http');
const { readFileSync } = require('node:fs');
const requests = JSON.parse(readFileSync(process.argv[1], 'utf8'));
const send = (r) => new Promise((resolve) => {
  const body = readFileSync(r.file);
  const req = http.request(r.url, { method: 'POST', headers: { ...r.headers, 'Content-Length': body.length } }, (res) => {
    res.resume();
    res.on('end', () => resolve({ name: r.name, status: res.statusCode }));
  });
  req.on('error', (e) => resolve({ name: r.name, status: 0, error: e.code }));
  req.end(body);
});
(async () => {
  const answers = [];
  const half = Math.floor(requests.length / 2);
  for (let i = 0; i < requests.length; i += 4) {
    answers.push(...(await Promise.all(requests.slice(i, i + 4).map(send))));
    if (i < half && i + 4 >= half) process.stdout.write('HALF\\n');
  }
  process.stdout.write(JSON.stringify(answers) + '\\n');
})();
`;

export interface Barrage {
  /** Resolves when half of the requests are answered. */
  half: Promise<void>;
  /** Every answer, in order. */
  done: Promise<Array<{ name: string; status: number }>>;
}

export function startBarrage(requests: Array<Omit<BarrageRequest, 'file'> & { body: Buffer }>): Barrage {
  const dir = mkdtempSync(join(tmpdir(), 'brygga-barrage-'));
  const onDisk = requests.map(({ body, ...r }, i): BarrageRequest => {
    const file = join(dir, `${i}.body`);
    writeFileSync(file, body);
    return { ...r, file };
  });
  const manifest = join(dir, 'requests.json');
  writeFileSync(manifest, JSON.stringify(onDisk));
  const child: ChildProcess = spawn(process.execPath, ['-e', SENDER, manifest], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  let halfSeen: () => void = () => undefined;
  const half = new Promise<void>((resolve) => (halfSeen = resolve));
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    if (out.includes('HALF\n')) halfSeen();
  });
  const done = new Promise<Array<{ name: string; status: number }>>((resolve, reject) => {
    child.on('exit', (code) => {
      halfSeen();
      rmSync(dir, { recursive: true, force: true });
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('[')) reject(new Error(`barrage sender exited ${code}`));
      else resolve(JSON.parse(last) as Array<{ name: string; status: number }>);
    });
  });
  return { half, done };
}
