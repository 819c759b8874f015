import type { INestApplication } from '@nestjs/common';

/** Starts the app on a free port of 127.0.0.1 only; returns its base URL. */
export async function listenLocal(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
}
