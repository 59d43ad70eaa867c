-- One room, when it exists: name, members, owner's name, topic, last seq, when it was made (epoch ms, '' unknown),
-- who set the topic and when (epoch ms; both '' while no one has), its member limit ('' the server's: limit.lua),
-- and 1 when it is registered (else 0: room-key.lua).
-- KEYS: rooms set, room hash, room members, the registered rooms' keys
-- ARGV: roomKey
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
  return false
end
local info = redis.call('HMGET', KEYS[2], 'name', 'ownerName', 'topic', 'seq', 'created', 'topicBy', 'topicAt', 'limit')
return {info[1] or ARGV[1], redis.call('HLEN', KEYS[3]), info[2] or '', info[3] or '', info[4] or '0', info[5] or '',
  info[6] or '', info[7] or '', info[8] or '', redis.call('HEXISTS', KEYS[4], ARGV[1])}
