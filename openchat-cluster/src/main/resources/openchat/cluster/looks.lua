-- Included by claim.lua, rename.lua, release.lua, leave.lua and lookalike.lua (Script.read: a line
-- '--@include looks'): a name's look (its skeleton, Names.skeleton) is claimed and freed with the name, in the same
-- script. The looks hash maps a look to the key of the name that holds it, the looks-by-name hash a name's key to its
-- look. An entry holds its look only while its name is held and still has that look: one left behind (by a node of a
-- version that kept no looks) holds nothing.

-- The name, as its holder writes it, of the member holding the look, unless it is the member of key mine; nil when
-- no one holds it.
local function lookHolder(looks, looksByName, namePrefix, look, mine)
  local holder = redis.call('HGET', looks, look)
  if not holder or holder == mine or redis.call('HGET', looksByName, holder) ~= look then
    return nil
  end
  local claim = redis.call('GET', namePrefix .. holder)
  if not claim then
    return nil
  end
  return string.match(claim, '^[^\t]*\t([^\t]*)')
end

-- Frees the look of the name of key nameKey, if it has one.
local function freeLook(looks, looksByName, nameKey)
  local look = redis.call('HGET', looksByName, nameKey)
  if look then
    if redis.call('HGET', looks, look) == nameKey then
      redis.call('HDEL', looks, look)
    end
    redis.call('HDEL', looksByName, nameKey)
  end
end

-- The name of key nameKey holds look from now on (and no other).
local function holdLook(looks, looksByName, nameKey, look)
  freeLook(looks, looksByName, nameKey)
  redis.call('HSET', looks, look, nameKey)
  redis.call('HSET', looksByName, nameKey, look)
end
