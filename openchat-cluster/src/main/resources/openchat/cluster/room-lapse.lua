-- Drops the registrations that lapsed (Chat.lapseRegistrations): a key last used before ARGV[1] (epoch ms) whose room
-- does not exist. A key was last used when it was given (the value's third field, AT) or when it last opened the room
-- (the uses hash, written by the node it was shown on); a room that exists (someone is in it) counts as used now
-- (ARGV[2]) first. Also forgets the uses of registrations dropped otherwise. Not fenced: run again, it finds nothing
-- more to drop, so any node may run it, and a registration lapses on one.
-- KEYS: the registered rooms' keys, their keys' last uses, the rooms set
-- ARGV: before, now
-- Returns, for each registration dropped: its room key, its value as kept, and its last use.

local keys, uses, rooms = KEYS[1], KEYS[2], KEYS[3]
local before, now = tonumber(ARGV[1]), ARGV[2]
local lapsed = {}
local kept = redis.call('HGETALL', keys)
for i = 1, #kept, 2 do
  local roomKey, value = kept[i], kept[i + 1]
  if redis.call('SISMEMBER', rooms, roomKey) == 1 then
    redis.call('HSET', uses, roomKey, now)
  else
    local last = tonumber(string.match(value, '^[^\t]*\t[^\t]*\t(%d+)')) or 0
    local shown = tonumber(redis.call('HGET', uses, roomKey) or '0')
    if shown > last then
      last = shown
    end
    if last < before then
      redis.call('HDEL', keys, roomKey)
      redis.call('HDEL', uses, roomKey)
      lapsed[#lapsed + 1] = roomKey
      lapsed[#lapsed + 1] = value
      lapsed[#lapsed + 1] = tostring(last)
    end
  end
end
for _, roomKey in ipairs(redis.call('HKEYS', uses)) do
  if redis.call('HEXISTS', keys, roomKey) == 0 then
    redis.call('HDEL', uses, roomKey)
  end
end
return lapsed
