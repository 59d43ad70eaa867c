-- Seats a member in a room, creating the room; numbers and streams its join while the room is small enough.
-- Refuses a joiner one of the room's bans keeps out (not the administrator, nor one showing the room's key), and one
-- past the room's limit (its owner's, limit.lua, unless the joiner shows the room's key; else the server's capacity). The joiner's address key is kept by name key in the room's
-- addresses hash while it is in, so that a ban naming it keeps the address too (room-ban.lua). A joiner showing the key
-- of a registered room (the hash of it: RoomKey) owns the room, taking it from whoever held it by presence (the OWNER
-- entry names that member, 'p'), and holds the key ('ownerKeyed', room-key-holder.lua); a key that is not the room's,
-- or one for a room not registered, is refused before anything is done. The administrator's key is checked too, and
-- makes it no owner.
-- KEYS: room hash, room members, rooms set, room events, the node's seats, the room's bans, every room's bans (sorted
--   set), the room's addresses, the registered rooms' keys
-- ARGV: roomKey, roomName, permanent, nameKey, name, node, role, capacity, maxRooms, presenceLimit, at, eventsKept,
--   the joiner's away message (empty when it is not away; the JOINED event carries it), the set of the rooms made from
--   the joiner's address and the set of those made from its network (both empty for the administrator, or a joiner
--   with no address), rooms per address, rooms per network, room key prefix, the emptied rooms' topics (sorted set:
--   room-emptied.lua), the joiner's address key ('' none), the joiner's looks (Ban.Who: split by spaces), the hash of
--   the room key it showed ('' none), the administrator's name
-- Returns the join's seq (the room's last when the join was not streamed), the room's name, members, owner's name,
-- topic, when it was made, who set the topic and when, and its limit, then the seq of the OWNER entry that followed the
-- join (0: none), the owner the joiner took the room from ('' none), and 1 when the room is registered (else 0).
--@include room-banned
--@include room-key

local roomKey, nameKey, name = ARGV[1], ARGV[4], ARGV[5]
local madeFrom, madeIn = ARGV[14], ARGV[15]
local shown = ARGV[22]

if shown ~= '' and not opensRoom(KEYS[9], roomKey, shown) then
  local named = redis.call('SISMEMBER', KEYS[3], roomKey) == 1 and redis.call('HGET', KEYS[1], 'name') or ARGV[2]
  -- A room with no key at all is said apart, so that the joiner is not told it may have a new one.
  local unregistered = redis.call('HEXISTS', KEYS[9], roomKey) == 0 and ' unregistered' or ''
  return redis.error_reply('WRONG_ROOM_KEY ' .. named .. unregistered)
end
-- The key's holder passes the bans its owner set and the limit (an heir by presence could keep it out), not the
-- administrator's bans.
if ARGV[7] ~= 'admin' then
  local ban = roomBanned(KEYS[6], KEYS[7], roomKey, nameKey, ARGV[20], ARGV[11], ARGV[21])
  if ban and (shown == '' or banSetter(ban) == ARGV[23]) then
    return redis.error_reply('ROOM_BANNED ' .. ban)
  end
end

-- Whether the rooms that exist made from one address (or network) reached most. The set may name rooms that ended
-- without telling it (emptied by a node of a version before the sets): those are taken out first.
local function full(made, field, most)
  if redis.call('SCARD', made) < most then
    return false
  end
  for _, key in ipairs(redis.call('SMEMBERS', made)) do
    if redis.call('SISMEMBER', KEYS[3], key) == 0 or redis.call('HGET', ARGV[18] .. key, field) ~= made then
      redis.call('SREM', made, key)
    end
  end
  return redis.call('SCARD', made) >= most
end

