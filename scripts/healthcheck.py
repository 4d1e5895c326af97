#!/usr/bin/env python3
"""The health check of a production server: exit 0 and print "ok" when the
server answers with Tryton 8.0 and the database answers; exit 1 and say
what failed otherwise.

    healthcheck.py http://127.0.0.1:8000/ DATABASE

The database is reached with the server's configuration (TRYTOND_CONFIG),
as the server reaches it."""
import json
import sys
import urllib.request


def call(url, method, *params, timeout=10):
    body = json.dumps({'id': 1, 'method': method, 'params': params}).encode()
    request = urllib.request.Request(url, data=body, method='POST',
        headers={'Content-Type': 'application/json'})
    with urllib.request.urlopen(request, timeout=timeout) as answer:
        reply = json.loads(answer.read())
    if reply.get('error'):
        raise RuntimeError(reply['error'])
    return reply['result']


def check(base, database):
    "Return the list of what failed"
    base = base.rstrip('/') + '/'
    try:
        version = call(base + 'rpc/', 'common.server.version')
    except Exception as e:
        return [f"server: {e}"]
    failed = []
    if version != '8.0':
        failed.append(f"server: Tryton {version}, not 8.0")
    try:
        from trytond import backend
        db = backend.Database(database)
        connection = db.get_connection()
        try:
            cursor = connection.cursor()
            cursor.execute('SELECT 1')
            cursor.fetchone()
            connection.rollback()
        finally:
            db.put_connection(connection)
    except Exception as e:
        failed.append(f"{database}: {e}")
    return failed


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    failed = check(argv[1], argv[2])
    if failed:
        print('\n'.join(failed))
        return 1
    print("ok")
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
