-- Sets a room's topic on the order of its owner or the administrator, and streams the change. The administrator
-- may set it from outside the room, as it may kick there; the room must exist.
-- KEYS: room hash, room members, room events, rooms set
-- ARGV: nameKey, name, isAdmin, topic, at, eventsKept, roomKey
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 then
  if ARGV[3] ~= '1' then
    return redis.error_reply('NOT_IN_ROOM')
  end
  if redis.call('SISMEMBER', KEYS[4], ARGV[7]) == 0 then
    return redis.error_reply('NO_SUCH_ROOM')
  end
end
if ARGV[3] ~= '1' and redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then
  return redis.error_reply('NOT_MODERATOR')
end
redis.call('HSET', KEYS[1], 'topic', ARGV[4], 'topicBy', ARGV[2], 'topicAt', ARGV[5])
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[6], seq .. '-0', 't', 'T', 'f', ARGV[2], 'x', ARGV[4], 'at', ARGV[5])
return seq
