-- Every room: key, name, members, owner's name, topic, last seq, when it was made (epoch ms, '' unknown), who set
-- the topic and when (epoch ms; both '' while no one has), its member limit ('' the server's: limit.lua), and 1 when
-- it is registered (else 0: room-key.lua).
-- KEYS: rooms set, the registered rooms' keys
-- ARGV: room key prefix
local out = {}
for _, key in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local info = redis.call('HMGET', ARGV[1] .. key, 'name', 'ownerName', 'topic', 'seq', 'created', 'topicBy', 'topicAt',
    'limit')
  out[#out + 1] = {key, info[1] or key, redis.call('HLEN', ARGV[1] .. key .. ':members'),
    info[2] or '', info[3] or '', info[4] or '0', info[5] or '', info[6] or '', info[7] or '', info[8] or '',
    redis.call('HEXISTS', KEYS[2], key)}
end
return out
