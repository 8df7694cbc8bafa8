#!/usr/bin/env python3
"""Per-thread CPU and wake-ups of the running stack (`./billstream up`), to find what costs CPU at rest.

Reads /proc/<pid>/task/*/stat (utime + stime) and /proc/<pid>/task/*/status (voluntary + involuntary context
switches, a wake-up count) of every process in .run/pids twice, WINDOW seconds apart, and prints each process's CPU
(% of one core) and wake-ups per second, then the thread groups (names with their trailing numbers dropped) of one
process, busiest first. The stack's run directory is BILLSTREAM_RUN_DIR, as for the launcher (default .run).

    bench/threads/threads.py [WINDOW=60] [PROCESS=kafka]

docs/benchmarks.md ("At rest") has what it found.
"""
import collections
import glob
import os
import re
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HZ = os.sysconf('SC_CLK_TCK')


def pids():
    run = os.environ.get('BILLSTREAM_RUN_DIR', os.path.join(ROOT, '.run'))
    return {os.path.basename(f)[:-4]: int(open(f).read().strip())
            for f in glob.glob(os.path.join(run, 'pids', '*.pid'))}


def sample(processes):
    threads = {}
    for name, pid in processes.items():
        for task in glob.glob(f'/proc/{pid}/task/*'):
            try:
                stat = open(task + '/stat').read()
                comm = stat[stat.index('(') + 1:stat.rindex(')')]
                fields = stat[stat.rindex(')') + 2:].split()
                switches = sum(int(line.split()[1]) for line in open(task + '/status')
                               if line.startswith(('voluntary_ctxt_switches', 'nonvoluntary_ctxt_switches')))
                threads[(name, task.rsplit('/', 1)[1], comm)] = (int(fields[11]) + int(fields[12]), switches)
            except (OSError, ValueError):
                pass  # a thread that ended meanwhile
    return threads


def main():
    window = float(sys.argv[1]) if len(sys.argv) > 1 else 60
    focus = sys.argv[2] if len(sys.argv) > 2 else 'kafka'
    processes = pids()
    if not processes:
        raise SystemExit('no stack running here (no pids in the run directory): ./billstream up first')
    before = sample(processes)
    time.sleep(window)
    after = sample(processes)
    cpu, wakeups = collections.Counter(), collections.Counter()
    groups, group_wakeups, group_size = collections.Counter(), collections.Counter(), collections.Counter()
    for key, (ticks, switches) in after.items():
        if key not in before:
            continue
        d_cpu, d_wake = ticks - before[key][0], switches - before[key][1]
        cpu[key[0]] += d_cpu
        wakeups[key[0]] += d_wake
        if key[0] == focus:
            group = re.sub(r'[-#]?\d+$', '', key[2]).rstrip('-')
            groups[group] += d_cpu
            group_wakeups[group] += d_wake
            group_size[group] += 1
    for name in sorted(cpu):
        print(f'{name:18s} CPU {cpu[name] / HZ / window * 100:6.2f} % of a core, {wakeups[name] / window:7.1f} wake-ups/s')
    print(f'\n{focus}, by thread group:')
    for group in sorted(groups, key=lambda g: (-groups[g], -group_wakeups[g])):
        print(f'  {group:30s} threads {group_size[group]:3d}  CPU {groups[group] / HZ / window * 100:5.2f} %  '
              f'{group_wakeups[group] / window:6.1f} wake-ups/s')


if __name__ == '__main__':
    main()
