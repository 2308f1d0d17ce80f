-- Queues one SMS on an outbox stream with a new message id, as the other scripts do (queue_sms,
-- in the prelude). Called with EVALSHA by store/outbox_store.cpp.
--
-- KEYS[1] the stream (notices, or the replies lane)   KEYS[2] outbox id sequence
-- KEYS[3] once-key: the reply to one inbound message is queued once however often the gateway
--         calls again (empty KEYS[3]: no such guard)
-- ARGV[1] to   ARGV[2] text   ARGV[3] kind   ARGV[4] case   ARGV[5] now (ms)   ARGV[6] via
-- ARGV[7] the once-key's TTL (s)
--
-- Returns the message id (the first one's, when the once-key was there).

if KEYS[3] ~= '' then
  local queued = redis.call('GET', KEYS[3])
  if queued then
    return tonumber(queued)
  end
end
local id = queue_sms(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6])
if KEYS[3] ~= '' then
  redis.call('SET', KEYS[3], id, 'EX', tonumber(ARGV[7]))
end
return id
