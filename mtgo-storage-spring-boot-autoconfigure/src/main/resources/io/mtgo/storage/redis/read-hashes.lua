-- Reads several hashes of one session in one round trip (one slot, so also on Redis Cluster,
-- where a pipeline of HGETALLs would be as many commands). Writes nothing.
-- KEYS     the hashes
-- Returns one flat {field, value, ...} list per key, empty for an absent key.
local all = {}
for i = 1, #KEYS do
  all[i] = redis.call('HGETALL', KEYS[i])
end
return all
