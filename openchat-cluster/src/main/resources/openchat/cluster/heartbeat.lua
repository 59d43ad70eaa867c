-- Keeps this node alive for ttl more milliseconds; 0 when the store no longer knows it (declared dead, or the
-- store lost its data): its members must connect again.
-- KEYS: epoch, nodes set, the node's alive key
-- ARGV: epoch, node, ttl
if redis.call('GET', KEYS[1]) ~= ARGV[1] or redis.call('SISMEMBER', KEYS[2], ARGV[2]) == 0 then
  return 0
end
redis.call('SET', KEYS[3], '1', 'PX', ARGV[3])
return 1
