-- Records a delivery report on an outbox message's hash.
-- Called with EVALSHA by store/outbox_store.cpp.
--
-- KEYS[1] outbox:msg:<id> (hash)   KEYS[2] outbox id sequence
-- ARGV[1] id   ARGV[2] status name   ARGV[3] '1' final (delivered, failed, rejected), else '0'
-- ARGV[4] now (ms)   ARGV[5] message hash TTL (s)
--
-- Kannel may report (8: submitted) before our sender has marked the message sent, so an id we
-- handed out (1 <= id <= the sequence) counts as ours even before its hash exists. A report that
-- comes late (submitted after delivered) does not hide a final one.
-- Returns 1 recorded, 2 ignored (a final report is already there), 0 not one of our messages.

if redis.call('EXISTS', KEYS[1]) == 0 then
  local id = tonumber(ARGV[1])
  local last = tonumber(redis.call('GET', KEYS[2]) or '0') or 0
  if id == nil or id < 1 or id > last then
    return 0
  end
end
if ARGV[3] == '0' and redis.call('HGET', KEYS[1], 'dlr_final') == '1' then
  return 2
end
redis.call('HSET', KEYS[1], 'dlr', ARGV[2], 'dlr_at', ARGV[4], 'dlr_final', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[5])
return 1
