-- One dialog step, atomically: dedupe record + session compare-and-set + resume snapshot + the
-- case it files, if any. Called with EVALSHA by store/dialog_store.cpp.
--
-- KEYS[1] session hash        KEYS[2] seen (dedupe) string   KEYS[3] USSD resume snapshot
-- KEYS[4] case sequence       KEYS[5] citizen hash           KEYS[6] citizen's case list
-- ARGV[1] expected session version (0 = must not exist)
-- ARGV[2] session JSON, or "" to end the conversation      ARGV[3] session TTL (s)
-- ARGV[4] node                ARGV[5] language
-- ARGV[6] reply, may hold ARGV[12] where the tracking number goes; stored behind a 1-char kind
-- ARGV[7] reply kind ("C" continue / "E" end)               ARGV[8] dedupe TTL (s)
-- ARGV[9] resume: "keep" (snapshot the session), "clear" or "none"   ARGV[10] resume TTL (s)
-- ARGV[11] case fields as a JSON object, or "" when nothing is filed
-- ARGV[12] tracking-number placeholder   ARGV[13] now (ms)   ARGV[14] case key prefix
-- ARGV[15] the filed case's verify deadline (ms), or ""   ARGV[16] the "received" SMS, or ""
-- ARGV[17] opt-out change from STOP / START: "1", "0" or ""
-- KEYS[7] due (zset)   KEYS[8] case index (zset)   KEYS[9] outbox (stream)   KEYS[10] outbox ids
--
-- Returns {"seen", stored reply} | {"conflict"} | {"ok", reply, tracking number or ""}.
--
-- The case key is built here from the number allocated here, so it is not in KEYS: fine on one
-- Redis or Sentinel; Redis Cluster needs the case written by a second call (noted in DESIGN.md).

local seen = redis.call('GET', KEYS[2])
if seen then
  return {'seen', seen}
end

local version = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
if version ~= tonumber(ARGV[1]) then
  return {'conflict'}
end

local placeholder = ARGV[12]
local tracking = ''

-- Plain find/replace of the placeholder (it holds pattern characters).
local function fill(text)
  local out, from = {}, 1
  while true do
    local s, e = string.find(text, placeholder, from, true)
    if not s then break end
    out[#out + 1] = string.sub(text, from, s - 1)
    out[#out + 1] = tracking
    from = e + 1
  end
  out[#out + 1] = string.sub(text, from)
  return table.concat(out)
end

if ARGV[17] ~= '' then
  redis.call('HSET', KEYS[5], 'opt_out', ARGV[17])
end

local reply = ARGV[6]
if ARGV[11] ~= '' then
  -- Damm check digit: catches every single wrong digit and every swap of neighbours, so a
  -- mistyped CEK number is refused instead of showing someone else's case.
  local damm = {
    {0, 3, 1, 7, 5, 9, 8, 6, 4, 2}, {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
    {4, 2, 0, 6, 8, 7, 1, 3, 5, 9}, {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
    {6, 1, 2, 3, 0, 4, 5, 9, 7, 8}, {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
    {5, 8, 6, 9, 7, 2, 0, 1, 3, 4}, {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
    {9, 4, 3, 8, 6, 1, 7, 2, 0, 5}, {2, 5, 8, 1, 4, 3, 6, 7, 9, 0}}
  local seq = redis.call('INCR', KEYS[4])
  if seq > 9999999 then
    return redis.error_reply('case numbers exhausted')
  end
  local digits = string.format('%07d', seq)
  local interim = 0
  for i = 1, #digits do
    interim = damm[interim + 1][tonumber(string.sub(digits, i, i)) + 1]
  end
  tracking = digits .. interim

  local case_key = ARGV[14] .. tracking
  local fields = cjson.decode(ARGV[11])
  local flat = {'tracking_no', tracking}
  for k, v in pairs(fields) do
    flat[#flat + 1] = k
    flat[#flat + 1] = tostring(v)
  end
  redis.call('HSET', case_key, unpack(flat))
  redis.call('RPUSH', case_key .. ':log',
    cjson.encode({at = tonumber(ARGV[13]), actor = 'citizen', action = 'submit', from = '',
                  to = fields['status'], note = fields['channel']}))
  redis.call('HSET', KEYS[5], 'lang', ARGV[5])
  redis.call('RPUSH', KEYS[6], tracking)

  redis.call('ZADD', KEYS[8], ARGV[13], tracking)
  if ARGV[15] ~= '' then
    redis.call('HSET', case_key, 'due_verify_by', ARGV[15])
    redis.call('ZADD', KEYS[7], ARGV[15], tracking .. ':verify_by:' .. ARGV[15])
  end
  if ARGV[16] ~= '' and redis.call('HGET', KEYS[5], 'opt_out') ~= '1' then
    local id = redis.call('INCR', KEYS[10])
    redis.call('XADD', KEYS[9], '*', 'id', tostring(id), 'to', fields['phone'],
      'text', fill(ARGV[16]), 'kind', 'notice.received', 'case', tracking, 'attempt', '0',
      'queued_at', ARGV[13])
  end
  reply = fill(reply)
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

redis.call('SET', KEYS[2], ARGV[7] .. reply, 'EX', tonumber(ARGV[8]))
return {'ok', reply, tracking}
