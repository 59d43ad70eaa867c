-- Drops a room's registration on the order of its owner holding the key, or the administrator (from outside the room
-- too, even once it emptied: the cure for a lost key): its key opens nothing more, and whoever owns the room holds it
-- by presence alone. Refuses who may not (room-key-holder.lua), and a room not registered. While the room exists the
-- drop is streamed ('t' G: 'f' who dropped it, 'c' 0) for its members on every node; a room that emptied has none.
-- KEYS: room hash, room members, rooms set, the registered rooms' keys, room events
-- ARGV: roomKey, nameKey, isAdmin, permanent, name, at, eventsKept
--@include room-key-holder

local refused = notKeyHolder(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1], ARGV[2], ARGV[3], ARGV[4], true)
if refused then
  return redis.error_reply(refused)
end
redis.call('HDEL', KEYS[4], ARGV[1])
redis.call('HDEL', KEYS[1], 'ownerKeyed')
if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 1 then
  local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
  redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[7], seq .. '-0', 't', 'G', 'f', ARGV[5], 'c', '0', 'at', ARGV[6])
end
return 1
