-- Records a delivery report on an outbox message's hash.
-- Called with EVALSHA by store/outbox_store.cpp.
--
-- KEYS[1] outbox:msg:<id> (hash), or '' when the report names only the gateway's reference
-- KEYS[2] outbox id sequence   KEYS[3] outbox:ref:<gateway>:<reference>, or ''
-- ARGV[1] id (or '')   ARGV[2] our state (queued, sent, delivered, failed)
-- ARGV[3] '1' final (delivered, failed), else '0'   ARGV[4] now (ms)   ARGV[5] message hash TTL (s)
-- ARGV[6] the gateway's own word for it   ARGV[7] why it failed, or ''
-- ARGV[8] the key prefix of message hashes (outbox:msg:)
--
-- The gateway may report (submitted) before our sender has marked the message sent, so an id we
-- handed out (1 <= id <= the sequence) counts as ours even before its hash exists. A report that
-- comes late (submitted after delivered) does not hide a final one.
-- Returns 1 recorded, 2 ignored (a final report is already there), 0 not one of our messages.

local key = KEYS[1]
local id = ARGV[1]
if key == '' then
  id = KEYS[3] ~= '' and redis.call('GET', KEYS[3])
  if not id then
    return 0
  end
  key = ARGV[8] .. id
end
if redis.call('EXISTS', key) == 0 then
  local n = tonumber(id)
  local last = tonumber(redis.call('GET', KEYS[2]) or '0') or 0
  if n == nil or n < 1 or n > last then
    return 0
  end
end
if ARGV[3] == '0' and redis.call('HGET', key, 'dlr_final') == '1' then
  return 2
end
redis.call('HSET', key, 'dlr', ARGV[2], 'dlr_at', ARGV[4], 'dlr_final', ARGV[3], 'dlr_raw', ARGV[6],
  'dlr_reason', ARGV[7])
redis.call('EXPIRE', key, ARGV[5])
return 1
