-- Tells every node on the cluster stream: a ban made (kept in the bans hash), a ban lifted (forgotten there), or the
-- administrator's stop. One step, so that a refused ban is neither kept nor told.
-- KEYS: the bans hash, the cluster stream
-- ARGV: what (ban, unban or stop), the ban's slot (empty for stop), the ban's text or the stop's reason
if ARGV[1] == 'ban' then
  redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', '100', '*', 't', 'ban', 'b', ARGV[3])
elseif ARGV[1] == 'unban' then
  redis.call('HDEL', KEYS[1], ARGV[2])
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', '100', '*', 't', 'unban', 'b', ARGV[3])
else
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', '100', '*', 't', 'stop', 'r', ARGV[3])
end
return 1
