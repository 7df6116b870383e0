-- Ends a lease that is still held, by exactly this owner and token; the token counter stays.
-- KEYS[1] lease   ARGV[1] "<token> <owner>"
-- Returns 1 when released, 0 when the lease is no longer this one.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
    return 0
end
redis.call('DEL', KEYS[1])
return 1
