import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import type { AdminRequestContext } from '@brygga/admin-access';
import { REDIS, type VersionedRules } from '@brygga/flow-kernel';
import { JobProducer } from '@brygga/queue';
import { OperationsAudit } from './operations-audit';
import type { OperationsKeys } from './operations-keys';
import { OPERATIONS_KEYS, RULES_REPLAY_SYNC_MAX } from './operations.tokens';
import { type RulesReplayRun, RulesReplayRunsStore } from './rules-replay-runs.store';
import { RULES_CONTROL, RULES_PROPAGATION, type RulesControl, type RulesPropagated, type RulesPropagation } from './rules-control';
import { type RulesDryRun, type RulesReplayDiff, RulesReplayService } from './rules-replay.service';
import { type RulesVersion, RulesVersionsStore } from './rules-versions.store';

/** What an apply did: the version now in force, where it reached, the difference it made and the jobs it queued per flow. */
export interface RulesApplied {
  outcome: 'applied' | 'unchanged';
  applied?: RulesVersion;
  propagated?: RulesPropagated;
  diff?: RulesReplayDiff;
  resent?: Record<string, number>;
}

const VERSION = /^[0-9a-f]{12}$/;
const RUN_ID = /^r-[0-9a-z]{6,32}$/;
// Long enough for the replay and re-send of a large store; released at once when done.
const APPLY_LOCK_MS = 10 * 60 * 1000;

/**
 * The rules tools as admin actions, audited: a dry-run of one document, a replay of the
 * store, and apply (the candidate becomes the rules in force everywhere, versioned, and
 * exactly what it changes is re-sent through the flows' normal path), a rollback being
 * the apply of an earlier version.
 */
@Injectable()
export class RulesToolsService {
  constructor(
    private readonly replay: RulesReplayService,
    private readonly versions: RulesVersionsStore,
    private readonly audit: OperationsAudit,
    @Inject(RULES_CONTROL) private readonly rules: RulesControl,
    @Inject(RULES_PROPAGATION) private readonly propagation: RulesPropagation,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(OPERATIONS_KEYS) private readonly keys: OperationsKeys,
    private readonly runs: RulesReplayRunsStore,
    private readonly producer: JobProducer,
    @Inject(RULES_REPLAY_SYNC_MAX) private readonly syncMax: number,
  ) {}

  async dryRun(actor: AdminRequestContext, text: unknown, document: unknown): Promise<RulesDryRun> {
    return this.audit.record(actor, 'rules.dry-run', undefined, async () => {
      const candidate = this.replay.candidate(text);
      if (typeof document !== 'string' || document.trim() === '') throw new BadRequestException('document: must be one XML document (an Uppdragsexport or a ScheduleExport)');
      return this.replay.dryRun(candidate, document);
    });
  }

  /** The diff at once over a store of up to RULES_REPLAY_SYNC_MAX items; over a larger one, a run id (the job's progress, then the diff, at `run`). */
  async replayOrQueue(actor: AdminRequestContext, text: unknown): Promise<RulesReplayDiff | { runId: string }> {
    return this.audit.record(
      actor,
      'rules.replay',
      undefined,
      async () => {
        const candidate = this.replay.candidate(text);
        const total = await this.replay.size();
        if (total <= this.syncMax) return this.replay.diff(candidate);
        return { runId: await this.queueRun(actor, candidate, text as string, total) };
      },
      (r) => ('runId' in r ? 'queued' : 'ok'),
    );
  }

  /** The page's replay: always a run (the page shows it by id, then applies it by id), done at once on a small store. */
  async replayRun(actor: AdminRequestContext, text: unknown): Promise<string> {
    return this.audit.record(actor, 'rules.replay', undefined, async () => {
      const candidate = this.replay.candidate(text);
      const total = await this.replay.size();
      if (total > this.syncMax) return this.queueRun(actor, candidate, text as string, total);
      const runId = newRunId();
      const startedAt = new Date().toISOString();
      const diff = await this.replay.diff(candidate);
      await this.runs.create({ runId, status: 'done', candidate: candidate.version, by: actor.principal.name, queuedAt: startedAt, startedAt, finishedAt: new Date().toISOString(), total, scanned: total, diff }, text as string);
      return runId;
    });
  }

  /** Applies the candidate a run replayed (the page's apply button). */
  async applyRun(actor: AdminRequestContext, runId: string): Promise<RulesApplied> {
    const text = RUN_ID.test(runId) ? await this.runs.candidateText(runId) : null;
    if (text !== null) return this.apply(actor, { rules: text });
    return this.audit.record(actor, 'rules.apply', undefined, async () => {
      throw new NotFoundException(`no rules replay run ${RUN_ID.test(runId) ? runId : '(not a run id)'} to apply (runs are kept a day)`);
    });
  }

