"""Bridge so that pytest runs the proteus scenario doctests.

pytest ignores unittest's load_tests protocol used by Tryton's
test_scenario.py files, so every scenario_*.rst below modules/ and tests/
is collected here as one test, with the same set-up, checker and option
flags as trytond.tests.test_tryton.load_doc_tests (and its .json variants).
"""
import doctest
import hashlib
import json
import unittest
from pathlib import Path

import pytest


def pytest_collect_file(parent, file_path):
    if file_path.suffix == '.rst' and file_path.name.startswith('scenario_'):
        return ScenarioFile.from_parent(parent, path=file_path)


class ScenarioFile(pytest.File):

    def collect(self):
        config = self.path.with_suffix('.json')
        configs = [{}]
        if config.exists():
            configs = json.loads(config.read_text())
        for i, globs in enumerate(configs):
            name = self.path.name if len(configs) == 1 else (
                f'{self.path.name}[{i}]')
            yield ScenarioItem.from_parent(self, name=name, globs=globs)


class ScenarioFailure(Exception):
    pass


class ScenarioItem(pytest.Item):

    def __init__(self, *, globs, **kwargs):
        super().__init__(**kwargs)
        self.globs = globs

    def runtest(self):
        from trytond import backend
        from trytond.tests.test_tryton import (
            STRIP_DECIMAL, doctest_checker, doctest_setup, doctest_teardown)
        flags = (doctest.REPORT_ONLY_FIRST_FAILURE | doctest.ELLIPSIS
            | doctest.IGNORE_EXCEPTION_DETAIL)
        if backend.name == 'sqlite':
            flags |= STRIP_DECIMAL
        suite = doctest.DocFileSuite(
            str(self.path), module_relative=False, globs=dict(self.globs),
            setUp=doctest_setup, tearDown=doctest_teardown,
            encoding='utf-8', checker=doctest_checker, optionflags=flags)
        result = unittest.TestResult()
        suite.run(result)
        problems = result.failures + result.errors
        if problems:
            raise ScenarioFailure('\n'.join(text for _, text in problems))

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, ScenarioFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, f'scenario {self.name}'


# The test database cache (DB_CACHE), in layers and per set of modules.
# - Tryton caches a scenario's database under its modules and set-up
#   functions together (activate_modules(modules, create_company)), and a
#   ModuleTestCase's under its modules in the order given; so a module's
#   test case and its scenarios each activated the same modules from
#   scratch. Here the set-up runs on the cached database of the modules
#   alone, which the test case shares (its module names sorted as the
#   scenarios' are). The databases are the same; only when they are built
#   changes.
# - Each cached database is named with a hash of the code and data of the
#   modules it holds (with their dependencies, Tryton's included), so that
#   a change of one module rebuilds only the databases that hold it, and
#   never restores a stale one.
_module_hashes = {}


def _module_hash(name):
    "A hash of a module's code and data (tests excluded)"
    if name not in _module_hashes:
        from trytond.modules import get_module_info
        info = get_module_info(name)
        digest = hashlib.sha1(name.encode())
        directory = Path(info['directory'])
        for path in sorted(directory.rglob('*')):
            relative = path.relative_to(directory)
            if (path.suffix in {'.py', '.xml', '.cfg'}
                    and 'tests' not in relative.parts
                    and path.is_file()):
                digest.update(str(relative).encode())
                digest.update(path.read_bytes())
        _module_hashes[name] = (digest.hexdigest(), info.get('depends', []))
    return _module_hashes[name]


def modules_hash(modules):
    "A short hash of modules and all they depend on"
    seen, todo = set(), list(modules)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_module_hash(name)[1])
    digest = hashlib.sha1()
    for name in sorted(seen):
        digest.update(_module_hash(name)[0].encode())
    return digest.hexdigest()[:12]


# The patches below replace private functions of trytond.tests, read in
# Tryton 8.0: another series may have changed them without a word.
PATCHED_SERIES = '8.0'
PATCHED = {
    'trytond.tests.test_tryton': [
        'activate_module', '_db_cache_file', 'restore_db_cache',
        'backup_db_cache'],
    'trytond.tests.tools': ['activate_modules', '_func_name', '_get_config'],
    }


def _check_patched():
    "Fail at once where the patched functions are not the ones read"
    import importlib

    import trytond
    series = '.'.join(trytond.__version__.split('.')[:2])
    if series != PATCHED_SERIES:
        raise RuntimeError(
            f"conftest.py patches trytond.tests as Tryton {PATCHED_SERIES} "
            f"has it; this is Tryton {trytond.__version__}: read the "
            "patched functions again before changing PATCHED_SERIES")
    for module, names in PATCHED.items():
        module = importlib.import_module(module)
        missing = [n for n in names if not callable(getattr(module, n, None))]
        if missing:
            raise RuntimeError(
                f"conftest.py patches {module.__name__}."
                f"{', '.join(missing)}, which Tryton "
                f"{trytond.__version__} does not have")


def _layered_db_cache():
    from trytond.tests import test_tryton, tools

    _check_patched()

    activate_modules = tools.activate_modules
    activate_module = test_tryton.activate_module
    db_cache_file = test_tryton._db_cache_file

    def activate_module_sorted(modules, lang='en'):
        if not isinstance(modules, str):
            modules = sorted(modules)
        return activate_module(modules, lang=lang)

    def activate_modules_layered(modules, *setup):
        if not setup:
            return activate_modules(modules)
        if isinstance(modules, str):
            modules = [modules]
        name = '-'.join(sorted(modules)) + '--' + '|'.join(
            tools._func_name(f) for f in setup)
        if test_tryton.restore_db_cache(name):
            return tools._get_config()
        config = activate_modules(modules)
        for func in setup:
            func(config=config)
        test_tryton.backup_db_cache(name)
        return config

    def db_cache_file_hashed(path, name):
        # the name starts with the modules joined by "-" (their names have
        # none), then "--" and the set-up or language
        modules = name.split('--', 1)[0].split('-')
        return db_cache_file(path, f'{name}@{modules_hash(modules)}')

    test_tryton.activate_module = activate_module_sorted
    tools.activate_modules = activate_modules_layered
    test_tryton._db_cache_file = db_cache_file_hashed


_layered_db_cache()
