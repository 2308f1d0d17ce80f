-- Puts the outbox messages whose retry is due back on their stream, atomically, so a sender
-- reads them again; a member taken from the retry set is always on a stream.
-- Called with EVALSHA by store/outbox_store.cpp.
--
-- KEYS[1] outbox:retry (zset, members: the message as JSON, scored by when it is due)
-- KEYS[2] outbox (the notices stream)   KEYS[3] outbox:replies (the replies lane)
-- ARGV[1] now (ms)   ARGV[2] at most this many
--
-- Returns how many were moved.

local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, member in ipairs(due) do
  local fields, message = message_fields(member)
  local stream = KEYS[2]
  if message and message['lane'] == 'replies' then
    stream = KEYS[3]
  end
  -- Unreadable: queued as it is, and the sender parks it with the dead letters.
  outbox_add(stream, fields or {'raw', member})
  redis.call('ZREM', KEYS[1], member)
end
return #due
