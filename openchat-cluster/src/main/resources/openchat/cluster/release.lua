-- Frees a name, if this node still holds it.
-- KEYS: the name's key, the node's names
-- ARGV: node, nameKey
local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, string.len(ARGV[1]) + 1) == ARGV[1] .. '\t' then
  redis.call('DEL', KEYS[1])
end
redis.call('SREM', KEYS[2], ARGV[2])
return 1
