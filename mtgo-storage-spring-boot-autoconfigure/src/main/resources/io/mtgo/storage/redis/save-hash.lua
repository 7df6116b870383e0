-- Writes a whole record hash and, when an index is given, lists it there, atomically. The new fields are
-- written first and only the fields that became absent are removed afterwards, so the record is
-- never missing, not even inside the script (see save-peers.lua).
-- KEYS[1]  the hash
-- KEYS[2]  the index, only when ARGV[2] names a member: a sorted set whose member is scored by the
--          record's expiry (epoch ms of the server, 0 for none)
-- last key the session registry, only when ARGV[4] names a member. Only ever declared on a single
--          Redis server: the registry lies in another slot than the session's keys, so Java never
--          sends it here to a Redis Cluster (see RedisSessionRegistry)
-- ARGV[1]  time to live in ms, "0" for none
-- ARGV[2]  the member of the record in the index, "" for no index
-- ARGV[3]  a field that keeps its stored value when there is one ("" for none): a conversation's
--          creation time; it must be one of the written fields
-- ARGV[4]  the member of the session in the registry, "" for none
-- ARGV[5 ..] field/value pairs (at least one)
local index = (ARGV[2] ~= '') and KEYS[2] or nil
local registry = (ARGV[4] ~= '') and KEYS[#KEYS] or nil
local ttl = tonumber(ARGV[1])

-- Redis does not roll back a script that fails half-way: the sorted sets are read before the first
-- write, so that a key of the wrong type fails the call while nothing is written yet.
if index then
  redis.call('ZSCORE', index, ARGV[2])
end
local listed = false
if registry then
  listed = redis.call('ZSCORE', registry, ARGV[4])
end
local keep = nil
if ARGV[3] ~= '' then
  keep = redis.call('HGET', KEYS[1], ARGV[3])
end
local added = redis.call('HSET', KEYS[1], unpack(ARGV, 5))
if keep then
  redis.call('HSET', KEYS[1], ARGV[3], keep)
end
-- The hash now holds every written field, so it holds exactly those when it has as many: the common
-- case (the record keeps its shape) needs no list of the stored fields.
local fieldCount = (#ARGV - 4) / 2
local size = redis.call('HLEN', KEYS[1])
if size > fieldCount then
  local written = {}
  for f = 5, #ARGV, 2 do
    written[ARGV[f]] = true
  end
  local absent = {}
  for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
    if not written[field] then
      absent[#absent + 1] = field
    end
  end
  redis.call('HDEL', KEYS[1], unpack(absent))
end
if ttl > 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
elseif size > added then
  -- It held fields before this call, so it may carry a time to live from an earlier save.
  redis.call('PERSIST', KEYS[1])
end
if index then
  local now = redis.call('TIME')
  local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
  local expiry = 0
  if ttl > 0 then
    expiry = nowMs + ttl
  end
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
if registry and not listed then
  redis.call('ZADD', registry, 0, ARGV[4])
end
return 1
