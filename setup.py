"""The packages and entry points of the modules, found in modules/.

Each directory of modules/ with a tryton.cfg is a Tryton module installed
as trytond.modules.<name>, with its tests package: a module without
tests/ does not install. The project's metadata is in pyproject.toml.
"""
from pathlib import Path

from setuptools import setup

ROOT = Path(__file__).resolve().parent
MODULES = sorted(p.parent.name for p in ROOT.glob('modules/*/tryton.cfg'))

package_dir, packages, entry_points = {}, [], []
for name in MODULES:
    tests = ROOT / 'modules' / name / 'tests' / '__init__.py'
    if not tests.exists():
        raise SystemExit(f"modules/{name} has no tests package ({tests})")
    package = f'trytond.modules.{name}'
    package_dir[package] = f'modules/{name}'
    package_dir[f'{package}.tests'] = f'modules/{name}/tests'
    packages += [package, f'{package}.tests']
    entry_points.append(f'{name} = {package}')

setup(
    packages=packages,
    package_dir=package_dir,
    entry_points={'trytond.modules': entry_points},
    )
