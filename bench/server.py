"""Load test of the game server against a bare websockets echo server (loopback only).

    .venv/bin/python bench/server.py                      # 100 rooms x 6 clients, korea-2019
    .venv/bin/python bench/server.py --rooms 20 --scenario mini
    .venv/bin/python bench/server.py --pace 0.5 --latency-seconds 60

The game server runs in its own process; simulated clients run in ``--workers`` other
processes (3 by default: on a 2-core machine, 2 processes of 300 clients each added
their own queueing to the measured latency at month ends, and 4 crowd the cores), each
client an external bot (``game.netclient.play_random``) playing from the views and
legal actions the server sends. Two measured phases, each on a fresh server:

- latency phase (open schedule, wrk2-style): each client sends at most one action per
  ``--pace`` seconds on a fixed schedule, for ``--latency-seconds``; latency is taken
  from each action's scheduled send time (so falling behind counts) to the reply; the
  server's event-loop lag (how late a 5 ms timer fires in the server process) is printed
  beside it, to tell the server's own queueing from the clients';
- throughput phase (closed loop): every client acts as soon as its previous action is
  answered and plays a whole game; this is saturation, where latency is mostly queueing
  (printed too). Memory per room (RSS growth / rooms, from /proc/PID/status) is taken
  here.

Then the same closed-loop figures for a bare websockets echo server with the same number
of connections doing request/reply. Targets: p99 < 50 ms, throughput >= 30% of the echo
server's, < 2 MB per room.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
MINI = str(ROOT / "tests" / "fixtures" / "mini.yaml")


# ---------------------------------------------------------------------- helpers
def rss_kib(pid: int) -> int:
    """Resident set size of a process in KiB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100), nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


# ---------------------------------------------------------------------- servers
LAG_TICK = 0.005
"""Seconds between the loop-lag probe's wake-ups (see :func:`probe_loop_lag`)."""


async def probe_loop_lag(lags: list[tuple[float, float]]) -> None:
    """Wake every :data:`LAG_TICK` seconds and record (wall time, how late the wake-up
    was): the time the server's event loop kept ready work waiting (its own queueing,
    without the clients' or the network's)."""
    loop = asyncio.get_running_loop()
    while True:
        due = loop.time() + LAG_TICK
        await asyncio.sleep(LAG_TICK)
        lags.append((time.time(), loop.time() - due))


def lag_path(db: str) -> str:
    """Where the server process beside database ``db`` writes its loop lags."""
    return db + ".lag.json"


def run_game_server(db: str, profile: str | None, port_q: Any) -> None:
    """Process target: the real server (default limits), until terminated (SIGTERM).

    With ``profile``, the server runs under cProfile and writes its stats there on exit.
    The event loop's lag (see :func:`probe_loop_lag`) is written, in seconds, to
    :func:`lag_path` on exit.
    """
    import signal

    from server.app import GameServer, ServerConfig

    async def main() -> None:
        server = GameServer(
            ServerConfig(port=0, db=db, scenarios={"mini": MINI}, rooms_per_address=0)
        )
        await server.start()
        stop = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        lags: list[tuple[float, float]] = []
        probe = asyncio.get_running_loop().create_task(probe_loop_lag(lags))
        port_q.put(server.port)
        await stop.wait()
        probe.cancel()
        Path(lag_path(db)).write_text(json.dumps(lags))

    if profile is None:
        asyncio.run(main())
        return
    import cProfile

    prof = cProfile.Profile()
    prof.enable()
    asyncio.run(main())
    prof.disable()
    prof.dump_stats(profile)


def run_echo_server(port_q: Any) -> None:
    """Process target: a bare websockets echo server with the same frame limit."""
    from websockets.asyncio.server import serve

    from game.protocol import MAX_MESSAGE_BYTES

    async def echo(ws: Any) -> None:
        async for message in ws:
            await ws.send(message)

    async def main() -> None:
        async with serve(echo, "127.0.0.1", 0, max_size=MAX_MESSAGE_BYTES) as server:
            port_q.put(server.sockets[0].getsockname()[1])
            await asyncio.Event().wait()

    asyncio.run(main())


