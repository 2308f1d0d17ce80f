-- One case transition, atomically: the case hash (compare-and-set on its version), the `due`
-- index kept in step with the case's pending deadlines, the audit log, the notices queued on
-- the outbox stream, and (for the scheduler) the claimed deadline released.
-- Called with EVALSHA by store/case_store.cpp.
--
-- KEYS[1] case hash   KEYS[2] case log   KEYS[3] due (zset)   KEYS[4] due:claimed (zset)
-- KEYS[5] outbox (stream)   KEYS[6] outbox id sequence   KEYS[7] dedupe record (citizen SMS)
-- ARGV[1] expected version   ARGV[2] the case fields that changed, JSON object (without v)
-- ARGV[3] due members to add, JSON [[member, score], ...]   ARGV[4] due members to remove, JSON
-- ARGV[5] audit entries: a JSON list of each entry's text as stored (store/case_records.cpp)
-- ARGV[6] notices, JSON [{to, text, kind, case, essential, citizen_key}, ...] (citizen_key: the
--         citizen hash whose opt_out is checked)
-- ARGV[7] claimed member to release, or ""   ARGV[8] now (ms)
-- ARGV[9] the dedupe record's kind letter ("" = no dedupe record)   ARGV[10] its TTL (s)
-- ARGV[11] the reply kept under KEYS[7]   ARGV[12] the case fields that went away, JSON list
--
-- Returns {"ok", new version, notices queued} | {"conflict"} | {"missing"} | {"seen", reply}.

if ARGV[9] ~= '' then
  local answered = seen(KEYS[7])
  if answered then
    return {'seen', answered}
  end
end

if redis.call('EXISTS', KEYS[1]) == 0 then
  if ARGV[7] ~= '' then redis.call('ZREM', KEYS[4], ARGV[7]) end
  return {'missing'}
end
local version = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
if version ~= tonumber(ARGV[1]) then
  return {'conflict'}
end

-- Only what changed: the version says the hash is still the case C++ loaded, so writing the
-- difference (fields set, fields that went away: a cleared deadline) gives the whole new case
-- for a fraction of rewriting ~30 fields.
local flat = {'v', version + 1}
for k, v in pairs(cjson.decode(ARGV[2])) do
  flat[#flat + 1] = k
  flat[#flat + 1] = tostring(v)
end
redis.call('HSET', KEYS[1], unpack(flat))
local gone = cjson.decode(ARGV[12])
if #gone > 0 then
  redis.call('HDEL', KEYS[1], unpack(gone))
end

for _, member in ipairs(cjson.decode(ARGV[4])) do
  redis.call('ZREM', KEYS[3], member)
  redis.call('ZREM', KEYS[4], member)
end
for _, pair in ipairs(cjson.decode(ARGV[3])) do
  redis.call('ZADD', KEYS[3], pair[2], pair[1])
end
for _, entry in ipairs(cjson.decode(ARGV[5])) do
  redis.call('RPUSH', KEYS[2], entry)
end

local queued = 0
for _, n in ipairs(cjson.decode(ARGV[6])) do
  if n.essential or not opted_out(n.citizen_key) then
    queue_sms(KEYS[5], KEYS[6], n.to, n.text, n.kind, n.case, ARGV[8])
    queued = queued + 1
  end
end

if ARGV[7] ~= '' then
  redis.call('ZREM', KEYS[4], ARGV[7])
end
if ARGV[9] ~= '' then
  remember(KEYS[7], ARGV[9], ARGV[11], ARGV[10])
end
return {'ok', version + 1, queued}
