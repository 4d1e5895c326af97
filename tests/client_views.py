"""Check views against what the two Tryton clients can draw.

Both clients pick the widget of a field by its `widget` attribute, or by
the field's type when there is none, in a table of their own: one for
lists, one for forms. A name missing from the table breaks the view: sao
hangs on "Processing" (`ColumnFactory is not a constructor`), the desktop
client stops with a KeyError. A DateTime field in a list, for instance,
has no widget of its own in either: it is shown as two columns, widget
"date" and widget "time", as Tryton's own lists do.

The tables are read from the clients' own code: the desktop client's
Python source (the `tryton` package, installed without its GTK libraries
by scripts/_env.sh) and sao's tryton-sao.js (installed by scripts/demo).
"""
import ast
import importlib.util
import re
from pathlib import Path

from lxml import etree

__all__ = ['desktop_widgets', 'sao_widgets', 'view_problems']


def desktop_widgets():
    "{'tree': names, 'form': names} of the desktop client's view parsers"
    spec = importlib.util.find_spec('tryton')
    if spec is None:
        raise AssertionError(
            "the desktop client's code is missing: "
            "pip install --no-deps 'tryton>=8.0,<8.1' (scripts/_env.sh)")
    root = Path(spec.submodule_search_locations[0])
    view = root / 'gui' / 'window' / 'view_form' / 'view'
    return {
        'tree': _class_widgets(view / 'list.py', 'TreeXMLViewParser'),
        'form': _class_widgets(view / 'form.py', 'FormXMLViewParser'),
        }


def _class_widgets(path, class_name):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            for statement in node.body:
                if (isinstance(statement, ast.Assign)
                        and statement.targets[0].id == 'WIDGETS'):
                    return {k.value for k in statement.value.keys}
    raise AssertionError(f"no {class_name}.WIDGETS in {path}")


def sao_widgets(sao_js):
    "{'tree': names, 'form': names} of sao's view parsers"
    source = Path(sao_js).read_text()
    widgets = {}
    for view_type, parser in [
            ('tree', 'TreeXMLViewParser'), ('form', 'FormXMLViewParser')]:
        match = re.search(
            r'Sao\.View\.%s\.WIDGETS = \{(.*?)\};' % parser, source, re.S)
        if not match:
            raise AssertionError(f"no {parser}.WIDGETS in {sao_js}")
        widgets[view_type] = set(re.findall(r"'(\w+)'\s*:", match.group(1)))
    return widgets


def view_problems(arch, fields, view_type, clients):
    """The fields of the view (arch and fields as fields_view_get returns
    them) that a client cannot draw: [(client, field, widget)]"""
    problems = []
    if view_type not in ('tree', 'form'):
        return problems
    for node in etree.fromstring(arch.encode()).iter('field'):
        name = node.get('name')
        if name not in fields:
            continue
        widget = node.get('widget') or fields[name]['type']
        for client, widgets in clients.items():
            if widget not in widgets[view_type]:
                problems.append((client, name, widget))
    return problems
