-- One case transition, atomically: the case hash (compare-and-set on its version), the `due`
-- index kept in step with the case's pending deadlines, the audit log, the notices queued on
-- the outbox stream, and (for the scheduler) the claimed deadline released.
-- Called with EVALSHA by store/case_store.cpp, which flattens every list into ARGV behind its
-- count, so the script decodes nothing (no cjson: it ran once per list on every call).
--
-- KEYS[1] case hash   KEYS[2] case log   KEYS[3] due (zset)   KEYS[4] due:claimed (zset)
-- KEYS[5] outbox (stream)   KEYS[6] outbox id sequence   KEYS[7] dedupe record (citizen SMS)
-- ARGV[1] expected version   ARGV[2] now (ms)   ARGV[3] claimed member to release, or ""
-- ARGV[4] the dedupe record's kind letter ("" = no dedupe record)   ARGV[5] its TTL (s)
-- ARGV[6] the reply kept under KEYS[7]
-- ARGV[7..12] how many of each list follow, in this order from ARGV[13]:
--   [7] case fields that changed, as field, value pairs (without v)
--   [8] case fields that went away
--   [9] due members to add, as member, score pairs     [10] due members to remove
--   [11] audit entries, each as stored (store/case_records.cpp)
--   [12] notices, six values each: to, text, kind, case, essential ("1"/"0"), citizen_key (the
--        citizen hash whose opt_out is checked, or "")
--
-- Returns {"ok", new version, notices queued} | {"conflict"} | {"missing"} | {"seen", reply}.

if ARGV[4] ~= '' then
  local answered = seen(KEYS[7])
  if answered then
    return {'seen', answered}
  end
end

if redis.call('EXISTS', KEYS[1]) == 0 then
  if ARGV[3] ~= '' then redis.call('ZREM', KEYS[4], ARGV[3]) end
  return {'missing'}
end
local version = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
if version ~= tonumber(ARGV[1]) then
  return {'conflict'}
end

-- The next list's first and last ARGV index; `width` values per item.
local at = 13
local function list(count_index, width)
  local first = at
  at = at + tonumber(ARGV[count_index]) * width
  return first, at - 1
end

-- Only what changed: the version says the hash is still the case C++ loaded, so writing the
-- difference (fields set, fields that went away: a cleared deadline) gives the whole new case
-- for a fraction of rewriting ~30 fields.
local first, last = list(7, 2)
local flat = {'v', version + 1}
for i = first, last do
  flat[#flat + 1] = ARGV[i]
end
redis.call('HSET', KEYS[1], unpack(flat))
first, last = list(8, 1)
if last >= first then
  redis.call('HDEL', KEYS[1], unpack(ARGV, first, last))
end

local add_first, add_last = list(9, 2)
first, last = list(10, 1)
for i = first, last do
  redis.call('ZREM', KEYS[3], ARGV[i])
  redis.call('ZREM', KEYS[4], ARGV[i])
end
for i = add_first, add_last, 2 do
  redis.call('ZADD', KEYS[3], ARGV[i + 1], ARGV[i])
end
first, last = list(11, 1)
if last >= first then
  redis.call('RPUSH', KEYS[2], unpack(ARGV, first, last))
end

local queued = 0
first, last = list(12, 6)
for i = first, last, 6 do
  if ARGV[i + 4] == '1' or not opted_out(ARGV[i + 5]) then
    queue_sms(KEYS[5], KEYS[6], ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[2])
    queued = queued + 1
  end
end

if ARGV[3] ~= '' then
  redis.call('ZREM', KEYS[4], ARGV[3])
end
if ARGV[4] ~= '' then
  remember(KEYS[7], ARGV[4], ARGV[6], ARGV[5])
end
return {'ok', version + 1, queued}
