-- Saves template edits as one new version: every text set and its history entry, atomically, so
-- an instance that sees the new version finds every text of it. Called with EVALSHA by
-- store/template_store.cpp.
--
-- KEYS[1] tpl:version   KEYS[2] tpl:history   KEYS[3..] tpl:<lang>, one per language
-- ARGV[1] {"author", "note", "at", "changes": [{"lang", "key", "text"}]} (JSON)
-- ARGV[2..] the languages of KEYS[3..], in the same order
--
-- Returns the new version.

local edit = cjson.decode(ARGV[1])
local texts_of = {}
for i = 3, #KEYS do
  texts_of[ARGV[i - 1]] = KEYS[i]
end
local version = redis.call('INCR', KEYS[1])
for _, change in ipairs(edit.changes) do
  redis.call('HSET', texts_of[change.lang], change.key, change.text)
  redis.call('LPUSH', KEYS[2], cjson.encode({
    version = version, lang = change.lang, key = change.key, text = change.text,
    author = edit.author, note = edit.note, at = edit.at}))
end
-- The history is for people to read and roll back to; a bound keeps it from growing forever.
local HISTORY_MAX = 10000
redis.call('LTRIM', KEYS[2], 0, HISTORY_MAX - 1)
return version
