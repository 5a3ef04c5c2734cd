"""Desktop app figures: start-up, save-to-ready-for-next, the Participants table on 100,000
records (load, scroll, search) and peak memory. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_ui.py [--records 100000] [--runs 7] [--no-bytecode-cache]
                                       [--screen offscreen|xvfb] [--part startup|save|table]

Runs on Qt's offscreen platform; start-up also on a real X screen (``--screen xvfb``: its own
Xvfb, or $DISPLAY), timed from launch to the first window's first paint. Start-up is measured
as installed: both the bare window and the
app run with a bytecode cache (bench/out/pycache, filled by one unmeasured run of each), as
PySide6 and the standard library already have theirs. ``--no-bytecode-cache`` runs both with the
environment as it is (with PYTHONDONTWRITEBYTECODE=1 and no __pycache__, the app compiles its
own modules on every start). The 100,000-record database is built once (bulk insert in one unit
of work) and kept in bench/out/ (gitignored); delete it to rebuild.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PASSWORD = "bench-sandi-1"
# A bare PySide6 window: ready once painted, as the app's FIELDREG_EXIT_WHEN_READY does.
BARE = ("import sys; from PySide6.QtWidgets import QApplication, QWidget; "
        "from PySide6.QtCore import QEvent, QObject, QTimer; app = QApplication(sys.argv[:1]); "
        "w = QWidget(); w.resize(720, 560)\n"
        "class F(QObject):\n"
        "    def eventFilter(self, o, e):\n"
        "        if e.type() == QEvent.Type.Paint and o is w:\n"
        "            w.removeEventFilter(self); QTimer.singleShot(0, lambda: (print('ready', "
        "flush=True), app.quit()))\n"
        "        return False\n"
        "f = F(); w.installEventFilter(f); w.show(); app.exec()")


SCREEN: dict[str, str] = {"QT_QPA_PLATFORM": "offscreen"}  # or xcb on Xvfb (--screen xvfb)


def env(home: Path) -> dict[str, str]:
    e = dict(os.environ, FIELDREG_HOME=str(home), PYTHONPATH=str(ROOT), **SCREEN)
    e.setdefault("FIELDREG_ARGON2_COST", "1,8,1")
    return e


def time_to_ready(cmd: list[str], e: dict[str, str]) -> float:
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=e,
                         cwd=ROOT, text=True)
    assert p.stdout is not None
    for line in p.stdout:
        if line.strip() == "ready":
            dt = time.perf_counter() - t0
            p.wait()
            return dt
    p.wait()
    raise RuntimeError(f"{cmd} never became ready")


def make_home(path: Path, records: int = 0) -> Path:
    code = f"""
import sys; sys.path.insert(0, {str(ROOT / 'bench')!r})
from pathlib import Path
from fieldreg.services import accounts
from seed import seed
home = Path({str(path)!r})
if not accounts.is_initialised(home):
    accounts.initialise(home, device_name="Bench", regency_code="15.05",
                        volunteer_name="Bench", password={PASSWORD!r})
if {records}:
    ctx = accounts.unlock(home, "", {PASSWORD!r})
    seed(ctx, {records}, progress=lambda d, n: d % 20000 == 0 and print(d, n, flush=True))
    ctx.close()
