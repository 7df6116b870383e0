-- Reads a lease and its expiry in one step, so that both come from the same moment.
-- KEYS[1] lease
-- Returns {"<token> <owner>", expiresAt in epoch ms by Redis's clock}, or {} when nobody holds it.
local held = redis.call('GET', KEYS[1])
if not held then
    return {}
end
local ttl = redis.call('PTTL', KEYS[1])
local time = redis.call('TIME')
return {held, tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) + ttl}
