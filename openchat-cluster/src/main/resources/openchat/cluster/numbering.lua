-- Raises a room's last number to at least what a node had handed on before Redis lost its data, so that the room's
-- numbering goes on from there instead of beginning again: a client catching up with History-After still gets the
-- lines numbered after what it saw. The room hash keeps seq when the room is made again (join.lua).
-- KEYS: room hash
-- ARGV: seq
local seq = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
if seq < tonumber(ARGV[1]) then
  redis.call('HSET', KEYS[1], 'seq', ARGV[1])
end
return seq
