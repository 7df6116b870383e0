"""Telethon's side of the peer benchmark (bench.py drives it over stdin/stdout).

Runs under Debian's /usr/bin/python3 with python3-telethon. Uses telethon.sessions.SQLiteSession as
TelegramClient does: process_entities() on the users and chats of a response, save() (a commit) to
make them durable, get_input_entity() to read a peer by marked id or by username.

    /usr/bin/python3 telethon_worker.py <data dir> <work dir> <set>...

Each set is name=pragmas: "default" leaves Telethon's connection as Telethon opens it (rollback
journal, SQLite's default synchronous); otherwise a comma-separated list such as
journal_mode=WAL,synchronous=FULL is applied to the session's connection once, after it is created.
"""
import datetime
import json
import os
import sys
import time

import telethon
from telethon.sessions import SQLiteSession
from telethon.tl.types import Channel, Chat, ChatPhotoEmpty, User

DATE = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)


def read_data(data_dir):
    entities = []
    by_marked_id = {}
    with open(os.path.join(data_dir, "peers.tsv"), encoding="utf-8") as f:
        for line in f:
            kind, peer_id, marked, access_hash, username, first, last, phone, bot = line.rstrip("\n").split("\t")
            peer_id, access_hash = int(peer_id), int(access_hash)
            if kind == "user":
                entities.append(User(id=peer_id, access_hash=access_hash, first_name=first, last_name=last or None,
                                     username=username or None, phone=phone or None, bot=bot == "1"))
            elif kind == "chat":
                entities.append(Chat(id=peer_id, title=first, photo=ChatPhotoEmpty(), participants_count=10,
                                     date=DATE, version=1))
            else:
                entities.append(Channel(id=peer_id, title=first, photo=ChatPhotoEmpty(), date=DATE,
                                        access_hash=access_hash, username=username or None, megagroup=True))
            by_marked_id[int(marked)] = entities[-1]
    with open(os.path.join(data_dir, "order-id.txt")) as f:
        id_order = [int(line) for line in f]
    with open(os.path.join(data_dir, "order-username.txt"), encoding="utf-8") as f:
        username_order = [line.rstrip("\n") for line in f]
    # Batches in other groups than the peers were first saved in: taken in the order of the reads by id.
    scattered = [by_marked_id[marked] for marked in id_order]
    return entities, scattered, id_order, username_order


class Target:
    def __init__(self, path, pragmas):
        for suffix in ("", "-wal", "-shm", "-journal"):
            if os.path.exists(path + ".session" + suffix):
                os.remove(path + ".session" + suffix)
        self.session = SQLiteSession(path)
        if pragmas != "default":
            cursor = self.session._cursor()  # Telethon has no public way to set a pragma
            for pragma in pragmas.split(","):
                cursor.execute("pragma " + pragma)
            cursor.close()
        self.batch = self.scattered = self.id = self.username = self.single = 0

    def describe(self):
        cursor = self.session._cursor()
        journal = cursor.execute("pragma journal_mode").fetchone()[0]
        synchronous = cursor.execute("pragma synchronous").fetchone()[0]
        version = cursor.execute("select sqlite_version()").fetchone()[0]
        cursor.close()
        return "journal_mode=%s synchronous=%s sqlite %s, Telethon %s" % (journal, synchronous, version, telethon.__version__)


def run(target, workload, seconds, entities, scattered, id_order, username_order):
    session = target.session
    ops = items = 0
    start = time.perf_counter()
    while True:
        if workload in ("batch", "scattered"):
            # "batch": in the groups first saved; "scattered": in the order of the reads by id.
            peers = entities if workload == "batch" else scattered
            cursor = getattr(target, workload)
            session.process_entities([peers[(cursor + i) % len(peers)] for i in range(100)])
            session.save()
            setattr(target, workload, (cursor + 100) % len(peers))
            items += 100
        elif workload == "id":
            session.get_input_entity(id_order[target.id])
            target.id = (target.id + 1) % len(id_order)
            items += 1
        elif workload == "username":
            session.get_input_entity(username_order[target.username])
            target.username = (target.username + 1) % len(username_order)
            items += 1
        elif workload == "single":
            session.process_entities([entities[target.single]])
            session.save()
            target.single = (target.single + 1) % len(entities)
            items += 1
        else:
            raise ValueError(workload)
        ops += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return {"ops": ops, "items": items, "seconds": elapsed}


def main():
    data_dir, work_dir, sets = sys.argv[1], sys.argv[2], sys.argv[3:]
    entities, scattered, id_order, username_order = read_data(data_dir)
    targets = {}
    for spec in sets:
        name, pragmas = spec.split("=", 1)
        target = Target(os.path.join(work_dir, "telethon-" + name), pragmas)
        target.session.process_entities(entities)
        target.session.save()
        targets[name] = target
    print("ready " + json.dumps({name: t.describe() for name, t in targets.items()}), flush=True)
    for line in sys.stdin:
        line = line.strip()
        if line == "quit":
            break
        _, name, workload, seconds = line.split(" ")
        print(json.dumps(run(targets[name], workload, float(seconds), entities, scattered, id_order, username_order)), flush=True)
    for target in targets.values():
        target.session.close()


if __name__ == "__main__":
    main()
