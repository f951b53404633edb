"""The officer's desk: receive, verify throughput, filters and XLSX, with same-run references.

    .venv/bin/python benchmarks/bench_desk.py [--packages 100] [--mb 20] [--rows 10000] [--runs 3]

- ``desk receive`` of a folder of N packages (each carrying ``--mb`` MB of
  attachments) against ``cp -r`` of the folder followed by ``sha256sum`` of
  every file, timed in the same run; peak memory of the receiving process
  (max RSS) and of it with its worker processes (PSS, sampled).
- ``verify_paths`` of the same folder on 2 workers against single-threaded
  hashlib SHA-256 over the same bytes (target ≥ 1.5×), and 1,000 small
  packages (target ≤ 2 ms each).
- Filtering 10,000 registered entries (target ≤ 50 ms) and the 收件清单 /
  需求汇总表 XLSX of 10,000 rows (target ≤ 5 s), each against openpyxl's
  write-only mode appending the same values (no styles, widths or reading).
Each measurement starts with the disk's pending writes flushed (``os.sync``): the 2 GB just written would
otherwise be written back while it runs, on the same two cores. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from _util import PYTHON, ROOT, median_time, run_quiet

sys.path.insert(0, str(ROOT))

from desktop.desk.db import DeskDB  # noqa: E402
from desktop.desk.tables import DeskNeed, DeskPackage  # noqa: E402
from desktop.desk.query import PackageFilter, list_rows, predicate, rows_of  # noqa: E402
from desktop.desk.xlsx_out import need_rows, need_values, receipt_values, write_needs, write_receipts  # noqa: E402
from desktop.package.parallel import default_workers  # noqa: E402
from desktop.package.verify import verify_paths  # noqa: E402
from tests.package.sample_package import write_package  # noqa: E402

MB = 1024 * 1024
RECEIVE_CHILD = """
import resource, sys, threading, time
from pathlib import Path
import psutil
sys.path.insert(0, sys.argv[1])
from desktop.desk.db import DeskDB
from desktop.desk.receive import receive_paths


def tree_pss(me):
    # proportional set size of this process and every process it started (the worker processes and the
    # server they are started from): pages they share are counted once, not once per process
    total = 0
    for proc in [me, *me.children(recursive=True)]:
        try:
            total += proc.memory_full_info().pss
        except (psutil.Error, OSError):
            pass
    return total / 1024 / 1024


def main():
    me, peak, done = psutil.Process(), [0.0], threading.Event()

    def sample():
        while not done.wait(0.05):
            peak[0] = max(peak[0], tree_pss(me))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    db = DeskDB.open(sys.argv[2])
    start = time.perf_counter()
    results = receive_paths(db, [Path(sys.argv[3])])
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(seconds, own, peak[0], sum(r.verdict.complete for r in results))


if __name__ == "__main__":
    main()
