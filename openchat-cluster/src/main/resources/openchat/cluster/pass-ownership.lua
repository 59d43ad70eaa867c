-- Included by kick.lua and leave.lua (Script.read: a line '--@include pass-ownership'), so that both pass a
-- room's ownership on alike.
-- The heir of an owner who left: the member seated longest (lowest join order) but the administrator, among those the
-- room was told of; when none was, the longest seated of the rest, announced now (its JOINED streamed first) so that no
-- node's member is told of an owner it never heard join. Sets the room's owner; returns the heir's name, or nil.
local function passOwnership(room, members, events, at, eventsKept)
  local best, bestOrder, bestAnnounced, bestSeat
  local all = redis.call('HGETALL', members)
  for i = 1, #all, 2 do
    local o, r, a = string.match(all[i + 1], '^[^\t]*\t([^\t]*)\t([^\t]*)\t([^\t]*)\t')
    if r ~= 'admin' then
      o = tonumber(o)
      local told = a == '1'
      if not best or (told and not bestAnnounced) or (told == bestAnnounced and o < bestOrder) then
        best, bestOrder, bestAnnounced, bestSeat = all[i], o, told, all[i + 1]
      end
    end
  end
  if not best then
    return nil
  end
  local node, order, role, announced, name = string.match(bestSeat, '^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$')
  redis.call('HSET', room, 'owner', best, 'ownerName', name)
  if announced ~= '1' then
    redis.call('HSET', members, best, node .. '\t' .. order .. '\t' .. role .. '\t1\t' .. name)
    local joined = redis.call('HINCRBY', room, 'seq', 1)
    redis.call('XADD', events, 'MAXLEN', '~', eventsKept, joined .. '-0',
      't', 'J', 'f', name, 'at', at, 'm', redis.call('HLEN', members))
  end
  return name
end
