-- Keeps this node alive for ttl more milliseconds; 0 when the store no longer knows it (declared dead, the store
-- lost its data, or another instance took its id meanwhile): its members must connect again. Then the store's
-- clock (TIME: seconds, microseconds), by which the node's writes are given their deadlines.
-- Records the id of the last inbox entry the node has read.
-- KEYS: epoch, nodes set, the node's alive key, the node's inbox-read key
-- ARGV: epoch, node, ttl, this instance's token, the last inbox entry read
local now = redis.call('TIME')
local alive = redis.call('GET', KEYS[3])
if redis.call('GET', KEYS[1]) ~= ARGV[1] or redis.call('SISMEMBER', KEYS[2], ARGV[2]) == 0
    or (alive and alive ~= ARGV[4]) then
  return {0, now[1], now[2]}
end
redis.call('SET', KEYS[3], ARGV[4], 'PX', ARGV[3])
redis.call('SET', KEYS[4], ARGV[5])
return {1, now[1], now[2]}
