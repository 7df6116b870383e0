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
-- KEYS[1]  the username hash, KEYS[2] the peer index
-- KEYS[3 .. 2+n]  the peer hash of each peer, in save order
-- KEYS[3+n ..]    peer hashes of holders outside the batch
-- ARGV[1]  time to live of peers in ms, "0" for none
-- ARGV[2]  name of the username field of a peer hash
-- ARGV[3]  n, ARGV[4] number of holder keys, ARGV[5] number g of guarded credential fields,
--          then their names in ARGV[6 .. 5+g], then the marked id of each holder key
-- then, per peer: marked id, username key ("" for none), "1" when guarded else "0",
--   g expected values ("" for absent), field count f, f field/value pairs
-- Returns {1} when saved, {0} on a guard conflict, {2, id...} when holders must be declared.
local usernames, index = KEYS[1], KEYS[2]
local ttl, usernameField = tonumber(ARGV[1]), ARGV[2]
local n, holderCount, guardCount = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local guardFields = {}
for j = 1, guardCount do
  guardFields[j] = ARGV[5 + j]
end
local at = 6 + guardCount

local keyOf = {}
for h = 1, holderCount do
  keyOf[ARGV[at]] = KEYS[2 + n + h]
  at = at + 1
end
local peers = {}
for i = 1, n do
  local peer = { key = KEYS[2 + i], id = ARGV[at], name = ARGV[at + 1], guarded = ARGV[at + 2] == '1', expected = at + 3 }
  local fieldCount = tonumber(ARGV[at + 3 + guardCount])
  peer.first = at + 4 + guardCount
  peer.last = peer.first + 2 * fieldCount - 1
  peers[i] = peer
  keyOf[peer.id] = peer.key
  at = peer.last + 1
end

-- Redis does not roll back a script that fails half-way, so everything that could fail (a guard,
-- an undeclared holder, WRONGTYPE on a key planted by someone else) is checked before the first
-- write. What is read here is kept, so that each key is read once.
redis.call('ZSCORE', index, '0')
redis.call('HLEN', usernames)
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
  if peer.guarded then
    local current = redis.call('HMGET', peer.key, unpack(guardFields))
    for j = 1, guardCount do
      if (current[j] or '') ~= ARGV[peer.expected + j - 1] then
        return { 0 }
      end
    end
  end
  local stored = redis.call('HGETALL', peer.key)
  peer.existed = #stored > 0
  peer.stored = {}
  for f = 1, #stored, 2 do
    peer.stored[stored[f]] = stored[f + 1]
  end
  if peer.name ~= '' then
    local current = holder(peer.name)
    if current then
      if keyOf[current] then
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

local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local expiry = 0
if ttl > 0 then
  expiry = nowMs + ttl
end

-- The username hash is written once at the end, from the holders as they are after the last peer.
local changed = {}
local indexed = {}
for _, peer in ipairs(peers) do
  -- Usernames are ASCII letters, digits and '_' (Usernames validates them), so Lua's lower()
  -- gives exactly the key Java computed when the name was saved.
  local old = peer.stored[usernameField]
  if old then
    local oldName = string.lower(old)
    if oldName ~= peer.name and holder(oldName) == peer.id then
      holderOf[oldName] = false
      changed[oldName] = true
    end
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
  -- New fields first, then only the fields that became absent go: the hash is never missing.
  local absent = {}
  for f = peer.first, peer.last, 2 do
    peer.stored[ARGV[f]] = nil
  end
  for field in pairs(peer.stored) do
    absent[#absent + 1] = field
  end
  redis.call('HSET', peer.key, unpack(ARGV, peer.first, peer.last))
  if #absent > 0 then
    redis.call('HDEL', peer.key, unpack(absent))
  end
  if ttl > 0 then
    redis.call('PEXPIRE', peer.key, ttl)
  elseif peer.existed then
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

-- Ids of expired peers leave the index a few at a time, so no call does unbounded work.
local expired = redis.call('ZRANGEBYSCORE', index, 1, nowMs, 'LIMIT', 0, 64)
if #expired > 0 then
  redis.call('ZREM', index, unpack(expired))
end
if ttl > 0 then
  -- The index outlives every peer it lists: each peer expires at most ttl after this save.
  redis.call('PEXPIRE', index, ttl)
  redis.call('PEXPIRE', usernames, ttl)
end
return { 1 }
