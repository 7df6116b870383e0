-- Acquires a session's lease when it is absent (never taken, expired or released) or already held
-- by the same owner. The lease key holds "<token> <expiresAt> <owner>" and expires at expiresAt by
-- Redis's own clock (PXAT), so the expiry every script reports is the one stored, to the
-- millisecond; the token counter never expires, so a lease recreated after expiry still gets a
-- greater token.
-- KEYS[1] lease   KEYS[2] token counter (no TTL)
-- ARGV[1] owner   ARGV[2] ttl in ms
-- Returns {token, expiresAt in epoch ms by Redis's clock}, or {} when another owner holds it.
local held = redis.call('GET', KEYS[1])
if held and string.match(held, '^%d+ %d+ (.*)$') ~= ARGV[1] then
    return {}
end
local token = redis.call('INCR', KEYS[2])
local time = redis.call('TIME')
local expiresAt = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) + tonumber(ARGV[2])
redis.call('SET', KEYS[1], string.format('%d %d %s', token, expiresAt, ARGV[1]), 'PXAT', string.format('%d', expiresAt))
return {token, expiresAt}
