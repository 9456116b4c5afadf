"""difftest's Python side: runs generated asyncio programs on a virtual clock and prints their traces.

Protocol (one request per line on stdin): the path of a generated module. The driver answers with
the trace lines of that program, then the line '\x00END <flags>' (flags: comma-separated, or '-').

The program's own source is not changed: the driver installs an event loop policy whose loops have a
virtual clock (time starts at 0.0 and jumps to the next timer when nothing is ready, as loop-core's
Clock.Virtual does), captures print() and the 'asyncio' logger into the trace, and marks programs in
which CPython's timer heap ran timers with equal deadlines out of the order they were scheduled
(flag 'tie'): loop-core documents FIFO for equal deadlines, CPython leaves it to heapq.

Two more places where CPython 3.11 leaves an order to chance (the iteration order of a set of tasks,
which follows memory addresses):
- asyncio.run() cancels the tasks still pending at the end in the order of a set; the driver gives
  them in creation order (what loop-core's allTasks() documents), by wrapping asyncio.tasks.all_tasks.
- as_completed() makes a set of its arguments: coroutines become tasks, and done futures get their
  callbacks, in set order. The driver wraps asyncio.as_completed only to notice calls where that
  order can show (two or more arguments that are coroutines or done futures): flag 'set-order'.
- wait() too iterates a set when it adds its callbacks; with two or more futures already done, the
  order of those callbacks decides which exceptions FIRST_EXCEPTION marks as retrieved (it calls
  exception() on all but the last): the wrapped asyncio.wait sets the same flag then.
- TaskGroup keeps its tasks in a set: when it aborts, it cancels them in set order, and their
  errors are collected in the order they then fail. TaskGroup._abort is wrapped to set the flag when
  two or more tasks are still pending then.

One place where the Python at hand may predate the reference, CPython 3.11.7: before 3.11.7's
backport, an asyncio.timeout() that expires in a task that already had cancellation requests raised
CancelledError instead of TimeoutError (Debian 12's python3 is 3.11.2). When the running asyncio has
the old rule and a program reaches that case, the driver sets the flag 'timeout-rule'.
"""
import asyncio
import collections
import contextlib
import gc
import inspect
import io
import itertools
import logging
import runpy
import selectors
import sys
import weakref

LOG_MARK = '\x01'


class Deadlock(Exception):
    """Nothing is ready and no timer is scheduled: the loop would block forever."""


class VirtualSelector(selectors.SelectSelector):
    """A selector that never blocks: a wait for a timer moves the loop's virtual clock instead."""

    def __init__(self):
        super().__init__()
        self.loop = None

    def select(self, timeout=None):
        loop = self.loop
        if timeout is None:
            loop.deadlocked = True
            print('DEADLOCK')  # into the trace, where the program stopped
            raise Deadlock('nothing ready, no timers')
        if timeout > 0 and loop._scheduled:
            loop.virtual_now = max(loop.virtual_now, loop._scheduled[0]._when)
        return []


class TieWatch(collections.deque):
    """The loop's ready queue; notices timers with equal deadlines moved to it out of scheduling order."""

    def __init__(self, loop):
        super().__init__()
        self.loop = loop
        self.batch = []

    def append(self, handle):
        if isinstance(handle, asyncio.TimerHandle):
            seq = self.loop.timer_seq.get(id(handle), (None, None))[0]
            for when, other in self.batch:
                if when == handle._when and other is not None and seq is not None and other > seq:
                    self.loop.tie_disorder = True
            self.batch.append((handle._when, seq))
        super().append(handle)

    def popleft(self):
        self.batch = []
        return super().popleft()


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        selector = VirtualSelector()
        self.virtual_now = 0.0
        self.timer_seq = {}
        self.tie_disorder = False
        self.counter = itertools.count()
        self.task_order = weakref.WeakKeyDictionary()
        self.set_order = False
        self.deadlocked = False
        self.old_timeout_rule = False
        super().__init__(selector)
        selector.loop = self
        self._ready = TieWatch(self)

    def time(self):
        return self.virtual_now

    def create_task(self, coro, *, name=None, context=None):
        task = super().create_task(coro, name=name, context=context)
        self.task_order[task] = next(self.counter)
        return task

    def call_at(self, when, callback, *args, context=None):
        handle = super().call_at(when, callback, *args, context=context)
        self.timer_seq[id(handle)] = (next(self.counter), handle)
        return handle


_all_tasks = asyncio.tasks.all_tasks
_as_completed = asyncio.as_completed


def all_tasks_in_creation_order(loop=None):
    found = _all_tasks(loop)
    order = getattr(loop, 'task_order', None)
    if order is None:
        return found
    return sorted(found, key=lambda t: order.get(t, -1))


