-- Queues one SMS on the outbox stream with a new message id, as the other scripts do
-- (queue_sms, in the prelude). Called with EVALSHA by store/outbox_store.cpp.
--
-- KEYS[1] outbox (stream)   KEYS[2] outbox id sequence
-- ARGV[1] to   ARGV[2] text   ARGV[3] kind   ARGV[4] case   ARGV[5] now (ms)
--
-- Returns the message id.

return queue_sms(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5])
