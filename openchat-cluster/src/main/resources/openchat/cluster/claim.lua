-- Claims a name and its look for a member of this node: 0 when someone anywhere has the name; an error naming the
-- holder when someone anywhere has another name of that look (NAME_LOOKALIKE name), so that аӏісе is not let in
-- beside alice on another node.
-- KEYS: the name's key, the node's names, the looks, the looks by name, the presence stream
-- ARGV: node, nameKey, name, look, the name keys' prefix
--@include looks
--@include presence

if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
local alike = lookHolder(KEYS[3], KEYS[4], ARGV[5], ARGV[4], ARGV[2])
if alike then
  return redis.error_reply('NAME_LOOKALIKE ' .. alike)
end
redis.call('SET', KEYS[1], ARGV[1] .. '\t' .. ARGV[3])
redis.call('SADD', KEYS[2], ARGV[2])
holdLook(KEYS[3], KEYS[4], ARGV[2], ARGV[4])
tellPresence(KEYS[5], 'on', ARGV[3])
return 1
