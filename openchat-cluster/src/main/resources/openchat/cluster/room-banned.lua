-- Included by join.lua and post.lua: the ban of a room that keeps a member out, if any. A room's bans are a hash
-- (oc:room:KEY:bans, room-ban.lua) of a ban's slot to 'EXPIRES\tADDRESS\tBAN\tLOOKS': EXPIRES the epoch ms it lapses
-- at ('' never), ADDRESS the address key kept with a name ban ('' none), BAN the ban as oc:bans keeps one (its kind
-- and key first, 7 fields), LOOKS the ban's looks (Ban.looks: names' skeletons, or masks over them) split by spaces,
-- which no look holds. A ban kept by a node of a version before looks has no LOOKS field until a node of this version
-- fills it in as it starts (RedisClusterLink.fillRoomBanLooks); until then it fits by key and address alone.
-- A ban fits a member by its name's key ('name'), by a mask over name keys ('mask': '*' any run of characters, '?'
-- one), by one of the member's looks (its name's skeleton as written and in small letters, split by spaces) being one
-- of a name ban's looks or fitting one of a mask's, or by the address kept. A lapsed ban is dropped here, from the
-- room and from every room's bans (oc:room-bans), as a single server drops one when it next reads the room's bans.
-- Returns the ban's value, or nil.

-- Who set a ban, from its value (the BAN part's fourth field): the key holder passes an owner's bans, not the
-- administrator's (join.lua, post.lua).
local function banSetter(value)
  return string.match(value, '^[^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\t([^\t]*)\t')
end

-- The Lua pattern of a mask's key: '?' is one UTF-8 character (a lead byte and its continuation bytes), as one char
-- of a Java string is for the names a key may hold.
local function maskPattern(mask)
  local out = {'^'}
  for i = 1, #mask do
    local c = string.sub(mask, i, i)
    if c == '*' then
      out[#out + 1] = '.*'
    elseif c == '?' then
      out[#out + 1] = '[%z\1-\127\194-\244][\128-\191]*'
    elseif string.find(c, '^[%w\128-\255]$') then
      out[#out + 1] = c
    else
      out[#out + 1] = '%' .. c
    end
  end
  out[#out + 1] = '$'
  return table.concat(out)
end

-- The room's bans that hold, as HGETALL gives them (slot, value, ...), the lapsed ones dropped.
local function roomBansHeld(bans, everyRoomsBans, roomKey, now)
  local held = {}
  if redis.call('EXISTS', bans) == 0 then
    return held
  end
  local all = redis.call('HGETALL', bans)
  for i = 1, #all, 2 do
    local expires = string.match(all[i + 1], '^([^\t]*)\t')
    if expires ~= '' and tonumber(expires) <= tonumber(now) then
      redis.call('HDEL', bans, all[i])
      redis.call('ZREM', everyRoomsBans, roomKey .. '\n' .. all[i])
    else
      held[#held + 1] = all[i]
      held[#held + 1] = all[i + 1]
    end
  end
  return held
end

-- The LOOKS field of a ban's value: the text after its tenth tab-separated field starts, or nil for a ban kept
-- without looks (nine fields).
local function banLooks(value)
  return string.match(value, '^[^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\t([^\t]*)$')
end

-- Whether one of the member's looks (split by spaces) is one of a name ban's looks, or fits one of a mask's.
local function looksFit(kind, looks, memberLooks)
  if not looks or memberLooks == '' then
    return false
  end
  for look in string.gmatch(looks, '%S+') do
    local pattern = kind == 'mask' and maskPattern(look) or nil
    for mine in string.gmatch(memberLooks, '%S+') do
      if (pattern and string.find(mine, pattern)) or (not pattern and mine == look) then
        return true
      end
    end
  end
  return false
end

local function roomBanned(bans, everyRoomsBans, roomKey, nameKey, address, now, memberLooks)
  local held = roomBansHeld(bans, everyRoomsBans, roomKey, now)
  for i = 2, #held, 2 do
    local value = held[i]
    local kept, kind, key = string.match(value, '^[^\t]*\t([^\t]*)\t([^\t]*)\t([^\t]*)\t')
    if (kind == 'name' and key == nameKey)
        or (kind == 'mask' and string.find(nameKey, maskPattern(key)))
        or ((kind == 'name' or kind == 'mask') and looksFit(kind, banLooks(value), memberLooks))
        or (kept ~= '' and kept == address) then
      return value
    end
  end
  return nil
end
