"""Run a Tryton command with the gold modules of another checkout.

    python tests/upgrade_run.py MODULES_DIR admin -c CONF -d DB -u ...
    python tests/upgrade_run.py MODULES_DIR script PATH [ARGS...]
    python tests/upgrade_run.py MODULES_DIR dump -c CONF -d DB OUT.json

The installed project maps trytond.modules.gold_* to this checkout's
modules/; here each gold module found in MODULES_DIR is imported from
there instead (Tryton finds a module's files beside its package), so that
tests/test_upgrade.py builds a database with an older commit's code and
upgrades it with today's. `dump` writes what the database stores (see
dump()).
"""
import importlib.abc
import importlib.util
import json
import runpy
import sys
from pathlib import Path

PREFIX = 'trytond.modules.'


class OtherModules(importlib.abc.MetaPathFinder):
    "Find trytond.modules.<name>[.sub] in directory/<name>"

    def __init__(self, directory):
        self.directory = Path(directory)
        self.names = {p.parent.name
            for p in self.directory.glob('*/tryton.cfg')}

    def find_spec(self, fullname, path=None, target=None):
        if not fullname.startswith(PREFIX):
            return None
        parts = fullname[len(PREFIX):].split('.')
        if parts[0] not in self.names:
            return None
        location = self.directory.joinpath(*parts)
        if location.is_dir():
            return importlib.util.spec_from_file_location(
                fullname, location / '__init__.py',
                submodule_search_locations=[str(location)])
        return importlib.util.spec_from_file_location(
            fullname, location.with_suffix('.py'))


# Fields that change on any upgrade without any loss
CHANGING = {'write_date', 'write_uid'}


def dump(database, out):
    """Write {model: {id: {field: value}}} of the stored fields of every
    table-backed model but Tryton's own ir ones (views, caches, sessions:
    an upgrade rewrites them), the versions of those keeping a history
    {model: {version: {column: value}}}, the XML ids {module.fs_id:
    [model, db_id]} and the views whose file is not found, as JSON"""
    from sql import Column

    from trytond.model import ModelSingleton, ModelSQL, fields
    from trytond.pool import Pool
    from trytond.transaction import Transaction

    def stored(field):
        return not isinstance(field, (
                fields.Function, fields.One2Many, fields.Many2Many,
                fields.MultiValue, fields.Binary))

    def value(v):
        if hasattr(v, 'id'):
            return v.id
        if isinstance(v, (list, tuple)):
            return [value(x) for x in v]
        return v if v is None or isinstance(v, (bool, int)) else str(v)

    pool = Pool(database)
    pool.init()
    result = {'models': {}, 'xml_ids': {}}
    with Transaction().start(database, 0, readonly=True):
        for name, Model in pool.iterobject():
            if (not issubclass(Model, ModelSQL) or callable(Model.table_query)
                    or name.startswith('ir.')
                    or name.startswith('res.user.')):
                continue
            # a singleton without its row reads as made now
            changing = CHANGING | (
                {'create_date', 'create_uid'}
                if issubclass(Model, ModelSingleton) else set())
            names = sorted(n for n, f in Model._fields.items()
                if stored(f) and n not in changing
                and not getattr(f, 'translate', False))
            with Transaction().set_context(active_test=False):
                records = Model.search([], order=[('id', 'ASC')])
            result['models'][name] = {
                str(r['id']): {n: value(r[n]) for n in names}
                for r in Model.read([r.id for r in records], names)}
        # every version of the models that keep a history, by its
        # columns (renamed columns must keep their versions' values)
        result['history'] = {}
        cursor = Transaction().connection.cursor()
        for name, Model in pool.iterobject():
            if (not issubclass(Model, ModelSQL) or callable(Model.table_query)
                    or not Model._history):
                continue
            history = Model.__table_history__()
            names = sorted(n for n, f in Model._fields.items()
                if stored(f) and n not in CHANGING)
            cursor.execute(*history.select(Column(history, '__id'),
                    *(Column(history, n) for n in names)))
            result['history'][name] = {
                str(row[0]): dict(zip(names, map(value, row[1:])))
                for row in cursor}
        ModelData = pool.get('ir.model.data')
        for data in ModelData.search([]):
            result['xml_ids'][f'{data.module}.{data.fs_id}'] = [
                data.model, data.db_id]
        # a view read from its module's file that cannot be read
        View = pool.get('ir.ui.view')
        result['broken_views'] = sorted(
            f'{v.module}/view/{v.name}.xml' for v in View.search([])
            if v.name and v.module and not v.arch)
    Path(out).write_text(json.dumps(result, sort_keys=True))


def main(argv):
    directory, command, *args = argv
    sys.meta_path.insert(0, OtherModules(directory))
    if command == 'admin':
        from trytond.cli.admin import main
        sys.argv = ['trytond-admin', *args]
        return main()
    if command == 'script':
        sys.argv = args
        runpy.run_path(args[0], run_name='__main__')
        return 0
    if command == 'dump':
        from trytond import config
        *options, out = args
        options = dict(zip(options[::2], options[1::2]))
        config.update_etc(options.get('-c'))
        dump(options['-d'], out)
        return 0
    raise SystemExit(f"unknown command {command}")


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
