-- Hands a private message to the inbox of the node the member is connected to; nil when no one has the name.
-- Refuses when that node has stopped answering (its alive key not renewed for a while, or gone before the sweep
-- freed its names): a message in the inbox of a node that died is never read.
-- KEYS: the name's key
-- ARGV: node key prefix, from, toKey, text, notice, at, the least milliseconds an answering node's alive key has left
local v = redis.call('GET', KEYS[1])
if not v then
  return false
end
local node, name = string.match(v, '^([^\t]*)\t([^\t]*)')
if redis.call('PTTL', ARGV[1] .. node .. ':alive') < tonumber(ARGV[7]) then
  return redis.error_reply('UNREACHABLE ' .. name)
end
redis.call('XADD', ARGV[1] .. node .. ':inbox', 'MAXLEN', '~', '10000', '*',
  't', 'P', 'f', ARGV[2], 'k', ARGV[3], 'to', name, 'x', ARGV[4], 'n', ARGV[5], 'at', ARGV[6])
return name
