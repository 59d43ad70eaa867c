-- Hands a private message to the inbox of the node the member is connected to; nil when no one has the name.
-- KEYS: the name's key
-- ARGV: node key prefix, from, toKey, text, notice, at
local v = redis.call('GET', KEYS[1])
if not v then
  return false
end
local node, name = string.match(v, '^([^\t]*)\t([^\t]*)')
redis.call('XADD', ARGV[1] .. node .. ':inbox', 'MAXLEN', '~', '10000', '*',
  't', 'P', 'f', ARGV[2], 'k', ARGV[3], 'to', name, 'x', ARGV[4], 'n', ARGV[5], 'at', ARGV[6])
return name