# ---------------------------------------------------------------------- clients
def game_clients(
    url: str,
    tokens: list[str],
    seed: int,
    extra_chat: int,
    pace: float | None,
    duration: float | None,
    ready: Any,
    go: Any,
    out: Any,
) -> None:
    """Process target: one external bot per token, all playing at once.

    ``pace``: each bot sends at most one action per ``pace`` seconds (latencies from the
    scheduled send); ``duration``: stop after that many seconds (games unfinished).
    """
    from game.netclient import Client, play_random

    async def main() -> dict[str, Any]:
        counts = {"in": 0, "out": 0}

        def tap(direction: str, _text: str) -> None:
            counts["in" if direction == "recv" else "out"] += 1

        clients = []
        for token in tokens:
            client = await Client.connect(url)
            await client.auth(token)
            client.on_frame = tap
            clients.append(client)
        ready.put(len(clients))
        await asyncio.get_running_loop().run_in_executor(None, go.wait)
        start = time.perf_counter()
        cpu0 = time.process_time()
        tasks = [
            asyncio.ensure_future(
                play_random(
                    c, random.Random(seed + i), timeout=600, extra_chat=extra_chat, pace=pace
                )
            )
            for i, c in enumerate(clients)
        ]
        done, pending = await asyncio.wait(tasks, timeout=duration)
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - cpu0
        rtts = [x for c in clients for x in (c.paced_rtts if pace else c.rtts)]
        for task in pending:  # the time is up: stop mid-game
            task.cancel()
        await asyncio.gather(*(c.close() for c in clients))  # also ends any wait for views
        if pending:
            await asyncio.wait(pending, timeout=10)
        finals = [t.result() for t in done if t.exception() is None]
        over = sum(1 for f in finals if f["view"]["phase"] == "over")
        refused = sum(len(getattr(c, "refused", [])) for c in clients)
        return {
            "rtts": rtts,
            "elapsed": elapsed,
            "cpu": cpu,
            "over": over,
            "refused": refused,
            **counts,
        }

    out.put(asyncio.run(main()))


def echo_clients(url: str, n: int, seconds: float, ready: Any, go: Any, out: Any) -> None:
    """Process target: ``n`` connections each doing request/reply for ``seconds``."""
    from websockets.asyncio.client import connect

    async def main() -> dict[str, Any]:
        conns = [await connect(url) for _ in range(n)]
        ready.put(n)
        await asyncio.get_running_loop().run_in_executor(None, go.wait)
        rtts: list[float] = []
        stop = time.perf_counter() + seconds

        async def loop(ws: Any, i: int) -> None:
            k = 0
            while time.perf_counter() < stop:
                k += 1
                msg = json.dumps({"type": "ping", "request_id": k, "from": i})
                t = time.perf_counter()
                await ws.send(msg)
                json.loads(await ws.recv())
                rtts.append(time.perf_counter() - t)

        start = time.perf_counter()
        cpu0 = time.process_time()
        await asyncio.gather(*(loop(ws, i) for i, ws in enumerate(conns)))
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - cpu0
        for ws in conns:
            await ws.close()
        return {"rtts": rtts, "elapsed": elapsed, "cpu": cpu, "in": len(rtts), "out": len(rtts)}

    out.put(asyncio.run(main()))


# ---------------------------------------------------------------------- driver
def start(target: Any, *args: Any) -> tuple[mp.Process, int]:
    """Start a server process; return it and its port."""
    q: Any = mp.Queue()
    proc = mp.Process(target=target, args=(*args, q), daemon=True)
    proc.start()
    return proc, q.get(timeout=60)


