-- Ends a lease that is still held, by exactly this owner and token; the token counter stays.
-- KEYS[1] lease   ARGV[1] "<token> <owner>"
-- Returns 1 when released, 0 when the lease is no longer this one.
local token, owner = string.match(redis.call('GET', KEYS[1]) or '', '^(%d+) %d+ (.*)$')
if not token or token .. ' ' .. owner ~= ARGV[1] then
    return 0
end
redis.call('DEL', KEYS[1])
return 1
