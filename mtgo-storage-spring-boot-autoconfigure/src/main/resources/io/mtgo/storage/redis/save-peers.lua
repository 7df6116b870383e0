-- Saves the peers of one session atomically and in order, keeping the username index
-- (one key per username, holding the id of the peer that has it) consistent.
--
-- The min-peer rule is not here: Java merged each min peer with the stored one (PeerMerge).
-- Such a merge is only right while the stored credential fields are what Java read, so each
-- merged peer is "guarded": when any guarded peer's fields changed since, nothing is written
-- and 0 is returned, and Java reads, merges and tries again (optimistic check-and-set).
--
-- KEYS     the peer hash of each peer, in save order (all in the session's hash-tag slot)
-- ARGV[1]  prefix of peer keys (the id follows)
-- ARGV[2]  prefix of username keys (the lower-case username follows)
-- ARGV[3]  time to live of peers and their usernames in ms, "0" for none
-- ARGV[4]  name of the username field of a peer hash
-- ARGV[5]  number g of guarded credential fields, then their names in ARGV[6 .. 5+g]
-- then, per peer: id, username key ("" for none), "1" when guarded else "0",
--   g expected values ("" for absent; ignored unless guarded), field count n, n field/value pairs
-- Returns 1 when saved, 0 on a guard conflict.
local peerPrefix, namePrefix, ttl, usernameField = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]
local guardCount = tonumber(ARGV[5])
local guardFields = {}
for j = 1, guardCount do
  guardFields[j] = ARGV[5 + j]
end

local peers = {}
local at = 6 + guardCount
for i = 1, #KEYS do
  local peer = { key = KEYS[i], id = ARGV[at], name = ARGV[at + 1], guarded = ARGV[at + 2] == '1', expected = at + 3 }
  local fieldCount = tonumber(ARGV[at + 3 + guardCount])
  peer.first = at + 4 + guardCount
  peer.last = peer.first + 2 * fieldCount - 1
  peers[i] = peer
  at = peer.last + 1
end

-- Redis does not roll back a script that fails half-way, so every command that could fail
-- (WRONGTYPE on a key planted by someone else) runs here, before the first write. The writes
-- below touch no key that is not read here first (or overwritten whatever its type).
for _, peer in ipairs(peers) do
  if peer.guarded then
    local current = redis.call('HMGET', peer.key, unpack(guardFields))
    for j = 1, guardCount do
      if (current[j] or '') ~= ARGV[peer.expected + j - 1] then
        return 0
      end
    end
  end
  local old = redis.call('HGET', peer.key, usernameField)
  if old then
    redis.call('GET', namePrefix .. string.lower(old))
  end
  if peer.name ~= '' then
    local holder = redis.call('GET', namePrefix .. peer.name)
    if holder then
      redis.call('HGET', peerPrefix .. holder, usernameField)
    end
  end
end

for _, peer in ipairs(peers) do
  -- Usernames are ASCII letters, digits and '_' (Usernames validates them), so Lua's lower()
  -- gives exactly the index key Java computed when the name was saved.
  local old = redis.call('HGET', peer.key, usernameField)
  if old then
    local oldName = string.lower(old)
    if oldName ~= peer.name then
      local oldKey = namePrefix .. oldName
      if redis.call('GET', oldKey) == peer.id then
        redis.call('DEL', oldKey)
      end
    end
  end
  if peer.name ~= '' then
    local nameKey = namePrefix .. peer.name
    local holder = redis.call('GET', nameKey)
    if holder and holder ~= peer.id then
      -- The previous holder keeps everything but this username.
      local holderKey = peerPrefix .. holder
      local held = redis.call('HGET', holderKey, usernameField)
      if held and string.lower(held) == peer.name then
        redis.call('HDEL', holderKey, usernameField)
      end
    end
    if ttl > 0 then
      redis.call('SET', nameKey, peer.id, 'PX', ttl)
    else
      redis.call('SET', nameKey, peer.id)
    end
  end
  redis.call('DEL', peer.key)
  redis.call('HSET', peer.key, unpack(ARGV, peer.first, peer.last))
  if ttl > 0 then
    redis.call('PEXPIRE', peer.key, ttl)
  end
end
return 1
