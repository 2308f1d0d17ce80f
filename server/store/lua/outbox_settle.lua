-- Settles one outbox message a sender read, atomically: acknowledged and deleted from the
-- stream, then, by outcome, marked sent, scheduled to be sent again, or parked as dead.
-- Called with EVALSHA by store/outbox_store.cpp.
--
-- KEYS[1] the entry's stream (notices or replies)   KEYS[2] outbox:retry (zset)
-- KEYS[3] outbox:dead (list)
-- KEYS[4] outbox:msg:<id> (hash)
-- ARGV[1] consumer group   ARGV[2] stream entry id   ARGV[3] outcome: sent | retry | dead
-- ARGV[4] now (ms)   ARGV[5] sends tried so far   ARGV[6] message hash TTL (s)
-- ARGV[7] case   ARGV[8] kind   ARGV[9] error ('' when sent)
-- ARGV[10] retry: the retry member (the message as JSON, attempt counted); dead: the dead letter
-- ARGV[11] retry: when it is due (ms)   ARGV[12] '1' when the message has an id (keep its hash)
-- ARGV[13] the most dead letters kept   ARGV[14] dead letters older than this (ms) are dropped
-- ARGV[15] sent: the gateway's name   ARGV[16] the key prefix of gateway references
-- ARGV[17]... sent: the gateway's references of the message's SMS, each remembered for the
-- message hash's TTL as <prefix><gateway>:<reference> -> id, so a delivery report that names only
-- the gateway's reference (Africa's Talking) finds the message
--
-- Returns 0 when the entry was no longer pending (another sender settled it first): then nothing
-- changes, so a message is settled once whoever gets there. Else 1 + how many old dead letters
-- the caps dropped to make room.

if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then
  return 0
end
redis.call('XDEL', KEYS[1], ARGV[2])

local outcome = ARGV[3]
local status
local dropped = 0
if outcome == 'sent' then
  status = {'status', 'sent', 'sent_at', ARGV[4], 'gateway', ARGV[15]}
  local id = string.match(KEYS[4], '(%d+)$')
  for i = 17, #ARGV do
    if ARGV[i] ~= '' and id then
      redis.call('SET', ARGV[16] .. ARGV[15] .. ':' .. ARGV[i], id, 'EX', tonumber(ARGV[6]))
    end
  end
elseif outcome == 'retry' then
  redis.call('ZADD', KEYS[2], ARGV[11], ARGV[10])
  status = {'status', 'retrying', 'last_error', ARGV[9], 'retry_at', ARGV[11]}
else
  redis.call('LPUSH', KEYS[3], ARGV[10])
  status = {'status', 'dead', 'last_error', ARGV[9], 'failed_at', ARGV[4]}
  -- Bounded: the newest ARGV[13] at most, none older than ARGV[14] ms (oldest at the tail).
  local before = redis.call('LLEN', KEYS[3])
  redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[13]) - 1)
  local oldest_kept = tonumber(ARGV[4]) - tonumber(ARGV[14])
  for _ = 1, 100 do
    local ok, letter = pcall(cjson.decode, redis.call('LINDEX', KEYS[3], -1) or '')
    if not ok or type(letter) ~= 'table' or (tonumber(letter.failed_at) or 0) >= oldest_kept then
      break
    end
    redis.call('RPOP', KEYS[3])
  end
  dropped = before - redis.call('LLEN', KEYS[3])
end

if ARGV[12] == '1' then
  redis.call('HSET', KEYS[4], 'attempts', ARGV[5], 'case', ARGV[7], 'kind', ARGV[8],
    unpack(status))
  redis.call('EXPIRE', KEYS[4], ARGV[6])
end
return 1 + dropped
