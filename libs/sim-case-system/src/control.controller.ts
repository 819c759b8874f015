import { BadRequestException, Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Request } from 'express';
import { stockholmDate } from './calendar';
import { CASE_SYSTEM_SIM_OPTIONS, ResolvedSimOptions } from './case-system-sim.options';
import { CaseSystemStore } from './case-system.store';
import { churn, ChurnCounts } from './churn.generator';
import { asObject, intField, stringField } from './control-body';
import { DropResult, DropService } from './drop.service';
import { FeedFaults, FeedFaultStatus } from './feed-faults.service';
import { generateMunicipality, MunicipalitySummary } from './municipality.generator';
import { PushResult, PushService } from './push.service';
import { readRawBody } from './raw-body';
import { annulAssignment, switchAssignment, SwitchResult } from './targeted-change.generator';
import { readUppdragExport, UppdragReadError } from './uppdrag-xml.reader';
import { decodeXmlBody, XmlDecodeError } from './xml-body.decoder';

const MAX_XML_BYTES = 50 * 1024 * 1024;
const XML_TYPES = /^(application|text)\/xml\s*(;|$)/i;

/** The simulator's control surface (/_sim): test and demo setup, not part of the vendor contract. */
@Controller('_sim')
export class ControlController {
  constructor(
    private readonly store: CaseSystemStore,
    private readonly faults: FeedFaults,
    private readonly pusher: PushService,
    private readonly dropper: DropService,
    @Inject(CASE_SYSTEM_SIM_OPTIONS) private readonly options: ResolvedSimOptions,
  ) {}

  @Post('faults')
  @HttpCode(200)
  armFaults(@Body() body: unknown): { status: FeedFaultStatus; count: number } {
    const b = asObject(body);
    const status = b.status;
    if (status !== 429 && status !== 503) throw new BadRequestException('status must be 429 or 503');
    const count = intField(b, 'count', 0, 1_000_000);
    const retryAfter = b.retryAfter === undefined ? undefined : intField(b, 'retryAfter', 0, 86_400);
    this.faults.arm({ status, retryAfter }, count);
    return { status, count };
  }

  @Post('generate')
  @HttpCode(200)
  generate(@Body() body: unknown): MunicipalitySummary {
    const b = asObject(body);
    const clients = intField(b, 'clients', 0, 200_000);
    const seed = intField(b, 'seed', 0, 2 ** 32 - 1, 1);
    return generateMunicipality(this.store, clients, seed, stockholmDate(this.options.now()), this.options.kalla);
  }

  @Post('churn')
  @HttpCode(200)
  churn(@Body() body: unknown): ChurnCounts {
    const b = asObject(body);
    const changes = intField(b, 'changes', 0, 1_000_000);
    this.store.churnRuns += 1;
    const seed = intField(b, 'seed', 0, 2 ** 32 - 1, 7919 * this.store.churnRuns);
    return churn(this.store, changes, seed, this.options.now());
  }

  @Post('switch')
  @HttpCode(200)
  switch(@Body() body: unknown): SwitchResult {
    const b = asObject(body);
    const slutdatum = b.slutdatum === undefined ? undefined : stringField(b, 'slutdatum');
    const request = { id: stringField(b, 'id'), provider: stringField(b, 'provider'), slutdatum, seed: intField(b, 'seed', 0, 2 ** 32 - 1, 1) };
    return switchAssignment(this.store, request, this.options.now());
  }

  @Post('annul')
  @HttpCode(200)
  annul(@Body() body: unknown): { id: string; version: number; sekvens: number } {
    return annulAssignment(this.store, stringField(asObject(body), 'id'), this.options.now());
  }

  @Post('assignments')
  @HttpCode(200)
  async assignments(@Req() req: Request): Promise<{ accepted: number; sekvens: number }> {
    const contentType = req.headers['content-type'];
    if (!contentType || !XML_TYPES.test(contentType)) throw new UnsupportedMediaTypeException('Content-Type must be application/xml or text/xml');
    const bytes = await readRawBody(req, MAX_XML_BYTES);
    let posted;
    try {
      posted = readUppdragExport(decodeXmlBody(bytes, contentType));
    } catch (err) {
      if (err instanceof XmlDecodeError || err instanceof UppdragReadError) throw new BadRequestException(err.message);
      throw err;
    }
    for (const uppdrag of posted.uppdrag) this.store.appendPosted(uppdrag);
    return { accepted: posted.uppdrag.length, sekvens: this.store.stats().sekvens };
  }

  @Post('push')
  @HttpCode(200)
  push(@Body() body: unknown): Promise<PushResult> {
    const b = asObject(body);
    const url = stringField(b, 'url');
    if (!/^https?:\/\//.test(url)) throw new BadRequestException('url must be http(s)');
    return this.pusher.push({ url, token: stringField(b, 'token'), batchSize: intField(b, 'batchSize', 1, 5000, 100) });
  }

  @Post('drop')
  @HttpCode(200)
  drop(@Body() body: unknown): Promise<DropResult> {
    const b = asObject(body);
    return this.dropper.drop(stringField(b, 'dir'), intField(b, 'batchSize', 1, 5000, 100));
  }

  @Get('stats')
  stats(): ReturnType<CaseSystemStore['stats']> {
    return this.store.stats();
  }

  @Delete()
  @HttpCode(204)
  reset(): void {
    this.store.reset();
    this.faults.reset();
  }
}
