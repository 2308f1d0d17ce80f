-- Makes a stored dialog version (0: as shipped) the one new sessions start on, remembers it
-- among the versions recently active (sessions in flight may still be on them) and writes the
-- history entry, atomically. Called with EVALSHA by store/dialog_version_store.cpp.
--
-- KEYS[1] dlg:docs   KEYS[2] dlg:active   KEYS[3] dlg:recent   KEYS[4] dlg:history
-- ARGV[1] version   ARGV[2] action ('activate' | 'rollback')   ARGV[3] author   ARGV[4] note
-- ARGV[5] at (ms)   ARGV[6] how many versions dlg:recent keeps
--
-- Returns the version, or -1 when no such version is stored.

local version = ARGV[1]
if version ~= '0' and redis.call('HEXISTS', KEYS[1], version) == 0 then
  return -1
end
redis.call('SET', KEYS[2], version)
redis.call('LREM', KEYS[3], 0, version)
redis.call('LPUSH', KEYS[3], version)
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[6]) - 1)
redis.call('LPUSH', KEYS[4], cjson.encode({
  version = tonumber(version), action = ARGV[2], author = ARGV[3], note = ARGV[4],
  at = tonumber(ARGV[5])}))
redis.call('LTRIM', KEYS[4], 0, 9999)
return tonumber(version)
