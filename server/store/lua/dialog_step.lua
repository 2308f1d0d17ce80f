-- One dialog step, atomically: dedupe + session compare-and-set + the case it files, if any.
-- Called with EVALSHA by store/dialog_store.cpp. C++ builds everything (session, case record,
-- deadline, audit entry, "received" SMS: cases::FileReport); this script only allocates the
-- tracking number and writes what it is given.
--
-- Two kinds of conversation (ARGV[9]):
-- "sms":  KEYS[1] is the session hash (v, node, lang, data) and KEYS[2] the message's dedupe
--         record (a string, store/dedupe_record.hpp).
-- "ussd": KEYS[1] is the citizen's USSD state, one string (dialog/ussd_state.hpp) holding the
--         version, the message last answered and the session; ARGV[2] is the whole new state
--         and ARGV[10] the message's UssdShortId. KEYS[2] is KEYS[1] again, when given.
--
-- A step that files nothing sends only the keys and arguments it uses (most steps: Redis reads
-- every argument into Lua, so an unused one costs on each call): KEYS[1] (and KEYS[2] for SMS;
-- up to KEYS[4] with an opt-out change) and ARGV[1..11]. A filing step sends them all.
-- KEYS[3] case sequence        KEYS[4] citizen hash           KEYS[5] citizen's case list
-- KEYS[6] due (zset)           KEYS[7] case index (zset)      KEYS[8] outbox (stream)
-- KEYS[9] outbox ids           KEYS[10] cases the citizen filed today
-- KEYS[11] "told" flag of today's report budget
-- ARGV[1] expected session version (0 = must not exist)
-- ARGV[2] sms: session data, or "" to end the conversation; ussd: the new state
-- ARGV[3] session TTL (s)     ARGV[4] node                ARGV[5] language
-- ARGV[6] reply, may hold ARGV[12] where the tracking number goes; "" for a USSD step that
--         files nothing (nothing to fill in, nothing to remember)
-- ARGV[7] reply kind ("C" continue / "E" end)               ARGV[8] dedupe TTL (s)
-- ARGV[9] "sms" or "ussd"     ARGV[10] ussd: the message's UssdShortId
-- ARGV[11] opt-out change from STOP / START: "1", "0" or ""
-- Filing (absent when the step files nothing):
-- ARGV[12] tracking-number placeholder    ARGV[13] case key prefix   ARGV[14] now (ms)
-- ARGV[15] the sequence number the first candidate stands for
-- ARGV[16] candidate tracking numbers, space-separated, for that sequence number and the next
-- ARGV[17] the audit entry (JSON, pushed as is)
-- ARGV[18] deadlines: "<kind>:<due ms>" space-separated; each a `due` member behind the number
-- ARGV[19] the "received" SMS, or ""   ARGV[20] its kind   ARGV[21] its recipient
-- ARGV[22] cases a citizen may file in a day (0: no limit)   ARGV[23] seconds left of the day
-- ARGV[24]... the case hash, field and value pairs (tracking_no is added here)
--
-- Returns {"seen", stored record} (sms) | {"seen"} (ussd: read the state again for the answer) |
-- {"conflict"} | {"ok"} (nothing filed: the reply is the one given) |
-- {"ok", reply, tracking number} (filed: the reply with the number in it) |
-- {"over", "tell" or "silent"}: the step would file one case more than the day's budget; nothing
-- is written but the flag that the citizen was told ("tell" the first time).
--
-- The case key is built here from the number allocated here, so it is not in KEYS: fine on one
-- Redis or Sentinel; Redis Cluster needs the case written by a second call (noted in DESIGN.md).

local ussd = ARGV[9] == 'ussd'
local filing = ARGV[12] ~= nil
local version
if ussd then
  -- "U1 <version> <call> <seen> ...": the version and the message last answered.
  local stored = redis.call('GET', KEYS[1])
  local seen_id
  version = 0
  if stored then
    local head
    head, seen_id = string.match(stored, '^U1 (%d+) %S+ (%S+) ')
    version = tonumber(head)
  end
  if seen_id == ARGV[10] then
    return {'seen'}
  end
else
  local answered = seen(KEYS[2])
  if answered then
    return {'seen', answered}
  end
  version = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
end
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
    local index = redis.call('INCR', KEYS[3]) - first + 1
    local no = candidates[index]
    if index < 1 or no == nil then
      return nil
    end
    if redis.call('EXISTS', ARGV[13] .. no) == 0 then
      return no
    end
  end
end

if filing and tonumber(ARGV[22]) > 0 then
  local filed = tonumber(redis.call('GET', KEYS[10]) or '0')
  if filed >= tonumber(ARGV[22]) then
    if redis.call('SET', KEYS[11], '1', 'NX', 'EX', tonumber(ARGV[23])) then
      return {'over', 'tell'}
    end
    return {'over', 'silent'}
  end
end

local reply = ARGV[6]
local tracking = ''
if filing then
  tracking = allocate()
  if not tracking then
    return {'conflict'}
  end
end

if ARGV[11] ~= '' then
  redis.call('HSET', KEYS[4], 'opt_out', ARGV[11])
  touch_citizen(KEYS[4])
end

if filing then
  local case_key = ARGV[13] .. tracking
  redis.call('HSET', case_key, 'tracking_no', tracking, unpack(ARGV, 24))
  redis.call('RPUSH', case_key .. ':log', ARGV[17])
  redis.call('ZADD', KEYS[7], ARGV[14], tracking)
  for deadline in string.gmatch(ARGV[18], '%S+') do
    local due = string.match(deadline, ':(%d+)$')
    redis.call('ZADD', KEYS[6], due, tracking .. ':' .. deadline)
  end
  redis.call('HSET', KEYS[4], 'lang', ARGV[5])
  redis.call('RPUSH', KEYS[5], tracking)
  touch_citizen(KEYS[4], KEYS[5])
  if redis.call('INCR', KEYS[10]) == 1 then
    redis.call('EXPIRE', KEYS[10], tonumber(ARGV[23]))
  end
  if ARGV[19] ~= '' and not opted_out(KEYS[4]) then
    queue_sms(KEYS[8], KEYS[9], ARGV[21], fill(ARGV[19], ARGV[12], tracking), ARGV[20], tracking,
      ARGV[14])
  end
  reply = fill(reply, ARGV[12], tracking)
end

if ussd then
  local state = ARGV[2]
  if filing then
    state = fill(state, ARGV[12], tracking)
  end
  redis.call('SET', KEYS[1], state, 'EX', tonumber(ARGV[3]))
  return filing and {'ok', reply, tracking} or {'ok'}
end

if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
else
  redis.call('HSET', KEYS[1], 'v', version + 1, 'node', ARGV[4], 'lang', ARGV[5], 'data', ARGV[2])
  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
end

remember(KEYS[2], ARGV[7], reply, ARGV[8])
return filing and {'ok', reply, tracking} or {'ok'}
