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

-- The script runs once per deadline, so each list below is one call however long it is, and
-- the common path asks only HGET for the version (EXISTS only when there is none).
local stored = redis.call('HGET', KEYS[1], 'v')
if not stored and redis.call('EXISTS', KEYS[1]) == 0 then
  if ARGV[3] ~= '' then redis.call('ZREM', KEYS[4], ARGV[3]) end
  return {'missing'}
end
local version = tonumber(stored or '0')
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
-- A deadline that went away is no longer due, nor claimed; nor is the deadline just applied.
if last >= first then
  redis.call('ZREM', KEYS[3], unpack(ARGV, first, last))
end
local unclaim = {}
for i = first, last do
  unclaim[#unclaim + 1] = ARGV[i]
end
if ARGV[3] ~= '' then
  unclaim[#unclaim + 1] = ARGV[3]
end
if #unclaim > 0 then
  redis.call('ZREM', KEYS[4], unpack(unclaim))
end
if add_last >= add_first then
  local scored = {}
  for i = add_first, add_last, 2 do
    scored[#scored + 1] = ARGV[i + 1]
    scored[#scored + 1] = ARGV[i]
  end
  redis.call('ZADD', KEYS[3], unpack(scored))
end
first, last = list(11, 1)
if last >= first then
  redis.call('RPUSH', KEYS[2], unpack(ARGV, first, last))
end

-- The notices to send (a citizen who sent STOP gets only the essential ones), their message
-- ids taken from the sequence in one INCRBY.
local sending = {}
first, last = list(12, 6)
for i = first, last, 6 do
  if ARGV[i + 4] == '1' or not opted_out(ARGV[i + 5]) then
    sending[#sending + 1] = i
  end
end
if #sending > 0 then
  local id = redis.call('INCRBY', KEYS[6], #sending) - #sending
  for _, i in ipairs(sending) do
    id = id + 1
    outbox_sms(KEYS[5], id, ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[2])
  end
end
local queued = #sending

if ARGV[4] ~= '' then
  remember(KEYS[7], ARGV[4], ARGV[6], ARGV[5])
end
return {'ok', version + 1, queued}
