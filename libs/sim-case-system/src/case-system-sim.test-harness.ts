import { INestApplication } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { contractsDir } from '@brygga/config';
import { listenLocal, serverPerSpecFile } from '@brygga/testing';
import { XMLParser } from 'fast-xml-parser';
import { createCaseSystemSimulator } from './case-system.simulator';

/** Shared by the simulator's specs: a real server on port 0 and real schema validation. */
export const TEST_TOKEN = 'test-feed-token';
export const TEST_NOW = new Date('2026-11-20T08:00:00Z');

export interface RunningSim {
  app: INestApplication;
  base: string;
  feed(efter: number | string, max?: number): Promise<Response>;
  control(method: string, path: string, body?: unknown): Promise<Response>;
}

export async function startSim(): Promise<RunningSim> {
  const app = await createCaseSystemSimulator({ feedToken: TEST_TOKEN, logger: false, now: () => TEST_NOW });
  const base = await listenLocal(app);
  return {
    app,
    base,
    feed: (efter, max) =>
      fetch(`${base}/api/uppdrag/andringar?efter=${efter}${max === undefined ? '' : `&max=${max}`}`, { headers: { Authorization: `Bearer ${TEST_TOKEN}` } }),
    control: (method, path, body) =>
      fetch(`${base}/_sim${path}`, { method, headers: body === undefined ? {} : { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }),
  };
}

/** One simulator for a spec file (call inside `describe`), emptied before each test. */
export function simPerSpecFile(): RunningSim {
  return serverPerSpecFile({
    start: startSim,
    stop: (sim) => sim.app.close(),
    reset: async (sim) => expect((await sim.control('DELETE', '')).status).toBe(204),
  });
}

export function xsdPath(): string {
  return join(contractsDir(), 'case-system', 'uppdragsexport-1.xsd');
}

/** Runs xmllint against the contract's schema; throws with xmllint's output when invalid. */
export function validateWithXsd(files: string[]): void {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('xmllint is missing: install it with `apt-get install -y libxml2-utils` (Debian libxml2-utils)');
  }
  try {
    execFileSync('xmllint', ['--noout', '--schema', xsdPath(), ...files], { stdio: 'pipe' });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? String(err);
    throw new Error(`schema validation failed:\n${stderr.slice(0, 4000)}`);
  }
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, parseAttributeValue: false, isArray: (name) => name === 'Uppdrag' });

export interface ParsedExport {
  root: Record<string, string>;
  uppdrag: Record<string, unknown>[];
}

/** A test-side reading of a document (XML text) into plain objects, for semantic comparison. */
export function parseExport(xml: string): ParsedExport {
  const doc = parser.parse(xml) as { Uppdragsexport?: Record<string, unknown> | string };
  const root = doc.Uppdragsexport;
  if (root === undefined) throw new Error('no Uppdragsexport root');
  if (typeof root === 'string') return { root: {}, uppdrag: [] };
  const attrs = Object.fromEntries(Object.entries(root).filter(([k]) => k.startsWith('@_'))) as Record<string, string>;
  return { root: attrs, uppdrag: (root.Uppdrag as Record<string, unknown>[] | undefined) ?? [] };
}

export interface ReceivedDocument {
  contentType: string | undefined;
  authorization: string | undefined;
  body: Buffer;
}

export interface Receiver {
  url: string;
  received: ReceivedDocument[];
  /** Status to answer for the n-th request (0-based); 202 by default. */
  answer: (n: number) => number;
  close(): Promise<void>;
}

/** A real local HTTP server standing in for Brygga's inbound endpoint. */
export async function startReceiver(): Promise<Receiver> {
  const { createServer } = await import('node:http');
  const state: Receiver = { url: '', received: [], answer: () => 202, close: async () => undefined };
  let requests = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = state.answer(requests++);
      if (status === 202) state.received.push({ contentType: req.headers['content-type'], authorization: req.headers.authorization, body: Buffer.concat(chunks) });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('receiver has no port');
  state.url = `http://127.0.0.1:${address.port}/inbound/uppdrag`;
  state.close = () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  return state;
}

/** Decodes a pushed or dropped document by its own declaration, as a receiver must. */
export function decodeDocument(body: Buffer): string {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return body.subarray(3).toString('utf8');
  return /encoding="ISO-8859-1"/.test(body.subarray(0, 100).toString('latin1')) ? body.toString('latin1') : body.toString('utf8');
}
