-- Registers a room on the order of its owner or the administrator: keeps the hash of the key the node made (RoomKey)
-- as the room's, in place of any before, in the registered rooms' keys (room-key.lua), which outlive the room. The
-- room's owner holds the key from now on when it is the registrant; after the administrator's, it does not. Refuses
-- who may not (room-key-holder.lua), and a room not yet registered past the most registered rooms. The change is
-- streamed ('t' G: 'f' the registrant, 'c' 1 registered, 2 given a new key), for the room's members on every node;
-- never the key nor its hash.
-- KEYS: room hash, room members, rooms set, the registered rooms' keys, room events
-- ARGV: roomKey, nameKey, name, isAdmin, permanent, hash, most, at, roomName, eventsKept
-- Returns 2 when the new key replaced one, else 1.
--@include room-key-holder

local roomKey, nameKey = ARGV[1], ARGV[2]
local refused = notKeyHolder(KEYS[1], KEYS[2], KEYS[3], KEYS[4], roomKey, nameKey, ARGV[4], ARGV[5], false)
if refused then
  return redis.error_reply(refused)
end
local most = tonumber(ARGV[7])
local replaced = redis.call('HEXISTS', KEYS[4], roomKey) == 1
if not replaced and redis.call('HLEN', KEYS[4]) >= most then
  return redis.error_reply('TOO_MANY_REGISTERED_ROOMS ' .. most)
end
redis.call('HSET', KEYS[4], roomKey, ARGV[6] .. '\t' .. ARGV[3] .. '\t' .. ARGV[8] .. '\t' .. ARGV[9])
if redis.call('HGET', KEYS[1], 'owner') == nameKey then
  redis.call('HSET', KEYS[1], 'ownerKeyed', '1')
else
  redis.call('HDEL', KEYS[1], 'ownerKeyed')
end
local change = replaced and 2 or 1
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[10], seq .. '-0', 't', 'G', 'f', ARGV[3], 'c', change, 'at', ARGV[8])
return change