"""
    subprocess.run([sys.executable, "-c", code], env=env(path), check=True, cwd=ROOT)
    return path


def bench_startup(runs: int, *, bytecode_cache: bool = True) -> dict[str, Any]:
    """Launch to a painted window, the app's unlock window (an initialised laptop) and its
    first-run wizard (a new one), each next to a bare PySide6 window, runs interleaved."""
    import shutil

    home = OUT / "home-startup"
    if not (home / "keyslots.json").exists():
        make_home(home)
    fresh = OUT / "home-first-run"
    e = env(home)
    e["FIELDREG_EXIT_WHEN_READY"] = "1"
    e_first = dict(e, FIELDREG_HOME=str(fresh))
    bare_cmd = [sys.executable, "-c", BARE]
    app_cmd = [sys.executable, str(ROOT / "main.py")]
    if bytecode_cache:
        for x in (e, e_first):
            x.pop("PYTHONDONTWRITEBYTECODE", None)
            x["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
        time_to_ready(bare_cmd, e)  # unmeasured: fills the cache, as an install would
        time_to_ready(app_cmd, e)
        shutil.rmtree(fresh, ignore_errors=True)
        time_to_ready(app_cmd, e_first)
    bare, unlock, first = [], [], []
    for _ in range(runs):  # interleaved, so all see the same disk cache and load
        bare.append(time_to_ready(bare_cmd, e))
        unlock.append(time_to_ready(app_cmd, e))
        shutil.rmtree(fresh, ignore_errors=True)  # a new laptop every time
        first.append(time_to_ready(app_cmd, e_first))
    b, u, f = statistics.median(bare), statistics.median(unlock), statistics.median(first)
    return {"bare_window_s": round(b, 3), "unlock_window_s": round(u, 3),
            "first_run_s": round(f, 3), "unlock_ratio": round(u / b, 2),
            "first_run_ratio": round(f / b, 2), "runs": runs,
            "bytecode_cache": bytecode_cache, "screen": SCREEN["QT_QPA_PLATFORM"]}


def start_xvfb() -> subprocess.Popen[bytes] | None:
    """A virtual X screen for --screen xvfb (None: DISPLAY is set already, use it)."""
    if os.environ.get("DISPLAY"):
        SCREEN.update(QT_QPA_PLATFORM="xcb")
        return None
    for n in range(90, 110):
        if Path(f"/tmp/.X11-unix/X{n}").exists():
            continue
        proc = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1366x768x24", "-nolisten",
                                 "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{n}").exists():
                SCREEN.update(QT_QPA_PLATFORM="xcb", DISPLAY=f":{n}")
                return proc
            time.sleep(0.05)
        proc.kill()
    raise RuntimeError("Xvfb did not start")


def pump(app: Any, until: Any, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while not until() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.0005)


def open_app(home: Path) -> tuple[Any, Any]:
    os.environ.update(env(home))
    sys.path.insert(0, str(ROOT))
    from fieldreg.services import settings
    from ui import i18n
    from ui.app import AppController, create_app

    app = create_app([])
    i18n.install("id")
    c = AppController(home, settings.load(home))
    c.start()
    c.window.password.setText(PASSWORD)
    c.window.try_unlock()
    pump(app, lambda: c.main is not None)
    c.main.resize(1366, 740)
    c.main.show()
    pump(app, c.runner.idle)
    return app, c


def bench_save(runs: int) -> dict[str, Any]:
    import shutil

    home = OUT / "home-save"
    shutil.rmtree(home, ignore_errors=True)
    make_home(home)
    app, c = open_app(home)
    from tools.sample_data import SampleFactory
    from ui.registration import form_io

    page = c.main.page("register")
    fac = SampleFactory(3, today=c.ctx.today_fn())
    times = []
    done: list[bool] = []
    page.ready_for_next.connect(lambda: done.append(True))
    for _ in range(runs + 2):
        form_io.set_data(page.form, fac.data(volunteer_id=c.ctx.volunteer_id))
        page.validate()
        pump(app, c.runner.idle)
        done.clear()
        t0 = time.perf_counter()
        page.save(ready=True)
        pump(app, lambda: bool(done))
        times.append(time.perf_counter() - t0)
        pump(app, c.runner.idle)
    times = times[2:]  # the first saves warm caches
    c.main.page("register").dirty = False
    c.shutdown()
    return {"median_ms": round(statistics.median(times) * 1000, 1),
            "max_ms": round(max(times) * 1000, 1), "runs": runs}


def bench_table(records: int) -> dict[str, Any]:
    home = OUT / f"home-{records}"
    if not (home / "keyslots.json").exists():
        t0 = time.perf_counter()
        make_home(home, records)
        print(f"  built {records} records in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    app, c = open_app(home)
    main = c.main
    t0 = time.perf_counter()
    main.show_page("participants")
    page = main.page("participants")
    pump(app, lambda: not page.loading)
    app.processEvents()
    open_s = time.perf_counter() - t0
    rows = page.model.rowCount()
    sb = page.table.verticalScrollBar()
    steps = []
    for i in range(300):
        t = time.perf_counter()
        sb.setValue(sb.value() + sb.pageStep() if i % 50 else (sb.maximum() * (i // 50)) // 6)
        page.table.viewport().repaint()
        app.processEvents()
        steps.append(time.perf_counter() - t)
    searches = {}
    for label, text in (("name 'ahmad'", "ahmad"), ("name infix 'apu'", "apu"),
                        ("NIK prefix 150501", "150501"), ("no match", "zzzzq")):
        page.search.setText(text)
        t = time.perf_counter()
        page.reload()
        pump(app, lambda: not page.loading)
        page.table.viewport().repaint()
        app.processEvents()
        searches[label] = {"ms": round((time.perf_counter() - t) * 1000, 1),
                           "rows": page.model.rowCount()}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    c.shutdown()
    steps.sort()
    return {
        "records": rows, "open_list_ms": round(open_s * 1000, 1),
        "scroll_step_ms": {"median": round(statistics.median(steps) * 1000, 2),
                           "p95": round(steps[int(len(steps) * 0.95)] * 1000, 2),
                           "max": round(steps[-1] * 1000, 2), "steps": len(steps)},
        "search": searches, "peak_rss_mib": round(peak, 1),
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--part", choices=("all", "startup", "save", "table"), default="all")
    ap.add_argument("--no-bytecode-cache", action="store_true",
                    help="start-up: the environment's own bytecode setting, no cache prefix")
    ap.add_argument("--screen", choices=("offscreen", "xvfb"), default="offscreen",
                    help="start-up: Qt's offscreen platform, or a real X screen (Xvfb, or "
                    "$DISPLAY) where a window is drawn as a person sees it")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.part == "all":
        # each part in its own process, so peak memory is the table's alone
        for part in ("startup", "save", "table"):
            subprocess.run([sys.executable, __file__, "--part", part, "--records",
                            str(args.records), "--runs", str(args.runs), "--screen",
                            args.screen,
                            *(["--no-bytecode-cache"] if args.no_bytecode_cache else [])],
                           check=True)
        return 0
    if args.part == "startup":
        xvfb = start_xvfb() if args.screen == "xvfb" else None
        try:
            r = bench_startup(args.runs, bytecode_cache=not args.no_bytecode_cache)
        finally:
            if xvfb is not None:
                xvfb.kill()
        cache = "with" if r["bytecode_cache"] else "without"
        print(f"start-up to a painted window ({r['screen']}, median of {r['runs']}, {cache} "
              f"bytecode cache): bare PySide6 window {r['bare_window_s']:.3f} s; unlock "
              f"window {r['unlock_window_s']:.3f} s ({r['unlock_ratio']}×); first-run wizard "
              f"{r['first_run_s']:.3f} s ({r['first_run_ratio']}×) (target ≤ 1.3×)")
    elif args.part == "save":
        r = bench_save(args.runs * 3)
        print(f"save to ready-for-next: median {r['median_ms']} ms, max {r['max_ms']} ms "
              f"(target ≤ 100 ms; {r['runs']} saves)")
    else:
        r = bench_table(args.records)
        s = r["scroll_step_ms"]
        print(f"participants on {r['records']} records: list open {r['open_list_ms']} ms; "
              f"scroll step median {s['median']} ms, p95 {s['p95']} ms, max {s['max']} ms")
        for k, v in r["search"].items():
            print(f"  search {k}: {v['ms']} ms → {v['rows']} rows")
        print(f"peak memory with the table open: {r['peak_rss_mib']} MiB (target ≤ 200 MiB)")
    print(json.dumps({args.part: r}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
