"""A client of a running Tryton server that logs in once.

A URL with a login and password (http://login:password@host:8000/db/) is
turned into a session: the password is checked once, by `common.db.login`,
and every call then carries the session (Tryton's `Session` authorization),
as sao and the desktop client do. Sending the password with each call, as
xmlrpc.client does with such a URL, would check it on every call (a hash
that is slow on purpose) and count every call against the login's
throttling.

    session = login('http://admin:secret@localhost:8000/demo/')
    # session.url is http://localhost:8000/demo/rpc/
    proteus.config.set_xmlrpc(session.url, headers=session.headers)
    client = JSONRPC(session)
    client.call('model.gold.rate.search', [], 0, None, None, {})
"""
import base64
import json
import socket
import urllib.parse
import urllib.request
import xmlrpc.client
from collections import namedtuple

__all__ = ['Session', 'login', 'JSONRPC', 'RPCError', 'free_port']

Session = namedtuple('Session', ['url', 'login', 'user', 'key', 'headers'])


def free_port():
    "A TCP port of 127.0.0.1 free now, for a server to start on"
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


class RPCError(Exception):
    "The server's error answer: args[0] is Tryton's (type, details)"


def split_url(url):
    """Return (RPC url without credentials, login, password): the RPC
    address of a database is /<database>/rpc/ since Tryton 7.6; a URL of
    the database itself (http://host:8000/demo/) is completed"""
    parts = urllib.parse.urlsplit(url)
    if not parts.username:
        raise ValueError(f"{url}: no login in the URL")
    netloc = parts.hostname
    if parts.port:
        netloc += f':{parts.port}'
    bare = urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    if not bare.endswith('/'):
        bare += '/'
    if not bare.endswith('/rpc/'):
        bare += 'rpc/'
    return (bare, urllib.parse.unquote(parts.username),
        urllib.parse.unquote(parts.password or ''))


def login(url, password=None):
    """Log in once with the URL's login and password (or password) and
    return the Session"""
    bare, user_login, url_password = split_url(url)
    server = xmlrpc.client.ServerProxy(
        bare, allow_none=True, use_builtin_types=True)
    user_id, key = server.common.db.login(
        user_login, {'password': password or url_password}, None)[:2]
    token = base64.b64encode(
        f'{user_login}:{user_id}:{key}'.encode()).decode()
    return Session(bare, user_login, user_id, key,
        [('Authorization', f'Session {token}')])


class JSONRPC:
    """Calls over JSON-RPC with a session; values as Tryton encodes them
    (Decimal, dates, bytes)"""

    def __init__(self, session, timeout=300):
        from trytond.protocols.jsonrpc import JSONDecoder, JSONEncoder
        self.session = session
        self.timeout = timeout
        self._encoder, self._decoder = JSONEncoder, JSONDecoder
        self._id = 0

    def call(self, method, *params):
        self._id += 1
        body = json.dumps({
                'id': self._id, 'method': method, 'params': list(params),
                }, cls=self._encoder).encode()
        request = urllib.request.Request(
            self.session.url, data=body, method='POST',
            headers=dict(self.session.headers,
                **{'Content-Type': 'application/json'}))
        with urllib.request.urlopen(request, timeout=self.timeout) as answer:
            reply = json.loads(answer.read(), object_hook=self._decoder())
        if reply.get('error'):
            raise RPCError(reply['error'])
        return reply['result']
