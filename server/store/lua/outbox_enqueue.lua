-- Queues one SMS on the outbox stream with a new message id, with the fields case_apply.lua
-- writes. Called with EVALSHA by store/outbox_store.cpp.
--
-- KEYS[1] outbox (stream)   KEYS[2] outbox id sequence
-- ARGV[1] to   ARGV[2] text   ARGV[3] kind   ARGV[4] case   ARGV[5] now (ms)
--
-- Returns the message id.

local id = redis.call('INCR', KEYS[2])
redis.call('XADD', KEYS[1], '*', 'id', tostring(id), 'to', ARGV[1], 'text', ARGV[2],
  'kind', ARGV[3], 'case', ARGV[4], 'attempt', '0', 'queued_at', ARGV[5])
return id
