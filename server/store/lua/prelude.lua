-- The prelude: what several scripts of server/store/lua/ do, written once. store/lua_library.cpp
-- puts it in front of each script. Only local functions here.

-- The dedupe record of a provider's message id: the reply given, behind one kind letter ('C' the
-- conversation went on, 'E' it ended); store/dedupe_record.cpp reads and writes the same form.
local function seen(key)
  return redis.call('GET', key)
end

local function remember(key, kind, reply, ttl_s)
  redis.call('SET', key, kind .. reply, 'EX', tonumber(ttl_s))
end

-- A citizen's record (language, STOP) and list of case numbers are kept this long after the
-- citizen was last heard of (a report, STOP or START), then forgotten: they hold nothing a case
-- needs (each case keeps its own number and language).
local CITIZEN_TTL_S = 400 * 24 * 3600

local function touch_citizen(...)
  for _, key in ipairs({...}) do
    redis.call('EXPIRE', key, CITIZEN_TTL_S)
  end
end

-- Whether the citizen of `citizen_key` sent STOP: no notices but the essential ones.
local function opted_out(citizen_key)
  return citizen_key ~= '' and redis.call('HGET', citizen_key, 'opt_out') == '1'
end

-- The outbox stream keeps at most about this many entries: with no sender running for long, the
-- oldest are trimmed rather than Redis running out of memory (store/outbox_store.cpp counts
-- them, from XAUTOCLAIM's deleted ids, in lapor1708_outbox_trimmed_total).
local OUTBOX_MAXLEN = 200000

-- Adds one entry (a flat list of field, value) to an outbox stream.
local function outbox_add(stream, fields)
  redis.call('XADD', stream, 'MAXLEN', '~', OUTBOX_MAXLEN, '*', unpack(fields))
end

-- Adds one SMS to an outbox stream (the notices, or the replies lane) under message id `id`
-- (from the stream's sequence); the fields the sender reads (store/outbox_records.cpp). `via`,
-- when given, names the gateway that must send it (a reply goes back the way the citizen wrote).
local function outbox_sms(stream, id, to, text, kind, case_no, now, via)
  local fields = {'id', string.format('%d', id), 'to', to, 'text', text, 'kind', kind,
    'case', case_no, 'attempt', '0', 'queued_at', now}
  if via ~= nil and via ~= '' then
    fields[#fields + 1] = 'via'
    fields[#fields + 1] = via
  end
  outbox_add(stream, fields)
end

-- Queues one SMS with a new message id (outbox_sms); returns the id.
local function queue_sms(stream, sequence, to, text, kind, case_no, now, via)
  local id = redis.call('INCR', sequence)
  outbox_sms(stream, id, to, text, kind, case_no, now, via)
  return id
end

-- The fields of an outbox message kept as JSON (a retry or a dead letter), in stream order, and
-- the decoded message; nil when it cannot be read. `attempt` overrides the one kept.
local function message_fields(json, attempt)
  local ok, message = pcall(cjson.decode, json)
  if not ok or type(message) ~= 'table' then
    return nil
  end
  local fields = {}
  for _, name in ipairs({'id', 'to', 'text', 'kind', 'case', 'attempt', 'queued_at', 'via',
                         'parts'}) do
    local value = message[name]
    if name == 'attempt' and attempt then
      value = attempt
    end
    if type(value) == 'number' then
      value = string.format('%d', value)
    end
    if type(value) == 'string' and value ~= '' then
      fields[#fields + 1] = name
      fields[#fields + 1] = value
    end
  end
  if #fields == 0 then
    return nil
  end
  return fields, message
end

-- `text` with every `placeholder` replaced by `value`, plainly (the placeholder holds pattern
-- characters).
local function fill(text, placeholder, value)
  local out, from = {}, 1
  while true do
    local s, e = string.find(text, placeholder, from, true)
    if not s then break end
    out[#out + 1] = string.sub(text, from, s - 1)
    out[#out + 1] = value
    from = e + 1
  end
  out[#out + 1] = string.sub(text, from)
  return table.concat(out)
end
