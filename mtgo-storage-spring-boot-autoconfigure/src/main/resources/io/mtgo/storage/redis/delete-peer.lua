-- Deletes one peer, frees its username and takes it out of the peer index, atomically.
-- KEYS[1]  the peer hash, KEYS[2] the username hash, KEYS[3] the peer index
-- ARGV[1]  name of the username field, ARGV[2] the peer's marked id
-- Returns the number of peer hashes deleted (0 or 1).
redis.call('HLEN', KEYS[2])
redis.call('ZSCORE', KEYS[3], ARGV[2])
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old then
  -- ASCII usernames only (see save-peers.lua), so lower() matches Java's index key.
  local name = string.lower(old)
  if redis.call('HGET', KEYS[2], name) == ARGV[2] then
    redis.call('HDEL', KEYS[2], name)
  end
end
redis.call('ZREM', KEYS[3], ARGV[2])
return redis.call('DEL', KEYS[1])
