-- Puts one dead letter back on the outbox stream, to be sent again from its first try: removed
-- from the dead letters and queued, atomically, so it is never in both or in neither.
-- Called with EVALSHA by store/outbox_store.cpp.
--
-- KEYS[1] outbox:dead (list)   KEYS[2] outbox (stream)
-- ARGV[1] the dead letter exactly as kept   ARGV[2] now (ms)
--
-- Returns 1, or 0 when that letter is no longer there (requeued or dropped meanwhile).

local fields = message_fields(ARGV[1], '0')
if not fields or redis.call('LREM', KEYS[1], 1, ARGV[1]) == 0 then
  return 0
end
for i = 1, #fields, 2 do
  if fields[i] == 'queued_at' then
    fields[i + 1] = ARGV[2]
  end
end
outbox_add(KEYS[2], fields)
return 1
