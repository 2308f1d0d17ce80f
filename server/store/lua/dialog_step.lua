-- One dialog step, atomically: dedupe record + session compare-and-set + resume snapshot + the
-- case it files, if any. Called with EVALSHA by store/dialog_store.cpp. C++ builds everything
-- (session, case record, deadline, audit entry, "received" SMS: cases::FileReport); this script
-- only allocates the tracking number and writes what it is given.
--
-- KEYS[1] session hash        KEYS[2] seen (dedupe) string   KEYS[3] USSD resume snapshot
-- KEYS[4] case sequence       KEYS[5] citizen hash           KEYS[6] citizen's case list
-- KEYS[7] due (zset)          KEYS[8] case index (zset)      KEYS[9] outbox (stream)
-- KEYS[10] outbox ids           KEYS[11] cases the citizen filed today
-- KEYS[12] "told" flag of today's report budget
-- ARGV[1] expected session version (0 = must not exist)
-- ARGV[2] session data, or "" to end the conversation      ARGV[3] session TTL (s)
-- ARGV[4] node                ARGV[5] language
-- ARGV[6] reply, may hold ARGV[12] where the tracking number goes
-- ARGV[7] reply kind ("C" continue / "E" end)               ARGV[8] dedupe TTL (s)
-- ARGV[9] resume: "keep" (snapshot the session), "clear" or "none"   ARGV[10] resume TTL (s)
-- ARGV[11] opt-out change from STOP / START: "1", "0" or ""
-- ARGV[12] tracking-number placeholder    ARGV[13] case key prefix   ARGV[14] now (ms)
-- Filing (ARGV[15] = "" when the step files nothing):
-- ARGV[15] the sequence number the first candidate stands for
-- ARGV[16] candidate tracking numbers, space-separated, for that sequence number and the next
-- ARGV[17] the audit entry (JSON, pushed as is)
-- ARGV[18] deadlines: "<kind>:<due ms>" space-separated; each a `due` member behind the number
-- ARGV[19] the "received" SMS, or ""   ARGV[20] its kind   ARGV[21] its recipient
-- ARGV[22] cases a citizen may file in a day (0: no limit)   ARGV[23] seconds left of the day
-- ARGV[24]... the case hash, field and value pairs (tracking_no is added here)
--
-- Returns {"seen", stored record} | {"conflict"} | {"ok", reply, tracking number or ""} |
-- {"over", "tell" or "silent"}: the step would file one case more than the day's budget; nothing
-- is written but the flag that the citizen was told ("tell" the first time).
--
-- The case key is built here from the number allocated here, so it is not in KEYS: fine on one
-- Redis or Sentinel; Redis Cluster needs the case written by a second call (noted in DESIGN.md).

local answered = seen(KEYS[2])
if answered then
  return {'seen', answered}
end

local version = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
if version ~= tonumber(ARGV[1]) then
  return {'conflict'}
end

-- The next sequence number, as one of the candidates C++ computed with their check digits. A
-- number whose case key exists already (the counter rolled back after a crash) is skipped.
-- nil when the counter ran past the candidates: read again and redo the step.
local function allocate()
  local first = tonumber(ARGV[15])
  local candidates = {}
  for no in string.gmatch(ARGV[16], '%d+') do
    candidates[#candidates + 1] = no
  end
  while true do
    local index = redis.call('INCR', KEYS[4]) - first + 1
    local no = candidates[index]
    if index < 1 or no == nil then
      return nil
    end
    if redis.call('EXISTS', ARGV[13] .. no) == 0 then
      return no
    end
  end
end

if ARGV[15] ~= '' and tonumber(ARGV[22]) > 0 then
  local filed = tonumber(redis.call('GET', KEYS[11]) or '0')
  if filed >= tonumber(ARGV[22]) then
    if redis.call('SET', KEYS[12], '1', 'NX', 'EX', tonumber(ARGV[23])) then
      return {'over', 'tell'}
    end
    return {'over', 'silent'}
  end
end

local reply = ARGV[6]
local tracking = ''
if ARGV[15] ~= '' then
  tracking = allocate()
  if not tracking then
    return {'conflict'}
  end
end

if ARGV[11] ~= '' then
  redis.call('HSET', KEYS[5], 'opt_out', ARGV[11])
  touch_citizen(KEYS[5])
end

if tracking ~= '' then
  local case_key = ARGV[13] .. tracking
  local fields = {'tracking_no', tracking}
  for i = 24, #ARGV, 2 do
    fields[#fields + 1] = ARGV[i]
    fields[#fields + 1] = ARGV[i + 1]
  end
  redis.call('HSET', case_key, unpack(fields))
  redis.call('RPUSH', case_key .. ':log', ARGV[17])
  redis.call('ZADD', KEYS[8], ARGV[14], tracking)
  for deadline in string.gmatch(ARGV[18], '%S+') do
    local due = string.match(deadline, ':(%d+)$')
    redis.call('ZADD', KEYS[7], due, tracking .. ':' .. deadline)
  end
  redis.call('HSET', KEYS[5], 'lang', ARGV[5])
  redis.call('RPUSH', KEYS[6], tracking)
  touch_citizen(KEYS[5], KEYS[6])
  if redis.call('INCR', KEYS[11]) == 1 then
    redis.call('EXPIRE', KEYS[11], tonumber(ARGV[23]))
  end
  if ARGV[19] ~= '' and not opted_out(KEYS[5]) then
    queue_sms(KEYS[9], KEYS[10], ARGV[21], fill(ARGV[19], ARGV[12], tracking), ARGV[20], tracking,
      ARGV[14])
  end
  reply = fill(reply, ARGV[12], tracking)
end

if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
else
  redis.call('HSET', KEYS[1], 'v', version + 1, 'node', ARGV[4], 'lang', ARGV[5], 'data', ARGV[2])
  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
end

if ARGV[9] == 'keep' then
  redis.call('SET', KEYS[3], ARGV[2], 'EX', tonumber(ARGV[10]))
elseif ARGV[9] == 'clear' then
  redis.call('DEL', KEYS[3])
end

remember(KEYS[2], ARGV[7], reply, ARGV[8])
return {'ok', reply, tracking}
