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
-- write. The writes below touch only keys read here.
redis.call('ZSCORE', index, '0')
redis.call('HLEN', usernames)
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
  redis.call('HGET', peer.key, usernameField)
  if peer.name ~= '' then
    local holder = redis.call('HGET', usernames, peer.name)
    if holder then
      if keyOf[holder] then
        redis.call('HGET', keyOf[holder], usernameField)
      else
        missing[#missing + 1] = holder
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

for _, peer in ipairs(peers) do
  -- Usernames are ASCII letters, digits and '_' (Usernames validates them), so Lua's lower()
  -- gives exactly the key Java computed when the name was saved.
  local old = redis.call('HGET', peer.key, usernameField)
  if old then
    local oldName = string.lower(old)
    if oldName ~= peer.name and redis.call('HGET', usernames, oldName) == peer.id then
      redis.call('HDEL', usernames, oldName)
    end
  end
  if peer.name ~= '' then
    local holder = redis.call('HGET', usernames, peer.name)
    if holder and holder ~= peer.id then
      -- The previous holder keeps everything but this username.
      local held = redis.call('HGET', keyOf[holder], usernameField)
      if held and string.lower(held) == peer.name then
        redis.call('HDEL', keyOf[holder], usernameField)
      end
    end
    redis.call('HSET', usernames, peer.name, peer.id)
  end
  local written = {}
  for f = peer.first, peer.last, 2 do
    written[ARGV[f]] = true
  end
  redis.call('HSET', peer.key, unpack(ARGV, peer.first, peer.last))
  local absent = {}
  for _, field in ipairs(redis.call('HKEYS', peer.key)) do
    if not written[field] then
      absent[#absent + 1] = field
    end
  end
  if #absent > 0 then
    redis.call('HDEL', peer.key, unpack(absent))
  end
  if ttl > 0 then
    redis.call('PEXPIRE', peer.key, ttl)
  else
    redis.call('PERSIST', peer.key)
  end
  redis.call('ZADD', index, expiry, peer.id)
end

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
