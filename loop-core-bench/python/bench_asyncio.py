#!/usr/bin/env python3
"""The CPython side of the loop-core benchmark (run by ./bench at the repository root).

Four measurements, the same ones the JMH benchmarks in loop-core-bench make on the Java side:

  tasks      200,000 trivial coroutines, each wrapped with loop.create_task and awaited through
             asyncio.gather, 1,000 tasks per gather                      -> tasks per second
  pingpong   two tasks hand a turn back and forth through a fresh loop.create_future() for every
             hop, 200,000 round trips = 400,000 task switches             -> microseconds per switch
  sleep0     one task awaits asyncio.sleep(0) 200,000 times              -> microseconds per step
  callsoon   1,000 rounds of: 1,000 loop.call_soon(cb), then call_soon(loop.stop) and
             loop.run_forever()                                          -> callbacks per second

Each measurement runs --repeat times (default 3), each time on a new event loop, and the median is
kept. Only the timed part is inside the clock readings; loop creation and clean-up are outside.

    python3 bench_asyncio.py [--uvloop] [--repeat 3] [--json results.json] [--quick] [--only tasks,sleep0]

Prints one line per measurement and, with --json, writes every run and the medians to a file.
"""
import argparse
import asyncio
import gc
import json
import platform
import statistics
import sys
from time import perf_counter

TASKS_TOTAL = 200_000
TASKS_PER_GATHER = 1_000
ROUND_TRIPS = 200_000
SLEEP_STEPS = 200_000
CALLSOON_ROUNDS = 1_000
CALLSOON_PER_ROUND = 1_000
MEASUREMENTS = ("tasks", "pingpong", "sleep0", "callsoon")


# --- the timed bodies; each returns elapsed seconds --------------------------------------------

async def trivial():
    return None


async def time_tasks(total, per_gather):
    loop = asyncio.get_running_loop()
    started = perf_counter()
    for _ in range(total // per_gather):
        batch = [loop.create_task(trivial()) for _ in range(per_gather)]
        await asyncio.gather(*batch)
    return perf_counter() - started


async def time_pingpong(round_trips):
    loop = asyncio.get_running_loop()
    # slot[0]: what the responder waits for next; slot[1]: what the initiator waits for next.
    slot = [loop.create_future(), None]

    async def responder():
        for _ in range(round_trips):
            await slot[0]
            slot[0] = loop.create_future()
            slot[1].set_result(None)

    async def initiator():
        for _ in range(round_trips):
            slot[1] = loop.create_future()
            slot[0].set_result(None)
            await slot[1]

    other = loop.create_task(responder())
    await asyncio.sleep(0)  # the responder now waits on its first future
    started = perf_counter()
    await initiator()
    elapsed = perf_counter() - started
    await other
    return elapsed


async def time_sleep0(steps):
    started = perf_counter()
    for _ in range(steps):
        await asyncio.sleep(0)
    return perf_counter() - started


def time_callsoon(loop, rounds, per_round):
    calls = 0

    def callback():
        nonlocal calls
        calls += 1

    started = perf_counter()
    for _ in range(rounds):
        for _ in range(per_round):
            loop.call_soon(callback)
        loop.call_soon(loop.stop)
        loop.run_forever()
    elapsed = perf_counter() - started
    if calls != rounds * per_round:
        raise AssertionError(f"ran {calls} callbacks, expected {rounds * per_round}")
    return elapsed


# --- running -----------------------------------------------------------------------------------

def make_loop(use_uvloop):
    if use_uvloop:
        import uvloop
        return uvloop.new_event_loop()
    return asyncio.new_event_loop()


def one_run(name, use_uvloop, scale):
    loop = make_loop(use_uvloop)
    asyncio.set_event_loop(loop)
    gc.collect()
    try:
        if name == "tasks":
            return loop.run_until_complete(time_tasks(TASKS_TOTAL // scale, TASKS_PER_GATHER))
        if name == "pingpong":
            return loop.run_until_complete(time_pingpong(ROUND_TRIPS // scale))
        if name == "sleep0":
            return loop.run_until_complete(time_sleep0(SLEEP_STEPS // scale))
        if name == "callsoon":
            return time_callsoon(loop, CALLSOON_ROUNDS // scale, CALLSOON_PER_ROUND)
        raise ValueError(name)
    finally:
        asyncio.set_event_loop(None)
        loop.close()


def summarize(name, runs, scale):
    """Turns elapsed seconds into the figure each measurement reports."""
    median = statistics.median(runs)
    if name == "tasks":
        n = TASKS_TOTAL // scale
        return {"unit": "tasks/s", "value": n / median, "count": n,
                "detail": f"{median / n * 1e6:.2f} us/task"}
    if name == "pingpong":
        switches = 2 * (ROUND_TRIPS // scale)
        return {"unit": "us/switch", "value": median / switches * 1e6, "count": switches,
                "detail": f"{switches / median:,.0f} switches/s"}
    if name == "sleep0":
        n = SLEEP_STEPS // scale
        return {"unit": "us/step", "value": median / n * 1e6, "count": n,
                "detail": f"{n / median:,.0f} steps/s"}
    n = (CALLSOON_ROUNDS // scale) * CALLSOON_PER_ROUND
    return {"unit": "callbacks/s", "value": n / median, "count": n,
            "detail": f"{median / n * 1e9:.0f} ns/callback"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uvloop", action="store_true", help="use uvloop's event loop")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median kept)")
    parser.add_argument("--json", metavar="FILE", help="write the results to FILE as JSON")
    parser.add_argument("--quick", action="store_true", help="a tenth of the work (smoke test)")
    parser.add_argument("--only", metavar="NAMES",
                        help="comma-separated subset of: " + ", ".join(MEASUREMENTS))
    args = parser.parse_args()
    names = MEASUREMENTS if not args.only else args.only.split(",")
    unknown = [n for n in names if n not in MEASUREMENTS]
    if unknown:
        parser.error(f"unknown measurement(s): {', '.join(unknown)}")

    scale = 10 if args.quick else 1
    if args.uvloop:
        import uvloop
        impl = f"uvloop {uvloop.__version__}"
    else:
        impl = "asyncio"
    label = f"{impl} on CPython {platform.python_version()}"
    print(f"[bench_asyncio] {label} ({sys.executable}), median of {args.repeat}", flush=True)

    results = {}
    for name in names:
        runs = [one_run(name, args.uvloop, scale) for _ in range(args.repeat)]
        figure = summarize(name, runs, scale)
        figure["runs_seconds"] = runs
        results[name] = figure
        print(f"  {name:<9} {figure['value']:>14,.2f} {figure['unit']:<12} ({figure['detail']}; "
              f"runs {', '.join(f'{r:.3f}' for r in runs)} s)", flush=True)

    if args.json:
        document = {
            "implementation": impl,
            "label": label,
            "python": platform.python_version(),
            "executable": sys.executable,
            "repeat": args.repeat,
            "quick": args.quick,
            "results": results,
        }
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(document, out, indent=2)
            out.write("\n")


if __name__ == "__main__":
    main()
