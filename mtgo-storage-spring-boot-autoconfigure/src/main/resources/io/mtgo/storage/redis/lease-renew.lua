-- Extends a lease that is still held, by exactly this owner and token.
-- KEYS[1] lease   ARGV[1] "<token> <owner>"   ARGV[2] ttl in ms
-- Returns the new expiry in epoch ms by Redis's clock, or 0 when the lease is no longer this one.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
    return 0
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
local time = redis.call('TIME')
return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) + tonumber(ARGV[2])
