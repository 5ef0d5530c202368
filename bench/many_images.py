#!/usr/bin/python3
"""Many small RBD images for bench/many.sh, through librbd's Python binding (Debian's python3-rbd),
one process and a thread pool instead of thousands of rbd CLI processes (each costs ~0.1 s of CPU
here, which would be measured instead of the clusters).

  make    N images of BYTES random bytes on the source: written, snapshotted `snap`, protected, and
          registered in Glance with an rbd:// location (as a store written by another tool or with
          thin provisioning looks); prints "id<TAB>bytes" per image
  floor   the target monitor's snapshot latency alone: `snap create` + `snap protect` of empty images,
          one after the other and then THREADS at a time; prints "sequential <s/image>" and
          "in-flight <s/image> <threads>"
  allocated  sums the allocated bytes (diff_iterate, whole objects) of each id on stdin at `snap`
  purge   removes NAME+SUFFIX for each id on stdin (snapshot unprotected and removed, image removed,
          the copier's manifest object removed); what is missing is skipped
"""
import argparse
import json
import os
import statistics
import sys
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import rados
import rbd

MANIFEST_PREFIX = "glance-migrator.manifest."
SNAP = "snap"
SEQUENTIAL_SAMPLES = 10


def connect(conf, user):
    cluster = rados.Rados(conffile=conf, rados_id=user)
    cluster.connect(timeout=30)
    return cluster


def parallel(threads, fn, items):
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(fn, items))


def auth_header(path):
    """(name, value) of the header in the file (`X-Auth-Token: <token>`, keystone_token_file's)."""
    with open(path, encoding="ascii") as f:
        name, _, value = f.readline().partition(":")
    return name.strip(), value.strip()


def glance(url, auth, method, path, body, content_type="application/json"):
    request = urllib.request.Request(url + path, method=method, data=json.dumps(body).encode(), headers={
        "Content-Type": content_type, auth[0]: auth[1]})
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()


def make(args):
    cluster = connect(args.conf, args.user)
    ioctx = cluster.open_ioctx(args.pool)
    auth = auth_header(args.glance_auth_file)

    def one(i):
        image_id = str(uuid.uuid4())
        rbd.RBD().create(ioctx, image_id, args.bytes, old_format=False)
        with rbd.Image(ioctx, image_id) as image:
            image.write(os.urandom(args.bytes), 0)
            image.create_snap(SNAP)
            image.protect_snap(SNAP)
        glance(args.glance, auth, "POST", "/v2/images", {
            "id": image_id, "name": f"many-{args.tag}-{i:05d}", "disk_format": "raw", "container_format": "bare"})
        location = f"rbd://{args.fsid}/{args.pool}/{image_id}/{SNAP}"
        glance(args.glance, auth, "PATCH", f"/v2/images/{image_id}",
               [{"op": "add", "path": "/locations/-", "value": {"url": location, "metadata": {"store": args.store}}}],
               "application/openstack-images-v2.1-json-patch")
        return image_id

    for image_id in parallel(args.threads, one, range(args.count)):
        print(f"{image_id}\t{args.bytes}")
    ioctx.close()
    cluster.shutdown()


def snap_and_protect(ioctx, name):
    started = time.monotonic()
    with rbd.Image(ioctx, name) as image:
        image.create_snap(SNAP)
        image.protect_snap(SNAP)
    return time.monotonic() - started


def floor(args):
    cluster = connect(args.conf, args.user)
    ioctx = cluster.open_ioctx(args.pool)
    names = [f"{args.prefix}-{i:05d}" for i in range(SEQUENTIAL_SAMPLES + args.count)]
    parallel(args.threads, lambda name: rbd.RBD().create(ioctx, name, 1 << 20, old_format=False), names)
    try:
        sequential = [snap_and_protect(ioctx, name) for name in names[:SEQUENTIAL_SAMPLES]]
        started = time.monotonic()
        parallel(args.threads, lambda name: snap_and_protect(ioctx, name), names[SEQUENTIAL_SAMPLES:])
        in_flight = (time.monotonic() - started) / args.count
        print(f"sequential {statistics.median(sequential):.4f}")
        print(f"in-flight {in_flight:.4f} {args.threads}")
    finally:
        parallel(args.threads, lambda name: remove(ioctx, name), names)
        ioctx.close()
        cluster.shutdown()


def remove(ioctx, name):
    try:
        with rbd.Image(ioctx, name) as image:
            for snap in list(image.list_snaps()):
                if image.is_protected_snap(snap["name"]):
                    image.unprotect_snap(snap["name"])
                image.remove_snap(snap["name"])
        rbd.RBD().remove(ioctx, name)
    except rbd.ImageNotFound:
        pass
    try:
        ioctx.remove_object(MANIFEST_PREFIX + name)
    except rados.ObjectNotFound:
        pass


def purge(args):
    cluster = connect(args.conf, args.user)
    ioctx = cluster.open_ioctx(args.pool)
    ids = [line.split("\t")[0].strip() for line in sys.stdin if line.strip()]
    parallel(args.threads, lambda image_id: remove(ioctx, image_id + args.suffix), ids)
    ioctx.close()
    cluster.shutdown()


def allocated(args):
    cluster = connect(args.conf, args.user)
    ioctx = cluster.open_ioctx(args.pool)

    def one(image_id):
        extents = []
        with rbd.Image(ioctx, image_id, snapshot=SNAP, read_only=True) as image:
            size = image.size()
            if size:
                image.diff_iterate(0, size, None, lambda offset, length, exists: extents.append(length if exists else 0),
                                   whole_object=True)
        return sum(extents)

    ids = [line.split("\t")[0].strip() for line in sys.stdin if line.strip()]
    print(sum(parallel(args.threads, one, ids)))
    ioctx.close()
    cluster.shutdown()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conf", required=True)
    parser.add_argument("--user", default="admin")
    parser.add_argument("--pool", default="images")
    parser.add_argument("--threads", type=int, default=32)
    commands = parser.add_subparsers(dest="command", required=True)
    make_parser = commands.add_parser("make")
    make_parser.add_argument("--count", type=int, required=True)
    make_parser.add_argument("--bytes", type=int, default=1 << 20)
    make_parser.add_argument("--glance", required=True)
    make_parser.add_argument("--glance-auth-file", required=True,
                             help="a file holding the header 'X-Auth-Token: <token>' (keystone_token_file's)")
    make_parser.add_argument("--fsid", required=True)
    make_parser.add_argument("--store", default="ceph")
    make_parser.add_argument("--tag", required=True)
    floor_parser = commands.add_parser("floor")
    floor_parser.add_argument("--count", type=int, required=True)
    floor_parser.add_argument("--prefix", required=True)
    commands.add_parser("allocated")
    purge_parser = commands.add_parser("purge")
    purge_parser.add_argument("--suffix", default="")
    args = parser.parse_args()
    {"make": make, "floor": floor, "allocated": allocated, "purge": purge}[args.command](args)


if __name__ == "__main__":
    main()
