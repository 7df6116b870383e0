-- Reads a lease and the expiry stored with it.
-- KEYS[1] lease
-- Returns {"<token> <owner>", expiresAt in epoch ms by Redis's clock}, or {} when nobody holds it.
local token, expiresAt, owner = string.match(redis.call('GET', KEYS[1]) or '', '^(%d+) (%d+) (.*)$')
if not token then
    return {}
end
return {token .. ' ' .. owner, tonumber(expiresAt)}
