-- Frees a name and its look, if this node still holds the name.
-- KEYS: the name's key, the node's names, the looks, the looks by name, the presence stream
-- ARGV: node, nameKey
--@include looks
--@include presence

local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, string.len(ARGV[1]) + 1) == ARGV[1] .. '\t' then
  redis.call('DEL', KEYS[1])
  freeLook(KEYS[3], KEYS[4], ARGV[2])
  tellPresence(KEYS[5], 'off', string.match(v, '^[^\t]*\t([^\t]*)'))
end
redis.call('SREM', KEYS[2], ARGV[2])
return 1
