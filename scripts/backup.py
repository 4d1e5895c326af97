#!/usr/bin/env python3
"""Back up a shop's database and filestore, and restore them.

    .venv/bin/python scripts/backup.py dump DIRECTORY [--key-file FILE]
    .venv/bin/python scripts/backup.py restore DIRECTORY DATABASE [--key-file FILE]

dump writes into DIRECTORY (new, or empty): database.dump (pg_dump's
custom format), filestore.tar (the database's folder of [database] path:
attachments, stored reports) and manifest.json (the database, the date,
Tryton's version, the activated modules, each file's SHA-256 and the
fingerprint of the identity data key). The key itself is not in the
backup: with --key-file it is written to FILE (mode 600), which must lie
outside DIRECTORY; keep that copy apart from the backups
(doc/deployment.md).

restore checks the files against the manifest, creates DATABASE (it must
not exist), restores the dump and the filestore, and checks the key the
server will use (--key-file, else the configuration's [gold_aml]
kyc_key, i.e. TRYTOND_GOLD_AML__KYC_KEY) against the backup's
fingerprint: a server without the backup's key cannot read the customers'
PAN and identity numbers.

The database server and the filestore are those of the configuration
(TRYTOND_CONFIG, default config/trytond-postgresql.conf; the same
environment file as scripts/production, GOLD_POS_ENV, default
/etc/gold-pos/gold-pos.env); GOLD_POS_DATABASE is the database dumped.
Exit status: 0 done, 1 refused (the message says why), 2 bad usage.
"""
import argparse
import datetime as dt
import hashlib
import hmac
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
FILES = ['database.dump', 'filestore.tar']
FINGERPRINT = b'gold-pos backup: identity data key'


class Refused(Exception):
    pass


def load_environment():
    "The settings of scripts/production: its environment file, then ours"
    path = Path(os.environ.get('GOLD_POS_ENV', '/etc/gold-pos/gold-pos.env'))
    if path.is_file():
        for line in path.read_text().splitlines():
            line = line.strip()
            if line and not line.startswith('#') and '=' in line:
                name, value = line.split('=', 1)
                os.environ.setdefault(name.strip(), value.strip())
    os.environ.setdefault(
        'TRYTOND_CONFIG', str(ROOT / 'config' / 'trytond-postgresql.conf'))


def settings():
    "The database URI without database, the filestore folder and the key"
    from trytond import config
    config.update_etc(os.environ['TRYTOND_CONFIG'])
    uri = config.get('database', 'uri')
    if not uri.startswith('postgresql'):
        raise Refused(f"not a PostgreSQL database: {uri}")
    path = config.get('database', 'path')
    key = config.get('gold_aml', 'kyc_key', default=None) or None
    return uri, Path(path), key


def database_uri(uri, database):
    "The libpq URI of database on the server of uri"
    parts = urlsplit(uri)
    return urlunsplit(parts._replace(
            scheme='postgresql', path='/' + database))


def fingerprint(key):
    "A digest that tells the key without revealing it"
    if not key:
        return None
    return hmac.new(
        key.strip().encode(), FINGERPRINT, hashlib.sha256).hexdigest()[:32]


def sha256(path):
    digest = hashlib.sha256()
    with open(path, 'rb') as file:
        for block in iter(lambda: file.read(1 << 20), b''):
            digest.update(block)
    return digest.hexdigest()


def connect(uri, database='postgres'):
    import psycopg
    return psycopg.connect(database_uri(uri, database), autocommit=True)


