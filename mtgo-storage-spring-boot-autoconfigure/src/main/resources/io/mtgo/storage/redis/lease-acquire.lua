-- Acquires a session's lease when it is absent (never taken, expired or released) or already held
-- by the same owner. The lease key expires by Redis's own clock (PX); the token counter never
-- expires, so a lease recreated after expiry still gets a greater token.
-- KEYS[1] lease (string "<token> <owner>", with a TTL)   KEYS[2] token counter (no TTL)
-- ARGV[1] owner   ARGV[2] ttl in ms
-- Returns {token, expiresAt in epoch ms by Redis's clock}, or {} when another owner holds it.
local held = redis.call('GET', KEYS[1])
if held and string.match(held, '^%d+ (.*)$') ~= ARGV[1] then
    return {}
end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], token .. ' ' .. ARGV[1], 'PX', ARGV[2])
local time = redis.call('TIME')
return {token, tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) + tonumber(ARGV[2])}