"""


def make_folder(work: Path, count: int, mb: int) -> Path:
    one = write_package(work / "one", seed=1, attachments=[("attachments/01_设计图纸.pdf", mb * MB)])
    folder = work / "in"
    for index in range(count):
        # each a package of its own (its own binding code): a different seed, the same big file
        target = write_package(folder / f"企业{index:03d}", seed=index + 1, attachments=[])
        (target / "attachments").mkdir(exist_ok=True)
        shutil.copyfile(one / "attachments/01_设计图纸.pdf", target / "attachments/01_设计图纸.pdf")
        _add_attachment(target, "attachments/01_设计图纸.pdf")
    return folder


def _add_attachment(package: Path, relpath: str) -> None:
    """Put a listed attachment into a package and bind it again (as the exporter would have)."""
    from desktop.package.binding import binding_sha256, code_from_sha256, is_bound

    manifest = json.loads((package / "manifest.json").read_text("utf-8"))
    data = (package / relpath).read_bytes()
    manifest["files"].append({"path": relpath, "size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                              "role": "attachment"})
    submission = (package / "data/submission.json").read_bytes()
    bound = [f["sha256"] for f in manifest["files"] if is_bound(f["path"], f["role"])]
    manifest["binding_sha256"] = binding_sha256(submission, bound)
    manifest["binding_code"] = code_from_sha256(manifest["binding_sha256"])
    manifest["files"].sort(key=lambda f: f["path"])
    (package / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")


def hash_all(folder: Path) -> int:
    size = 0
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest = hashlib.sha256()
            with open(path, "rb") as handle:
                while chunk := handle.read(MB):
                    digest.update(chunk)
                    size += len(chunk)
    return size


def ratio_line(name: str, seconds: float, size_mb: float | None, ratio: float, ratio_name: str, target: str,
               ok: bool) -> None:
    speed = f"  {size_mb / seconds:6.0f} MB/s" if size_mb else ""
    print(f"  {name:<30} {seconds:7.2f} s{speed}  = {ratio:.2f}× {ratio_name} (target {target} "
          f"{'OK' if ok else 'MISSED'})", flush=True)


def bench_receive(work: Path, folder: Path, runs: int) -> None:
    settle()
    size = hash_all(folder) / MB                       # also warms the page cache
    cp_times, desk_times, own_peaks, tree_peaks = [], [], [], []
    for run in range(runs):
        copy = work / f"copy{run}"
        start = time.perf_counter()
        subprocess.run(["cp", "-r", str(folder), str(copy)], check=True)
        files = [str(p) for p in copy.rglob("*") if p.is_file()]
        for index in range(0, len(files), 500):
            subprocess.run(["sha256sum", *files[index:index + 500]], check=True, stdout=subprocess.DEVNULL)
        cp_times.append(time.perf_counter() - start)
        shutil.rmtree(copy)
        db_path = work / f"desk{run}" / "desk.db"
        child = work / "receive_child.py"
        child.write_text(RECEIVE_CHILD, "utf-8")
        out = subprocess.run([PYTHON, str(child), str(ROOT), str(db_path), str(folder)], check=True,
                             capture_output=True, text=True).stdout.split()
        desk_times.append(float(out[0]))
        own_peaks.append(float(out[1]))
        tree_peaks.append(float(out[2]))
        shutil.rmtree(db_path.parent)
    cp_s, desk_s = sorted(cp_times)[runs // 2], sorted(desk_times)[runs // 2]
    print(f"desk receive of {len(list(folder.iterdir()))} packages, {size:.0f} MB, median of {runs}:")
    print(f"  cp -r + sha256sum              {cp_s:7.2f} s  {size / cp_s:6.0f} MB/s  (reference, same run)")
    ratio_line("desk receive", desk_s, size, desk_s / cp_s, "cp+sha256sum", "≤ 1.00×", desk_s <= cp_s)
    own, tree = max(own_peaks), max(tree_peaks)
    print(f"  peak memory: receiving process {own:.0f} MB max RSS (target ≤ 200 MB {'OK' if own <= 200 else 'MISSED'}); "
          f"with its worker processes {tree:.0f} MB PSS, sampled every 50 ms "
          f"(target ≤ 200 MB {'OK' if tree <= 200 else 'MISSED'})", flush=True)


def settle() -> None:
    """The disk's pending writes flushed, so that the kernel does not write them back during a measurement."""
    os.sync()
    time.sleep(1)


def bench_verify(folder: Path, runs: int) -> None:
    settle()
    size = hash_all(folder) / MB
    plain = median_time(lambda: hash_all(folder), runs)
    verify_paths([folder], workers=2)  # starts the worker processes' server once, as a long-running program has
    one = median_time(lambda: verify_paths([folder], workers=1), runs)
    two = median_time(lambda: verify_paths([folder], workers=2), runs)
    command = median_time(lambda: run_quiet([str(Path(PYTHON).parent / "xieshou"), "verify", str(folder)]), runs)
    print(f"verify of {size:.0f} MB ({len(list(folder.iterdir()))} packages), median of {runs}:")
    print(f"  hashlib SHA-256, one thread    {plain:7.2f} s  {size / plain:6.0f} MB/s  (reference, same run)")
    ratio_line("verify_paths, 1 worker", one, size, plain / one, "hashlib", "none, for comparison", True)
    ratio_line("verify_paths, 2 workers", two, size, plain / two, "hashlib", "≥ 1.5×", plain / two >= 1.5)
    ratio_line("xieshou verify, with start-up", command, size, plain / command, "hashlib",
               "none: Python's and the worker processes' start-up included", True)


def bench_small(work: Path, runs: int) -> None:
    folder = work / "small"
    for index in range(1000):
        write_package(folder / f"p{index:04d}", seed=index % 50, attachments=[])
    settle()
    verify_paths([folder])  # starts the worker processes' server once, as a long-running program has
    one = median_time(lambda: verify_paths([folder], workers=1), runs)
    default = median_time(lambda: verify_paths([folder]), runs)
    # seconds for 1,000 packages = milliseconds per package
    print(f"verify of 1,000 small packages (a 20-need 附件1 each, 65 KB of data), median of {runs}:")
    print(f"  1 worker (one thread)          {one:7.2f} s = {one:5.2f} ms per package (for comparison)")
    print(f"  default workers ({default_workers()})             {default:7.2f} s = {default:5.2f} ms per package "
          f"(target ≤ 2 ms {'OK' if default <= 2 else 'MISSED'}), {one / default:.2f}× the one-worker speed")
    shutil.rmtree(folder)