if redis.call('SISMEMBER', KEYS[3], roomKey) == 0 then
  if ARGV[3] == '0' and redis.call('SCARD', KEYS[3]) >= tonumber(ARGV[9]) then
    return redis.error_reply('TOO_MANY_ROOMS')
  end
  local counted = ARGV[3] == '0' and madeFrom ~= ''
  if counted and full(madeFrom, 'madeFrom', tonumber(ARGV[16])) then
    return redis.error_reply('TOO_MANY_ROOMS_FROM_ADDRESS ' .. ARGV[16])
  end
  if counted and full(madeIn, 'madeIn', tonumber(ARGV[17])) then
    return redis.error_reply('TOO_MANY_ROOMS_FROM_ADDRESS ' .. ARGV[17])
  end
  redis.call('SADD', KEYS[3], roomKey)
  -- The topic stays, as history does, and so does the room's registration (its key is kept apart, room-key.lua).
  redis.call('HDEL', KEYS[1], 'owner', 'ownerName', 'ownerKeyed', 'madeFrom', 'madeIn', 'limit')
  redis.call('HSET', KEYS[1], 'name', ARGV[2], 'created', ARGV[11])
  redis.call('ZREM', ARGV[19], roomKey) -- its topic, if one is kept, is the room's again
  if counted then
    redis.call('SADD', madeFrom, roomKey)
    redis.call('SADD', madeIn, roomKey)
    redis.call('HSET', KEYS[1], 'madeFrom', madeFrom, 'madeIn', madeIn)
  end
end
if redis.call('HEXISTS', KEYS[2], nameKey) == 1 then
  return redis.error_reply('ALREADY_IN_ROOM')
end
local count = redis.call('HLEN', KEYS[2])
local most = tonumber(ARGV[8])
if shown == '' then
  most = math.min(most, tonumber(redis.call('HGET', KEYS[1], 'limit') or ARGV[8]))
end
if count >= most then
  return redis.error_reply('ROOM_FULL ' .. count .. ' ' .. most)
end
count = count + 1
-- A new room's first member owns it, and so does the next to join one left holding only the administrator, which
-- owns none, or one showing the room's key; with others there, it is announced, and an OWNER event follows its JOINED.
local mayOwn = ARGV[3] == '0' and ARGV[7] ~= 'admin'
local keyed = mayOwn and shown ~= ''
local previous = keyed and redis.call('HGET', KEYS[1], 'ownerName') or nil
local owns = keyed or mayOwn and not redis.call('HGET', KEYS[1], 'owner')
if owns then
  redis.call('HSET', KEYS[1], 'owner', nameKey, 'ownerName', name)
  if keyed then
    redis.call('HSET', KEYS[1], 'ownerKeyed', '1')
  else
    redis.call('HDEL', KEYS[1], 'ownerKeyed')
  end
end
local toldOfOwner = owns and count > 1
local announced = count <= tonumber(ARGV[10]) or toldOfOwner
local order = redis.call('HINCRBY', KEYS[1], 'joins', 1)
redis.call('HSET', KEYS[2], nameKey,
  ARGV[6] .. '\t' .. order .. '\t' .. ARGV[7] .. '\t' .. (announced and '1' or '0') .. '\t' .. name)
redis.call('SADD', KEYS[5], roomKey .. '\n' .. nameKey)
if ARGV[20] ~= '' then
  redis.call('HSET', KEYS[8], nameKey, ARGV[20])
end
local seq
if announced then
  seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
  if ARGV[13] ~= '' then
    redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[12], seq .. '-0', 't', 'J', 'f', name, 'at', ARGV[11], 'm', count,
      'a', ARGV[13])
  else
    redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[12], seq .. '-0', 't', 'J', 'f', name, 'at', ARGV[11], 'm', count)
  end
else
  seq = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
end
local owned = 0
if toldOfOwner then
  owned = redis.call('HINCRBY', KEYS[1], 'seq', 1)
  redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[12], owned .. '-0', 't', 'O', 'f', name, 'at', ARGV[11],
    'p', previous or '')
end
redis.call('HSETNX', KEYS[1], 'created', ARGV[11]) -- the lobby, made when the first node registered
local info = redis.call('HMGET', KEYS[1], 'name', 'ownerName', 'topic', 'created', 'topicBy', 'topicAt', 'limit')
return {seq, info[1], count, info[2] or '', info[3] or '', info[4] or '', info[5] or '', info[6] or '', info[7] or '',
  owned, previous or '', redis.call('HEXISTS', KEYS[9], roomKey)}
