#!/usr/bin/env python3
"""What the scheduler did to a server's event loop during a `perf sched record -a` of a fixed-rate run (bench/rate-tail
with SCHED=on records one per run). The loop is the thread that ran longest on core 0 (the server's core; the
generator runs on core 1), unless a thread id is given. For each of its wake-ups: how long until it ran (the wake-up
delay: the scheduler's, and on a VM the host's, before the server does anything), what was running on core 0 when the
wake-up came (the idle task: the core had halted; another thread: the loop waited for it), and how long until it
slept again (its whole turn: the delay plus reading, the fanout and the sends).

Usage: bench/wake-ups.py PERF.DATA [TID]        prints one line of JSON."""
import collections
import json
import re
import subprocess
import sys

EVENT = re.compile(r"\s*(.+?)\s+(\d+)\s+\[(\d+)\]\s+([\d.]+):\s+(\S+):\s+(.*)")
SWITCH = re.compile(r"prev_pid=(\d+) prev_prio=\d+ prev_state=(\S+) ==> next_comm=(.*) next_pid=(\d+)")
WAKING = re.compile(r"comm=(.*) pid=(\d+) prio")
SERVER_CORE = "000"


def quantiles(values):
    values = sorted(values)
    at = lambda q: round(values[min(len(values) - 1, int(q * len(values)))], 1)
    return {"p50": at(0.5), "p99": at(0.99), "p999": at(0.999), "max": round(values[-1], 1)}


def main(data, loop=None):
    lines = subprocess.run(["perf", "script", "-i", data], capture_output=True, text=True, check=True).stdout
    if loop is None:  # not the thread woken most often: with console chat, the console's thread is woken as often
        ran = collections.Counter()
        for pid, runtime in re.findall(
                r"\[" + SERVER_CORE + r"\].*sched:sched_stat_runtime: comm=.* pid=([1-9]\d*) runtime=(\d+)", lines):
            ran[pid] += int(runtime)
        loop = ran.most_common(1)[0][0]
    running = running_name = None  # on the server's core
    woken_at = running_at_wake = turn_started = turn_delay = None
    delays, turns, at_wake, at_slow_wake = [], [], collections.Counter(), collections.Counter()
    waited_for = collections.defaultdict(float)  # µs of wake-up delay while a thread (not the idle task) was on the core
    first = last = None
    for line in lines.splitlines():
        m = EVENT.match(line)
        if not m:
            continue
        cpu, t, event, rest = m.group(3), float(m.group(4)), m.group(5), m.group(6)
        first, last = first or t, t
        if event == "sched:sched_switch" and cpu == SERVER_CORE:
            s = SWITCH.search(rest)
            prev, prev_state, next_name, nxt = s.group(1), s.group(2), s.group(3), s.group(4)
            if prev == loop and turn_started is not None and not prev_state.startswith("R"):
                turns.append((t - turn_started) * 1e6 + turn_delay)  # asleep again, not preempted
                turn_started = None
            running, running_name = nxt, next_name
            if nxt == loop and woken_at is not None:
                delay = (t - woken_at) * 1e6
                delays.append(delay)
                at_wake[running_at_wake] += 1
                if delay > 50:
                    at_slow_wake[running_at_wake] += 1
                if running_at_wake != "swapper":
                    waited_for[running_at_wake] += delay
                woken_at, turn_started, turn_delay = None, t, delay
        elif event == "sched:sched_waking":
            w = WAKING.search(rest)
            if w.group(2) == loop and woken_at is None:
                woken_at = t
                running_at_wake = "(the loop itself)" if running == loop else re.sub(r"/\d+$", "", running_name or "?")
    seconds = last - first
    print(json.dumps({
        "loop": loop, "seconds": round(seconds, 2), "wake_ups": len(delays),
        "delay_us": quantiles(delays), "turn_us": quantiles(turns),
        "delays_over_200us_per_s": round(sum(d > 200 for d in delays) / seconds, 1),
        "delays_over_1ms_per_s": round(sum(d > 1000 for d in delays) / seconds, 1),
        "on_core_at_wake_up": dict(at_wake.most_common(4)),
        "on_core_at_wake_ups_over_50us": dict(at_slow_wake.most_common(4)),
        "waited_for_threads_us": {k: round(v) for k, v in sorted(waited_for.items(), key=lambda kv: -kv[1])[:4]},
    }, ensure_ascii=False))


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(*sys.argv[1:])
