-- Reads the peer holding a username in one atomic step, so a concurrent rename can never pair
-- the index entry with another peer's record.
-- KEYS[1]  the username key
-- ARGV[1]  prefix of peer keys
-- Returns {} when nobody holds it, else {id, field1, value1, ...} (only the id when the peer
-- hash is gone).
local id = redis.call('GET', KEYS[1])
if not id then
  return {}
end
local fields = redis.call('HGETALL', ARGV[1] .. id)
table.insert(fields, 1, id)
return fields
