-- Claims a name for a member of this node, unless someone anywhere has it.
-- KEYS: the name's key, the node's names
-- ARGV: node, nameKey, name
if redis.call('SET', KEYS[1], ARGV[1] .. '\t' .. ARGV[3], 'NX') then
  redis.call('SADD', KEYS[2], ARGV[2])
  return 1
end
return 0
