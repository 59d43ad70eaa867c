-- Sets a room's topic on the order of its owner or the administrator, and streams the change. The administrator
-- may set it from outside the room, as it may kick there; the room must exist.
-- KEYS: room hash, room members, room events, rooms set
-- ARGV: nameKey, name, isAdmin, topic, at, eventsKept, roomKey
--@include moderator

local refused = notModerator(KEYS[1], KEYS[2], KEYS[4], ARGV[7], ARGV[1], ARGV[3], false)
if refused then
  return redis.error_reply(refused)
end
redis.call('HSET', KEYS[1], 'topic', ARGV[4], 'topicBy', ARGV[2], 'topicAt', ARGV[5])
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[6], seq .. '-0', 't', 'T', 'f', ARGV[2], 'x', ARGV[4], 'at', ARGV[5])
return seq
