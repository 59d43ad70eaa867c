-- Included by kick.lua and leave.lua (Script.read: a line '--@include room-emptied'), so that both end a room alike.
-- A room left empty (not the lobby) is no more: it leaves the rooms set, has no owner, and no longer counts against
-- the address and the network it was made from (join.lua). Its hash stays (its seq goes on), and so does its topic,
-- but only the topics of the last `kept` rooms that emptied: each is in the sorted set `emptiedTopics` by when its
-- room emptied, and past that many the one that emptied longest ago is deleted (join.lua takes a room made again
-- out of the set: a room that exists keeps its topic).
local function roomEmptied(rooms, room, roomKey, at, roomPrefix, emptiedTopics, kept)
  redis.call('SREM', rooms, roomKey)
  for _, made in ipairs(redis.call('HMGET', room, 'madeFrom', 'madeIn')) do
    if made then
      redis.call('SREM', made, roomKey)
    end
  end
  redis.call('HDEL', room, 'owner', 'ownerName', 'ownerKeyed', 'madeFrom', 'madeIn', 'limit')
  redis.call('DEL', room .. ':from')
  local topic = redis.call('HGET', room, 'topic')
  if topic and topic ~= '' then
    redis.call('ZADD', emptiedTopics, at, roomKey)
    local over = redis.call('ZCARD', emptiedTopics) - tonumber(kept)
    if over > 0 then
      local popped = redis.call('ZPOPMIN', emptiedTopics, over)
      for i = 1, #popped, 2 do
        redis.call('HDEL', roomPrefix .. popped[i], 'topic', 'topicBy', 'topicAt')
      end
    end
  end
end
