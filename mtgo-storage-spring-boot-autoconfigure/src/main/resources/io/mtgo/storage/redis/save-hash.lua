-- Writes a whole record hash and, when an index is given, lists it there, atomically. The new fields are
-- written first and only the fields that became absent are removed afterwards, so the record is
-- never missing, not even inside the script (see save-peers.lua).
-- KEYS[1]  the hash, KEYS[2] (optional) the index: a sorted set whose member is scored by the
--          record's expiry (epoch ms of the server, 0 for none)
-- ARGV[1]  time to live in ms, "0" for none
-- ARGV[2]  the member of the record in the index
-- ARGV[3]  a field that keeps its stored value when there is one ("" for none): a conversation's
--          creation time
-- ARGV[4 ..] field/value pairs (at least one)
local index = KEYS[2]
if index then
  redis.call('ZSCORE', index, ARGV[2])
end
local keep = nil
if ARGV[3] ~= '' then
  keep = redis.call('HGET', KEYS[1], ARGV[3])
end
local written = {}
for f = 4, #ARGV, 2 do
  written[ARGV[f]] = true
end
redis.call('HSET', KEYS[1], unpack(ARGV, 4))
if keep then
  redis.call('HSET', KEYS[1], ARGV[3], keep)
end
local absent = {}
for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
  if not written[field] then
    absent[#absent + 1] = field
  end
end
if #absent > 0 then
  redis.call('HDEL', KEYS[1], unpack(absent))
end
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local ttl = tonumber(ARGV[1])
local expiry = 0
if ttl > 0 then
  expiry = nowMs + ttl
  redis.call('PEXPIRE', KEYS[1], ttl)
else
  redis.call('PERSIST', KEYS[1])
end
if index then
  redis.call('ZADD', index, expiry, ARGV[2])
  -- Members of expired records leave the index a few at a time: bounded work per call.
  local expired = redis.call('ZRANGEBYSCORE', index, 1, nowMs, 'LIMIT', 0, 64)
  if #expired > 0 then
    redis.call('ZREM', index, unpack(expired))
  end
  if ttl > 0 then
    redis.call('PEXPIRE', index, ttl)
  end
end
return 1
