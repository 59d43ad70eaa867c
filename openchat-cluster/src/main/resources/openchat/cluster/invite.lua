-- Hands an invitation to the inbox of the node the member is connected to; returns the member's name as it writes it.
-- Refuses when no one has the name, or when the member sits in the room already.
-- KEYS: the name's key, the room's members
-- ARGV: node key prefix, from, toKey, room name, at
local v = redis.call('GET', KEYS[1])
if not v then
  return redis.error_reply('NO_SUCH_MEMBER')
end
local node, name = string.match(v, '^([^\t]*)\t([^\t]*)')
if redis.call('HEXISTS', KEYS[2], ARGV[3]) == 1 then
  return redis.error_reply('INVITEE_IN_ROOM ' .. name)
end
redis.call('XADD', ARGV[1] .. node .. ':inbox', 'MAXLEN', '~', '10000', '*',
  't', 'I', 'f', ARGV[2], 'k', ARGV[3], 'to', name, 'r', ARGV[4], 'at', ARGV[5])
return name
