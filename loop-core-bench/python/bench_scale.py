#!/usr/bin/env python3
"""The CPython side of the scale rows of the loop-core benchmark (run by ./bench at the repository root).

One scenario per process, so that its peak RSS belongs to that scenario alone; ScaleMain.java in
loop-core-bench is the Java twin and writes the same JSON document.

  wake N    N tasks await one Future; set_result wakes them all. Times: create (create the tasks
            and let each one run up to its await), wake (set_result until the last task has
            resumed), total (create + wake + awaiting every task).
  park N    N tasks parked on one Future; the memory figures are read while all of them are
            parked, then the Future is resolved so the run ends cleanly. N = 0 is the empty run.
  sleep N   N tasks each sleep a random 0-1 s (delays drawn from random.Random(--seed) before the
            clock starts; real clock). Times: total (create the tasks until the last has finished).

Memory: VmHWM (peak resident set size) and VmRSS read by the process itself from
/proc/self/status, in KiB; for `park` while the tasks are parked, otherwise at the end of the run.
With them, `cpu`: the CPU time (user + system) the whole process has used so far, in seconds.

    python3 bench_scale.py SCENARIO N [--uvloop] [--seed 1] [--json result.json]
"""
import argparse
import asyncio
import json
import platform
import random
import resource
import sys
from time import perf_counter

SCENARIOS = ("wake", "park", "sleep")


def cpu_seconds():
    """User + system CPU time of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def memory_kib():
    """Peak and current resident set size of this process, from /proc/self/status."""
    found = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                found[key] = int(value.split()[0])
    return {"peak": found["VmHWM"], "rss": found["VmRSS"]}


async def park_all(n):
    """Creates n tasks that await one Future and returns once every one of them is parked on it."""
    loop = asyncio.get_running_loop()
    gate = loop.create_future()
    counts = {"parked": 0, "woken": 0, "all_woken": None}

    async def waiter():
        counts["parked"] += 1
        await gate
        counts["woken"] += 1
        if counts["woken"] == n:
            counts["all_woken"] = perf_counter()

    tasks = [loop.create_task(waiter()) for _ in range(n)]
    while counts["parked"] < n:
        await asyncio.sleep(0)
    return gate, tasks, counts


async def wake(n):
    started = perf_counter()
    gate, tasks, counts = await park_all(n)
    parked = perf_counter()
    gate.set_result(None)
    for task in tasks:
        await task
    ended = perf_counter()
    if counts["woken"] != n:
        raise AssertionError(f"{counts['woken']} of {n} tasks woke up")
    all_woken = counts["all_woken"] if n else parked
    return ({"create": parked - started, "wake": all_woken - parked, "total": ended - started,
             "cpu": cpu_seconds()}, memory_kib())


async def park(n):
    started = perf_counter()
    gate, tasks, _ = await park_all(n)
    parked = perf_counter()
    memory, cpu = memory_kib(), cpu_seconds()
    gate.set_result(None)
    for task in tasks:
        await task
    return {"create": parked - started, "cpu": cpu}, memory


async def sleep(n, seed):
    rng = random.Random(seed)
    delays = [rng.random() for _ in range(n)]
    loop = asyncio.get_running_loop()

    async def sleeper(delay):
        await asyncio.sleep(delay)

    started = perf_counter()
    tasks = [loop.create_task(sleeper(d)) for d in delays]
    for task in tasks:
        await task
    ended = perf_counter()
    return ({"total": ended - started, "longest_delay": max(delays, default=0.0), "cpu": cpu_seconds()},
            memory_kib())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario", choices=SCENARIOS)
    parser.add_argument("n", type=int, help="number of tasks (0 or more)")
    parser.add_argument("--uvloop", action="store_true", help="use uvloop's event loop")
    parser.add_argument("--seed", type=int, default=1, help="seed of the sleep delays")
    parser.add_argument("--json", metavar="FILE", help="write the result to FILE as JSON")
    args = parser.parse_args()
    if args.n < 0:
        parser.error(f"N must be 0 or more, not {args.n}")

    if args.uvloop:
        import uvloop
        impl = f"uvloop {uvloop.__version__}"
        loop = uvloop.new_event_loop()
    else:
        impl = "asyncio"
        loop = asyncio.new_event_loop()
    label = f"{impl} on CPython {platform.python_version()}"
    asyncio.set_event_loop(loop)
    try:
        if args.scenario == "wake":
            seconds, memory = loop.run_until_complete(wake(args.n))
        elif args.scenario == "park":
            seconds, memory = loop.run_until_complete(park(args.n))
        else:
            seconds, memory = loop.run_until_complete(sleep(args.n, args.seed))
    finally:
        asyncio.set_event_loop(None)
        loop.close()

    times = ", ".join(f"{k} {v:.3f} s" for k, v in seconds.items())
    print(f"[bench_scale] {label}: {args.scenario} {args.n:,}: {times}; "
          f"peak RSS {memory['peak'] / 1024:.1f} MiB", flush=True)
    if args.json:
        document = {"scenario": args.scenario, "n": args.n, "seed": args.seed, "label": label,
                    "executable": sys.executable, "seconds": seconds, "memory_kib": memory}
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(document, out, indent=2)
            out.write("\n")


if __name__ == "__main__":
    main()
