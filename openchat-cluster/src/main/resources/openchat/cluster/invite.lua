-- Hands an invitation to the inbox of the node the member is connected to; returns the member's name as it writes it.
-- Refuses when no one has the name, when the member sits in the room already, or when its node has stopped answering
-- (as whisper.lua).
-- KEYS: the name's key, the room's members
-- ARGV: node key prefix, from, toKey, room name, at, the least milliseconds an answering node's alive key has left
local v = redis.call('GET', KEYS[1])
if not v then
  return redis.error_reply('NO_SUCH_MEMBER')
end
local node, name = string.match(v, '^([^\t]*)\t([^\t]*)')
if redis.call('HEXISTS', KEYS[2], ARGV[3]) == 1 then
  return redis.error_reply('INVITEE_IN_ROOM ' .. name)
end
if redis.call('PTTL', ARGV[1] .. node .. ':alive') < tonumber(ARGV[6]) then
  return redis.error_reply('UNREACHABLE ' .. name)
end
redis.call('XADD', ARGV[1] .. node .. ':inbox', 'MAXLEN', '~', '10000', '*',
  't', 'I', 'f', ARGV[2], 'k', ARGV[3], 'to', name, 'r', ARGV[4], 'at', ARGV[5])
return name