def dump(directory, key_file=None):
    uri, filestore, key = settings()
    database = os.environ.get('GOLD_POS_DATABASE')
    if not database:
        raise Refused("GOLD_POS_DATABASE is not set "
            "(see config/gold-pos.env.example)")
    directory = Path(directory).resolve()
    if directory.exists() and any(directory.iterdir()):
        raise Refused(f"{directory} is not empty")
    if key_file:
        key_file = Path(key_file).resolve()
        if key_file.is_relative_to(directory):
            raise Refused("the key is kept apart from the backup: "
                f"{key_file} is inside {directory}")
        if not key:
            raise Refused("no identity data key in the configuration "
                "to write ([gold_aml] kyc_key)")
    with connect(uri, database) as connection:
        modules = [name for name, in connection.execute(
                "SELECT name FROM ir_module WHERE state = 'activated' "
                "ORDER BY name")]
    directory.mkdir(parents=True, exist_ok=True)
    # one consistent snapshot of the database, while the shop bills on
    subprocess.run(['pg_dump', '--format=custom', '--no-owner',
            '--file', str(directory / 'database.dump'),
            '--dbname', database_uri(uri, database)], check=True)
    with tarfile.open(directory / 'filestore.tar', 'w') as tar:
        if (filestore / database).is_dir():
            tar.add(filestore / database, arcname='filestore')
    from trytond import __version__
    manifest = {
        'database': database,
        'date': dt.datetime.now(dt.timezone.utc).isoformat(
            timespec='seconds'),
        'trytond': __version__,
        'modules': modules,
        'files': {name: sha256(directory / name) for name in FILES},
        'key_fingerprint': fingerprint(key),
        }
    (directory / 'manifest.json').write_text(
        json.dumps(manifest, indent=2) + '\n')
    if key_file:
        key_file.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(
            key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, 'w') as file:
            file.write(key.strip() + '\n')
    print(f"backed up {database} to {directory}")
    if not key_file:
        print("the identity data key is not in the backup: keep a copy "
            "apart (--key-file)")


def restore(directory, database, key_file=None):
    uri, filestore, key = settings()
    directory = Path(directory).resolve()
    manifest_path = directory / 'manifest.json'
    if not manifest_path.is_file():
        raise Refused(f"no manifest.json in {directory}: not a backup")
    manifest = json.loads(manifest_path.read_text())
    for name, digest in manifest['files'].items():
        if not (directory / name).is_file() or sha256(directory / name) != (
                digest):
            raise Refused(f"{name} does not match the manifest: "
                "the backup is damaged")
    if key_file:
        key = Path(key_file).read_text().strip()
    if manifest['key_fingerprint'] and fingerprint(key) != (
            manifest['key_fingerprint']):
        raise Refused("this key does not open the backup's identity data "
            "(PAN, ID numbers): give the key of the backup's server "
            "(--key-file, or TRYTOND_GOLD_AML__KYC_KEY)")
    with connect(uri) as connection:
        if connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s",
                (database,)).fetchone():
            raise Refused(f"database {database} exists: restore into a "
                "new one")
        if (filestore / database).exists():
            raise Refused(f"{filestore / database} exists: restore into a "
                "new one")
        connection.execute(f'CREATE DATABASE "{database}"')
    try:
        subprocess.run(['pg_restore', '--no-owner', '--exit-on-error',
                '--dbname', database_uri(uri, database),
                str(directory / 'database.dump')], check=True)
    except subprocess.CalledProcessError:
        with connect(uri) as connection:
            connection.execute(f'DROP DATABASE "{database}"')
        raise Refused("pg_restore failed: nothing restored")
    with tarfile.open(directory / 'filestore.tar') as tar:
        members = [m for m in tar.getmembers()
            if m.name == 'filestore' or m.name.startswith('filestore/')]
        for member in members:
            member.name = database + member.name[len('filestore'):]
        filestore.mkdir(parents=True, exist_ok=True)
        tar.extractall(filestore, members=members, filter='data')
    print(f"restored {manifest['database']} of {manifest['date']} "
        f"into {database}")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split('\n')[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split('\n\n', 2)[2])
    commands = parser.add_subparsers(dest='command', required=True)
    dumping = commands.add_parser('dump', help="back up")
    dumping.add_argument('directory')
    dumping.add_argument('--key-file',
        help="write the identity data key there, outside the backup")
    restoring = commands.add_parser('restore', help="restore")
    restoring.add_argument('directory')
    restoring.add_argument('database')
    restoring.add_argument('--key-file',
        help="the identity data key the backup was made with")
    args = parser.parse_args()
    load_environment()
    try:
        if args.command == 'dump':
            dump(args.directory, args.key_file)
        else:
            restore(args.directory, args.database, args.key_file)
    except Refused as refused:
        print(f"refused: {refused}", file=sys.stderr)
        sys.exit(1)


if __name__ == '__main__':
    main()