def run_clients(
    target: Any, per_worker: list[tuple[Any, ...]], pid: int
) -> tuple[list[dict[str, Any]], int, int]:
    """Start client workers, wait until all are connected, let them go, gather results.

    Returns the results, the server's RSS once everyone is connected (KiB), and its peak
    RSS while they run (sampled every 0.1 s).
    """
    ready: Any = mp.Queue()
    out: Any = mp.Queue()
    go = mp.Event()
    procs = [
        mp.Process(target=target, args=(*args, ready, go, out), daemon=True) for args in per_worker
    ]
    for p in procs:
        p.start()
    for _ in procs:
        ready.get(timeout=300)
    connected = rss_kib(pid)
    cpu = cpu_seconds(pid)
    go.set()
    results: list[dict[str, Any]] = []
    peak = connected
    while len(results) < len(procs):
        try:
            results.append(out.get(timeout=0.1))
        except Exception:
            peak = max(peak, rss_kib(pid))
    cpu = cpu_seconds(pid) - cpu
    for p in procs:
        p.join(30)
    for r in results:
        r["server_cpu"] = cpu
    return results, connected, peak


def summarise(results: list[dict[str, Any]]) -> dict[str, float]:
    """Latency percentiles (ms) and rates over all workers."""
    rtts = [x for r in results for x in r["rtts"]]
    elapsed = max(r["elapsed"] for r in results)
    frames = sum(r["in"] + r["out"] for r in results)
    return {
        "requests": len(rtts),
        "p50": percentile(rtts, 50) * 1000,
        "p99": percentile(rtts, 99) * 1000,
        "req_rate": len(rtts) / elapsed,
        "frame_rate": frames / elapsed,
        "elapsed": elapsed,
        "cpu_ms": results[0]["server_cpu"] / max(1, len(rtts)) * 1000,
        "cpu_share": results[0]["server_cpu"] / elapsed,
        "client_cpu_ms": sum(r["cpu"] for r in results) / max(1, len(rtts)) * 1000,
        "client_cpu_share": sum(r["cpu"] for r in results) / elapsed,
    }


async def create_rooms(url: str, rooms: int, scenario: str) -> list[list[str]]:
    """Create the rooms (no timers: a phase ends when all six are ready) and seat tokens."""
    from game.netclient import Client

    out = []
    for i in range(rooms):
        fac = await Client.connect(url)
        welcome = await fac.create_room(
            scenario=scenario, seed=i, timers={"negotiation": None, "orders": None}
        )
        code = welcome["room"]["code"]
        tokens = []
        for seat in welcome["room"]["seats"]:
            player = await Client.connect(url)
            tokens.append((await player.join(code, seat["id"]))["token"])
            await player.close()
        await fac.close()
        out.append(tokens)
    return out


def game_phase(
    args: argparse.Namespace, pace: float | None, duration: float | None
) -> dict[str, Any]:
    """One run of the game server: a fresh server process, ``args.rooms`` rooms, the
    clients playing (paced or closed loop); its figures and the server's memory."""
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "bench.sqlite3")
        proc, port = start(
            run_game_server,
            db,
            None
            if args.profile is None
            else f"{args.profile}.{'latency' if pace else 'throughput'}",
        )
        url = f"ws://127.0.0.1:{port}/"
        time.sleep(0.5)
        base = rss_kib(proc.pid)
        t = time.perf_counter()
        try:
            rooms = asyncio.run(create_rooms(url, args.rooms, args.scenario))
        except BaseException:
            proc.terminate()  # while its folder is still there
            proc.join(30)
            raise
        setup = time.perf_counter() - t
        tokens = [tok for room in rooms for tok in room]
        slices = [tokens[i :: args.workers] for i in range(args.workers)]
        per_worker = [
            (url, s, 1000 * i, args.extra_chat, pace, duration) for i, s in enumerate(slices)
        ]
        playing = time.time()
        results, connected, peak = run_clients(game_clients, per_worker, proc.pid)
        played = time.time()
        after = rss_kib(proc.pid)
        proc.terminate()
        proc.join(30)
        lag_file = Path(lag_path(db))
        lags = [
            lag
            for at, lag in (json.loads(lag_file.read_text()) if lag_file.exists() else [])
            if playing <= at <= played  # while the clients played, not the setup
        ]
    figures: dict[str, Any] = dict(summarise(results))
    figures.update(
        setup=setup,
        clients=len(tokens),
        seats=len(rooms[0]),
        over=sum(r["over"] for r in results),
        refused=sum(r["refused"] for r in results),
        base=base,
        connected=connected,
        peak=peak,
        after=after,
        lag_p50=percentile(lags, 50) * 1000,
        lag_p99=percentile(lags, 99) * 1000,
        lag_max=max(lags, default=float("nan")) * 1000,
    )
    return figures


