-- Registers this node (the lobby exists from the first node on) and returns the store's epoch.
-- KEYS: epoch, nodes set, the node's alive key, rooms set, lobby's room hash, the node's inbox
-- ARGV: new epoch, node, ttl, lobby key, lobby name
redis.call('SET', KEYS[1], ARGV[1], 'NX')
redis.call('SADD', KEYS[2], ARGV[2])
redis.call('SET', KEYS[3], '1', 'PX', ARGV[3])
redis.call('SADD', KEYS[4], ARGV[4])
redis.call('HSETNX', KEYS[5], 'name', ARGV[5])
redis.call('DEL', KEYS[6])
return redis.call('GET', KEYS[1])
