-- Deletes records of one session and takes them out of their index, atomically.
-- KEYS[1]  the index (a sorted set), KEYS[2 ..] the records' keys
-- ARGV     the records' members in the index, in the order of KEYS[2 ..]
-- Returns the number of record keys deleted.
redis.call('ZCARD', KEYS[1])
redis.call('ZREM', KEYS[1], unpack(ARGV))
return redis.call('UNLINK', unpack(KEYS, 2))
