"""Run a development server and say where it is only once it answers.

    python scripts/run_and_announce.py http://127.0.0.1:8000 -- python manage.py runserver 127.0.0.1:8000

Starts the command (its output goes to the terminal as usual), asks ``URL/healthz`` until it
answers, then prints the "running at" banner. If something already answers there, it starts
nothing; if the command ends first (the port is taken, a setting is wrong) it prints why the site
is not running and exits with the command's status, instead of announcing an address where
nothing listens. Ctrl-C stops the server as usual.

Standard library only: it runs before anything is imported from the project.
"""

import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

POLL_SECONDS = 0.25
PATIENCE_SECONDS = 120  # then say it is still starting, and keep waiting quietly


def answers(url):
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310 - our own URL
            return response.status < 500
    except urllib.error.HTTPError as error:
        return error.code < 500  # it answered (e.g. 400 for a host it does not serve): it is up
    except (OSError, ValueError):
        return False


def banner(url):
    return f"\n  Briefings is running at {url}/   (admin: {url}/admin/)\n"


def main(argv):
    if "--" not in argv or argv.index("--") != 1 or len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    url, command = argv[0].rstrip("/"), argv[2:]
    if answers(url):
        print(
            f"\n  Something already answers at {url}/: Briefings was not started. Stop it, or choose "
            "another port: make run PORT=8001\n",
            file=sys.stderr,
        )
        return 1
    server = subprocess.Popen(command)  # noqa: S603 - the Makefile's own command
    # Stopped by a signal (not Ctrl-C, which the terminal sends the server too): stop the server.
    signal.signal(signal.SIGTERM, lambda signum, frame: server.terminate())
    started, announced, warned, interrupted = time.monotonic(), False, False, False
    try:
        while server.poll() is None:
            if not announced and answers(url):
                print(banner(url), flush=True)
                announced = True
            elif not announced and not warned and time.monotonic() - started > PATIENCE_SECONDS:
                print(f"\n  Still waiting for {url}/healthz to answer…\n", flush=True)
                warned = True
            time.sleep(POLL_SECONDS if not announced else 1)
    except KeyboardInterrupt:
        interrupted = True  # the terminal sent Ctrl-C to the server too
    status = server.wait()
    if interrupted:
        return 0
    if not announced:
        print(
            f"\n  Briefings did not start at {url}/ (the server exited with status {status}; "
            "see its message above). If the port is in use, choose another: make run PORT=8001\n",
            file=sys.stderr,
            flush=True,
        )
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
