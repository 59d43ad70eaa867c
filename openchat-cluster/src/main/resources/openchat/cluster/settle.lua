-- Settles an operation whose answer this node did not get (its link to Redis dropped with the operation sent). Run
-- fenced, under the operation's id and with no deadline: when the operation ran, the fence answers with its recorded
-- answer and this never runs; when it did not, this refusal becomes the operation's record, so that the operation,
-- should it still arrive, answers EXPIRED instead of running.
return redis.error_reply('EXPIRED')
