"""Autosave latency of the store for a draft of about 60 KB.

Run: ``python benchmarks/bench_autosave.py [--dir FOLDER]``. Each save changes
one field (as typing does), so every save is a real commit with its fsync.
Prints the median of the first 5 saves and of 200 saves, the 95th percentile,
and an unchanged (no-op) autosave. Target: a save well under 20 ms.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from desktop.store import Store
from desktop.store.records import dump_json


def sample_draft(counter: int) -> dict:
    """A 附件1-like draft: profile, 20 needs with long texts (made-up content)."""
    need = {
        "title": "高精度轴承寿命检测工艺",
        "kind": "技术攻关",
        "background": "某型精密轴承在高速重载工况下的寿命预测与检测方法需要提升。" * 18,
        "content": "建立加速寿命试验方法，形成检测规范并完成样机验证。" * 18,
        "budget": "120.00",
        "deadline": "2024-06-30",
    }
    needs = [{**need, "title": f"{need['title']}（{n}）"} for n in range(20)]
    needs[counter % 20] = {**needs[counter % 20], "budget": f"{100 + counter}.00"}
    profile = {"name": "示例精工科技有限公司", "uscc": "91110000MA00000001",
               "address": "北京市示例区样板路 1 号", "contact_name": "张三"}
    return {"profile": profile, "needs": needs, "typed": counter}


def timed_saves(store: Store, draft_id: int, count: int, start: int) -> list[float]:
    latencies = []
    for counter in range(start, start + count):
        data = sample_draft(counter)
        began = time.perf_counter()
        store.save_draft(draft_id, data, problem_count=counter % 5)
        latencies.append((time.perf_counter() - began) * 1000)
    return latencies


def run(folder: Path) -> None:
    size_kb = len(dump_json(sample_draft(0)).encode("utf-8")) / 1024
    with Store.open(folder / "bench.db") as store:
        draft_id = store.create_draft("2023-a1-needs", "2023", "bench", sample_draft(0))
        first_five = timed_saves(store, draft_id, 5, start=1)
        many = timed_saves(store, draft_id, 200, start=6)
        same = sample_draft(205)
        began = time.perf_counter()
        store.save_draft(draft_id, same, problem_count=0)
        noop_ms = (time.perf_counter() - began) * 1000
    print(f"draft size: {size_kb:.1f} KB (UTF-8 JSON)")
    print(f"median of 5 saves:   {statistics.median(first_five):.2f} ms")
    print(f"median of 200 saves: {statistics.median(many):.2f} ms")
    print(f"95th percentile of 200 saves: {statistics.quantiles(many, n=20)[-1]:.2f} ms")
    print(f"unchanged autosave (no write): {noop_ms:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, help="folder for the database (default: a temp folder)")
    args = parser.parse_args()
    if args.dir:
        args.dir.mkdir(parents=True, exist_ok=True)
        run(args.dir)
        return
    with tempfile.TemporaryDirectory(prefix="xieshou-bench-") as folder:
        run(Path(folder))


if __name__ == "__main__":
    main()