def main() -> int:
    """Run the latency phase, the throughput phase and the echo server; print figures."""
    from game.cli import positive_float, positive_int
    from game.scenario.loader import SCENARIO_DIR

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    default = "korea-2019" if (SCENARIO_DIR / "korea-2019.yaml").exists() else "mini"
    parser.add_argument(
        "--rooms", type=positive_int, default=100, help="rooms of six clients each (100)"
    )
    parser.add_argument(
        "--scenario",
        default=default,
        help=f"a scenario the server offers: a library name, or mini (the test scenario) "
        f"({default})",
    )
    parser.add_argument(
        "--workers",
        type=positive_int,
        default=3,
        help="client processes (3: with 2, each juggles 300 connections and its own "
        "queueing at month ends showed in the paced p99; with 4 they crowd 2 cores)",
    )
    parser.add_argument(
        "--extra-chat", type=int, default=2, help="extra chat lines per seat per month"
    )
    parser.add_argument(
        "--pace",
        type=float,
        default=1.0,
        help="latency phase: seconds between one client's actions (1.0); 0 skips the phase",
    )
    parser.add_argument(
        "--latency-seconds",
        type=positive_float,
        default=30.0,
        help="length of the latency phase (30)",
    )
    parser.add_argument(
        "--echo-seconds",
        type=positive_float,
        default=5.0,
        help="how long the echo server's clients run (5)",
    )
    parser.add_argument(
        "--profile",
        help="run the servers under cProfile; stats to PROFILE.latency, PROFILE.throughput",
    )
    args = parser.parse_args()
    if args.scenario != "mini":
        from game.scenario.loader import find_scenario

        find_scenario(args.scenario)  # an unknown name: one line, before any process starts
    mp.set_start_method("spawn")

    paced = game_phase(args, args.pace, args.latency_seconds) if args.pace > 0 else None
    game = game_phase(args, None, None)

    eproc, eport = start(run_echo_server)
    eurl = f"ws://127.0.0.1:{eport}/"
    time.sleep(0.3)
    ebase = rss_kib(eproc.pid)
    n = game["clients"]
    counts = [n // args.workers + (1 if i < n % args.workers else 0) for i in range(args.workers)]
    eresults, econnected, epeak = run_clients(
        echo_clients, [(eurl, c, args.echo_seconds) for c in counts], eproc.pid
    )
    eproc.terminate()
    eproc.join(10)
    echo = summarise(eresults)

    print(
        f"Six-Party server benchmark: {args.rooms} rooms x {game['seats']} clients "
        f"({args.scenario}), {args.workers} client processes, loopback, {os.cpu_count()} CPUs"
    )
    print(
        f"  setup: {args.rooms} rooms created and {n} seats joined in {game['setup']:.1f} s "
        "(per phase; each phase has its own fresh server process)"
    )
    print()
    if paced is not None:
        offered = n / args.pace
        print(
            f"Latency phase (paced, open schedule): each of the {n} clients sends at most one "
            f"action every {args.pace:g} s\n  on a fixed schedule (random start), offered "
            f"load up to {offered:,.0f} actions/s, for {args.latency_seconds:g} s; latency "
            "is measured\n  from each action's scheduled send time (or from when it was "
            "chosen, if later) to the server's reply."
        )
        print(
            f"  {paced['requests']:,} actions in {paced['elapsed']:.1f} s = "
            f"{paced['req_rate']:,.0f} actions/s achieved "
            f"(clients also wait for views between phases)"
        )
        print(
            f"  latency p50 {paced['p50']:.2f} ms, p99 {paced['p99']:.2f} ms; server CPU "
            f"{paced['cpu_ms']:.2f} ms/action, {paced['cpu_share']:.2f} cores; "
            f"{paced['refused']} refused"
        )
        print(
            f"  server event-loop lag (how late a {LAG_TICK * 1000:g} ms timer fired: the "
            f"server's own queueing)\n  p50 {paced['lag_p50']:.2f} ms, p99 "
            f"{paced['lag_p99']:.2f} ms, max {paced['lag_max']:.2f} ms"
        )
        print()
    print(
        "Throughput phase (closed loop, saturation): every client sends its next action as "
        "soon as the\n  previous one is answered, whole games; latency here is mostly "
        "queueing (send -> reply)."
    )
    print(
        f"  games finished: {game['over']}/{n} clients saw the end; "
        f"{game['refused']} actions refused (raced a phase change)"
    )
    print()
    print(f"{'':26}{'game server':>14}{'echo server':>14}{'ratio':>8}")
    print(f"{'requests (round trips)':26}{game['requests']:>14,}{echo['requests']:>14,}")
    print(f"{'latency p50 (ms)':26}{game['p50']:>14.2f}{echo['p50']:>14.2f}")
    print(f"{'latency p99 (ms)':26}{game['p99']:>14.2f}{echo['p99']:>14.2f}")
    print(
        f"{'requests / s':26}{game['req_rate']:>14,.0f}{echo['req_rate']:>14,.0f}"
        f"{game['req_rate'] / echo['req_rate']:>8.0%}"
    )
    print(
        f"{'frames / s (both ways)':26}{game['frame_rate']:>14,.0f}{echo['frame_rate']:>14,.0f}"
        f"{game['frame_rate'] / echo['frame_rate']:>8.0%}"
    )
    print(f"{'server CPU / request (ms)':26}{game['cpu_ms']:>14.2f}{echo['cpu_ms']:>14.2f}")
    print(f"{'server CPU used (cores)':26}{game['cpu_share']:>14.2f}{echo['cpu_share']:>14.2f}")
    print(
        f"{'client CPU / request (ms)':26}{game['client_cpu_ms']:>14.2f}"
        f"{echo['client_cpu_ms']:>14.2f}"
    )
    print(
        f"{'client CPU used (cores)':26}{game['client_cpu_share']:>14.2f}"
        f"{echo['client_cpu_share']:>14.2f}"
    )
    room_kib = (game["peak"] - game["base"]) / args.rooms
    print(
        f"{'memory / room (MB)':26}{room_kib / 1024:>14.2f}"
        f"{(epeak - ebase) / args.rooms / 1024:>14.2f}"
    )
    print(
        f"  game server RSS: {game['base'] / 1024:.0f} MB at start, "
        f"{game['connected'] / 1024:.0f} MB with all connected, {game['peak'] / 1024:.0f} MB "
        f"peak, {game['after'] / 1024:.0f} MB after the games"
    )
    print(f"  game wall time {game['elapsed']:.1f} s; echo ran {echo['elapsed']:.1f} s")
    print()
    ok = [
        (
            "throughput >= 30% of echo (requests/s, closed loop)",
            game["req_rate"] >= 0.3 * echo["req_rate"],
        ),
        ("< 2 MB per room", room_kib < 2048),
        ("p99 < 50 ms at saturation (closed loop)", game["p99"] < 50),
    ]
    if paced is not None:
        ok.insert(0, (f"p99 < 50 ms at the paced load ({args.pace:g} s/client)", paced["p99"] < 50))
    for name, passed in ok:
        print(f"  target {name}: {'met' if passed else 'NOT met'}")
    return 0


if __name__ == "__main__":  # not in the spawned client processes (__mp_main__)
    from game.cli import run_reporting_errors

    raise SystemExit(run_reporting_errors(f"bench/{Path(__file__).name}", main))
