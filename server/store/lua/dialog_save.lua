-- Stores a checked dialog as a new version and its history entry, atomically. It is not active
-- until dialog_activate.lua makes it so. Called with EVALSHA by store/dialog_version_store.cpp.
--
-- KEYS[1] dlg:seq   KEYS[2] dlg:docs   KEYS[3] dlg:history
-- ARGV[1] {"dialog", "author", "note", "at"} (JSON, stored as given: cjson would turn an empty
-- array into an object)   ARGV[2] author   ARGV[3] note   ARGV[4] at (ms)
--
-- Returns the new version.

local version = redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], version, ARGV[1])
redis.call('LPUSH', KEYS[3], cjson.encode({
  version = version, action = 'save', author = ARGV[2], note = ARGV[3], at = tonumber(ARGV[4])}))
redis.call('LTRIM', KEYS[3], 0, 9999)
return version
