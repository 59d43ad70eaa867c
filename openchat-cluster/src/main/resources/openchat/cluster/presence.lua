-- Included by claim.lua, rename.lua, release.lua and leave.lua (Script.read: a line '--@include presence'): a name
-- taken or freed is told on the presence stream, in the script that takes or frees it, so that every node tells its
-- watchers (IRC's MONITOR) in the order the names changed hands. 'on' or 'off', and the name as its holder writes it.
-- The stream keeps the last ~1,000 entries: a node reads it as it reads the cluster's news, from where it was.

local function tellPresence(stream, what, name)
  if stream then
    redis.call('XADD', stream, 'MAXLEN', '~', '1000', '*', 't', what, 'n', name)
  end
end
