-- Hands the administrator's order to disconnect a member (KILL) to the inbox of the node the member is connected to,
-- which leaves its rooms (each told, by the administrator) and closes its connection; returns the member's name as it
-- writes it. Refuses when no one has the name, when it is the administrator's, when the member is this node's (its
-- own node acts on it without a word here: the name is held here no longer), and when its node has stopped answering
-- (as whisper.lua): an order in the inbox of a node that died is never read.
-- KEYS: the name's key
-- ARGV: node key prefix, this node, by, targetKey, reason, at, the least milliseconds an answering node's alive key
--   has left, 1 when the name is the administrator's
local v = redis.call('GET', KEYS[1])
if not v then
  return redis.error_reply('NO_SUCH_MEMBER')
end
local node, name = string.match(v, '^([^\t]*)\t([^\t]*)')
if node == ARGV[2] then
  return redis.error_reply('NO_SUCH_MEMBER')
end
if ARGV[8] == '1' then
  return redis.error_reply('ADMIN_NOT_KICKABLE')
end
if redis.call('PTTL', ARGV[1] .. node .. ':alive') < tonumber(ARGV[7]) then
  return redis.error_reply('UNREACHABLE ' .. name)
end
redis.call('XADD', ARGV[1] .. node .. ':inbox', 'MAXLEN', '~', '10000', '*',
  't', 'K', 'f', ARGV[3], 'k', ARGV[4], 'to', name, 'x', ARGV[5], 'at', ARGV[6])
return name
