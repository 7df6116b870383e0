-- Deletes one peer and frees its username, atomically.
-- KEYS[1]  the peer hash
-- ARGV[1]  prefix of username keys, ARGV[2] name of the username field, ARGV[3] the peer id
-- Returns the number of peer hashes deleted (0 or 1).
local old = redis.call('HGET', KEYS[1], ARGV[2])
if old then
  -- ASCII usernames only (see save-peers.lua), so lower() matches Java's index key.
  local nameKey = ARGV[1] .. string.lower(old)
  if redis.call('GET', nameKey) == ARGV[3] then
    redis.call('DEL', nameKey)
  end
end
return redis.call('DEL', KEYS[1])
