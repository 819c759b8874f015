/**
 * The breaker's transitions as Redis scripts: each reads and changes one tenant's state
 * atomically, so that every worker process sees one breaker (hand-written: no installed
 * library keeps a circuit breaker in Redis; opossum and the like keep it in one process).
 * Times are the caller's (ARGV), so tests drive the clock.
 */

/**
 * KEYS: state hash, probe lock, the tenant's not-before (TenantThrottleStore). ARGV: now, probe token, probe lock ms, ttl s.
 * → {'throttled', at} | {'closed'} | {'probe'} | {'wait', at}. The not-before is read here, in the
 * same step, so that a send asks Redis once: a tenant that named a Retry-After waits for it,
 * and takes no probe meanwhile.
 */
export const ADMIT = `
local notBefore = tonumber(redis.call('GET', KEYS[3]) or '0')
if notBefore > tonumber(ARGV[1]) then return {'throttled', tostring(notBefore)} end
local state = redis.call('HGET', KEYS[1], 'state')
if state ~= 'open' then return {'closed'} end
local now = tonumber(ARGV[1])
local nextProbe = tonumber(redis.call('HGET', KEYS[1], 'nextProbeAt') or '0')
if now < nextProbe then return {'wait', tostring(nextProbe)} end
if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[3]) then
  redis.call('HSET', KEYS[1], 'probingSince', ARGV[1])
  redis.call('EXPIRE', KEYS[1], ARGV[4])
  return {'probe'}
end
local interval = tonumber(redis.call('HGET', KEYS[1], 'interval') or '1000')
local left = redis.call('PTTL', KEYS[2])
if left < 0 or left > interval then left = interval end
return {'wait', tostring(now + left)}
`;

/**
 * KEYS: state hash, probe lock, the set of tenants with a breaker. ARGV: now, outcome ('answered'|'failed'), probe token (or ''),
 * failures to open, window ms, first probe interval ms, longest probe interval ms, ttl s, the tenant.
 * → {change, nextProbeAt}: change 'opened' | 'closed' (from open) | 'reopened' | '' (none);
 * nextProbeAt (epoch ms) when a failure leaves it open, else ''.
 */
export const SETTLE = `
local now = tonumber(ARGV[1])
redis.call('SADD', KEYS[3], ARGV[9])
redis.call('EXPIRE', KEYS[3], ARGV[8])
local isProbe = ARGV[3] ~= '' and redis.call('GET', KEYS[2]) == ARGV[3]
if isProbe then redis.call('DEL', KEYS[2]) end
local state = redis.call('HGET', KEYS[1], 'state')
redis.call('EXPIRE', KEYS[1], ARGV[8])
if ARGV[2] == 'answered' then
  redis.call('HDEL', KEYS[1], 'failures', 'firstFailureAt', 'interval', 'nextProbeAt', 'probingSince')
  if state == 'open' then
    redis.call('HSET', KEYS[1], 'state', 'closed', 'since', ARGV[1])
    return {'closed', ''}
  end
  return {'', ''}
end
if state == 'open' then
  if not isProbe then return {'', redis.call('HGET', KEYS[1], 'nextProbeAt') or ''} end
  local interval = math.min(tonumber(redis.call('HGET', KEYS[1], 'interval') or ARGV[6]) * 2, tonumber(ARGV[7]))
  redis.call('HSET', KEYS[1], 'interval', interval, 'nextProbeAt', now + interval)
  redis.call('HDEL', KEYS[1], 'probingSince')
  return {'reopened', tostring(now + interval)}
end
local first = tonumber(redis.call('HGET', KEYS[1], 'firstFailureAt') or '-1')
local failures = 1
if first < 0 or now - first > tonumber(ARGV[5]) then
  redis.call('HSET', KEYS[1], 'failures', 1, 'firstFailureAt', ARGV[1])
else
  failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
end
if failures >= tonumber(ARGV[4]) then
  local interval = tonumber(ARGV[6])
  redis.call('HSET', KEYS[1], 'state', 'open', 'since', ARGV[1], 'interval', interval, 'nextProbeAt', now + interval)
  redis.call('HDEL', KEYS[1], 'failures', 'firstFailureAt')
  return {'opened', tostring(now + interval)}
end
return {'', ''}
`;
