import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { MappingRulesError, parseMappingRules } from '@brygga/config';
import { type DryRunAnswer, DryRunDocumentRefused, type ReplayCounts, type ReplayItem, ReplayTally, type VersionedRules } from '@brygga/flow-kernel';
import { RULES_CONTROL, type RulesControl } from './rules-control';
import { RulesReplayExplorer } from './rules-replay.explorer';

/** What one document would become under candidate rules: nothing stored, queued or sent. */
export type RulesDryRun = DryRunAnswer & { rulesVersion: string };

/** The difference the candidate rules would make to everything stored. */
export interface RulesReplayDiff {
  /** The versions compared: the rules in force, and the candidate. */
  inForce: string;
  candidate: string;
  /** Stored items gone through, per flow. */
  scanned: Record<string, number>;
  /** Stored items whose content had expired: not replayed. */
  unavailable: number;
  counts: ReplayCounts;
  /** Every item that changes, by flow and id, with the field names that change. */
  items: ReplayItem[];
}

/** How far a replay has come: stored items gone through, of how many there were when it began. */
export type ReplayProgress = (scanned: number) => Promise<void>;

/** The name candidate rules go by in a refusal (the boot names the file's path). */
const CANDIDATE_SOURCE = 'candidate rules';

/**
 * Candidate mapping rules, tried without taking them into force: validated as the boot
 * validates the file (the same messages), a document mapped under them, and every stored
 * item re-mapped under them and under the rules in force, compared. Each flow does its
 * own mapping through its `@ReplayedFlow()` provider; this only gathers.
 */
@Injectable()
export class RulesReplayService {
  constructor(
    private readonly flows: RulesReplayExplorer,
    @Inject(RULES_CONTROL) private readonly rules: RulesControl,
  ) {}

  /** The candidate as rules, or a 400 naming every problem as the boot would. */
  candidate(text: unknown): VersionedRules {
    if (typeof text !== 'string' || text.trim() === '') throw new BadRequestException('rules: must be the rules file\'s YAML text');
    try {
      return parseMappingRules(text, CANDIDATE_SOURCE);
    } catch (error) {
      if (error instanceof MappingRulesError) throw new BadRequestException(error.message);
      throw error;
    }
  }

  async dryRun(candidate: VersionedRules, document: string): Promise<RulesDryRun> {
    const bytes = Buffer.from(document, 'utf8');
    for (const flow of this.flows.all()) {
      let answer: DryRunAnswer | undefined;
      try {
        answer = await flow.dryRun(bytes, candidate);
      } catch (error) {
        if (error instanceof DryRunDocumentRefused) throw new BadRequestException(`document: refused as the ${error.flow} flow's intake would refuse it: ${error.reason}`);
        throw error;
      }
      if (answer) return { ...answer, rulesVersion: candidate.version };
    }
    throw new BadRequestException('document: neither a case-system Uppdragsexport nor a scheduling-system ScheduleExport');
  }

  /** How many stored items a replay goes through. */
  async size(): Promise<number> {
    let total = 0;
    for (const flow of this.flows.all()) total += await flow.size();
    return total;
  }

  /** `inForce`: the rules to compare against, the ones in force unless named (an apply compares after its switch). */
  async diff(candidate: VersionedRules, progress: ReplayProgress = async () => undefined, inForce: VersionedRules = this.rules.current()): Promise<RulesReplayDiff> {
    const tally = new ReplayTally();
    const result: RulesReplayDiff = { inForce: inForce.version, candidate: candidate.version, scanned: {}, unavailable: 0, counts: tally.counts, items: [] };
    let scanned = 0;
    for (const flow of this.flows.all()) {
      result.scanned[flow.flow] = 0;
      await flow.replay(inForce, candidate, async (batch) => {
        result.scanned[flow.flow] += batch.scanned;
        result.unavailable += batch.unavailable;
        for (const item of batch.items) {
          tally.add(item);
          result.items.push(item);
        }
        scanned += batch.scanned;
        await progress(scanned);
      });
    }
    // The store is read by SCAN, in no order of its own: the answer is in flow and id order, the same for the same store.
    result.items.sort((a, b) => a.flow.localeCompare(b.flow) || a.id.localeCompare(b.id));
    return result;
  }

  /** Queues each flow's normal jobs for exactly its items that changed; answers the jobs queued per flow. */
  async resend(items: ReplayItem[], attempt: string): Promise<Record<string, number>> {
    const queued: Record<string, number> = {};
    for (const flow of this.flows.all()) queued[flow.flow] = await flow.resend(items.filter((i) => i.flow === flow.flow), attempt);
    return queued;
  }
}