  private async queueRun(actor: AdminRequestContext, candidate: VersionedRules, text: string, total: number): Promise<string> {
    const runId = newRunId();
    await this.runs.create({ runId, status: 'queued', candidate: candidate.version, by: actor.principal.name, queuedAt: new Date().toISOString(), total, scanned: 0 }, text);
    await this.producer.enqueue('rules.replay', { v: 1, runId }, { jobId: `rules-replay-${runId}` });
    return runId;
  }

  async run(runId: string): Promise<RulesReplayRun> {
    const run = RUN_ID.test(runId) ? await this.runs.get(runId) : undefined;
    if (!run) throw new NotFoundException(`no rules replay run ${RUN_ID.test(runId) ? runId : '(not a run id)'} (runs are kept a day)`);
    return run;
  }

  async listVersions(): Promise<{ inForce: string; versions: RulesVersion[] }> {
    return { inForce: this.rules.current().version, versions: (await this.versions.list()).reverse() };
  }

  /** `text`: a candidate; `version`: an earlier version, applied again (a rollback). */
  async apply(actor: AdminRequestContext, body: { rules?: unknown; version?: unknown }): Promise<RulesApplied> {
    const target = typeof body.version === 'string' && VERSION.test(body.version) ? `rules:${body.version}` : undefined;
    return this.audit.record(
      actor,
      'rules.apply',
      target,
      async () => {
        const release = await this.lock();
        try {
          return await this.applyLocked(actor, await this.textOf(body));
        } finally {
          await release();
        }
      },
      (r) => r.outcome,
    );
  }

  private async applyLocked(actor: AdminRequestContext, requested: { text: string; rollbackOf?: number }): Promise<RulesApplied> {
    let { text } = requested;
    let candidate: VersionedRules = this.replay.candidate(text);
    const inForce = this.rules.current();
    if (candidate.version === inForce.version) return { outcome: 'unchanged' };
    const earlier = (await this.versions.list()).filter((v) => v.version === candidate.version).pop();
    const rollbackOf = requested.rollbackOf ?? earlier?.n;
    if (earlier) {
      // The rules' version is in every idempotency key: a version in force before would have its old writes answered from the planning tool's replay cache, not applied. A new version it must be.
      text = `${text.endsWith('\n') ? text : `${text}\n`}# applied again (version ${earlier.n}, ${earlier.version}) by ${actor.principal.name} at ${new Date().toISOString()}\n`;
      candidate = this.replay.candidate(text);
    }
    if ((await this.versions.list()).length === 0) {
      // The file in force before the first apply is a version too: the first rollback goes back to it.
      await this.versions.append({ version: inForce.version, appliedAt: this.rules.status().loadedAt, appliedBy: 'rules file' }, this.rules.fileText());
    }
    const reload = this.rules.replace(text, `admin API apply, ${actor.principal.name}`);
    if (reload.outcome !== 'accepted') throw new ConflictException(`the rules were not taken into force (the file stays as it was): ${reload.problem ?? reload.outcome}`);
    const applied = await this.versions.append({ version: candidate.version, appliedAt: new Date().toISOString(), appliedBy: actor.principal.name, ...(rollbackOf !== undefined && { rollbackOf }) }, text);
    // Every worker holds the new rules before their re-sends are queued (or the answer names the ones that did not in time).
    const propagated = await this.propagation.announce(candidate.version);
    // The difference against the rules replaced, taken once every worker holds the new ones: a
    // version applied under the old rules while the switch went round is in it (taken before the
    // switch it would not be, and would stay as the old rules mapped it).
    const diff = await this.replay.diff(candidate, undefined, inForce);
    const resent = await this.replay.resend(diff.items, `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`);
    return { outcome: 'applied', applied, propagated, diff, resent };
  }

  private async textOf(body: { rules?: unknown; version?: unknown }): Promise<{ text: string; rollbackOf?: number }> {
    if ((body.rules === undefined) === (body.version === undefined)) throw new BadRequestException('body: either rules (a candidate\'s YAML) or version (an earlier version to apply again)');
    if (body.rules !== undefined) return { text: typeof body.rules === 'string' ? body.rules : '' };
    if (typeof body.version !== 'string' || !VERSION.test(body.version)) throw new BadRequestException('version: must be a rules version (12 hex digits) from GET /admin/api/rules/versions');
    const text = await this.versions.text(body.version);
    if (text === null) throw new NotFoundException(`no rules version ${body.version} was applied here`);
    const earlier = (await this.versions.list()).filter((v) => v.version === body.version).pop();
    return { text, ...(earlier && { rollbackOf: earlier.n }) };
  }

  private async lock(): Promise<() => Promise<void>> {
    const token = randomBytes(8).toString('hex');
    const taken = await this.redis.set(this.keys.rulesApplyLock, token, 'PX', APPLY_LOCK_MS, 'NX');
    if (taken !== 'OK') throw new ConflictException('another rules apply is running; try again when it is done');
    return async () => {
      if ((await this.redis.get(this.keys.rulesApplyLock)) === token) await this.redis.del(this.keys.rulesApplyLock);
    };
  }
}

function newRunId(): string {
  return `r-${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}