def fill_register(db: DeskDB, rows: int) -> None:
    provinces = ["河北省", "福建省", "山东省", "广东省", "四川省"]
    sectors = ["新材料", "电力装备", "农机装备", "航空航天装备", "新一代信息技术", "生物医药及高性能医疗器械"]
    start = dt.datetime(2023, 4, 20, 9, 0, tzinfo=dt.timezone.utc)
    with db.writing() as session:
        for index in range(rows):
            sector = sectors[index % len(sectors)]
            session.add(DeskPackage(
                binding_code=f"B{index:05d}-XXXX-XXXX-XXXX", form_id="2023-a1-needs", edition="2023", revision=1,
                submitter_name=f"样例{index}号精工科技有限公司（样例）", submitter_uscc=f"9135{index:014d}",
                province=provinces[index % 5], channel="省级中小企业主管部门组织", sectors=f"|{sector}|",
                domains="|制造强国重点领域|", search_text=f"样例{index}号精工科技有限公司（样例） 需求{index} 轴承寿命检测",
                arrived_at=start + dt.timedelta(minutes=index), verdict="完整" if index % 9 else "有问题",
                state="已收件", state_version=1))
        session.flush()
        for index in range(rows):
            session.add(DeskNeed(package_id=index + 1, row=0, code=f"2023-35-{index:05d}", title=f"需求{index}",
                                 sector=sectors[index % 6], domain="制造强国重点领域", is_public=bool(index % 3),
                                 budget=Decimal(index) + Decimal("0.5"), deadline="2024-06-30",
                                 data_json='{"kind": "技术攻关", "need_contact": "张三", "need_phone": "0591-1234567"}'))


def bench_register(work: Path, rows: int, runs: int) -> None:
    db = DeskDB.open(str(work / "register.db"))
    fill_register(db, rows)
    settle()
    filters = {"province": PackageFilter(province="福建省"), "产业链": PackageFilter(sector="新材料"),
               "text": PackageFilter(text="123号"), "combined": PackageFilter(
                   province="河北省", verdict="完整", arrived_from=dt.date(2023, 4, 21), text="精工")}
    loaded = median_time(lambda: list_rows(db), runs)
    table = list_rows(db)
    print(f"load {rows} entries into the window's table once: {loaded * 1000:.0f} ms")
    for name, flt in filters.items():
        found = len(list_rows(db, flt))
        in_sql = median_time(lambda flt=flt: list_rows(db, flt), runs)
        in_table = median_time(lambda flt=flt: list(filter(predicate(flt), table)), runs)
        print(f"filter {rows} entries by {name:<8} window table {in_table * 1000:6.1f} ms (target ≤ 50 ms "
              f"{'OK' if in_table <= 0.05 else 'MISSED'}), SQL query with rows {in_sql * 1000:6.1f} ms; {found} found")
    with db.reading() as session:
        receipts = [receipt_values(r) for r in rows_of(session)]
    needs = [need_values(n) for n in need_rows(db)]
    for name, write, values in (("收件清单", write_receipts, receipts), ("需求汇总表", write_needs, needs)):
        seconds = median_time(lambda write=write: write(db, work / f"{name}.xlsx"), runs)
        bare = median_time(lambda values=values: bare_openpyxl(work / "bare.xlsx", values), runs)
        print(f"XLSX {name} of {rows} rows  {seconds:6.2f} s (target ≤ 5 s {'OK' if seconds <= 5 else 'MISSED'}), "
              f"{seconds / rows * 1e6:.0f} µs per row; ratio {seconds / bare:.2f}× bare openpyxl write-only "
              f"appending the same values ({bare:.2f} s)", flush=True)
    db.close()


def bare_openpyxl(path: Path, rows: list[list]) -> None:
    """openpyxl's write-only mode appending the same values: no styles, widths, filter or database."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("bare")
    for values in rows:
        sheet.append([None if v == "" else v for v in values])
    workbook.save(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--packages", type=int, default=100)
    parser.add_argument("--mb", type=int, default=20)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-small", action="store_true")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores "
          "(figures on a busy machine are slower; the ratios are taken in the same run)", flush=True)
    work = Path(tempfile.mkdtemp(prefix="bench_desk_", dir="/tmp"))
    try:
        folder = make_folder(work, args.packages, args.mb)
        bench_verify(folder, max(args.runs, 5))   # a second or two each: more runs, a steadier median
        bench_receive(work, folder, args.runs)
        if not args.skip_small:
            bench_small(work, args.runs)
        bench_register(work, args.rows, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