def watched_as_completed(fs, *, timeout=None):
    items = list(fs)
    coroutines = sum(1 for f in items if asyncio.iscoroutine(f))
    done = sum(1 for f in items if asyncio.isfuture(f) and f.done())
    if coroutines + done >= 2:
        asyncio.get_running_loop().set_order = True
    return _as_completed(items, timeout=timeout)


_wait = asyncio.wait


async def watched_wait(fs, *, timeout=None, return_when=asyncio.ALL_COMPLETED):
    items = list(fs)
    if sum(1 for f in items if asyncio.isfuture(f) and f.done()) >= 2:
        asyncio.get_running_loop().set_order = True
    return await _wait(items, timeout=timeout, return_when=return_when)


_abort = asyncio.taskgroups.TaskGroup._abort


def watched_abort(self):
    if sum(1 for t in self._tasks if not t.done()) >= 2:
        asyncio.get_running_loop().set_order = True
    return _abort(self)


def has_old_timeout_rule():
    try:
        return 'self._cancelling' not in inspect.getsource(asyncio.timeouts.Timeout.__aenter__)
    except (OSError, TypeError):
        return False


OLD_TIMEOUT_RULE = has_old_timeout_rule()
_timeout_aexit = asyncio.timeouts.Timeout.__aexit__


async def watched_timeout_aexit(self, exc_type, exc_val, exc_tb):
    # Expiring with two or more requests counted (its own and an earlier one): the old rule decides.
    if OLD_TIMEOUT_RULE and self._state is asyncio.timeouts._State.EXPIRING and self._task.cancelling() >= 2:
        asyncio.get_running_loop().old_timeout_rule = True
    return await _timeout_aexit(self, exc_type, exc_val, exc_tb)


asyncio.taskgroups.TaskGroup._abort = watched_abort
asyncio.timeouts.Timeout.__aexit__ = watched_timeout_aexit
asyncio.tasks.all_tasks = all_tasks_in_creation_order
asyncio.wait = watched_wait
asyncio.as_completed = watched_as_completed


class Policy(asyncio.DefaultEventLoopPolicy):
    def __init__(self):
        super().__init__()
        self.loops = []

    def new_event_loop(self):
        loop = VirtualLoop()
        self.loops.append(loop)
        return loop


class TraceHandler(logging.Handler):
    def __init__(self, lines):
        super().__init__(level=logging.DEBUG)
        self.lines = lines

    def emit(self, record):
        message = record.getMessage().split('\n')
        self.lines.append(LOG_MARK + message[0])
        self.lines.extend(message[1:])


class LineSink(io.TextIOBase):
    """stdout while a program runs: collects whole lines into the trace."""

    def __init__(self, lines):
        self.lines = lines
        self.partial = ''

    def writable(self):
        return True

    def write(self, text):
        self.partial += text
        *complete, self.partial = self.partial.split('\n')
        self.lines.extend(complete)
        return len(text)


def run_program(path):
    lines = []
    policy = Policy()
    asyncio.set_event_loop_policy(policy)
    handler = TraceHandler(lines)
    logger = logging.getLogger('asyncio')
    logger.addHandler(handler)
    logger.propagate = False
    sink = LineSink(lines)
    flags = []
    try:
        with contextlib.redirect_stdout(sink):
            try:
                namespace = runpy.run_path(path, run_name='difftest_program')
                namespace['entry']()
            except Deadlock:
                flags.append('deadlock')
            namespace = None
            if any(loop.tie_disorder for loop in policy.loops):
                flags.append('tie')
            if any(loop.set_order for loop in policy.loops):
                flags.append('set-order')
            if any(loop.old_timeout_rule for loop in policy.loops):
                flags.append('timeout-rule')
            if any(loop.deadlocked for loop in policy.loops) and 'deadlock' not in flags:
                # asyncio.run() raised Deadlock out of the program, whose entry() printed it: the
                # program never got past that point, like a Java program parked for good.
                flags.append('deadlock')
                lines[:] = [x for x in lines if not x.startswith('run raised Deadlock(')]
            # Drop the driver's own references to handles (and through them to tasks and futures)
            # so that the collection below reports what the program left unretrieved, now.
            for loop in policy.loops:
                loop.timer_seq.clear()
                loop._ready = collections.deque()
            policy.loops.clear()
            gc.collect()
    finally:
        logger.removeHandler(handler)
        asyncio.set_event_loop_policy(None)
    if sink.partial:
        lines.append(sink.partial)
    return lines, flags


def main():
    out = sys.stdout
    for request in sys.stdin:
        path = request.strip()
        if not path:
            continue
        try:
            lines, flags = run_program(path)
        except BaseException as e:  # a driver failure, reported as such
            lines, flags = ['DRIVER ERROR ' + repr(e)], ['driver-error']
        for line in lines:
            out.write(line.replace('\x00', '\\x00') + '\n')
        out.write('\x00END ' + (','.join(flags) or '-') + '\n')
        out.flush()


if __name__ == '__main__':
    main()
