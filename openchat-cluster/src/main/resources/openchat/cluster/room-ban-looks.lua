-- Gives a room's ban kept without looks, or with fewer (by a node of an older version), its looks, unless it changed meanwhile
-- (RedisClusterLink.fillRoomBanLooks; room-banned.lua says how a ban is kept).
-- KEYS: the room's bans
-- ARGV: slot, the ban as it was read, the ban with its looks
-- Returns 1 when the ban was given its looks, 0 when it had changed or gone.

if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1
