-- Removes a member on the order of the room's owner or the administrator; the event reaches every node
-- (the kicked member's node tells it), announced to the room only if its join was. An owner's ownership passes to its
-- heir: the LEFT names it ('o'), or an OWNER event ('t' O) does when the LEFT is not announced.
-- KEYS: room hash, room members, rooms set, room events
-- ARGV: roomKey, byKey, byName, byAdmin, targetKey, detail, at, eventsKept, permanent, node key prefix, room key prefix,
--   the emptied rooms' topics (sorted set), how many of them are kept
--@include pass-ownership
--@include room-emptied

if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 0 then
  return redis.error_reply('NO_SUCH_ROOM')
end
local owner = redis.call('HGET', KEYS[1], 'owner')
if ARGV[4] ~= '1' and owner ~= ARGV[2] then
  return redis.error_reply('NOT_MODERATOR')
end
local v = redis.call('HGET', KEYS[2], ARGV[5])
if not v then
  return redis.error_reply('NO_SUCH_MEMBER')
end
local node, order, role, announced, name = string.match(v, '^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$')
if role == 'admin' and ARGV[4] ~= '1' then
  return redis.error_reply('ADMIN_NOT_KICKABLE')
end
redis.call('HDEL', KEYS[2], ARGV[5])
redis.call('HDEL', KEYS[1] .. ':from', ARGV[5]) -- its address (join.lua)
redis.call('SREM', ARGV[10] .. node .. ':seats', ARGV[1] .. '\n' .. ARGV[5])
local count = redis.call('HLEN', KEYS[2])
local heir
if owner == ARGV[5] then
  redis.call('HDEL', KEYS[1], 'owner', 'ownerName', 'ownerKeyed') -- the heir holds it by presence
  heir = passOwnership(KEYS[1], KEYS[2], KEYS[4], ARGV[7], ARGV[8])
end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[8], seq .. '-0',
  't', 'L', 'f', name, 'r', 'kicked', 'b', ARGV[3], 'd', ARGV[6], 'at', ARGV[7], 'm', count, 'a', announced,
  'o', heir or '')
if heir and announced ~= '1' then
  seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
  redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[8], seq .. '-0', 't', 'O', 'f', heir, 'at', ARGV[7])
end
if count == 0 and ARGV[9] == '0' then
  roomEmptied(KEYS[3], KEYS[1], ARGV[1], ARGV[7], ARGV[11], ARGV[12], ARGV[13])
end
return name
