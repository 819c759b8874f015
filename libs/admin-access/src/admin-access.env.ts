import { IsIn, IsOptional, IsString } from 'class-validator';
import { IntSetting, Secret, validateEnv } from '@brygga/config';
import { type AdminTokenEntry, loadAdminTokens } from './admin-tokens.config';

/**
 * The variables admin access reads. Kept here until the app's env class takes them in
 * (apps/middleware is being restructured); the names are final.
 */
export class AdminAccessEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  /** A YAML (or `.json`) file listing `{name, role, hash}`; see `npm run admin-token`. */
  @IsOptional()
  @IsString()
  ADMIN_TOKENS_FILE?: string;

  /**
   * The same list as JSON. Hashes are not secrets, but a token pasted here by mistake
   * would be: redacted like one, so showing the config never shows it.
   */
  @IsOptional()
  @IsString()
  @Secret()
  ADMIN_TOKENS?: string;

  /** How long audit entries are kept: the journal's retention, so both answer for the same period. */
  @IntSetting(1, 3650)
  JOURNAL_RETENTION_DAYS = 30;
}

export interface AdminAccessConfig {
  tokens: AdminTokenEntry[];
  auditRetentionDays: number;
}

/** Admin access from the env; throws ConfigError naming each variable, entry and problem. */
export function readAdminAccessConfig(env: NodeJS.ProcessEnv = process.env): AdminAccessConfig {
  const e = validateEnv(AdminAccessEnv, env);
  return { tokens: loadAdminTokens(e), auditRetentionDays: e.JOURNAL_RETENTION_DAYS };
}
