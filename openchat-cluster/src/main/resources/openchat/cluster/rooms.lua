-- Every room: key, name, members, owner's name, topic, last seq, when it was made (epoch ms, '' unknown).
-- KEYS: rooms set
-- ARGV: room key prefix
local out = {}
for _, key in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local info = redis.call('HMGET', ARGV[1] .. key, 'name', 'ownerName', 'topic', 'seq', 'created')
  out[#out + 1] = {key, info[1] or key, redis.call('HLEN', ARGV[1] .. key .. ':members'),
    info[2] or '', info[3] or '', info[4] or '0', info[5] or ''}
end
return out
