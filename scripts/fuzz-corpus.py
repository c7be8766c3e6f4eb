#!/usr/bin/env python3
"""Picks the inputs of a grown fuzz corpus worth committing, under a byte budget.

A minimised corpus can still be far too large to commit (read_excel's workbooks are 7 KB each),
and libFuzzer's merge has no size budget. This reads the control file that a merge writes
(-merge=1 -merge_control_file=FILE: every input with its size and features), keeps the inputs
already in fuzz/corpus/TARGET, then adds the input with the most new features per byte until the
budget is spent, and copies the additions into fuzz/corpus/TARGET. The choice is deterministic
for a given control file.

    scripts/fuzz-corpus.py TARGET CONTROL_FILE BUDGET_BYTES   (run from fuzz/)
"""
import heapq
import os
import shutil
import sys


def main():
    target, control, budget = sys.argv[1], sys.argv[2], int(sys.argv[3])
    seed_dir = os.path.join("corpus", target)
    lines = open(control).read().split("\n")
    count = int(lines[0])
    files = lines[2 : 2 + count]
    size, features, edges = {}, {}, {}
    for line in lines[2 + count :]:
        word = line.split()
        if not word:
            continue
        if word[0] == "STARTED":
            size[int(word[1])] = int(word[2])
        elif word[0] == "FT":
            features[int(word[1])] = set(map(int, word[2:]))
        elif word[0] == "COV":
            edges[int(word[1])] = set(map(int, word[2:]))
    every_ft = set().union(*features.values())
    every_cov = set().union(*edges.values())
    seeds = {i for i, f in enumerate(files) if os.path.dirname(f) == seed_dir}
    chosen, ft, cov, used = [], set(), set(), 0
    for i in sorted(seeds):
        ft |= features.get(i, set())
        cov |= edges.get(i, set())
        used += size.get(i, 0)

    def rate(i):
        return len(features.get(i, set()) - ft) / max(size.get(i, 1), 1)

    # Lazy greedy: a rate only falls as more is covered, so a popped input whose fresh rate
    # still beats the next one's stale rate is the best.
    heap = [(-rate(i), i) for i in range(count) if i not in seeds]
    heapq.heapify(heap)
    while heap:
        _, i = heapq.heappop(heap)
        r = rate(i)
        if r == 0:
            continue
        if heap and r < -heap[0][0]:
            heapq.heappush(heap, (-r, i))
            continue
        if used + size.get(i, 1) > budget:
            continue
        chosen.append(i)
        ft |= features[i]
        cov |= edges.get(i, set())
        used += size.get(i, 1)
    for i in chosen:
        shutil.copyfile(files[i], os.path.join(seed_dir, os.path.basename(files[i])))
    print(
        f"{target}: {len(seeds)} seeds + {len(chosen)} added, {used} bytes; "
        f"features {len(ft)}/{len(every_ft)}, edges {len(cov)}/{len(every_cov)}"
    )


main()
