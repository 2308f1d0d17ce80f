-- Counts one inbound message against the sender's number and the address it came through, in
-- fixed windows, before anything else of the message is read or written.
-- Called with EVALSHA by store/budget_store.cpp.
--
-- KEYS[1] the number's counter for this window   KEYS[2] "told" flag of that window
-- KEYS[3] the address's counter for its window
-- ARGV[1] messages a number may send in a window   ARGV[2] the window (s)
-- ARGV[3] requests an address may make in its window (0: the address is not counted)
-- ARGV[4] that window (s)
--
-- Returns 'ok'; 'tell' the first time a number is over its budget in a window (answer it once,
-- politely); 'silent' after that, and whenever the address is over its budget (no answer that
-- costs an SMS: a forger cycling numbers through one address gets nobody texted).

local function count(key, ttl)
  local n = redis.call('INCR', key)
  if n == 1 then
    redis.call('EXPIRE', key, ttl)
  end
  return n
end

if tonumber(ARGV[3]) > 0 and count(KEYS[3], tonumber(ARGV[4])) > tonumber(ARGV[3]) then
  return 'silent'
end
if count(KEYS[1], tonumber(ARGV[2])) <= tonumber(ARGV[1]) then
  return 'ok'
end
if redis.call('SET', KEYS[2], '1', 'NX', 'EX', tonumber(ARGV[2])) then
  return 'tell'
end
return 'silent'
