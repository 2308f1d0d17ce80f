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

-- Whether the citizen of `citizen_key` sent STOP: no notices but the essential ones.
local function opted_out(citizen_key)
  return citizen_key ~= '' and redis.call('HGET', citizen_key, 'opt_out') == '1'
end

-- Queues one SMS on an outbox stream (the notices, or the replies lane) with a new message id;
-- the fields the sender reads (store/outbox_records.cpp). `via`, when given, names the gateway
-- that must send it (a reply goes back the way the citizen wrote). Returns the id.
local function queue_sms(stream, sequence, to, text, kind, case_no, now, via)
  local id = redis.call('INCR', sequence)
  local fields = {'id', tostring(id), 'to', to, 'text', text, 'kind', kind, 'case', case_no,
    'attempt', '0', 'queued_at', now}
  if via ~= nil and via ~= '' then
    fields[#fields + 1] = 'via'
    fields[#fields + 1] = via
  end
  redis.call('XADD', stream, '*', unpack(fields))
  return id
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
