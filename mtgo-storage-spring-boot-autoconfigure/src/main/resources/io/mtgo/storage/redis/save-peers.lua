-- Saves peers of one session atomically and in order, keeping the username hash and the peer
-- index consistent with the peer hashes.
--
-- Every key it touches is in KEYS (all in the session's hash-tag slot): the script never builds a
-- key name, so Redis Cluster can route it, check it during a slot migration and answer
-- ASK/TRYAGAIN before anything runs. A username may be held by a peer outside the batch; that
-- holder's hash must lose the username, so its key has to be declared. Java cannot know the
-- holder without reading, so it sends the holders it knows (none, the first time) and the
-- script, before writing anything, returns the ids of holders it was not given; Java declares
-- them and calls again. The holder check and the write are one atomic step, so a holder that
-- changes in between only costs another round.
--
-- The min-peer rule is not here: Java merged each min peer with the stored one (PeerMerge). Such
-- a merge is only right while the stored credential fields are what Java read, so each merged
-- peer is "guarded": when a guarded peer's fields changed since, nothing is written.
--
-- No record is ever deleted before its replacement is written: a peer hash gets its new fields
-- first, then loses only the fields that became absent.
--
-- The script is on the path of every single savePeer, so it reads no more than it needs: of a
-- stored peer only its username (and, when guarded, the credential fields), never the whole hash.
--
-- KEYS[1]  the username hash, KEYS[2] the peer index
-- KEYS[3 .. 2+n]  the peer hash of each peer, in save order
-- KEYS[3+n ..]    peer hashes of holders outside the batch
-- ARGV[1]  time to live of peers in ms, "0" for none
-- ARGV[2]  name of the username field of a peer hash
-- ARGV[3]  n, ARGV[4] number of holder keys, ARGV[5] number g of guarded credential fields,
--          then their names in ARGV[6 .. 5+g], then the marked id of each holder key
-- then, per peer: marked id, username key ("" for none), then "1" followed by the g expected
--   values ("" for absent) when guarded, or "0" alone when not, then field count f, f field/value pairs
-- Returns {1} when saved, {0} on a guard conflict, {2, id...} when holders must be declared.
local usernames, index = KEYS[1], KEYS[2]
local ttl, usernameField = tonumber(ARGV[1]), ARGV[2]
local n, holderCount, guardCount = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
-- A guarded peer's username and credential fields are read with one HMGET.
local guardRead = { usernameField }
for j = 1, guardCount do
  guardRead[j + 1] = ARGV[5 + j]
end
local at = 6 + guardCount

local keyOf = {}
for h = 1, holderCount do
  keyOf[ARGV[at]] = KEYS[2 + n + h]
  at = at + 1
end
local peers = {}
local saved = {}
for i = 1, n do
  local peer = { key = KEYS[2 + i], id = ARGV[at], name = ARGV[at + 1] }
  at = at + 3
  if ARGV[at - 1] == '1' then
    peer.expected = at
    at = at + guardCount
  end
  peer.count = tonumber(ARGV[at])
  peer.first = at + 1
  peer.last = at + 2 * peer.count
  at = peer.last + 1
  peers[i] = peer
  keyOf[peer.id] = peer.key
  saved[peer.id] = true
end

-- Redis does not roll back a script that fails half-way, so everything that could fail (a guard,
-- an undeclared holder, WRONGTYPE on a key planted by someone else) is checked before the first
-- write: every key written below is read first. What is read here is kept, so that each key is
-- read once.
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
-- Ids of expired peers leave the index a few at a time, so no call does unbounded work. Read
-- here, it is also the index's type check.
local expired = redis.call('ZRANGEBYSCORE', index, 1, nowMs, 'LIMIT', 0, 64)
local holderOf = {}
local function holder(name)
  local current = holderOf[name]
  if current == nil then
    current = redis.call('HGET', usernames, name) or false
    holderOf[name] = current
  end
  return current
end
local missing = {}
for _, peer in ipairs(peers) do
  local old
  if peer.expected then
    local current = redis.call('HMGET', peer.key, unpack(guardRead))
    for j = 1, guardCount do
      if (current[j + 1] or '') ~= ARGV[peer.expected + j - 1] then
        return { 0 }
      end
    end
    old = current[1]
  else
    old = redis.call('HGET', peer.key, usernameField)
  end
  -- Usernames are ASCII letters, digits and '_' (Usernames validates them), so Lua's lower()
  -- gives exactly the key Java computed when the name was saved.
  if old then
    local oldName = string.lower(old)
    if oldName ~= peer.name then
      -- The name it gives up: freed below if it still points here.
      peer.oldName = oldName
      holder(oldName)
    end
  end
  if peer.name ~= '' then
    local current = holder(peer.name)
    if current and current ~= peer.id then
      if keyOf[current] then
        -- The holder's hash loses the username below: its type is checked now.
        redis.call('HGET', keyOf[current], usernameField)
      else
        missing[#missing + 1] = current
      end
    end
  end
end
if #missing > 0 then
  table.insert(missing, 1, 2)
  return missing
end

local expiry = 0
if ttl > 0 then
  expiry = nowMs + ttl
end

-- The username hash is written once at the end, from the holders as they are after the last peer.
local changed = {}
local indexed = {}
for _, peer in ipairs(peers) do
  if peer.oldName and holder(peer.oldName) == peer.id then
    holderOf[peer.oldName] = false
    changed[peer.oldName] = true
  end
  if peer.name ~= '' then
    local current = holder(peer.name)
    if current and current ~= peer.id then
      -- The previous holder keeps everything but this username.
      local held = redis.call('HGET', keyOf[current], usernameField)
      if held and string.lower(held) == peer.name then
        redis.call('HDEL', keyOf[current], usernameField)
      end
    end
    if current ~= peer.id then
      holderOf[peer.name] = peer.id
      changed[peer.name] = true
    end
  end
  -- New fields first, then only the fields that became absent go: the hash is never missing. It
  -- holds every written field now, so it holds exactly those when it has as many (the common case:
  -- the peer keeps its shape); only otherwise are the stored field names listed.
  local added = redis.call('HSET', peer.key, unpack(ARGV, peer.first, peer.last))
  local size = redis.call('HLEN', peer.key)
  if size > peer.count then
    local written = {}
    for f = peer.first, peer.last, 2 do
      written[ARGV[f]] = true
    end
    local absent = {}
    for _, field in ipairs(redis.call('HKEYS', peer.key)) do
      if not written[field] then
        absent[#absent + 1] = field
      end
    end
    redis.call('HDEL', peer.key, unpack(absent))
  end
  if ttl > 0 then
    redis.call('PEXPIRE', peer.key, ttl)
  elseif size > added then
    -- It held fields before this call, so it may carry a time to live from an earlier save.
    redis.call('PERSIST', peer.key)
  end
  indexed[#indexed + 1] = expiry
  indexed[#indexed + 1] = peer.id
end

local claimed, freed = {}, {}
for name in pairs(changed) do
  if holderOf[name] then
    claimed[#claimed + 1] = name
    claimed[#claimed + 1] = holderOf[name]
  else
    freed[#freed + 1] = name
  end
end
if #claimed > 0 then
  redis.call('HSET', usernames, unpack(claimed))
end
if #freed > 0 then
  redis.call('HDEL', usernames, unpack(freed))
end
redis.call('ZADD', index, unpack(indexed))

-- The expired ids read above, but for the peers just saved: they have their new expiry now.
local gone = {}
for _, id in ipairs(expired) do
  if not saved[id] then
    gone[#gone + 1] = id
  end
end
if #gone > 0 then
  redis.call('ZREM', index, unpack(gone))
end
if ttl > 0 then
  -- The index outlives every peer it lists: each peer expires at most ttl after this save.
  redis.call('PEXPIRE', index, ttl)
  redis.call('PEXPIRE', usernames, ttl)
end
return { 1 }
