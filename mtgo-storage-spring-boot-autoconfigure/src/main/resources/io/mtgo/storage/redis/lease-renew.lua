-- Extends a lease that is still held, by exactly this owner and token.
-- KEYS[1] lease   ARGV[1] "<token> <owner>"   ARGV[2] ttl in ms
-- Returns the new expiry in epoch ms by Redis's clock, or 0 when the lease is no longer this one.
local token, owner = string.match(redis.call('GET', KEYS[1]) or '', '^(%d+) %d+ (.*)$')
if not token or token .. ' ' .. owner ~= ARGV[1] then
    return 0
end
local time = redis.call('TIME')
local expiresAt = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) + tonumber(ARGV[2])
redis.call('SET', KEYS[1], string.format('%s %d %s', token, expiresAt, owner), 'PXAT', string.format('%d', expiresAt))
return expiresAt
