-- Takes `cost` tokens from a gateway's send-rate bucket, shared by every sender of every
-- instance; Redis's own clock keeps time, so instances whose clocks differ still agree.
-- Called with EVALSHA by store/send_rate_store.cpp.
--
-- KEYS[1] the bucket (hash: tokens, at = microseconds of the last change)
-- ARGV[1] tokens a second   ARGV[2] the bucket's size (burst)   ARGV[3] cost
--
-- Returns 0 when the tokens were taken, else the milliseconds until they could be (nothing is
-- taken then: the caller waits and asks again). A cost above the bucket's size counts as a full
-- bucket, so a long message waits for it rather than forever.

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local rate = tonumber(ARGV[1])
local size = tonumber(ARGV[2])
local cost = math.min(tonumber(ARGV[3]), size)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or size
local at = tonumber(state[2]) or now
if now > at then
  tokens = math.min(size, tokens + (now - at) * rate / 1000000)
end
local wait = 0
if tokens >= cost then
  tokens = tokens - cost
else
  wait = math.ceil((cost - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'at',
  string.format('%.0f', math.max(now, at)))
redis.call('PEXPIRE', KEYS[1], math.ceil(size * 1000 / rate) + 60000)
return wait
