-- Replaces a whole hash atomically, so a reader never sees old and new fields mixed.
-- KEYS[1]  the hash
-- ARGV[1]  time to live in ms, "0" for none
-- ARGV[2]  a field that keeps its stored value when there is one ("" for none): a conversation's
--          creation time
-- ARGV[3 ..] field/value pairs (at least one)
local kept = nil
if ARGV[2] ~= '' then
  kept = redis.call('HGET', KEYS[1], ARGV[2])
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
if kept then
  redis.call('HSET', KEYS[1], ARGV[2], kept)
end
local ttl = tonumber(ARGV[1])
if ttl > 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
end
return 1
