-- Claims up to ARGV[3] deadlines due by ARGV[1] (ms) for one scheduler, atomically, so two
-- schedulers never take the same one. A claimed deadline moves from `due` to `due:claimed`
-- scored by when its lease runs out (ARGV[1] + ARGV[2]); a scheduler that dies before applying
-- it loses nothing: an expired lease puts it back in `due` here, first.
--
-- KEYS[1] due   KEYS[2] due:claimed
-- Returns the claimed members ("<no>:<kind>:<due ms>").

local now = tonumber(ARGV[1])
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)
for _, member in ipairs(expired) do
  redis.call('ZREM', KEYS[2], member)
  -- Back in `due` at its own due time, which the member carries.
  local due = tonumber(string.match(member, ':(%d+)$')) or now
  redis.call('ZADD', KEYS[1], due, member)
end

local claimed = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[3]))
local lease_until = now + tonumber(ARGV[2])
-- A ZREM and a ZADD per thousand members rather than per member (a batch is up to 10,000;
-- unpack is kept well below Lua's limit on values at once).
for from = 1, #claimed, 1000 do
  local to = math.min(from + 999, #claimed)
  local scored = {}
  for i = from, to do
    scored[#scored + 1] = lease_until
    scored[#scored + 1] = claimed[i]
  end
  redis.call('ZREM', KEYS[1], unpack(claimed, from, to))
  redis.call('ZADD', KEYS[2], unpack(scored))
end
return claimed
