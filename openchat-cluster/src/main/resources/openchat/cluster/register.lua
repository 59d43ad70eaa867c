-- Registers this node (the lobby exists from the first node on) and returns the store's epoch; refuses when a
-- running node has the same id (its alive key holds another instance's token).
-- The inbox is left to Seats#takeAll, which hands back what the node's previous run had not read, then empties it.
-- KEYS: epoch, nodes set, the node's alive key, rooms set, lobby's room hash
-- ARGV: new epoch, node, ttl, lobby key, lobby name, this instance's token
local alive = redis.call('GET', KEYS[3])
if alive and alive ~= ARGV[6] then
  return redis.error_reply('NODE_ID_IN_USE')
end
redis.call('SET', KEYS[1], ARGV[1], 'NX')
redis.call('SADD', KEYS[2], ARGV[2])
redis.call('SET', KEYS[3], ARGV[6], 'PX', ARGV[3])
redis.call('SADD', KEYS[4], ARGV[4])
redis.call('HSETNX', KEYS[5], 'name', ARGV[5])
return redis.call('GET', KEYS[1])
