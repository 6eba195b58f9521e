#!/usr/bin/env python3
"""Times shell commands in interleaved rounds, so that a drift in machine speed affects every command alike.

Usage: interleaved.py ROUNDS NAME=PREPARE=>COMMAND ...   (PREPARE may be empty)
Prints, per command, the mean, median and min wall time and the mean user CPU time of the child processes.
"""
import resource
import statistics
import subprocess
import sys
import time


def run(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, shell=True, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime


def main():
    rounds = int(sys.argv[1])
    specs = []
    for argument in sys.argv[2:]:
        name, rest = argument.split("=", 1)
        prepare, command = rest.split("=>", 1)
        specs.append((name, prepare, command))
    results = {name: [] for name, _, _ in specs}
    for _ in range(rounds):
        for name, prepare, command in specs:
            if prepare:
                subprocess.run(prepare, shell=True, check=True)
            results[name].append(run(command))
    print("| command | mean wall (s) | median wall (s) | min wall (s) | mean user CPU (s) |")
    print("|---|---:|---:|---:|---:|")
    for name, _, _ in specs:
        walls = [wall for wall, _ in results[name]]
        users = [user for _, user in results[name]]
        print(
            f"| {name} | {statistics.mean(walls):.2f} | {statistics.median(walls):.2f} | {min(walls):.2f}"
            f" | {statistics.mean(users):.2f} |"
        )


if __name__ == "__main__":
    main()
